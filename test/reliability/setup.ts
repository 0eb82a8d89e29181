import fs, {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {demo, type Emulator} from '../../source/emulator/index.js';
import type {GrantKind} from '../../source/providers/types.js';
import {connectionKey, openStore, type Connection, type ConnectionKey} from '../../source/store/index.js';
import {startCli, type CliOptions, type CliResult} from '../helpers/cli.js';

export {loginEbay, loginEtsy} from '../helpers/logins.js';

export const etsyKey = connectionKey({provider: 'etsy'});
export const ebaySandboxKey = connectionKey({provider: 'ebay', environment: 'sandbox'});
export const sandboxApp = demo.ebay.sandbox;

/** Makes the saved access token expired, through the store's API and under its lock, as any writer must. */
export async function expireToken(options: {configDir: string; key?: ConnectionKey; grant?: GrantKind}): Promise<void> {
	const {configDir, key = etsyKey, grant = 'user'} = options;
	const store = openStore({configDir});
	await store.withLock(async () => {
		store.update(key, current => {
			const record = current?.[grant];
			if (!current || !record) {
				throw new Error(`nothing saved to expire for ${key.provider} ${grant}`);
			}

			return {...current, [grant]: {...record, token: {...record.token, expiresAt: Date.now() - 1000}}};
		});
	});
}

export function savedConnection(configDir: string, key: ConnectionKey = etsyKey): Connection | undefined {
	return openStore({configDir}).get(key);
}

export function configFile(configDir: string): string {
	return path.join(configDir, 'config.json');
}

export function lockFile(configDir: string): string {
	return `${configFile(configDir)}.lock`;
}

export function readIfExists(file: string): string | undefined {
	return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Asks the emulator's Etsy users/me whether `accessToken` is a live token; true on 200. */
export async function etsyTokenWorks(emulator: Emulator, accessToken: string): Promise<boolean> {
	const response = await fetch(`${emulator.env.MKT_WIZARD_ETSY_API_URL!}/application/users/me`, {
		headers: {'x-api-key': `${demo.etsy.keystring}:${demo.etsy.sharedSecret}`, authorization: `Bearer ${accessToken}`},
	});
	await response.arrayBuffer();
	return response.status === 200;
}

/** Polls `condition` every 10 ms until it holds; throws after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}

		await sleep(10);
	}
}

/** A run that cannot hang the suite: a CLI still running after 20 s (a FIFO read blocks forever) is killed and reported as hung. */
export async function runBounded(args: string[], env: NodeJS.ProcessEnv, options: CliOptions = {}): Promise<CliResult & {hung: boolean}> {
	const run = startCli(args, env, '', options);
	let timer: NodeJS.Timeout | undefined;
	const hung = new Promise<'hung'>(resolve => {
		timer = setTimeout(() => resolve('hung'), 20_000);
	});
	const outcome = await Promise.race([run.done, hung]);
	clearTimeout(timer);
	if (outcome === 'hung') {
		run.kill('SIGKILL');
		return {...await run.done, hung: true};
	}

	return {...outcome, hung: false};
}

/** Fills the file system holding `dir` until it refuses (ENOSPC), then frees `freeBytes` of it. */
export function fillDisk(dir: string, freeBytes = 0): string {
	const filler = path.join(dir, `filler-${Math.random().toString(16).slice(2)}`);
	const fd = fs.openSync(filler, 'w');
	const block = Buffer.alloc(4096, 1);
	try {
		for (;;) {
			fs.writeSync(fd, block);
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') {
			throw error;
		}
	} finally {
		fs.closeSync(fd);
	}

	if (freeBytes > 0) {
		fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - freeBytes));
	}

	return filler;
}

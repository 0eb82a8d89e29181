import {spawn} from 'node:child_process';
import {chmodSync, chownSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import type {Environment, ProviderId} from '../../source/providers/types.js';
import type {Connection, ConnectionKey} from '../../source/store/index.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let bundled: Promise<string> | undefined;

/**
 * The store's sources bundled into one ES module for child processes, which
 * then start in plain node (a quarter of the time tsx takes: 32 of them run at once).
 * Built once per test process in a folder every user can read.
 */
export async function storeModule(): Promise<string> {
	bundled ??= (async () => {
		const folder = tempDir('store-bundle');
		chmodSync(folder, 0o755);
		process.once('exit', () => {
			removeTempDir(folder);
		});
		const outfile = path.join(folder, 'store.mjs');
		await build({
			entryPoints: [path.join(repoRoot, 'source/store/index.ts')],
			bundle: true,
			platform: 'node',
			format: 'esm',
			outfile,
			banner: {js: 'import {createRequire as __createRequire} from \'node:module\'; const require = __createRequire(import.meta.url);'},
			logLevel: 'warning',
		});
		chmodSync(outfile, 0o644);
		return outfile;
	})();
	return bundled;
}

/** A throw-away folder for one test; the config folder goes inside it. */
export function tempRoot(): {root: string; configDir: string; cleanup: () => void} {
	const root = tempDir('store');
	return {
		root,
		configDir: path.join(root, 'config'),
		cleanup() {
			// A test may leave a folder without permissions behind.
			try {
				chmodSync(path.join(root, 'config'), 0o700);
			} catch {}

			removeTempDir(root);
		},
	};
}

export function sampleConnection(key: {provider: ProviderId; environment: Environment}, clientId = `${key.provider}-${key.environment}-client`): Connection {
	return {
		provider: key.provider,
		environment: key.environment,
		clientId,
		clientSecret: 'shared-secret-1a2b',
		redirect: key.provider === 'etsy' ? 'http://localhost:3000/callback' : 'Seller-App-PRD-runame',
		user: {
			scopes: ['shops_r'],
			token: {accessToken: '12345.access', tokenType: 'Bearer', expiresAt: 1_900_000_000_000, refreshToken: '12345.refresh', obtainedAt: 1_800_000_000_000},
			identity: {userId: '12345'},
			verifiedAt: 1_800_000_000_000,
		},
		updatedAt: 1_800_000_000_000,
	};
}

export function connectionFor(key: ConnectionKey, clientId?: string): Connection {
	return sampleConnection(key, clientId);
}

export type ChildResult = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string};

export type ChildOptions = {
	readonly uid?: number;
	readonly gid?: number;
	/** Resolves `started` once the child prints this line to stdout. */
	readonly readyLine?: string;
	/** Added to the child's environment (PATH and HOME only, otherwise). */
	readonly env?: Readonly<Record<string, string>>;
};

export type Child = {
	readonly done: Promise<ChildResult>;
	/** Resolves when the child printed `readyLine`. */
	readonly ready: Promise<void>;
	readonly pid: number;
	kill(signal: NodeJS.Signals): void;
};

/** Runs an ES module snippet in a fresh node; it imports the store from `await storeModule()`. */
export function runScript(code: string, options: ChildOptions = {}): Child {
	const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
		cwd: repoRoot,
		env: {PATH: process.env.PATH, HOME: os.tmpdir(), ...options.env},
		stdio: ['ignore', 'pipe', 'pipe'],
		...(options.uid === undefined ? {} : {uid: options.uid, gid: options.gid ?? options.uid}),
	});
	let stdout = '';
	let stderr = '';
	let markReady: () => void = () => {};
	const ready = new Promise<void>(resolve => {
		markReady = resolve;
	});
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
		if (options.readyLine && stdout.split('\n').includes(options.readyLine)) {
			markReady();
		}
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const done = new Promise<ChildResult>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => {
			markReady();
			resolve({code, signal, stdout, stderr});
		});
	});
	return {done, ready, pid: child.pid!, kill: signal => child.kill(signal)};
}

/** Runs a snippet to the end and fails the test on a non-zero exit. */
export async function runScriptOk(code: string, options: ChildOptions = {}): Promise<string> {
	const result = await runScript(code, options).done;
	if (result.code !== 0) {
		throw new Error(`child exited ${result.code ?? result.signal}: ${result.stderr}`);
	}

	return result.stdout;
}

/**
 * Permission tests need a user the file modes apply to: root reads anything,
 * so as root the child runs as `nobody` (65534) and `dirs` are handed to it.
 */
export function otherUser(dirs: {root: string; configDir: string}): {uid?: number; gid?: number} {
	if (process.getuid?.() !== 0) {
		return {};
	}

	chmodSync(dirs.root, 0o711);
	chownSync(dirs.configDir, 65_534, 65_534);
	return {uid: 65_534, gid: 65_534};
}

/** A child that takes the lock, says `locked`, waits for `releaseFile` to appear, then saves `written by the holder` as the Etsy client id. */
export function holderScript(storeModulePath: string, configDir: string, options: {staleMs: number; releaseFile?: string}): string {
	return `
		import {existsSync} from 'node:fs';
		import {setTimeout as sleep} from 'node:timers/promises';
		import {openStore, connectionKey} from ${JSON.stringify(storeModulePath)};
		const store = openStore({configDir: ${JSON.stringify(configDir)}});
		const key = connectionKey({provider: 'etsy'});
		await store.withLock(async () => {
			console.log('locked');
			for (;;) {
				await sleep(20);
				if (${JSON.stringify(options.releaseFile ?? '')} && existsSync(${JSON.stringify(options.releaseFile ?? '')})) {
					break;
				}
			}
			store.update(key, current => ({...current, clientId: 'written by the holder'}));
		}, {staleMs: ${options.staleMs}});
	`;
}

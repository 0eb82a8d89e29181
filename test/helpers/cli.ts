// The built CLI (dist/cli.cjs) as a child process. Every run is recorded for the file's secret
// scan (secret-scan.ts), which a file that runs the CLI turns on with scanCliRunsForSecrets().
import {spawn} from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import {portIsFree} from '../../source/wizard/free-port.js';
import {assertDistCurrent, cliPath} from './dist.js';
import {assertSecretScanOn, recordCliRun} from './secret-scan.js';

export {cliPath} from './dist.js';

export type CliResult = {code: number | null; stdout: string; stderr: string};

export type CliRun = {
	/** Resolves when the process exits. */
	done: Promise<CliResult>;
	/** Resolves with the first stderr match of `pattern`. */
	waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
	write(text: string): void;
	end(): void;
	kill(signal?: NodeJS.Signals): void;
	stderr(): string;
	/** The process id (of the wrapper, when `wrap` is given). */
	readonly pid: number | undefined;
};

/** The environment every CLI test runs in: no real home, no browser, no CI quirks. */
export function testEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: path.join(os.tmpdir(), 'mkt-wizard-no-home'),
		BROWSER: 'none',
		NO_COLOR: '1',
		...extra,
	};
	for (const [name, value] of Object.entries(env)) {
		if (value === undefined) {
			delete env[name];
		}
	}

	return env;
}

export type CliOptions = {
	/** Run as this user (tests running as root use `nobody`, 65534, to meet file modes). */
	readonly uid?: number;
	readonly gid?: number;
	/** A command the CLI runs under, e.g. `['unshare', '-m', 'sh', '-c', 'mount … && exec "$@"', 'sh']`; node and the CLI's arguments follow it. */
	readonly wrap?: readonly string[];
};

/** Starts the built CLI. stdin stays open until end() unless `input` is given. */
export function startCli(args: string[], env: NodeJS.ProcessEnv, input?: string, options: CliOptions = {}): CliRun {
	assertReadyToRunCli();
	const command = [...(options.wrap ?? []), process.execPath, cliPath, ...args];
	const child = spawn(command[0]!, command.slice(1), {
		env,
		stdio: ['pipe', 'pipe', 'pipe'],
		...(options.uid === undefined ? {} : {uid: options.uid, gid: options.gid ?? options.uid}),
	});
	let stdout = '';
	let stderr = '';
	const waiters: Array<{pattern: RegExp; resolve: (m: RegExpMatchArray) => void}> = [];
	child.stdout.on('data', chunk => {
		stdout += chunk;
	});
	child.stderr.on('data', chunk => {
		stderr += chunk;
		for (const waiter of [...waiters]) {
			const match = stderr.match(waiter.pattern);
			if (match) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve(match);
			}
		}
	});
	if (input !== undefined) {
		child.stdin.end(input);
	}

	const done = new Promise<CliResult>(resolve => {
		child.on('close', code => {
			recordCliRun({args, env, stdout, stderr});
			resolve({code, stdout, stderr});
		});
	});
	return {
		done,
		async waitForStderr(pattern, timeoutMs = 15_000) {
			const match = stderr.match(pattern);
			if (match) {
				return match;
			}

			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`stderr never matched ${pattern}; it was:\n${stderr}`)), timeoutMs);
				waiters.push({pattern, resolve: m => {
					clearTimeout(timer);
					resolve(m);
				}});
				void done.then(() => {
					clearTimeout(timer);
					reject(new Error(`process exited before stderr matched ${pattern}; stderr:\n${stderr}`));
				});
			});
		},
		write: text => child.stdin.write(text),
		end: () => child.stdin.end(),
		kill: signal => child.kill(signal),
		stderr: () => stderr,
		pid: child.pid,
	};
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv, input = '', options: CliOptions = {}): Promise<CliResult> {
	return startCli(args, env, input, options).done;
}

/**
 * A port free on both loopback addresses right now, for a redirect URI the test registers.
 * Drawn below Linux's ephemeral range (32768 and up), where the servers other test files
 * start on port 0 are placed, so one of them cannot take it before the test listens.
 */
export async function freePort(): Promise<number> {
	for (;;) {
		const port = 20_000 + Math.floor(Math.random() * 12_000);
		if (await portIsFree(port, ['127.0.0.1', '::1'])) {
			return port;
		}
	}
}

/** What a browser does with the emulator's redirect: follow it to our callback server. */
export async function followRedirect(location: string): Promise<{status: number; body: string}> {
	const response = await fetch(location, {redirect: 'manual'});
	return {status: response.status, body: await response.text()};
}

/** What every way of starting the CLI checks first: the build is current, and the file scans the runs for secrets. */
export function assertReadyToRunCli(): void {
	assertDistCurrent();
	assertSecretScanOn();
}

import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const cliPath = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

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

/** A throw-away config folder; removed with cleanup(). */
export function tempConfigDir(): {dir: string; cleanup: () => void} {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'mkt-wizard-test-'));
	return {dir, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

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
		child.on('close', code => resolve({code, stdout, stderr}));
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

/** A port free on both loopback addresses right now, for a redirect URI the test registers. */
export async function freePort(): Promise<number> {
	for (;;) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = net.createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const {port} = server.address() as net.AddressInfo;
				server.close(() => resolve(port));
			});
		});
		const freeOnV6 = await new Promise<boolean>(resolve => {
			const server = net.createServer();
			server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT'));
			server.listen(port, '::1', () => server.close(() => resolve(true)));
		});
		if (freeOnV6) {
			return port;
		}
	}
}

/** Every file under a folder, with its bytes as text: for secret-leak checks. */
export function readTree(dir: string): Array<{file: string; text: string}> {
	const files: Array<{file: string; text: string}> = [];
	for (const entry of readdirSync(dir, {withFileTypes: true})) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			files.push(...readTree(full));
		} else if (statSync(full).isFile()) {
			files.push({file: full, text: readFileSync(full, 'utf8')});
		}
	}

	return files;
}

/** Fails when any secret appears in any of the texts. */
export function findLeaks(texts: Record<string, string>, secrets: string[]): string[] {
	const leaks: string[] = [];
	for (const [where, text] of Object.entries(texts)) {
		for (const secret of secrets) {
			if (secret.length >= 6 && text.includes(secret)) {
				leaks.push(`${where} contains a secret ending …${secret.slice(-4)}`);
			}
		}
	}

	return leaks;
}

/** What a browser does with the emulator's redirect: follow it to our callback server. */
export async function followRedirect(location: string): Promise<{status: number; body: string}> {
	const response = await fetch(location, {redirect: 'manual'});
	return {status: response.status, body: await response.text()};
}

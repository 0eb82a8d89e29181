// The built CLI (dist/cli.cjs) as a child process, and the secret scan of what its runs print and
// leave: a file that runs the CLI calls scanCliRunsForSecrets() once; running it without that fails.
import {spawn} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after} from 'node:test';
import {portIsFree} from '../../source/wizard/free-port.js';
import {resolveConfigDir} from '../../source/store/config-location.js';
import {assertDistCurrent, cliPath} from './dist.js';

export {cliPath} from './dist.js';
// For the files that have not moved to tempDir yet.
export {tempConfigDir} from './temp-dir.js';

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

/** One CLI run as the secret check sees it: what it printed, and the files beside its config that are not the config. */
export type RecordedRun = {
	readonly args: readonly string[];
	readonly stdout: string;
	readonly stderr: string;
	/** Files in the config folder other than config.json and its moved-aside or in-flight copies, as they were when the run ended. */
	readonly files: Readonly<Record<string, string>>;
};

const recordedRuns: RecordedRun[] = [];
const knownSecrets = new Set<string>();

/** Every CLI run of this test process so far (for the secret check). */
export function recordedCliRuns(): readonly RecordedRun[] {
	return recordedRuns;
}

/** Every client secret, shared secret and token this process has seen the CLI hold: in its environment, its config files, a `token` run's output. */
export function secretsSeen(): ReadonlySet<string> {
	return knownSecrets;
}

/** Where the config (and only the config) may hold secrets: config.json, its moved-aside copies, its temporary copy mid-write, a recovery file (0600) kept when a save failed. */
export function isConfigCopy(name: string): boolean {
	return name === 'config.json' || name.startsWith('config.json.corrupt-') || /^config\.json\.(?:tmp|recovery)-/.test(name);
}

function collectSecrets(value: unknown): void {
	if (Array.isArray(value)) {
		value.forEach(collectSecrets);
	} else if (typeof value === 'object' && value !== null) {
		for (const [key, inner] of Object.entries(value)) {
			if ((key === 'clientSecret' || key === 'accessToken' || key === 'refreshToken') && typeof inner === 'string') {
				knownSecrets.add(inner);
			} else {
				collectSecrets(inner);
			}
		}
	}
}

function configDirOf(env: NodeJS.ProcessEnv): string | undefined {
	try {
		return resolveConfigDir(env);
	} catch {
		return undefined;
	}
}

/** Adds a run to the secret check: its environment and config files say which secrets exist, its output must hold none. */
export function recordCliRun(run: {args: readonly string[]; env: NodeJS.ProcessEnv; stdout: string; stderr: string}): void {
	for (const name of ['ETSY_SHARED_SECRET', 'EBAY_CLIENT_SECRET']) {
		const value = run.env[name];
		if (value) {
			knownSecrets.add(value);
		}
	}

	if (run.args[0] === 'token' && run.stdout.trim() !== '') {
		// --headers prints `Name: value` lines: each value, and the bearer token inside, is a secret.
		const values = run.args.includes('--headers') ? run.stdout.trim().split('\n').flatMap(line => [line.slice(line.indexOf(': ') + 2), line.replace(/^Authorization: Bearer /, '')]) : [run.stdout.trim()];
		for (const value of values) {
			knownSecrets.add(value);
		}
	}

	const files: Record<string, string> = {};
	const dir = configDirOf(run.env);
	let names: string[] = [];
	try {
		names = dir ? readdirSync(dir) : [];
	} catch {}

	for (const name of names) {
		const full = path.join(dir!, name);
		let text: string;
		try {
			const stat = statSync(full);
			// A test's oversized config (hundreds of MB, sparse) is refused by the CLI unread: not read here either.
			if (!stat.isFile() || stat.size > 4 * 1024 * 1024) {
				continue;
			}

			text = readFileSync(full, 'utf8');
		} catch {
			continue;
		}

		if (isConfigCopy(name)) {
			try {
				collectSecrets(JSON.parse(text));
			} catch {}
		} else {
			files[full] = text;
		}
	}

	recordedRuns.push({args: [...run.args], stdout: run.stdout, stderr: run.stderr, files});
}

/**
 * Where each run's secrets may appear: only a `token` run's stdout (the
 * token it prints) and `emulator`'s (it prints the emulator's demo
 * credentials on purpose). Everything else a run printed or left beside the
 * config is checked against every secret this process has seen.
 */
export function leaksInRecordedRuns(): string[] {
	const secrets = [...knownSecrets];
	const leaks: string[] = [];
	for (const run of recordedRuns) {
		const label = `mkt-wizard ${run.args.join(' ')}`;
		const texts: Record<string, string> = {[`${label}: stderr`]: run.stderr};
		if (run.args[0] !== 'token' && run.args[0] !== 'emulator') {
			texts[`${label}: stdout`] = run.stdout;
		}

		for (const [file, text] of Object.entries(run.files)) {
			texts[`${label}: file ${file}`] = text;
		}

		leaks.push(...findLeaks(texts, secrets));
	}

	return leaks;
}

/** What the check covered in this test file, for the readme's Reliability table (see test/reliability/tally.ts). */
function saveScanCounts(leaks: number): void {
	const file = path.basename(process.argv[1] ?? 'unknown');
	const dir = path.join(os.tmpdir(), 'mkt-wizard-reliability', process.env.MKT_WIZARD_STRESS === '1' ? 'stress' : 'test', 'secret-scan');
	try {
		mkdirSync(dir, {recursive: true});
		writeFileSync(path.join(dir, `${file}.json`), `${JSON.stringify({file, runs: recordedRuns.length, secrets: knownSecrets.size, files: recordedRuns.reduce((sum, run) => sum + Object.keys(run.files).length, 0), leaks, finishedAt: new Date().toISOString()})}\n`);
	} catch {}
}

let scanning = false;

/**
 * Call once at the top of a test file that runs the CLI: when its tests have ended, nothing
 * secret may be in what any run printed or left beside the config (the file fails otherwise).
 */
export function scanCliRunsForSecrets(): void {
	if (scanning) {
		return;
	}

	scanning = true;
	after(() => {
		const leaks = leaksInRecordedRuns();
		if (recordedRuns.length > 0) {
			saveScanCounts(leaks.length);
		}

		if (leaks.length > 0) {
			throw new Error(`Secrets in CLI output or files (${leaks.length}):\n${leaks.slice(0, 20).join('\n')}`);
		}
	});
}

/** What every way of starting the CLI checks first: the build is current, and the file scans the runs for secrets. */
export function assertReadyToRunCli(): void {
	assertDistCurrent();
	if (!scanning) {
		throw new Error('This test file runs the CLI without the secret scan: call scanCliRunsForSecrets() at its top (test/helpers/cli.ts).');
	}
}

// The secret scan of the CLI runs of one test file: what each run printed and left beside its
// config must hold no secret the process has seen (from the runs' environments, their config
// files and what `token` printed). A file that runs the CLI calls scanCliRunsForSecrets() once,
// at its top; starting the CLI without that fails (cli.ts, pty.ts).
import {mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after} from 'node:test';
import {resolveConfigDir} from '../../source/store/config-location.js';

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

/** Throws unless this file called scanCliRunsForSecrets(): what starting the CLI checks first. */
export function assertSecretScanOn(): void {
	if (!scanning) {
		throw new Error('This test file runs the CLI without the secret scan: call scanCliRunsForSecrets() at its top (test/helpers/secret-scan.ts).');
	}
}

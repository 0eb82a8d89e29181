// `npm run bench`: measures the built package (dist/) against bare Node on this machine.
// Every timed row runs interleaved with its baseline, after a warm-up, and is reported as
// median, min-max and the ratio of medians to the baseline of the same run:
//   - spawned commands, until the process exits, against `node -e 0`;
//   - the wizard's first frame on a 100x30 pseudo-terminal (the first output holding its
//     header "mkt-wizard ·"), against `node -e "…"` printing that header in a pty;
//   - `token etsy` needing a refresh, with the emulator's own time (seen through a timing
//     proxy) reported apart; login's callback → result, likewise.
// Options: --runs N (default 15), --write-readme (replaces readme.md's performance section).
// Run with tsx (the npm script does): it starts the emulator from source/.
import {execFileSync, spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import pty from 'node-pty';
import {demo, emulatorEnv, startEmulator} from '../../source/emulator/index.js';
import {startPostgres} from '../helpers/postgres.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(root, 'dist', 'cli.cjs');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 15;
const cleanEnv = args.includes('--clean-env');
const warmups = 2;
const header = 'mkt-wizard ·';
const settleMs = 250;
const work = mkdtempSync(path.join(os.tmpdir(), 'mkt-wizard-bench-'));
const rssScript = path.join(work, 'rss.cjs');
// The floor under the wizard's cold row: Ink, React and yoga from our own bundle, compiled with no
// code cache, drawing a title and two lines, and nothing of mkt-wizard's own.
const bareInkScript = path.join(work, 'bare-ink.cjs');
writeFileSync(bareInkScript, [
	`const {react: React, ink: {render, Box, Text}} = require(${JSON.stringify(path.join(root, 'dist', 'vendor', 'ui.cjs'))});`,
	'const h = React.createElement;',
	`render(h(Box, {flexDirection: 'column'}, h(Text, {bold: true}, ${JSON.stringify(`${header} step 1 of 7 · Choose a marketplace`)}), h(Text, null, '❯ Etsy'), h(Text, null, '  eBay')));`,
	'',
].join('\n'));
writeFileSync(rssScript, 'process.on("exit", () => require("node:fs").writeFileSync(process.env.MKT_BENCH_RSS, String(process.resourceUsage().maxRSS * 1024)));\n');

const stripAnsi = text => text.replaceAll(/\u001B(?:\[[\d;?]*[ -/]*[@-~]|\][^\u0007]*\u0007|[()][\dA-Za-z])/g, '');
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * The environment Node starts in on this machine is part of its start-up time (here,
 * NODE_EXTRA_CA_CERTS makes every start read a CA bundle): children inherit it, as the
 * baseline does, unless --clean-env. Never CI (Ink renders nothing until exit there),
 * never our own settings, never the real home.
 */
function childEnv(extra = {}) {
	const inherited = cleanEnv ? {PATH: process.env.PATH} : Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CI|CONTINUOUS_INTEGRATION|MKT_WIZARD_\w+|XDG_\w+|TMUX\w*)$/.test(name)));
	const env = {
		...inherited,
		HOME: path.join(work, 'home'),
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		BROWSER: 'none',
		XDG_CACHE_HOME: path.join(work, 'cache-warm'),
		...extra,
	};
	return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

/** Runs a command to its exit; resolves with wall time, stdout and stderr. */
async function timeSpawn(argv, env) {
	const start = now();
	const child = spawn(process.execPath, argv, {env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', chunk => {
		stdout += chunk;
	});
	child.stderr.on('data', chunk => {
		stderr += chunk;
	});
	const closed = new Promise(resolve => {
		child.on('close', resolve);
	});
	const code = await new Promise(resolve => {
		child.on('exit', resolve);
	});
	const ms = now() - start;
	await closed;
	if (code !== 0) {
		throw new Error(`${argv.join(' ')} exited ${code}: ${stderr}`);
	}

	return {ms, stdout, stderr};
}

/** Spawns in a 100x30 pty; resolves with the time to the first output holding `text`, then ends the process. */
async function timeFirstFrame(argv, env, {text = header, quitKeys} = {}) {
	const start = now();
	const child = pty.spawn(process.execPath, argv, {name: 'xterm-256color', cols: 100, rows: 30, cwd: work, env});
	let output = '';
	let ms;
	const exited = new Promise(resolve => {
		child.onExit(resolve);
	});
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`No "${text}" within 15 s:\n${stripAnsi(output)}`)), 15_000);
		child.onData(data => {
			output += data;
			if (ms === undefined && stripAnsi(output).includes(text)) {
				ms = now() - start;
				clearTimeout(timer);
				resolve();
			}
		});
		void exited.then(() => {
			if (ms === undefined) {
				clearTimeout(timer);
				reject(new Error(`Exited before "${text}":\n${stripAnsi(output)}`));
			}
		});
	});
	// What a person does next takes longer than this: the code cache is written meanwhile.
	await sleep(settleMs);
	if (quitKeys) {
		child.write(quitKeys);
		await Promise.race([exited, sleep(3000)]);
	}

	child.kill('SIGKILL');
	await exited;
	return {ms};
}

/** A loopback proxy in front of the emulator that adds up the time the emulator takes. */
async function startTimingProxy(target) {
	let providerMs = 0;
	const server = http.createServer((request, response) => {
		const chunks = [];
		request.on('data', chunk => chunks.push(chunk));
		request.on('end', () => {
			const start = now();
			const upstream = http.request(new URL(request.url, target), {method: request.method, headers: request.headers, agent: false}, reply => {
				const body = [];
				reply.on('data', chunk => body.push(chunk));
				reply.on('end', () => {
					providerMs += now() - start;
					response.writeHead(reply.statusCode, reply.headers);
					response.end(Buffer.concat(body));
				});
			});
			upstream.end(Buffer.concat(chunks));
		});
	});
	await new Promise(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		take() {
			const taken = providerMs;
			providerMs = 0;
			return taken;
		},
		close: async () => new Promise(resolve => {
			server.closeAllConnections();
			server.close(resolve);
		}),
	};
}

async function freePort() {
	const server = http.createServer();
	await new Promise(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address();
	await new Promise(resolve => {
		server.close(resolve);
	});
	return port;
}

async function waitFor(read, pattern, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const match = pattern.exec(read());
		if (match) {
			return match;
		}

		if (Date.now() > deadline) {
			throw new Error(`Never saw ${pattern} in:\n${read()}`);
		}

		await sleep(2);
	}
}

async function followRedirect(location) {
	const response = await fetch(location, {redirect: 'manual'});
	await response.text();
}

/** `login etsy --yes` through consent; resolves with callback → "Logged in" time and the provider's share. */
async function login({env, emulator, proxy, redirect}) {
	const child = spawn(process.execPath, [cli, 'login', 'etsy', '--yes', '--redirect-uri', redirect, '--scopes', 'shops_r,listings_r'], {env, stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', chunk => {
		stderr += chunk;
	});
	const exited = new Promise(resolve => {
		child.on('close', resolve);
	});
	const [, url] = await waitFor(() => stderr, /(http:\/\/127\.0\.0\.1:\d+\/etsy\/oauth\/connect\?\S+)/);
	await waitFor(() => stderr, /Waiting for Etsy/);
	const approved = await emulator.approve(url);
	proxy.take();
	const start = now();
	void followRedirect(approved.location);
	await waitFor(() => stderr, /Logged in to Etsy/);
	const ms = now() - start;
	const providerMs = proxy.take();
	const code = await exited;
	if (code !== 0) {
		throw new Error(`login exited ${code}: ${stderr}`);
	}

	return {ms, providerMs};
}

/**
 * The wizard at 100x30 walked to its consent screen (Enter on every pre-filled value), then the
 * bytes it writes while it waits: 3 s, after 1 s to settle. Resolves with bytes per second.
 */
async function consentBytesPerSecond({env, redirect}) {
	const child = pty.spawn(process.execPath, [cli, 'login', 'etsy', '--redirect-uri', redirect], {name: 'xterm-256color', cols: 100, rows: 30, cwd: work, env});
	let output = '';
	child.onData(data => {
		output += data;
	});
	const exited = new Promise(resolve => {
		child.onExit(resolve);
	});
	const screenAfter = () => stripAnsi(output);
	// Each pattern shows only once its screen (or field) is up: the text accumulates.
	for (const pattern of [/Keystring/, /❯ •/, /Redirect URI/, /Scopes/]) {
		await waitFor(screenAfter, pattern);
		await sleep(300);
		child.write('\r');
	}

	await waitFor(screenAfter, /Open this page to consent|Waiting for the browser/);
	await sleep(1000);
	const from = Buffer.byteLength(output);
	await sleep(3000);
	const bytes = Buffer.byteLength(output) - from;
	child.kill('SIGKILL');
	await exited;
	return bytes / 3;
}

function expireToken(configDir) {
	const file = path.join(configDir, 'config.json');
	const saved = JSON.parse(readFileSync(file, 'utf8'));
	saved.profiles.default.etsy.user.token.expiresAt = Date.now() - 1000;
	writeFileSync(file, JSON.stringify(saved));
}

function machine() {
	const cpus = os.cpus();
	return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${os.totalmem() > 0 ? `${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ` : ''}Node ${process.version} (${process.platform}-${process.arch}), ${new Date().toISOString().slice(0, 10)}`;
}

function packInfo() {
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}));
	const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	return {size: packed.size, unpacked: packed.unpackedSize, files: packed.entryCount, dependencies: Object.keys(packageJson.dependencies ?? {})};
}

async function main() {
	mkdirSync(path.join(work, 'home'), {recursive: true});
	const redirect = `http://127.0.0.1:${await freePort()}/callback`;
	const realEmulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [redirect]}]});
	const proxied = await startTimingProxy(realEmulator.url);
	const configs = {valid: path.join(work, 'config-valid'), refresh: path.join(work, 'config-refresh'), login: path.join(work, 'config-login')};
	const emulatorVariables = {
		...emulatorEnv(proxied.url),
		MKT_WIZARD_ETSY_AUTHORIZE_URL: realEmulator.env.MKT_WIZARD_ETSY_AUTHORIZE_URL,
		ETSY_API_KEY: demo.etsy.keystring,
		ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
	};

	// Saved logins to read and refresh, made the way a user makes them.
	for (const dir of [configs.valid, configs.refresh]) {
		await login({env: childEnv({...emulatorVariables, MKT_WIZARD_CONFIG_DIR: dir}), emulator: realEmulator, proxy: proxied, redirect});
	}

	// The PostgreSQL store: a private server of the bench's own, holding a copy of the valid login.
	const postgres = await startPostgres();
	const postgresEnv = childEnv({
		MKT_WIZARD_CONFIG_DIR: path.join(work, 'config-postgres'),
		MKT_WIZARD_STORE: postgres.url(await postgres.createDatabase()),
		MKT_WIZARD_STORE_KEY: 'bench-store-key-0123456789abcdefghijklmnopqrstuvwxyz',
	});
	await timeSpawn([cli, 'store', 'copy', '--to', postgresEnv.MKT_WIZARD_STORE], childEnv({MKT_WIZARD_CONFIG_DIR: configs.valid, MKT_WIZARD_STORE_KEY: postgresEnv.MKT_WIZARD_STORE_KEY}));

	const base = childEnv();
	const bare = ['-e', '0'];
	const ptyBare = ['-e', `process.stdout.write(${JSON.stringify(`${header}\n`)})`];
	/** @type {Array<{name: string, targetNote?: string, kind: 'spawn' | 'pty', run: (round: number) => Promise<{ms: number, providerMs?: number}>}>} */
	const rows = [
		{name: '`node -e 0`', kind: 'spawn', baseline: true, run: async () => timeSpawn(bare, base)},
		{name: '`node -e` printing the header, in a pty', kind: 'pty', baseline: true, run: async () => timeFirstFrame(ptyBare, base)},
		{name: '`node -e 0`, empty environment (for reference)', kind: 'spawn', reference: true, run: async () => timeSpawn(bare, {PATH: process.env.PATH})},
		{name: 'wizard: first frame, cold code cache', kind: 'pty', target: 2.3, targetNote: 'raised from 2.0×: a bare Ink frame alone is ~1.8× here', run: async round => timeFirstFrame([cli], childEnv({XDG_CACHE_HOME: path.join(work, `cache-cold-${round}`), MKT_WIZARD_CONFIG_DIR: configs.login}))},
		{name: 'for reference: a bare Ink frame (our Ink, React and yoga bundle, no code cache, a title and two lines)', kind: 'pty', run: async () => timeFirstFrame([bareInkScript], base)},
		{name: 'wizard: first frame, warm code cache', kind: 'pty', target: 1.7, run: async () => timeFirstFrame([cli], childEnv({MKT_WIZARD_CONFIG_DIR: configs.login}))},
		{name: '`token etsy`, valid saved token', kind: 'spawn', target: 1.3, run: async () => timeSpawn([cli, 'token', 'etsy'], childEnv({MKT_WIZARD_CONFIG_DIR: configs.valid}))},
		{name: '`token etsy`, valid token in PostgreSQL (loopback, password auth)', kind: 'spawn', target: 2, run: async () => timeSpawn([cli, 'token', 'etsy'], postgresEnv)},
		{
			name: '`token etsy`, refresh against the emulator',
			kind: 'spawn',
			target: 2,
			provider: true,
			async run() {
				expireToken(configs.refresh);
				proxied.take();
				const {ms} = await timeSpawn([cli, 'token', 'etsy'], childEnv({...emulatorVariables, MKT_WIZARD_CONFIG_DIR: configs.refresh}));
				return {ms, providerMs: proxied.take()};
			},
		},
		{name: '`--help`', kind: 'spawn', target: 1.5, run: async () => timeSpawn([cli, '--help'], base)},
		{name: '`--version`', kind: 'spawn', target: 1.5, run: async () => timeSpawn([cli, '--version'], base)},
		{name: '`status`', kind: 'spawn', target: 1.5, run: async () => timeSpawn([cli, 'status'], childEnv({MKT_WIZARD_CONFIG_DIR: configs.valid}))},
	];

	const samples = new Map(rows.map(row => [row, []]));
	const providerSamples = new Map(rows.map(row => [row, []]));
	for (let round = 0; round < warmups + runs; round++) {
		// Rotate the order each round, so no row always runs right after another.
		const order = rows.map((_, index) => rows[(index + round) % rows.length]);
		for (const row of order) {
			const {ms, providerMs} = await row.run(round);
			if (round >= warmups) {
				samples.get(row).push(ms);
				if (providerMs !== undefined) {
					providerSamples.get(row).push(providerMs);
				}
			}
		}

		process.stderr.write(`\rround ${round + 1}/${warmups + runs}`);
	}

	process.stderr.write('\n');

	// Callback → result, and peak memory: separate loops, they are not start-up times.
	const loginSamples = [];
	for (let index = 0; index < warmups + Math.min(runs, 10); index++) {
		rmSync(configs.login, {recursive: true, force: true});
		const result = await login({env: childEnv({...emulatorVariables, MKT_WIZARD_CONFIG_DIR: configs.login}), emulator: realEmulator, proxy: proxied, redirect});
		if (index >= warmups) {
			loginSamples.push(result);
		}
	}

	const consentRates = [];
	for (let index = 0; index < 3; index++) {
		consentRates.push(await consentBytesPerSecond({env: childEnv({...emulatorVariables, MKT_WIZARD_CONFIG_DIR: path.join(work, `config-consent-${index}`)}), redirect}));
	}

	const rss = {wizard: [], token: []};
	for (let index = 0; index < 5; index++) {
		const file = path.join(work, `rss-${index}`);
		await timeFirstFrame(['--require', rssScript, cli], childEnv({MKT_BENCH_RSS: `${file}-wizard`, MKT_WIZARD_CONFIG_DIR: configs.login}), {quitKeys: '\u001B'});
		rss.wizard.push(Number(readFileSync(`${file}-wizard`, 'utf8')));
		await timeSpawn(['--require', rssScript, cli, 'token', 'etsy'], childEnv({MKT_BENCH_RSS: `${file}-token`, MKT_WIZARD_CONFIG_DIR: configs.valid}));
		rss.token.push(Number(readFileSync(`${file}-token`, 'utf8')));
	}

	await realEmulator.close();
	await proxied.close();
	await postgres.close();
	const pack = packInfo();
	if (!process.env.MKT_BENCH_KEEP) {
		rmSync(work, {recursive: true, force: true});
	}

	return report({rows, samples, providerSamples, loginSamples, consentRates, rss, pack});
}

function report({rows, samples, providerSamples, loginSamples, consentRates, rss, pack}) {
	const baselineOf = kind => median(samples.get(rows.find(row => row.baseline && row.kind === kind)));
	const environment = cleanEnv
		? 'children ran in an empty environment (--clean-env)'
		: `children inherited this shell's environment${process.env.NODE_EXTRA_CA_CERTS ? ', where NODE_EXTRA_CA_CERTS makes every Node start read a CA bundle' : ''}${process.env.NODE_OPTIONS ? ` and NODE_OPTIONS is "${process.env.NODE_OPTIONS}"` : ''}`;
	const ms = value => `${value.toFixed(0)} ms`;
	const signed = value => `${value < 0 ? '-' : '+'}${ms(Math.abs(value))}`;
	const lines = [
		'| what | median | min-max | over baseline | × baseline | target |',
		'|---|---|---|---|---|---|',
	];
	for (const row of rows) {
		const values = samples.get(row);
		const middle = median(values);
		const base = baselineOf(row.kind);
		let over = row.baseline ? '' : signed(middle - base);
		let ratio = row.baseline ? '1.00 (baseline)' : `${(middle / base).toFixed(2)}`;
		let target = row.target ? `<= ${row.target.toFixed(1)}×${row.targetNote ? ` (${row.targetNote})` : ''}` : '';
		if (row.reference) {
			over = '';
			ratio = '';
		}

		if (row.provider) {
			const provider = median(providerSamples.get(row));
			const ours = median(values.map((value, index) => value - providerSamples.get(row)[index]));
			over = `${signed(ours - base)} + emulator ${ms(provider)}`;
			ratio = `${(ours / base).toFixed(2)} + emulator`;
			target = `<= ${row.target.toFixed(1)}× + provider`;
		}

		lines.push(`| ${row.name} | ${ms(middle)} | ${ms(Math.min(...values))}-${ms(Math.max(...values))} | ${over} | ${ratio} | ${target} |`);
	}

	const loginTotal = loginSamples.map(sample => sample.ms);
	const loginOurs = loginSamples.map(sample => sample.ms - sample.providerMs);
	lines.push(
		`| login: callback received → "Logged in" (exchange, verify, save) | ${ms(median(loginTotal))} | ${ms(Math.min(...loginTotal))}-${ms(Math.max(...loginTotal))} | ours ${ms(median(loginOurs))} + emulator ${ms(median(loginSamples.map(sample => sample.providerMs)))} | | ours < 50 ms |`,
		`| wizard waiting for consent at 100x30: bytes written per second (3 runs of 3 s) | ${(median(consentRates) / 1024).toFixed(2)} KB/s | ${(Math.min(...consentRates) / 1024).toFixed(2)}-${(Math.max(...consentRates) / 1024).toFixed(2)} KB/s | | | <= 1.5 KB/s |`,
		`| peak RSS: wizard (first frame, then Esc) / \`token etsy\` | ${(median(rss.wizard) / 2 ** 20).toFixed(0)} MB / ${(median(rss.token) / 2 ** 20).toFixed(0)} MB | | | | <= 80 MB / <= 50 MB |`,
		`| \`npm pack\`: tarball / unpacked, runtime \`dependencies\` | ${(pack.size / 1024).toFixed(0)} KB / ${(pack.unpacked / 1024).toFixed(0)} KB, ${pack.files} files, ${pack.dependencies.length === 0 ? 'none' : pack.dependencies.join(', ')} | | | | <= 400 KB, none |`,
	);
	return {table: lines.join('\n'), runs, environment};
}

/** What the readme says above the table (the section is rewritten whole by --write-readme). */
const readmeIntro = `\`npx mkt-wizard\` fetches one tarball with no dependencies. esbuild bundles everything into
CommonJS files: \`dist/cli.cjs\` starts \`dist/core.cjs\`, and Ink with React, got and node-postgres wait in
\`dist/vendor/\` until a command needs them (\`token\` with a valid token, \`status\` and \`--help\`
load none of them). V8's code cache for those files is kept in \`$XDG_CACHE_HOME/mkt-wizard\` or
\`~/.cache/mkt-wizard\` (safe to delete), so starts after the first skip most compiling; a cache
written by a plain command lacks the wizard's code and is completed by the next wizard run. The
dependency patches applied while bundling (yoga compiled without \`fetch\`, Ink without its
DEV-only top-level awaits, plain-text fast paths in string-width and ansi-tokenize, stack-utils
loaded with the first error shown, signal-exit without Node's assert) are pinned to versions and
tested against the originals (test/tools/patches.js, test/bundle/). With
\`MKT_WIZARD_DEBUG=1\` the bundles load without the cache and with source maps on, so a stack
trace names the files in \`source/\`.

Measured by \`npm run bench\` (test/tools/bench.js), each row against a bare \`node -e 0\` started
the same way in the same run; the wizard in a 100x30 pseudo-terminal until its first frame.`;

const {table, environment} = await main();
const notes = [
	`Medians of ${runs} runs after ${warmups} warm-up runs, interleaved; ratios are of medians, against the baseline of the same kind in the same run; ${environment}.`,
	'Cold: an empty code-cache folder for each run (a first run); warm: the cache earlier runs wrote. The bare Ink row is the floor under the cold row on this machine: what compiling and starting Ink, React and yoga costs before any of mkt-wizard\'s own code.',
	'The refresh and login rows leave out the emulator\'s own time, measured by a proxy in front of it; login runs `login etsy --yes` from the browser\'s callback request to the "Logged in" line (code exchange, verification call, save).',
	`Machine: ${machine()}.`,
];
const text = `${table}\n\n${notes.join('\n')}\n`;
process.stdout.write(`${text}`);
if (args.includes('--write-readme')) {
	const readme = path.join(root, 'readme.md');
	const current = readFileSync(readme, 'utf8');
	const start = '<!-- performance:start -->';
	const end = '<!-- performance:end -->';
	const from = current.indexOf(start);
	const to = current.indexOf(end);
	if (from === -1 || to < from) {
		throw new Error('readme.md has no performance markers');
	}

	const before = current.slice(0, from + start.length);
	writeFileSync(readme, `${before}\n${readmeIntro}\n\n${text}${current.slice(to)}`);
	process.stderr.write('readme.md: performance section updated\n');
}

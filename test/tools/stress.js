// npm run stress: the reliability tests at the sizes the issue asks for
// (32 processes × 20 rounds, 100 kills, …) instead of npm test's quick ones.
//
//   npm run stress                   the long runs
//   npm run stress -- --write-readme  npm test's quick runs of the whole suite, then the long ones, then
//                                     the table of what was tried into readme.md between the reliability markers
//   npm run stress -- --readme-only   only the table, from the results the last runs left
//
// Each reliability test leaves a JSON result (what it tried, its counts, its failures) under
// <tmp>/mkt-wizard-reliability/<test|stress>/, and test/helpers/secret-scan.ts leaves the secret
// scan of each test file's CLI runs under …/secret-scan/; the table is made from those files only.
import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const resultsRoot = path.join(os.tmpdir(), 'mkt-wizard-reliability');
const reliabilityTests = readdirSync('test/reliability').filter(name => name.endsWith('.test.ts')).sort().map(name => path.join('test/reliability', name))
	// The PostgreSQL store's fleet: its own folder, beside the store it tests.
	.concat('test/store/postgres/fleet.test.ts');

/** The readme rows, in order: result id → what the row says was tried. */
const rows = [
	['races', 'Parallel `mkt-wizard token etsy` processes and in-process `getAccessToken` callers on an expired token; the emulator\'s refresh tokens are single-use: every caller gets the one new token, one refresh per round, the newest refresh token saved'],
	['killed-holder', 'A `token` process killed (SIGKILL) mid-refresh while it holds the lock: the next call takes the lock over and succeeds'],
	['killed-mid-write', 'A process saving tokens in a loop, killed (SIGKILL) at a random moment: config.json always parses and holds the last saved tokens (or the ones in flight); leftovers removed by the next writer'],
	['lost-refresh', 'A refresh whose answer is lost after the provider rotated the token: one cause and one remedy naming the exact login command, nothing overwritten'],
	['bad-config', 'Bad config and environment through the CLI (empty, truncated, wrong shape, folder, unreadable, ENOTDIR, read-only file system, HOME unset, too-open modes): one cause and one remedy, moved aside by commands that write, never reset'],
	['hostile-config', 'A config folder or file another local user owns (0700, 0777, with their config.json), config.json a symlink (to a file, to /dev/zero), a FIFO or 600 MB, the lock a FIFO, through token, status, logout, doctor and login: refused before any request, naming path, owner, mode and fix; nothing written, followed or hung on'],
	['renewal-kept', 'A rotating refresh with the disk full before asking (nothing sent), the disk filled, remounted read-only, EIO or EDQUOT after the answer (kept in a recovery file, saved by the next run), answers with absurd, non-numeric or missing fields: the new refresh token is never lost'],
	['renewal-killed', 'A `token` process killed (SIGKILL) after the provider answered its refresh: before the save was written (the next command names the interrupted renewal and the login that brings it back), after it was written (the next command finishes the save: nothing lost)'],
	['damaged-connection', 'One connection damaged by hand (a field deleted, 42 for a string, "never" for a time, 1e400): named by status, status --json, doctor and its token command; the others work; the file is not rewritten by reads and keeps the damaged part byte for byte through saves'],
	['killed-mid-write-snap', 'The same kills with SNAP set (a snap-packaged terminal), on a 350 KB config: config.json always parses'],
	['snap-full-disk', 'With SNAP set, a save that runs out of disk space half-way: config.json stays exactly as it was'],
	['stopped-holder', 'A lock holder stopped with SIGSTOP past the staleness limit: never taken over; the waiter names its pid, times out naming it, and the resumed holder\'s save lands'],
	['bounds', '`--timeout` beyond Node\'s timer and `--port` beyond 65535 (usage errors, exit 2), and a login whose config folder cannot be written (refused before the browser opens)'],
	['callback-hostile', 'Hostile requests to the loopback callback server: state and code games, markup in every echoed field, every method, 100 KB URLs and headers, non-UTF-8 bytes, concurrent, slow and late clients'],
	['provider-faults-exchange', 'Provider faults at the code exchange: 5xx, 429, timeout, HTML, invalid JSON, empty body, refused, DNS, untrusted TLS (then trusted through NODE_EXTRA_CA_CERTS)'],
	['provider-faults-refresh', 'The same faults at the refresh (plus a 429 that lifts after its Retry-After)'],
	['provider-faults-mint', 'The same faults at the eBay application-token mint (plus a 429 that lifts)'],
	['provider-faults-verify', 'The same faults at the verification call'],
	['proxy', 'HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY through a forward proxy on loopback (CONNECT and absolute-URI, credentials, a proxy that is down)'],
	['proxy-rules', 'Proxy selection rules (NO_PROXY lists, leading dots, `*`, host:port, IP addresses, loopback, schemes)'],
	['secrets', 'Secrets in a running login\'s process arguments, in every request URL, in every output and file of a full session'],
	['secrets-modes', 'Config folder 0700 and file 0600 from the first write, watched while the CLI runs under umask 000'],
	['postgres-fleet', '2 machines (separate config folders) × parallel `mkt-wizard token etsy` through one PostgreSQL store × expiries, single-use refresh tokens: every caller gets the one new token, one refresh per expiry, no spent refresh token sent again'],
];

function run(files, {stress}) {
	const env = {...process.env};
	if (stress) {
		env.MKT_WIZARD_STRESS = '1';
	} else {
		delete env.MKT_WIZARD_STRESS;
	}

	const result = spawnSync(process.execPath, ['test/tools/run-tests.js', ...files], {stdio: 'inherit', env});
	return result.status ?? 1;
}

function readResults(mode) {
	const dir = path.join(resultsRoot, mode);
	const results = new Map();
	if (!existsSync(dir)) {
		return results;
	}

	for (const name of readdirSync(dir).filter(entry => entry.endsWith('.json'))) {
		const result = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
		results.set(result.id, result);
	}

	return results;
}

function readScan(mode) {
	const dir = path.join(resultsRoot, mode, 'secret-scan');
	const scans = existsSync(dir) ? readdirSync(dir).filter(name => name.endsWith('.json')).map(name => JSON.parse(readFileSync(path.join(dir, name), 'utf8'))) : [];
	return {
		files: scans.length,
		runs: scans.reduce((sum, scan) => sum + scan.runs, 0),
		leaks: scans.reduce((sum, scan) => sum + scan.leaks, 0),
	};
}

function table() {
	const quick = readResults('test');
	const stress = readResults('stress');
	const lines = [
		'| what was tried | `npm test` | `npm run stress` | failures |',
		'|---|---|---|---|',
	];
	const missing = [];
	let failures = 0;
	for (const [id, what] of rows) {
		const inTest = quick.get(id);
		const inStress = stress.get(id);
		if (!inTest || !inStress) {
			missing.push(`${id} (${inTest ? '' : 'npm test'}${!inTest && !inStress ? ', ' : ''}${inStress ? '' : 'stress'})`);
		}

		const failed = (inTest?.failures ?? 0) + (inStress?.failures ?? 0);
		failures += failed;
		lines.push(`| ${what} | ${inTest?.tried ?? '—'} | ${inStress?.tried ?? '—'} | ${failed} |`);
	}

	const quickScan = readScan('test');
	const stressScan = readScan('stress');
	failures += quickScan.leaks + stressScan.leaks;
	lines.push(`| Every CLI run's stdout (but \`token\`'s), stderr and files beside the config, and every wizard run's screen in a pseudo-terminal, checked for every secret the run could know (test/helpers/secret-scan.ts, in every test file that runs the CLI) | ${quickScan.runs} runs in ${quickScan.files} test files | ${stressScan.runs} runs in ${stressScan.files} test files | ${quickScan.leaks + stressScan.leaks} |`);

	return {text: lines.join('\n'), missing, failures};
}

function writeReadme() {
	const {text, missing, failures} = table();
	if (missing.length > 0) {
		console.error(`No result yet for: ${missing.join(', ')}. Run \`npm run stress -- --write-readme\`.`);
		return 1;
	}

	if (failures > 0) {
		console.error(`${failures} failures recorded: the readme is left as it is.`);
		return 1;
	}

	const readme = readFileSync('readme.md', 'utf8');
	const start = '<!-- reliability:start -->';
	const end = '<!-- reliability:end -->';
	const from = readme.indexOf(start);
	const to = readme.indexOf(end);
	if (from === -1 || to < from) {
		console.error('readme.md has no reliability markers.');
		return 1;
	}

	const section = [
		start,
		'Every row is a test that counts what it tried; `npm test` runs the quick sizes, `npm run stress` the long ones.',
		`This table is written by \`npm run stress -- --write-readme\` from the tests' own results (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.platform()}, ${os.cpus().length} cores).`,
		'',
		text,
		'',
		'Retries: a verification GET is retried twice on 5xx or 429 (after its Retry-After, up to 5 s); a refresh or mint answered 429 with a Retry-After of at most 5 s is sent again (twice at most); a code exchange is never repeated, and no POST is repeated after a 5xx, a timeout or a cut connection (a rotating refresh token may already be spent: the message says so).',
		'',
		'Proxies: `HTTPS_PROXY`, `HTTP_PROXY` and `ALL_PROXY` (lower case first) and `NO_PROXY` (comma or blank list; `*`; a host name matches itself and its subdomains, a leading `.` or `*.` the same; IP addresses; optional `:port`) are honoured: https through a CONNECT tunnel, http as absolute-URI requests, credentials from the proxy URL. Loopback addresses (`localhost`, `127.0.0.0/8`, `::1`) always go direct, as in Go, so `--demo` and the emulator work with a proxy set; curl would proxy them. `NODE_EXTRA_CA_CERTS` adds a corporate CA for TLS-intercepting proxies.',
		end,
	].join('\n');
	writeFileSync('readme.md', readme.slice(0, from) + section + readme.slice(to + end.length));
	console.log('readme.md: Reliability table written.');
	return 0;
}

const args = new Set(process.argv.slice(2));
if (args.has('--readme-only')) {
	process.exit(writeReadme());
}

if (args.has('--write-readme')) {
	rmSync(resultsRoot, {recursive: true, force: true});
	// npm test's sizes, over the whole suite so every test file's secret scan is counted; failures elsewhere are reported, not fatal here.
	const quick = run([], {stress: false});
	if (quick !== 0) {
		console.error('npm test had failures (see above); the reliability rows show their own.');
	}
}

const status = run(reliabilityTests, {stress: true});
if (args.has('--write-readme')) {
	process.exit(status === 0 ? writeReadme() : status);
}

process.exit(status);

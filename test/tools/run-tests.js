// Runs the test files under test/ (or the ones named) with node's runner and tsx, each file in
// its own process group, under a watchdog so that no file can hang the run:
//   - a file in which no test starts or ends for --test-limit seconds, or that runs past
//     --file-limit, is killed with every process it started (pseudo-terminal children, in sessions
//     of their own, too); the test it stopped in and those processes are named;
//   - a process a file started (sampled twice a second) and left running after the file ended
//     is named and killed.
// node's --test-timeout is not used: it applies to each file and suite as a whole as well, and
// ends the file before naming the test.
// npm runs scripts with sh, which has no `**`, so the files are listed here.
//
//   node test/tools/run-tests.js [options] [files…] [-- node test options…]
//     --pty             only the files that drive the CLI in a pseudo-terminal (test/helpers/pty.ts)
//     --smoke           only the smoke set: one file of each kind, for the Node versions CI does not
//                       run the whole suite on (.ci/run)
//     --repeat N        run each file N times (counts per file at the end)
//     --load            keep every core busy from a second process while the tests run
//     --concurrency N   files at a time (default 4)
//     --test-limit S    longest silence between tests starting and ending (default 120;
//                       1800 with MKT_WIZARD_STRESS=1)
//     --file-limit S    longest run of one file (default 600; 7200 with MKT_WIZARD_STRESS=1)
//     --verbose         print every file's TAP output, not only failing ones
//     -- …              what follows goes to node's test runner in each file, e.g. one test by name:
//                       node test/tools/run-tests.js test/e2e/etsy.test.ts -- --test-name-pattern='^logout'
import {spawn} from 'node:child_process';
import {closeSync, fstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const stressMode = process.env.MKT_WIZARD_STRESS === '1';
const runningReporter = fileURLToPath(new URL('running-reporter.js', import.meta.url));
const summaryKeys = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'];
/**
 * A file of each kind the suite has: argument parsing, the library in process, the code cache on
 * this Node version, the built CLI against the emulator, the wizard in a pseudo-terminal, Ink
 * components, the file store and the packed tarball.
 */
const smokeSet = [
	'test/args.test.ts',
	'test/index.test.ts',
	'test/bundle/code-cache-node.test.ts',
	'test/bundle/dist.test.ts',
	'test/bundle/tarball.test.ts',
	'test/e2e/etsy.test.ts',
	'test/e2e/ebay.test.ts',
	'test/e2e/wizard.test.ts',
	'test/commands/cli-conventions.test.ts',
	'test/components/TextField.test.tsx',
	'test/store/store.test.ts',
];

function findTests(directory) {
	const found = [];
	for (const entry of readdirSync(directory, {withFileTypes: true})) {
		const full = path.join(directory, entry.name);
		if (entry.isDirectory()) {
			found.push(...findTests(full));
		} else if (/\.test\.tsx?$/.test(entry.name)) {
			found.push(full);
		}
	}

	return found.sort();
}

function parseOptions(argv) {
	const options = {repeat: 1, load: false, pty: false, smoke: false, concurrency: 4, verbose: false, testLimit: stressMode ? 1800 : 120, fileLimit: stressMode ? 7200 : 600, files: [], nodeTestOptions: []};
	const named = {'--repeat': 'repeat', '--concurrency': 'concurrency', '--test-limit': 'testLimit', '--file-limit': 'fileLimit'};
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index];
		if (argument === '--') {
			options.nodeTestOptions = argv.slice(index + 1);
			break;
		}

		if (argument in named) {
			const value = Number(argv[++index]);
			if (!Number.isInteger(value) || value < 1) {
				throw new Error(`${argument} needs a whole number above 0.`);
			}

			options[named[argument]] = value;
		} else if (argument === '--load' || argument === '--verbose' || argument === '--pty' || argument === '--smoke') {
			options[argument.slice(2)] = true;
		} else {
			options.files.push(argument);
		}
	}

	if (options.files.length === 0) {
		options.files = options.smoke ? smokeSet : findTests('test');
	}

	if (options.pty) {
		options.files = options.files.filter(file => /\bspawnCli\(/.test(readFileSync(file, 'utf8')));
	}

	return options;
}

/** pid → {ppid, pgid, start} for every process /proc shows (Linux); empty elsewhere. */
function processTable() {
	const table = new Map();
	let entries = [];
	try {
		entries = readdirSync('/proc').filter(name => /^\d+$/.test(name));
	} catch {
		return table;
	}

	for (const name of entries) {
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// The command name may hold spaces and parentheses: the fields start after the last ')'.
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			table.set(Number(name), {state: fields[0], ppid: Number(fields[1]), pgid: Number(fields[2]), start: fields[19]});
		} catch {
			// Gone meanwhile.
		}
	}

	return table;
}

/** The processes in `root`'s group and every descendant of `root` (pseudo-terminal children start new sessions). */
function treeOf(root, table = processTable()) {
	const found = new Map();
	for (const [pid, info] of table) {
		if (info.pgid === root) {
			found.set(pid, info.start);
		}
	}

	let added = true;
	while (added) {
		added = false;
		for (const [pid, info] of table) {
			if (!found.has(pid) && (info.ppid === root || found.has(info.ppid))) {
				found.set(pid, info.start);
				added = true;
			}
		}
	}

	return found;
}

function commandLine(pid) {
	try {
		const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
		return text.length > 160 ? `${text.slice(0, 157)}…` : text;
	} catch {
		return '';
	}
}

/** Kills the processes (still the same ones: same start time) and says which they were. */
function killAndName(processes) {
	const table = processTable();
	const named = [];
	for (const [pid, start] of processes) {
		const info = table.get(pid);
		const command = commandLine(pid);
		// Gone, replaced by another process with the same pid, or exiting.
		if (info?.start !== start || info.state === 'Z' || command === '') {
			continue;
		}

		named.push(`pid ${pid}: ${command}`);
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Gone meanwhile.
		}
	}

	return named;
}

function summaryOf(output) {
	const summary = {};
	for (const key of summaryKeys) {
		const match = new RegExp(`^# ${key} (\\d+)$`, 'm').exec(output);
		summary[key] = match ? Number(match[1]) : 0;
	}

	return summary;
}

/** The innermost test started and not ended, from the running reporter's events. */
function innermost(open) {
	return open.length === 0 ? undefined : open.map(test => test.name).join(' › ');
}

/** The watchdogs of the files running: twice a second, each is called with one process table taken for all of them. */
const watchdogs = new Set();
let ticker;

/** Calls `watchdog(table)` twice a second until the function returned is called. */
function watch(watchdog) {
	watchdogs.add(watchdog);
	if (!ticker) {
		ticker = setInterval(() => {
			const table = processTable();
			for (const each of watchdogs) {
				each(table);
			}
		}, 500);
		ticker.unref();
	}

	return () => {
		watchdogs.delete(watchdog);
		if (watchdogs.size === 0) {
			clearInterval(ticker);
			ticker = undefined;
		}
	};
}

/** Runs one test file; resolves with what happened, never rejects. */
function runFile(file) {
	return new Promise(resolve => {
		const started = Date.now();
		const scratch = mkdtempSync(path.join(os.tmpdir(), 'mkt-wizard-run-tests-'));
		const eventsFile = path.join(scratch, 'events.jsonl');
		const child = spawn(process.execPath, [
			'--import',
			'tsx',
			'--test',
			'--test-reporter=tap',
			'--test-reporter-destination=stdout',
			`--test-reporter=${runningReporter}`,
			`--test-reporter-destination=${eventsFile}`,
			...options.nodeTestOptions,
			file,
		], {detached: true, stdio: ['ignore', 'pipe', 'pipe']});
		let output = '';
		const onData = chunk => {
			output += chunk;
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		// The tests started and not ended, outermost first; and when one last started or ended.
		const open = [];
		let lastEvent = Date.now();
		// How far the events file was read: to the end of its last complete line.
		let eventsOffset = 0;
		const readEvents = () => {
			let chunk;
			try {
				const fd = openSync(eventsFile, 'r');
				try {
					const buffer = Buffer.alloc(Math.max(0, fstatSync(fd).size - eventsOffset));
					chunk = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, eventsOffset));
				} finally {
					closeSync(fd);
				}
			} catch {
				return;
			}

			const complete = chunk.lastIndexOf(0x0A) + 1;
			eventsOffset += complete;
			const lines = chunk.subarray(0, complete).toString('utf8').split('\n').filter(Boolean);
			for (const line of lines) {
				const {event, name, nesting} = JSON.parse(line);
				lastEvent = Date.now();
				open.splice(nesting);
				if (event === 'start') {
					open[nesting] = {name};
				}
			}
		};
		// Everything the file started, as seen so far: what may be left behind when it ends.
		const seen = new Map();
		let hung;
		const unwatch = watch(table => {
			for (const [pid, start] of treeOf(child.pid, table)) {
				seen.set(pid, start);
			}

			readEvents();

			const quiet = (Date.now() - lastEvent) / 1000;
			const total = (Date.now() - started) / 1000;
			if (hung === undefined && (quiet > options.testLimit || total > options.fileLimit)) {
				const where = innermost(open.filter(Boolean));
				hung = {
					why: `${total > options.fileLimit ? `still running after ${Math.round(total)} s (--file-limit ${options.fileLimit})` : `no test started or ended for ${Math.round(quiet)} s (--test-limit ${options.testLimit})`}; ${where ? `stuck in: ${where}` : 'its tests had ended, its process had not'}`,
					killed: killAndName(treeOf(child.pid)),
				};
			}
		});
		child.on('close', async (code, signal) => {
			unwatch();
			const ms = Date.now() - started;
			// Whatever it started that still runs half a second later outlived it (helpers such as
			// tsx's esbuild service end when the file's process does, a moment after it).
			const startedByFile = [...seen].filter(([pid]) => pid !== child.pid);
			const table = processTable();
			if (startedByFile.some(([pid, start]) => table.get(pid)?.start === start)) {
				await new Promise(done => {
					setTimeout(done, 500);
				});
			}

			const leftBehind = killAndName(startedByFile);
			rmSync(scratch, {recursive: true, force: true});
			resolve({file, code, signal, output, hung, leftBehind, ms, summary: summaryOf(output)});
		});
	});
}

/** One process keeping every core busy, until killed. */
function startLoad() {
	const cores = os.availableParallelism?.() ?? os.cpus().length;
	const script = `const {Worker} = require('node:worker_threads'); for (let i = 1; i < ${cores}; i++) new Worker('for (;;) {}', {eval: true}); for (;;) {}`;
	return spawn(process.execPath, ['-e', script], {stdio: 'ignore'});
}

const options = parseOptions(process.argv.slice(2));
const queue = Array.from({length: options.repeat}, () => options.files).flat();
const load = options.load ? startLoad() : undefined;
const running = new Set();
process.on('SIGINT', () => {
	for (const child of running) {
		killAndName(treeOf(child));
	}

	load?.kill('SIGKILL');
	process.exit(130);
});

const results = [];
async function worker() {
	while (queue.length > 0) {
		const file = queue.shift();
		const result = await runFile(file);
		results.push(result);
		const {summary} = result;
		const failed = result.code !== 0 || result.hung || result.leftBehind.length > 0;
		if (failed || options.verbose) {
			process.stdout.write(`${result.output.trimEnd()}\n`);
		}

		const counts = `${summary.tests} tests, ${summary.pass} pass, ${summary.fail} fail${summary.skipped ? `, ${summary.skipped} skipped` : ''}`;
		process.stdout.write(`# ${failed ? 'FAILED' : 'ok'} ${file}: ${counts} (${(result.ms / 1000).toFixed(1)} s)\n`);
		if (result.hung) {
			process.stdout.write(`# HUNG ${file}: ${result.hung.why}; killed ${result.hung.killed.length === 0 ? 'nothing (already gone)' : result.hung.killed.join('; ')}\n`);
		}

		if (result.leftBehind.length > 0) {
			process.stdout.write(`# LEFT RUNNING by ${file} after it ended, killed: ${result.leftBehind.join('; ')}\n`);
		}
	}
}

await Promise.all(Array.from({length: Math.min(options.concurrency, queue.length)}, async () => worker()));
load?.kill('SIGKILL');

const totals = Object.fromEntries(summaryKeys.map(key => [key, results.reduce((sum, result) => sum + result.summary[key], 0)]));
const failedFiles = results.filter(result => result.code !== 0 || result.hung || result.leftBehind.length > 0);
// A file that failed with no failing test counted (killed, crashed, left a process) still counts as one.
totals.fail += failedFiles.filter(result => result.summary.fail === 0).length;
// Why tests were skipped, but for those a --test-name-pattern left out (Node 20 reports them as skipped).
const skipNotices = [...new Set(results.flatMap(result => result.output.split('\n').filter(line => / # SKIP \S/.test(line) && !line.endsWith('# SKIP test name does not match pattern')).map(line => `${result.file}: ${line.replace(/^\s*ok \d+ - /, '')}`)))];
if (options.repeat > 1) {
	process.stdout.write('# runs per file:\n');
	for (const file of options.files) {
		const runs = results.filter(result => result.file === file);
		const bad = runs.filter(result => failedFiles.includes(result));
		process.stdout.write(`#   ${file}: ${runs.length - bad.length} of ${runs.length} passed, ${runs.filter(result => result.hung).length} hung, ${runs.filter(result => result.leftBehind.length > 0).length} left a process running\n`);
	}
}

for (const notice of skipNotices) {
	process.stdout.write(`# skipped: ${notice}\n`);
}

for (const result of failedFiles) {
	process.stdout.write(`# failed file: ${result.file}${result.hung ? ' (hung, killed)' : ''}${result.leftBehind.length > 0 ? ' (left a process running)' : ''}\n`);
}

process.stdout.write(`${summaryKeys.map(key => `# ${key} ${totals[key]}`).join('\n')}\n# files ${results.length}\n# node ${process.version}\n`);
process.exit(failedFiles.length > 0 ? 1 : 0);

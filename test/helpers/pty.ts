// The built CLI in a real pseudo-terminal (docs/engineering.md, "The real CLI in a pseudo-terminal").
// Ink 6.8 writes each update as `ESC[?2026h` … `ESC[?2026l` (synchronized output, only on a TTY
// and outside CI); with incremental rendering an update rewrites only the lines that changed, so
// the output runs through a headless terminal (@xterm/headless) of the pty's size, and the screen
// is what that terminal shows after the last complete update.
//
// A frame on screen does not mean the wizard is done with it: the screens take keys through
// useKeys (layout effects, source/components/key-router.ts), but React runs a commit's passive
// effects (useEffect) in a later turn of the child's event loop (setImmediate), and what they
// do can still change what the next key meets. So press() first waits until the child's main
// thread is blocked in epoll (Linux /proc): the loop is idle, no setImmediate is pending, every
// effect of the frame on screen has run.
import {readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {stripVTControlCharacters as stripAnsi} from 'node:util';
import xterm from '@xterm/headless';
import pty from 'node-pty';
import {assertReadyToRunCli, cliPath} from './cli.js';
import {recordCliRun} from './secret-scan.js';
import {removeTempDir, tempDir} from './temp-dir.js';

export const syncEnd = '\u001B[?2026l';
export const cursorHide = '\u001B[?25l';
export const cursorShow = '\u001B[?25h';

export const ptyKeys = {
	up: '\u001B[A',
	down: '\u001B[B',
	enter: '\r',
	escape: '\u001B',
	space: ' ',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

export type PtyExit = {readonly code: number; readonly signal: number | undefined};

export type PtyOptions = {
	/** Added to the child's environment; `undefined` removes a variable. */
	readonly env?: Record<string, string | undefined>;
	/** Where the config lives; a fresh temp folder (removed on exit) when not given. */
	readonly configDir?: string;
	/** @default 100 */
	readonly cols?: number;
	/** @default 30 */
	readonly rows?: number;
};

export type PtyRun = {
	readonly configDir: string;
	/** What the terminal shows after the last complete update, trailing blanks trimmed. */
	screen(): string;
	/** What the terminal showed after each complete update so far. */
	frames(): string[];
	/** Lines that scrolled off the top of the terminal so far: 0 when every frame fitted. */
	scrolledLines(): number;
	/** Polls until the screen matches; fails with the last screen (and the exit, if any) after `timeoutMs`. */
	waitForScreen(pattern: RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
	/** Waits until the child is idle (see above), then writes `keys` to the terminal as ONE chunk, as fast typing or a paste does. */
	press(keys: string): Promise<void>;
	/** Writes `keys` at once, without waiting for the wizard to be idle: keys typed while a screen is still changing. */
	type(keys: string): void;
	/** Resolves once the child's event loop is idle, waiting for input. */
	idle(timeoutMs?: number): Promise<void>;
	/** Resolves with the exit code once the process is gone. */
	readonly exit: Promise<PtyExit>;
	/** As `exit`, but fails with the last screen when the process is still running after `timeoutMs`, instead of hanging the test. */
	waitForExit(timeoutMs?: number): Promise<PtyExit>;
	/** Everything the process wrote to the terminal, escape codes included. */
	raw(): string;
	kill(signal?: string): void;
};

const running = new Set<PtyRun>();

/** The child's environment: no CI (Ink renders nothing until exit there), no real home, no browser. */
function childEnv(configDir: string, extra: Record<string, string | undefined>): Record<string, string> {
	const env: Record<string, string | undefined> = {
		PATH: process.env.PATH,
		HOME: path.join(os.tmpdir(), 'mkt-wizard-no-home'),
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		TZ: process.env.TZ,
		BROWSER: 'none',
		MKT_WIZARD_CONFIG_DIR: configDir,
		...extra,
	};
	delete env.CI;
	delete env.CONTINUOUS_INTEGRATION;
	return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

// epoll_wait, epoll_pwait, epoll_pwait2 on x86_64 and arm64 (which has only the last two).
const epollSyscalls = new Set(process.arch === 'arm64' ? [22, 441] : [232, 281, 441]);

/**
 * True when the process's main thread sleeps in epoll with a non-zero timeout: libuv
 * polls with timeout 0 while immediates are pending, so it blocks only when there are none.
 * Undefined when /proc does not tell (not Linux, or no permission).
 */
function blockedInEpoll(pid: number): boolean | undefined {
	let fields: string[];
	try {
		fields = readFileSync(`/proc/${pid}/syscall`, 'utf8').trim().split(' ');
	} catch {
		return undefined;
	}

	const number = Number(fields[0]);
	if (!Number.isInteger(number) || !epollSyscalls.has(number)) {
		return false;
	}

	// epoll_wait and epoll_pwait take the timeout in milliseconds as their fourth argument.
	return number === 441 || fields[4] !== '0x0';
}

/** How many read system calls the process has made (/proc/<pid>/io), or undefined where /proc does not tell. */
function readCalls(pid: number): number | undefined {
	try {
		const match = /^syscr: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * What a terminal of this size shows of a child's output. Everything up to the end of each update
 * goes to the terminal as one write, and the screen is read once the terminal has parsed it; text
 * that may hold the start of an end marker waits for more.
 */
function headlessScreen(cols: number, rows: number) {
	const terminal = new xterm.Terminal({cols, rows, scrollback: 10_000, allowProposedApi: true});
	const shown: string[] = [];
	let output = '';
	let fed = 0;
	/** What the terminal shows now, each line's trailing blanks and the trailing empty lines trimmed. */
	const viewport = () => {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < terminal.rows; row++) {
			lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true).trimEnd() ?? '');
		}

		return lines.join('\n').replace(/\n+$/, '');
	};

	const feed = () => {
		for (;;) {
			const end = output.indexOf(syncEnd, fed);
			if (end === -1) {
				break;
			}

			const upTo = end + syncEnd.length;
			terminal.write(output.slice(fed, upTo), () => {
				shown.push(viewport());
			});
			fed = upTo;
		}

		let keep = 0;
		for (let length = Math.min(syncEnd.length - 1, output.length - fed); length > 0; length--) {
			if (syncEnd.startsWith(output.slice(output.length - length))) {
				keep = length;
				break;
			}
		}

		if (output.length - keep > fed) {
			terminal.write(output.slice(fed, output.length - keep));
			fed = output.length - keep;
		}
	};

	return {
		add(data: string): void {
			output += data;
			feed();
		},
		output: () => output,
		screen: () => shown.at(-1) ?? '',
		frames: () => [...shown],
		scrolledLines: () => terminal.buffer.active.baseY,
		/** Writes the rest of the output; resolves once the terminal has read it, so the screen shows the last of it. */
		async end(): Promise<void> {
			feed();
			await new Promise<void>(resolve => {
				terminal.write(output.slice(fed), () => {
					terminal.dispose();
					resolve();
				});
			});
		},
	};
}

/**
 * Each --demo run its own callback port: demos started at once by parallel test files would
 * otherwise all pick port 3000 and race for it (a run that loses meets the port-busy screen).
 */
function demoPort(args: readonly string[], env: PtyOptions['env']): Record<string, string> {
	return args.includes('--demo') && env?.ETSY_REDIRECT_URI === undefined
		? {ETSY_REDIRECT_URI: `http://localhost:${20_000 + Math.floor(Math.random() * 12_000)}/callback`}
		: {};
}

/** `exit`, or a failure naming `what` was still running `timeoutMs` later, instead of a hung test. */
async function exitWithin(exit: Promise<PtyExit>, timeoutMs: number, what: () => string): Promise<PtyExit> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			reject(new Error(what()));
		}, timeoutMs);
	});
	try {
		return await Promise.race([exit, late]);
	} finally {
		clearTimeout(timer);
	}
}

/** Polls until the screen matches; fails with the last screen (and the exit, if any) after `timeoutMs`. */
async function screenMatching(view: ReturnType<typeof headlessScreen>, pattern: RegExp | ((screen: string) => boolean), timeoutMs: number, exited: () => PtyExit | undefined): Promise<string> {
	const matches = typeof pattern === 'function' ? pattern : (text: string) => pattern.test(text);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const current = view.screen();
		if (matches(current)) {
			return current;
		}

		const exit = exited();
		if (exit || Date.now() > deadline) {
			const why = exit
				? `the process exited (${exit.code}) first; its last output: ${JSON.stringify(stripAnsi(view.output()).slice(-400))}`
				: `timed out after ${timeoutMs} ms`;
			throw new Error(`The screen never matched ${String(pattern)}: ${why}. Last screen:\n${current}`);
		}

		await sleep(15);
	}
}

/**
 * Whether the child is idle now (see the top of this file). Right after a write it may still sleep
 * in epoll, not yet woken to read the keys: idle counts only once it has read since (or, where
 * /proc cannot tell, a moment later).
 */
function isIdle(pid: number, lastWrite: {reads: number | undefined; at: number} | undefined): boolean {
	const reads = readCalls(pid);
	const caughtUp = lastWrite === undefined || (reads === undefined || lastWrite.reads === undefined ? Date.now() - lastWrite.at > 250 : reads > lastWrite.reads);
	return blockedInEpoll(pid) !== false && caughtUp;
}

/** Starts `node dist/cli.cjs ...args` in a pseudo-terminal. Run `npm run build` first. */
export function spawnCli(args: readonly string[], options: PtyOptions = {}): PtyRun {
	assertReadyToRunCli();
	const ownConfig = options.configDir === undefined;
	const configDir = options.configDir ?? tempDir('pty');
	const env = childEnv(configDir, {...demoPort(args, options.env), ...options.env});
	const cols = options.cols ?? 100;
	const rows = options.rows ?? 30;
	const child = pty.spawn(process.execPath, [cliPath, ...args], {name: 'xterm-256color', cols, rows, cwd: os.tmpdir(), env});
	const view = headlessScreen(cols, rows);
	child.onData(data => {
		view.add(data);
	});
	let exited: PtyExit | undefined;
	const exit = new Promise<PtyExit>(resolve => {
		child.onExit(({exitCode, signal}) => {
			exited = {code: exitCode, signal: signal || undefined};
			running.delete(run);
			// The screen goes through the file's secret check before the config it reads secrets
			// from goes: raw, without escape codes (a colour change could split a secret), and with
			// its lines joined (Ink wraps a long value across lines, indenting the rest).
			const output = view.output();
			const text = stripAnsi(output).replaceAll('\r', '');
			recordCliRun({args, env, stdout: [output, text, text.replaceAll(/\n[ \t│|]*/g, '')].join('\n'), stderr: ''});
			if (ownConfig) {
				removeTempDir(configDir);
			}

			void view.end().then(() => {
				resolve(exited!);
			});
		});
	});

	let lastWrite: {reads: number | undefined; at: number} | undefined;
	const {screen} = view;
	const run: PtyRun = {
		configDir,
		screen,
		frames: view.frames,
		scrolledLines: view.scrolledLines,
		async waitForScreen(pattern, timeoutMs = 10_000) {
			return screenMatching(view, pattern, timeoutMs, () => exited);
		},
		async idle(timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			while (!exited && !isIdle(child.pid, lastWrite)) {
				if (Date.now() > deadline) {
					throw new Error(`The wizard never went idle within ${timeoutMs} ms. Last screen:\n${screen()}`);
				}

				await sleep(2);
			}
		},
		async press(keys) {
			await run.idle();
			lastWrite = {reads: readCalls(child.pid), at: Date.now()};
			child.write(keys);
		},
		type(keys) {
			child.write(keys);
		},
		exit,
		async waitForExit(timeoutMs = 10_000) {
			return exitWithin(exit, timeoutMs, () => `The process (pid ${child.pid}) was still running ${timeoutMs} ms later. Last screen:\n${screen()}\nLast output: ${JSON.stringify(view.output().slice(-300))}`);
		},
		raw: () => view.output(),
		kill(signal) {
			if (!exited) {
				child.kill(signal);
			}
		},
	};
	running.add(run);
	return run;
}

/** Kills whatever is still running (a failed test) and waits for it to go; use in afterEach. */
export async function killAll(): Promise<void> {
	const left = [...running];
	for (const run of left) {
		run.kill('SIGKILL');
	}

	await Promise.all(left.map(async run => run.exit));
}

/**
 * The consent URL as printed under "Open this page to consent:" (the last one on screen); the
 * terminal wraps it at its width, so its lines are joined up to the blank line after it.
 */
export function consentUrlOf(screen: string): string {
	const lines = screen.split('\n');
	const start = lines.findLastIndex(line => line.startsWith('Open this page to consent:'));
	if (start === -1) {
		throw new Error(`No consent URL on the screen:\n${screen}`);
	}

	const urlLines: string[] = [];
	for (const line of lines.slice(start + 1)) {
		if (line.trim() === '') {
			break;
		}

		urlLines.push(line.trim());
	}

	return urlLines.join('');
}

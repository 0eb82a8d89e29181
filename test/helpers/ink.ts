// Drives Ink components the way docs/engineering.md found reliable: render and every
// key inside act(), poll frames inside act(), unmount inside act() after each test.
import {setTimeout as sleep} from 'node:timers/promises';
import type {ReactElement} from 'react';
import {act} from 'react';
import {render} from 'ink-testing-library';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	space: ' ',
	backspace: '\u007F',
	tab: '\t',
	ctrlC: '\u0003',
} as const;

export type Rendered = ReturnType<typeof render> & {
	/** The last frame with ANSI codes removed. */
	readonly screen: () => string;
	/** Every frame written so far, ANSI codes removed. */
	readonly allFrames: () => string[];
};

const mounted: Array<ReturnType<typeof render>> = [];

const ansiPattern = /\u001B\[[0-9;?]*[ -/]*[@-~]|\u001B\][^\u0007]*?(?:\u0007|\u001B\\)/g;

export function stripAnsi(text: string): string {
	return text.replace(ansiPattern, '');
}

export async function renderInk(tree: ReactElement): Promise<Rendered> {
	let result: ReturnType<typeof render> | undefined;
	await act(async () => {
		result = render(tree);
	});
	const rendered = result!;
	mounted.push(rendered);
	return Object.assign(rendered, {
		screen: () => stripAnsi(rendered.lastFrame() ?? ''),
		allFrames: () => rendered.frames.map(frame => stripAnsi(frame)),
	});
}

/**
 * Writes each argument as its own stdin chunk, inside act. A lone Escape is
 * held by Ink until the next tick (it may start a sequence), so each write
 * also lets one tick pass.
 */
export async function press(rendered: Rendered, ...chunks: string[]): Promise<void> {
	for (const chunk of chunks) {
		await act(async () => {
			rendered.stdin.write(chunk);
			await new Promise(resolve => {
				setImmediate(resolve);
			});
		});
	}
}

/**
 * Writes each argument as its own stdin chunk inside ONE act, with nothing
 * awaited between them: every key is read before React renders what the first
 * one did, as when a terminal read holds several keys, or keys come faster
 * than React's render task runs.
 */
export async function pressAtOnce(rendered: Rendered, ...chunks: string[]): Promise<void> {
	await act(async () => {
		for (const chunk of chunks) {
			rendered.stdin.write(chunk);
		}
	});
}

/**
 * Writes the first chunk, then each next one as soon as the frame the last one
 * produced is drawn, outside act() as a real terminal does. React commits a
 * render (and Ink draws its frame) in one task, then yields, and runs the
 * passive effects (useEffect) in a later task: a key already waiting in stdin
 * is read in between. Each chunk but the last must bring a new frame. Then
 * lets the effects run, in act.
 */
export async function pressAsFramesArrive(rendered: Rendered, ...chunks: string[]): Promise<void> {
	const environment = globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean};
	const stdout = rendered.stdout as unknown as {write: (frame: string) => void};
	const write = stdout.write;
	const pending = [...chunks];
	let timer: NodeJS.Timeout | undefined;
	environment.IS_REACT_ACT_ENVIRONMENT = false;
	try {
		await new Promise<void>((resolve, reject) => {
			const next = () => {
				const chunk = pending.shift();
				if (chunk !== undefined) {
					rendered.stdin.write(chunk);
				}

				if (pending.length === 0) {
					resolve();
				}
			};

			stdout.write = frame => {
				write(frame);
				// A microtask runs once the task that committed this frame is over, before the next task.
				queueMicrotask(next);
			};

			timer = setTimeout(() => {
				reject(new Error(`No new frame after a key; not written: ${JSON.stringify(pending)}. Last screen:\n${rendered.screen()}`));
			}, 2000);
			next();
		});
	} finally {
		clearTimeout(timer);
		stdout.write = write;
		environment.IS_REACT_ACT_ENVIRONMENT = true;
	}

	await act(async () => {
		await sleep(10);
	});
}

/**
 * Polls the screen (inside act) until `predicate` holds; fails with the last screen after `timeoutMs`.
 * Then lets React run the new screen's passive effects: a screen drawn after async work (not inside
 * act) starts its effects only then.
 */
export async function waitForScreen(rendered: Rendered, predicate: (screen: string) => boolean, timeoutMs = 2000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = rendered.screen();
		if (predicate(screen)) {
			await act(async () => {
				await new Promise(resolve => {
					setImmediate(resolve);
				});
			});
			return screen;
		}

		if (Date.now() > deadline) {
			throw new Error(`Timed out waiting for the screen; last screen:\n${screen}`);
		}
		await act(async () => {
			await sleep(10);
		});
	}
}

/** Unmounts everything rendered since the last call; use in afterEach. */
export async function cleanupInk(): Promise<void> {
	await act(async () => {
		for (const instance of mounted.splice(0)) {
			instance.unmount();
			instance.cleanup();
		}
	});
}

/** Lines wider than `columns` terminal cells in any frame, for a readable assertion message. */
export function linesWiderThan(frames: readonly string[], columns: number): string[] {
	return frames.flatMap(frame => frame.split('\n')).filter(line => cellWidth(line) > columns);
}

// Every character the wizard prints is one cell wide (no emoji, no CJK), so code points count cells.
function cellWidth(line: string): number {
	return [...line].length;
}

/**
 * The consent URL the App printed above its frames (Ink's useStdout().write, one write of its
 * own here): polls the frames (inside act) until one holds it; the last one printed wins,
 * unless it is `not` (the URL of an attempt before).
 */
export async function waitForConsentUrl(rendered: Rendered, {not, timeoutMs = 5000}: {not?: string; timeoutMs?: number} = {}): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const printed = rendered.allFrames().findLast(frame => frame.startsWith('Open this page to consent:\n'))?.split('\n')[1];
		if (printed && printed !== not) {
			return printed;
		}

		if (Date.now() > deadline) {
			throw new Error(`No consent URL was printed; last screen:\n${rendered.screen()}`);
		}

		await act(async () => {
			await sleep(10);
		});
	}
}

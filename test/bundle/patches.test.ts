// Every dependency patch applied at bundle time (test/tools/patches.js), checked against
// the unpatched original: string widths and tokens on every BMP code point, alone and
// in context, and on random text built from the characters most likely to differ.
import assert from 'node:assert/strict';
import {EventEmitter, once} from 'node:events';
import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {after, before, describe, test, type TestContext} from 'node:test';
import {fileURLToPath} from 'node:url';
import xterm from '@xterm/headless';
import {build} from 'esbuild';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const modules = path.join(root, 'node_modules');
const stringWidth7Path = path.join(modules, 'wrap-ansi/node_modules/string-width/index.js');

type StringWidth = (text: string, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}) => number;
type Token = {type: string; value?: string; code?: string; endCode?: string; fullWidth?: boolean};
type Tokenize = (text: string, endChar?: number) => Token[];
type SliceAnsi = (text: string, start: number, end?: number) => string;
type YogaNode = {
	setWidth(width: number | string): void;
	setHeight(height: number | string): void;
	setPadding(edge: number, value: number): void;
	setFlexDirection(direction: number): void;
	setFlexGrow(grow: number): void;
	insertChild(child: YogaNode, index: number): void;
	calculateLayout(width?: number, height?: number, direction?: number): void;
	getComputedLayout(): {left: number; top: number; width: number; height: number};
	freeRecursive(): void;
};
type Yoga = {
	Node: {create(): YogaNode};
	EDGE_ALL: number;
	EDGE_LEFT: number;
	FLEX_DIRECTION_ROW: number;
	FLEX_DIRECTION_COLUMN: number;
	DIRECTION_LTR: number;
};
type Patched = {stringWidth8: StringWidth; stringWidth7: StringWidth; tokenize: Tokenize; sliceAnsi: SliceAnsi; Yoga: Yoga};

type PatchesModule = {
	patches: Array<{package: string; version: string; file: string; replace: Array<[string, string]>}>;
	applyPatch(patch: unknown, text: string): string;
	patchPlugin(options?: {requireAll?: boolean; patches?: unknown[]}): import('esbuild').Plugin;
};

// Plain JS build tooling, imported by path so the type checker does not look for declarations.
const patchesPath = path.join(root, 'test/tools/patches.js');
const tools = await import(patchesPath) as PatchesModule;

let work: string;
let patched: Patched;
const original = {} as Patched;

async function bundle(entry: string, plugin: import('esbuild').Plugin, outfile: string): Promise<void> {
	await build({
		stdin: {contents: entry, resolveDir: root, sourcefile: 'entry.js'},
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		outfile,
		logLevel: 'silent',
		plugins: [plugin],
	});
}

before(async () => {
	work = tempDir('patches');
	const outfile = path.join(work, 'patched.cjs');
	await bundle([
		'export {default as stringWidth8} from \'string-width\';',
		`export {default as stringWidth7} from ${JSON.stringify(stringWidth7Path)};`,
		'export {tokenize} from \'@alcalzone/ansi-tokenize\';',
		'export {default as sliceAnsi} from \'slice-ansi\';',
		'export {default as Yoga} from \'yoga-layout\';',
	].join('\n'), tools.patchPlugin({requireAll: false}), outfile);
	patched = createRequire(import.meta.url)(outfile) as Patched;
	original.stringWidth8 = (await import('string-width')).default as StringWidth;
	original.stringWidth7 = (await import(stringWidth7Path) as {default: StringWidth}).default;
	original.tokenize = (await import('@alcalzone/ansi-tokenize') as unknown as {tokenize: Tokenize}).tokenize;
	original.sliceAnsi = (await import('slice-ansi') as unknown as {default: SliceAnsi}).default;
	original.Yoga = (await import('yoga-layout') as unknown as {default: Yoga}).default;
});

after(() => {
	removeTempDir(work);
});

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6D_2B_79_F5) | 0;
		let value = Math.imul(state ^ (state >>> 15), 1 | state);
		value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};
}

// Characters near every rule the fast paths rely on.
const tricky = [
	'a', 'Z', ' ', '~', 'é', 'ß', '\u00A0', '\u00AD', '©', '®', '™', '‼', '↔', '⌚', '⏩', '☀', '✔', '✖', '❯', '…', '·', '─', '│', '╭', '⠋', '⠙',
	'中', '文', '日', 'ア', 'ｶ', 'ﾞ', 'ﾟ', 'Ａ', '！', '가', '각', '\u1100', '\u1161', '\u11A8', '\uA960', '\uD7B0', '\u115F', '\u3164', '\uFFA0',
	'ก', '\u0E33', '\u0E31', 'ກ', '\u0EB3', 'क', '\u094D', 'ष', '\u0D4E', 'മ', '\u0301', '\u0308', '\u20E3', '\u200B', '\u200D', '\uFE0E', '\uFE0F',
	'\u2028', '\u0600', '\u0903', '\u093F', '\t', '\n', '\r', '\r\n', '\u0007', '\u001B', '\u009B', '\u007F', '\uD800', '\uDC00', '\uE000', '\uFFFD',
	'😀', '👍', '🏽', '👨‍👩‍👧', '🇫🇷', '#️⃣', '1⃣', '❤️', '🧑‍💻', '𝕏', '𠀀',
	'\u001B[31m', '\u001B[39m', '\u001B[1;4m', '\u001B[38;5;196m', '\u001B[38;2;1;2;3m', '\u001B[0m', '\u001B]8;;https://example.com\u0007', '\u001B]8;;\u0007',
];

function randomTexts(count: number, seed: number): string[] {
	const next = random(seed);
	const texts: string[] = [];
	for (let index = 0; index < count; index++) {
		let text = '';
		const length = Math.floor(next() * 12);
		for (let at = 0; at < length; at++) {
			text += next() < 0.7 ? tricky[Math.floor(next() * tricky.length)] : String.fromCharCode(Math.floor(next() * 0x1_00_00));
		}

		texts.push(text);
	}

	return texts;
}

/**
 * The BMP in blocks of 4096 code points, each compared in a subtest of its own: under load the
 * whole plane can take longer than the runner's watchdog allows between tests starting and ending.
 */
const bmpBlocks = Array.from({length: 16}, (_, block) => ({
	name: `U+${(block * 0x10_00).toString(16).toUpperCase().padStart(4, '0')}…U+${(block * 0x10_00 + 0xF_FF).toString(16).toUpperCase().padStart(4, '0')}`,
	characters: Array.from({length: 0x10_00}, (_, offset) => String.fromCharCode(block * 0x10_00 + offset)),
}));

/**
 * Runs `compare` on each block of the BMP as a subtest. Between blocks the event loop turns, so
 * the runner's reporters write out the blocks done: tests that never leave the CPU hold back
 * every report until the file ends, and the watchdog would see no progress at all.
 */
async function forEachBmpBlock(context: TestContext, compare: (characters: string[]) => void): Promise<void> {
	for (const block of bmpBlocks) {
		await context.test(block.name, () => {
			compare(block.characters);
		});
		await new Promise(resolve => {
			setTimeout(resolve, 10);
		});
	}
}

const allOptions = [{}, {ambiguousIsNarrow: false}, {countAnsiEscapeCodes: true}];

function compareWidths(name: 'stringWidth8' | 'stringWidth7', texts: Iterable<string>, optionSets: object[] = allOptions): void {
	for (const text of texts) {
		for (const options of optionSets) {
			const expected = original[name](text, options);
			const actual = patched[name](text, options);
			if (actual !== expected) {
				assert.fail(`${name}(${JSON.stringify(text)}, ${JSON.stringify(options)}): patched ${actual}, original ${expected}`);
			}
		}
	}
}

/** Each code point alone (every option), then between letters and doubled (default options). */
function compareCodePoints(name: 'stringWidth8' | 'stringWidth7', characters: string[]): void {
	compareWidths(name, characters);
	compareWidths(name, characters.flatMap(character => [`a${character}b`, `${character}${character}`]), [{}]);
}

describe('string-width 8.3.0 (Ink, cli-truncate, widest-line)', () => {
	test('the patched build is the one under test: its fast path runs', () => {
		assert.notEqual(patched.stringWidth8, original.stringWidth8);
		assert.equal(patched.stringWidth8('中文 ❯ …'), 8);
	});

	test('every BMP code point, alone and in context, has the original width', async context => {
		await forEachBmpBlock(context, characters => {
			compareCodePoints('stringWidth8', characters);
		});
	});

	test('Thai and Lao SARA AM join the previous letter: width of the cluster, not the sum', () => {
		for (const text of ['ก\u0E33', 'ກ\u0EB3', '\u0E33', '\u0EB3', 'น้ำ']) {
			assert.equal(patched.stringWidth8(text), original.stringWidth8(text), text);
		}

		assert.equal(patched.stringWidth8('ก\u0E33'), 1);
	});

	test('random text with emoji, marks, jamo, controls and ANSI codes', () => {
		compareWidths('stringWidth8', randomTexts(20_000, 1));
	});
});

describe('string-width 7.2.0 (wrap-ansi)', () => {
	test('every BMP code point, alone and in context, has the original width', async context => {
		await forEachBmpBlock(context, characters => {
			compareCodePoints('stringWidth7', characters);
		});
	});

	test('text-style pictographs (©, ✔) keep the width 7.2.0 gives them', () => {
		for (const text of ['©', '✔', '✖', '❯', 'a©b']) {
			assert.equal(patched.stringWidth7(text), original.stringWidth7(text), text);
		}
	});

	test('random text', () => {
		compareWidths('stringWidth7', randomTexts(20_000, 2));
	});
});

describe('@alcalzone/ansi-tokenize 0.2.5', () => {
	function compareTokens(texts: Iterable<string>): void {
		for (const text of texts) {
			for (const endChar of [undefined, 3]) {
				const expected = JSON.stringify(original.tokenize(text, endChar));
				const actual = JSON.stringify(patched.tokenize(text, endChar));
				if (actual !== expected) {
					assert.fail(`tokenize(${JSON.stringify(text)}, ${endChar}): patched ${actual}, original ${expected}`);
				}
			}
		}
	}

	test('every BMP code point, alone and between ANSI codes, gives the original tokens', async context => {
		await forEachBmpBlock(context, characters => {
			compareTokens(characters);
			compareTokens(characters.map(character => `\u001B[31m${character}x\u001B[39m`));
		});
	});

	test('random text with ANSI codes and links', () => {
		compareTokens(randomTexts(20_000, 3));
	});
});

describe('slice-ansi 8.0.0 (segmenter built on first use)', () => {
	test('random slices of random text match the original', () => {
		const next = random(4);
		for (const text of randomTexts(10_000, 5)) {
			const start = Math.floor(next() * 6);
			const end = start + Math.floor(next() * 8);
			assert.equal(patched.sliceAnsi(text, start, end), original.sliceAnsi(text, start, end), JSON.stringify([text, start, end]));
		}
	});
});

describe('yoga-layout 3.2.1 loaded synchronously', () => {
	function layout(yoga: Yoga): unknown[] {
		const rootNode = yoga.Node.create();
		rootNode.setWidth(100);
		rootNode.setFlexDirection(yoga.FLEX_DIRECTION_COLUMN);
		rootNode.setPadding(yoga.EDGE_ALL, 1);
		const row = yoga.Node.create();
		row.setFlexDirection(yoga.FLEX_DIRECTION_ROW);
		row.setHeight(3);
		const left = yoga.Node.create();
		left.setWidth('30%');
		const right = yoga.Node.create();
		right.setFlexGrow(1);
		right.setPadding(yoga.EDGE_LEFT, 2);
		row.insertChild(left, 0);
		row.insertChild(right, 1);
		rootNode.insertChild(row, 0);
		rootNode.calculateLayout(undefined, undefined, yoga.DIRECTION_LTR);
		const result = [rootNode, row, left, right].map(node => node.getComputedLayout());
		rootNode.freeRecursive();
		return result;
	}

	test('computes the same layouts as the original, with the same constants', () => {
		assert.deepEqual(layout(patched.Yoga), layout(original.Yoga));
		for (const name of ['EDGE_ALL', 'EDGE_LEFT', 'FLEX_DIRECTION_ROW', 'DIRECTION_LTR'] as const) {
			assert.equal(patched.Yoga[name], original.Yoga[name], name);
		}
	});
});

describe('ink 6.8.0 ErrorOverview (stack-utils loaded with the first error)', () => {
	type Overview = (error: Error) => string;
	const entry = [
		'import React from \'react\';',
		'import {renderToString} from \'ink\';',
		`import ErrorOverview from ${JSON.stringify(path.join(modules, 'ink/build/components/ErrorOverview.js'))};`,
		'export const overview = error => renderToString(React.createElement(ErrorOverview, {error}), {columns: 100});',
	].join('\n');
	const overviews = {} as {patched: Overview; original: Overview};

	before(async () => {
		const isErrorOverview = (entry: {package: string; file: string}) => entry.package === 'ink' && entry.file === 'build/components/ErrorOverview.js';
		assert.equal(tools.patches.filter(entry => isErrorOverview(entry)).length, 1);
		for (const [name, active] of [['patched', tools.patches], ['original', tools.patches.filter(entry => !isErrorOverview(entry))]] as const) {
			const outfile = path.join(work, `overview-${name}.cjs`);
			await bundle(entry, tools.patchPlugin({patches: active}), outfile);
			overviews[name] = (createRequire(import.meta.url)(outfile) as {overview: Overview}).overview;
		}
	});

	test('shows the same message, origin, code excerpt and stack as the original', () => {
		// An error thrown from a real file, so the overview finds the file and quotes its lines.
		const thrower = path.join(work, 'thrower.cjs');
		writeFileSync(thrower, 'function fail() {\n\tthrow new Error(\'the answer is not 42\');\n}\nmodule.exports = fail;\n');
		let error: Error | undefined;
		try {
			(createRequire(import.meta.url)(thrower) as () => void)();
		} catch (caught) {
			error = caught as Error;
		}

		const patched = overviews.patched(error!);
		assert.equal(patched, overviews.original(error!));
		assert.match(patched, /the answer is not 42/);
		assert.match(patched, /thrower\.cjs:2:\d+/);
		assert.match(patched, /throw new Error/, 'the code excerpt is there');
		const noStack = Object.assign(new Error('no stack'), {stack: undefined});
		assert.equal(overviews.patched(noStack), overviews.original(noStack));
	});
});

describe('ink 6.8.0 useInput (subscribed in a layout effect)', () => {
	type Element = unknown;
	type InkBundle = {
		React: {
			createElement(type: unknown, props?: object | null, ...children: unknown[]): Element;
			useState<T>(initial: T): [T, (next: T) => void];
			useEffect(effect: () => void, deps: unknown[]): void;
			useLayoutEffect(effect: () => void, deps: unknown[]): void;
			Fragment: unknown;
		};
		render(tree: Element, options: object): {unmount(): void};
		Text: unknown;
		useInput(handler: (input: string, key: Record<string, unknown>) => void, options?: {isActive?: boolean}): void;
	};
	const inks = {} as {patched: InkBundle; original: InkBundle};
	const isUseInput = (entry: {package: string; file: string}) => entry.package === 'ink' && entry.file === 'build/hooks/use-input.js';

	before(async () => {
		assert.equal(tools.patches.filter(entry => isUseInput(entry)).length, 1);
		const entry = 'export {default as React} from \'react\';\nexport {render, Text, useInput} from \'ink\';';
		for (const [name, active] of [['patched', tools.patches], ['original', tools.patches.filter(entry => !isUseInput(entry))]] as const) {
			const outfile = path.join(work, `ink-${name}.cjs`);
			await bundle(entry, tools.patchPlugin({patches: active}), outfile);
			inks[name] = createRequire(import.meta.url)(outfile) as InkBundle;
		}
	});

	/** A terminal's stdin as Ink reads it: 'readable', then read() once. */
	class Stdin extends EventEmitter {
		readonly isTTY = true;
		private data: string | null = null;
		type(data: string): void {
			this.data = data;
			this.emit('readable');
		}

		read(): string | null {
			const data = this.data;
			this.data = null;
			return data;
		}

		setEncoding(): void {}
		setRawMode(): void {}
		ref(): void {}
		unref(): void {}
	}

	/**
	 * Two screens, each with its own useInput; `n` on the first shows the second. The key `x` is
	 * read in the commit that draws the second screen, after its layout effects and before the
	 * passive ones (a component after it types it from its own layout effect): where a key read
	 * between the frame and the passive effects goes, every time. `n` is typed once the first
	 * screen's passive effects have run and `y` once the second's have, so that either Ink has
	 * subscribed the screen's handler by then: only `x` falls in the gap.
	 */
	async function keysAcrossAScreenChange(ink: InkBundle): Promise<string[]> {
		const {React, render, Text, useInput} = ink;
		const stdin = new Stdin();
		const seen: string[] = [];
		const stdout = Object.assign(new EventEmitter(), {columns: 80, rows: 24, write: () => true});
		// Emits a screen's name from an effect declared after its useInput: the effects of a
		// component run in order, so useInput's own have run when it fires.
		const passiveEffectsRan = new EventEmitter();
		function Screen({name, next}: {name: string; next: () => void}) {
			useInput(input => {
				seen.push(`${name}:${input}`);
				if (input === 'n') {
					next();
				}
			});
			React.useEffect(() => {
				passiveEffectsRan.emit(name);
			}, []);
			return React.createElement(Text, null, name);
		}

		function TypesOnArrival() {
			React.useLayoutEffect(() => {
				stdin.type('x');
			}, []);
			return null;
		}

		function Wizard() {
			const [screen, setScreen] = React.useState('first');
			return React.createElement(React.Fragment, null, React.createElement(Screen, {name: screen, key: screen, next: () => setScreen('second')}), screen === 'second' ? React.createElement(TypesOnArrival) : null);
		}

		const firstReady = once(passiveEffectsRan, 'first');
		const app = render(React.createElement(Wizard), {stdin, stdout, stderr: stdout, exitOnCtrlC: false, patchConsole: false, debug: true});
		try {
			await firstReady;
			const secondReady = once(passiveEffectsRan, 'second');
			stdin.type('n');
			await secondReady;
			stdin.type('y');
			return seen;
		} finally {
			app.unmount();
		}
	}

	test('a key read between the commit that draws a screen and its passive effects reaches that screen (the original gives it to the screen gone)', async () => {
		assert.deepEqual(await keysAcrossAScreenChange(inks.original), ['first:n', 'first:x', 'second:y'], 'the original still loses the key: the test can fail');
		assert.deepEqual(await keysAcrossAScreenChange(inks.patched), ['first:n', 'second:x', 'second:y']);
	});

	test('hands each key over as the original does, and not while inactive', async () => {
		const inputs = ['a', 'A', ' ', '\r', '\u007F', '\u001B[A', '\u001B[D', '\u001B[H', '\u001B[3~', '\u0001', '\u0017', '\u001Bb', '\u001Bf', '\t', '\u001B[Z', 'héllo'];
		const heard = {} as Record<'patched' | 'original', unknown[]>;
		for (const name of ['patched', 'original'] as const) {
			const {React, render, Text, useInput} = inks[name];
			const stdin = new Stdin();
			const stdout = Object.assign(new EventEmitter(), {columns: 80, rows: 24, write: () => true});
			const seen: unknown[] = [];
			// As in keysAcrossAScreenChange: fired once useInput's own effects have run.
			const passiveEffectsRan = new EventEmitter();
			function Listener({isActive}: {isActive: boolean}) {
				useInput((input, key) => {
					seen.push([isActive, input, key]);
				}, {isActive});
				React.useEffect(() => {
					passiveEffectsRan.emit(String(isActive));
				}, []);
				return React.createElement(Text, null, String(isActive));
			}

			const listening = Promise.all([once(passiveEffectsRan, 'true'), once(passiveEffectsRan, 'false')]);
			const app = render(React.createElement(React.Fragment, null, React.createElement(Listener, {isActive: true}), React.createElement(Listener, {isActive: false})), {stdin, stdout, stderr: stdout, exitOnCtrlC: false, patchConsole: false, debug: true});
			await listening;
			for (const input of inputs) {
				stdin.type(input);
				// A lone Escape prefix is held by Ink's parser until a setImmediate: one queued
				// after it runs after it.
				await new Promise(resolve => {
					setImmediate(resolve);
				});
			}

			app.unmount();
			heard[name] = seen;
		}

		assert.equal(heard.patched.length, inputs.length, 'one call per key, none from the inactive listener');
		assert.deepEqual(heard.patched, heard.original);
	});
});

describe('ink 6.8.0 log-update (incremental rendering rewinds to the frame\'s first line)', () => {
	type LogUpdate = {create(stream: {write(data: string): boolean}, options: {incremental: boolean; showCursor?: boolean}): (text: string) => void};
	const logUpdates = {} as {patched: LogUpdate; original: LogUpdate};
	const isLogUpdate = (entry: {package: string; file: string}) => entry.package === 'ink' && entry.file === 'build/log-update.js';

	before(async () => {
		assert.equal(tools.patches.filter(entry => isLogUpdate(entry)).length, 1);
		const entry = `export {default} from ${JSON.stringify(path.join(modules, 'ink/build/log-update.js'))};`;
		for (const [name, active] of [['patched', tools.patches], ['original', tools.patches.filter(entry => !isLogUpdate(entry))]] as const) {
			const outfile = path.join(work, `log-update-${name}.cjs`);
			await bundle(entry, tools.patchPlugin({patches: active}), outfile);
			logUpdates[name] = (createRequire(import.meta.url)(outfile) as {default: LogUpdate}).default;
		}
	});

	/** Frames as Ink hands them to log-update (each ends in a newline unless it fills the terminal), and what a terminal shows after each. */
	async function screensAfter(logUpdate: LogUpdate, frames: string[]): Promise<string[]> {
		// convertEol: a pty turns each LF into CR LF on the way to the terminal.
		const terminal = new xterm.Terminal({cols: 40, rows: 12, allowProposedApi: true, convertEol: true});
		const screens: string[] = [];
		const log = logUpdate.create({write: data => {
			terminal.write(data);
			return true;
		}}, {incremental: true});
		for (const frame of frames) {
			log(frame);
			await new Promise<void>(resolve => {
				terminal.write('', resolve);
			});
			const buffer = terminal.buffer.active;
			const rows = Array.from({length: terminal.rows}, (_, row) => buffer.getLine(buffer.viewportY + row)?.translateToString(true).trimEnd() ?? '');
			screens.push(rows.join('\n').replace(/\n+$/, ''));
		}

		terminal.dispose();
		return screens;
	}

	const frames = [
		'header\n\n⠋ waiting 0:01\nurl\n\nhints\n',
		'header\n\n⠙ waiting 0:01\nurl\n\nhints\n',
		'header\n\n⠹ waiting 0:02\nurl\nnotice\n\nhints\n',
		'other header\n\nfield\n\nhints\n',
		'other header\n\nfield\n\nhints\n',
	];

	test('each frame is drawn where the last one was, growing, shrinking or the same height', async () => {
		const expected = frames.map(frame => frame.replace(/\n+$/, ''));
		assert.notDeepEqual(await screensAfter(logUpdates.original, frames), expected, 'the original drifts a row down: the test can fail');
		assert.deepEqual(await screensAfter(logUpdates.patched, frames), expected);
	});
});

describe('signal-exit 3.0.7 (no assert module)', () => {
	type OnExit = (callback: unknown, options?: object) => () => void;
	const onExit = {} as {patched: OnExit; original: OnExit};

	before(async () => {
		const outfile = path.join(work, 'signal-exit.cjs');
		await bundle('module.exports = require(\'signal-exit\');', tools.patchPlugin({requireAll: false}), outfile);
		onExit.patched = createRequire(import.meta.url)(outfile) as OnExit;
		onExit.original = createRequire(import.meta.url)('signal-exit') as OnExit;
	});

	test('a missing callback is refused with the original message', () => {
		for (const bad of [undefined, 'exit', {}]) {
			assert.throws(() => onExit.original(bad), {message: 'a callback must be provided for exit handler'});
			assert.throws(() => onExit.patched(bad), {name: 'TypeError', message: 'a callback must be provided for exit handler'});
		}
	});

	test('a callback is registered and removed as before', () => {
		// Both copies share signal-exit's emitter on the process object.
		const exitListeners = () => (process as unknown as {__signal_exit_emitter__?: {listeners(event: string): unknown[]}}).__signal_exit_emitter__?.listeners('exit').length ?? 0;
		const before = exitListeners();
		const callback = () => undefined;
		const remove = onExit.patched(callback);
		assert.equal(exitListeners(), before + 1);
		remove();
		assert.equal(exitListeners(), before);
	});
});

describe('the patch mechanism', () => {
	const patch = {package: 'demo', version: '1.0.0', file: 'index.js', why: 'test', replace: [['const a = 1;', 'const a = 2;']] as Array<[string, string]>};

	test('replaces text that occurs exactly once', () => {
		assert.equal(tools.applyPatch(patch, 'const a = 1;\nexport {a};'), 'const a = 2;\nexport {a};');
	});

	test('fails when the text is gone or occurs twice', () => {
		assert.throws(() => tools.applyPatch(patch, 'const a = 3;'), /no longer applies: text not found/);
		assert.throws(() => tools.applyPatch(patch, 'const a = 1;const a = 1;'), /no longer applies: text found more than once/);
	});

	test('fails the build when the bundled version is not the pinned one', async () => {
		const pinnedElsewhere = tools.patches.filter(entry => entry.package === 'string-width' && entry.version === '8.3.0').map(entry => ({...entry, version: '8.2.9'}));
		await assert.rejects(
			bundle('export {default} from \'string-width\';', tools.patchPlugin({patches: pinnedElsewhere}), path.join(work, 'pinned.cjs')),
			/string-width@8\.3\.0 is bundled, but its patch is pinned to 8\.2\.9/,
		);
	});

	test('fails the build when a required patch was never applied', async () => {
		await assert.rejects(
			bundle('export default 1;', tools.patchPlugin({requireAll: true}), path.join(work, 'unused.cjs')),
			/was never applied/,
		);
	});

	test('every patch applies to the installed dependency, at its pinned version', () => {
		for (const entry of tools.patches) {
			const folder = entry.package === 'string-width' && entry.version === '7.2.0' ? path.dirname(stringWidth7Path) : path.join(modules, entry.package);
			const {version} = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as {version: string};
			assert.equal(version, entry.version, entry.package);
			assert.doesNotThrow(() => tools.applyPatch(entry, readFileSync(path.join(folder, entry.file), 'utf8')));
		}
	});
});

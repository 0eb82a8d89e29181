import type {Key} from 'ink';

// Ink's useInput reads each input event with its parse-keypress module, which
// Ink does not export. useKeys listens to Ink's input events itself (see
// key-router.ts), so this is that reading, kept to what Ink does for the legacy
// terminal encoding: the only one a terminal sends unless the app enables the
// kitty keyboard protocol, which mkt-wizard never does. One difference: an
// escape sequence Ink cannot name is dropped here, where Ink would hand its
// characters over as typed text.

const metaKeyCode = /^\u001B([a-zA-Z0-9])$/;
const functionKey = /^\u001B+(O|N|\[|\[\[)(?:(\d+)(?:;(\d+))?([~^$])|(?:1;)?(\d+)?([a-zA-Z]))/;

const keyNames: Readonly<Record<string, string>> = {
	OP: 'f1',
	OQ: 'f2',
	OR: 'f3',
	OS: 'f4',
	'[11~': 'f1',
	'[12~': 'f2',
	'[13~': 'f3',
	'[14~': 'f4',
	'[[A': 'f1',
	'[[B': 'f2',
	'[[C': 'f3',
	'[[D': 'f4',
	'[[E': 'f5',
	'[15~': 'f5',
	'[17~': 'f6',
	'[18~': 'f7',
	'[19~': 'f8',
	'[20~': 'f9',
	'[21~': 'f10',
	'[23~': 'f11',
	'[24~': 'f12',
	'[A': 'up',
	'[B': 'down',
	'[C': 'right',
	'[D': 'left',
	'[E': 'clear',
	'[F': 'end',
	'[H': 'home',
	OA: 'up',
	OB: 'down',
	OC: 'right',
	OD: 'left',
	OE: 'clear',
	OF: 'end',
	OH: 'home',
	'[1~': 'home',
	'[2~': 'insert',
	'[3~': 'delete',
	'[4~': 'end',
	'[5~': 'pageup',
	'[6~': 'pagedown',
	'[[5~': 'pageup',
	'[[6~': 'pagedown',
	'[7~': 'home',
	'[8~': 'end',
	'[a': 'up',
	'[b': 'down',
	'[c': 'right',
	'[d': 'left',
	'[e': 'clear',
	'[2$': 'insert',
	'[3$': 'delete',
	'[5$': 'pageup',
	'[6$': 'pagedown',
	'[7$': 'home',
	'[8$': 'end',
	Oa: 'up',
	Ob: 'down',
	Oc: 'right',
	Od: 'left',
	Oe: 'clear',
	'[2^': 'insert',
	'[3^': 'delete',
	'[5^': 'pageup',
	'[6^': 'pagedown',
	'[7^': 'home',
	'[8^': 'end',
	'[Z': 'tab',
};

// Keys whose event carries no text: their input is ''.
const nonAlphanumeric = new Set([...Object.values(keyNames), 'backspace']);
const shiftCodes = new Set(['[a', '[b', '[c', '[d', '[e', '[2$', '[3$', '[5$', '[6$', '[7$', '[8$', '[Z']);
const ctrlCodes = new Set(['Oa', 'Ob', 'Oc', 'Od', 'Oe', '[2^', '[3^', '[5^', '[6^', '[7^', '[8^']);

type Keypress = {
	name: string;
	ctrl: boolean;
	meta: boolean;
	shift: boolean;
	option: boolean;
};

function parseKeypress(data: string): Keypress {
	const key: Keypress = {name: '', ctrl: false, meta: false, shift: false, option: false};
	if (data === '\r' || data === '\u001B\r') {
		key.name = 'return';
		key.option = data.length === 2;
	} else if (data === '\n') {
		key.name = 'enter';
	} else if (data === '\t') {
		key.name = 'tab';
	} else if (data === '\b' || data === '\u001B\b') {
		key.name = 'backspace';
		key.meta = data.startsWith('\u001B');
	} else if (data === '\u007F' || data === '\u001B\u007F') {
		// Ink names DEL, which terminals send for Backspace, `delete`.
		key.name = 'delete';
		key.meta = data.startsWith('\u001B');
	} else if (data === '\u001B' || data === '\u001B\u001B') {
		key.name = 'escape';
		key.meta = data.length === 2;
	} else if (data === ' ' || data === '\u001B ') {
		key.name = 'space';
		key.meta = data.length === 2;
	} else if (data.length === 1 && data <= '\u001A') {
		// Ctrl+A … Ctrl+Z arrive as U+0001 … U+001A.
		key.name = String.fromCharCode(data.charCodeAt(0) + 96);
		key.ctrl = true;
	} else if (data.length === 1 && data >= '0' && data <= '9') {
		key.name = 'number';
	} else if (data.length === 1 && data >= 'a' && data <= 'z') {
		key.name = data;
	} else if (data.length === 1 && data >= 'A' && data <= 'Z') {
		key.name = data.toLowerCase();
		key.shift = true;
	} else {
		parseSequence(data, key);
	}

	return key;
}

/** Meta with a character, or a function key's escape sequence (arrows, Home, F-keys…). */
function parseSequence(data: string, key: Keypress): void {
	const meta = metaKeyCode.exec(data);
	if (meta) {
		key.meta = true;
		key.shift = /^[A-Z]$/.test(meta[1] ?? '');
		return;
	}

	const parts = functionKey.exec(data);
	if (parts) {
		key.option = data.startsWith('\u001B\u001B');
		const code = [parts[1], parts[2], parts[4], parts[6]].filter(Boolean).join('');
		const modifier = Number(parts[3] ?? parts[5] ?? 1) - 1;
		key.ctrl = Boolean(modifier & 4) || ctrlCodes.has(code);
		key.meta = Boolean(modifier & 10);
		key.shift = Boolean(modifier & 1) || shiftCodes.has(code);
		key.name = keyNames[code] ?? '';
	}
}

/** One of Ink's input events (a run of text, or one escape sequence) as Ink's useInput hands it to its handler. */
export function readInkInput(data: string): {input: string; key: Key} {
	const keypress = parseKeypress(data);
	const key: Key = {
		upArrow: keypress.name === 'up',
		downArrow: keypress.name === 'down',
		leftArrow: keypress.name === 'left',
		rightArrow: keypress.name === 'right',
		pageDown: keypress.name === 'pagedown',
		pageUp: keypress.name === 'pageup',
		home: keypress.name === 'home',
		end: keypress.name === 'end',
		return: keypress.name === 'return',
		escape: keypress.name === 'escape',
		ctrl: keypress.ctrl,
		shift: keypress.shift,
		tab: keypress.name === 'tab',
		backspace: keypress.name === 'backspace',
		delete: keypress.name === 'delete',
		meta: keypress.meta || keypress.name === 'escape' || keypress.option,
		super: false,
		hyper: false,
		capsLock: false,
		numLock: false,
		eventType: undefined,
	};
	let input = keypress.ctrl ? keypress.name : data;
	if (nonAlphanumeric.has(keypress.name)) {
		input = '';
	} else if (input.startsWith('\u001B')) {
		// ESC and one character is Alt with that character: Ink hands over the character.
		input = [...input].length === 2 ? input.slice(1) : '';
	}

	if (input.length === 1 && /[A-Z]/.test(input)) {
		key.shift = true;
	}

	return {input, key};
}

import type {Key} from 'ink';

export type KeyName =
	| 'up'
	| 'down'
	| 'left'
	| 'right'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'return'
	| 'escape'
	| 'tab'
	| 'backspace'
	| 'char';

/** One key press. `char` holds the character for `name: 'char'`, and is empty otherwise. */
export type KeyEvent = {
	readonly name: KeyName;
	readonly char: string;
	readonly ctrl: boolean;
	readonly meta: boolean;
};

function event(name: KeyName, char = '', modifiers: {ctrl?: boolean; meta?: boolean} = {}): KeyEvent {
	return {name, char, ctrl: modifiers.ctrl ?? false, meta: modifiers.meta ?? false};
}

const namedKeys: ReadonlyArray<[keyof Key, KeyName]> = [
	['upArrow', 'up'],
	['downArrow', 'down'],
	['leftArrow', 'left'],
	['rightArrow', 'right'],
	['pageUp', 'pageUp'],
	['pageDown', 'pageDown'],
	['home', 'home'],
	['end', 'end'],
	['return', 'return'],
	['escape', 'escape'],
	['tab', 'tab'],
	// Terminals send DEL (0x7f) for Backspace, which Ink names `delete`: both erase backwards here.
	['backspace', 'backspace'],
	['delete', 'backspace'],
];

/**
 * Ink splits stdin only at escape sequences, so fast typing or `tmux send-keys`
 * hands one handler call a string such as ' jj ' or 'abc\r'. This walks it
 * back into the key presses it stands for.
 */
export function splitKeys(input: string, key: Key): KeyEvent[] {
	for (const [flag, name] of namedKeys) {
		if (key[flag] === true) {
			return [event(name, '', {ctrl: key.ctrl, meta: key.meta && name !== 'escape'})];
		}
	}

	if (key.ctrl) {
		return [event('char', input, {ctrl: true})];
	}

	const keys: KeyEvent[] = [];
	for (const char of input) {
		const keyFromChar = keyOfChar(char, key.meta);
		if (keyFromChar) {
			keys.push(keyFromChar);
		}
	}

	return keys;
}

function keyOfChar(char: string, meta: boolean): KeyEvent | undefined {
	switch (char) {
		case '\r':
		case '\n': {
			return event('return');
		}

		case '\u007F':
		case '\b': {
			return event('backspace');
		}

		case '\t': {
			return event('tab');
		}

		default: {
			const code = char.codePointAt(0) ?? 0;
			// Ctrl with a letter (Ctrl+U is 0x15) typed in the same read as other keys; other control characters mean nothing here.
			if (code >= 0x01 && code <= 0x1A) {
				return event('char', String.fromCodePoint(code + 0x60), {ctrl: true});
			}

			return code < 0x20 ? undefined : event('char', char, {meta});
		}
	}
}

/** A plain printable character, with no Ctrl or Alt held. */
export function isChar(key: KeyEvent, char: string): boolean {
	return key.name === 'char' && !key.ctrl && !key.meta && key.char === char;
}

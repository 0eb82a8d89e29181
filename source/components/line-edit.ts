import type {KeyEvent} from './keys.js';

export type LineEdit = {
	readonly value: string;
	/** Where the cursor stands, in characters (code points) from the start: 0 to the value's length. */
	readonly cursor: number;
	/** Enter was among the keys: `value` is what it submits. */
	readonly submitted: boolean;
	/** The keys after that Enter, as the characters they were typed as: meant for whatever comes next. */
	readonly rest: string;
};

export type LineEditOptions = {
	/**
	 * The value was rejected: a paste (a read holding two or more characters) replaces it
	 * instead of joining it. @default false
	 */
	readonly replaceOnPaste?: boolean;
};

const typedAs: Partial<Record<KeyEvent['name'], string>> = {return: '\r', backspace: '\u007F', tab: '\t'};

const wordChar = /[\p{L}\p{N}]/u;
const space = /\s/u;

/** Where a move over one word ends, going `step` (-1 or 1) from `cursor`: past what `inWord` rejects, then past what it accepts. */
function wordEdge(chars: readonly string[], cursor: number, step: -1 | 1, inWord: (char: string) => boolean): number {
	let at = cursor;
	const next = () => chars[step === -1 ? at - 1 : at];
	while (next() !== undefined && !inWord(next()!)) {
		at += step;
	}

	while (next() !== undefined && inWord(next()!)) {
		at += step;
	}

	return at;
}

const isWordChar = (char: string) => wordChar.test(char);
const isNotSpace = (char: string) => !space.test(char);

function isPaste(keys: readonly KeyEvent[]): boolean {
	const typed = keys.findIndex(key => key.name === 'return');
	const before = typed === -1 ? keys : keys.slice(0, typed);
	return before.filter(key => key.name === 'char' && !key.ctrl && !key.meta).length >= 2;
}

function moveKey(name: 'home' | 'end' | 'left' | 'right', byWord = false): KeyEvent {
	return {name, char: '', ctrl: false, meta: byWord};
}

/** Readline's letter keys that move the cursor, as the keys they repeat: Ctrl+A/E/B/F are Home/End/Left/Right, Alt+B/F Left/Right by a word. */
const controlMoves = new Map([['a', moveKey('home')], ['e', moveKey('end')], ['b', moveKey('left')], ['f', moveKey('right')]]);
const metaMoves = new Map([['b', moveKey('left', true)], ['f', moveKey('right', true)]]);

function asMove(key: KeyEvent): KeyEvent {
	if (key.name !== 'char') {
		return key;
	}

	return (key.ctrl ? controlMoves.get(key.char) : key.meta ? metaMoves.get(key.char) : undefined) ?? key;
}

/** The readline keys people type without thinking, held with Ctrl, that erase: what is left, and where the cursor goes. */
function controlEdit(chars: string[], cursor: number, letter: string): number {
	switch (letter) {
		case 'u': {
			chars.splice(0, cursor);
			return 0;
		}

		case 'k': {
			chars.splice(cursor);
			return cursor;
		}

		case 'w': {
			const start = wordEdge(chars, cursor, -1, isNotSpace);
			chars.splice(start, cursor - start);
			return start;
		}

		default: {
			return cursor;
		}
	}
}

/**
 * Applies key presses to a one-line value, as readline does: characters insert at the cursor,
 * Backspace (and Delete, which terminals send for it) erases before it, Alt+Backspace and
 * Ctrl+W the word before it (Ctrl+W up to a space), Ctrl+U everything before it and Ctrl+K
 * everything after; the arrows, Ctrl+B/F, Home/End and Ctrl+A/E move it, Alt+B/F and
 * Ctrl/Alt+arrows by a word; Enter ends the edit. Other keys change nothing.
 */
export function editLine(line: {value: string; cursor: number}, keys: readonly KeyEvent[], options: LineEditOptions = {}): LineEdit {
	const replacing = options.replaceOnPaste === true && isPaste(keys);
	const chars = replacing ? [] : [...line.value];
	let cursor = replacing ? 0 : Math.max(0, Math.min(line.cursor, chars.length));
	for (const [index, typed] of keys.entries()) {
		const key = asMove(typed);
		const byWord = key.ctrl || key.meta;
		switch (key.name) {
			case 'char': {
				if (key.ctrl) {
					cursor = controlEdit(chars, cursor, key.char);
				} else if (!key.meta) {
					const inserted = [...key.char];
					chars.splice(cursor, 0, ...inserted);
					cursor += inserted.length;
				}

				break;
			}

			case 'backspace': {
				const start = key.meta ? wordEdge(chars, cursor, -1, isWordChar) : Math.max(0, cursor - 1);
				chars.splice(start, cursor - start);
				cursor = start;
				break;
			}

			case 'left': {
				cursor = byWord ? wordEdge(chars, cursor, -1, isWordChar) : Math.max(0, cursor - 1);
				break;
			}

			case 'right': {
				cursor = byWord ? wordEdge(chars, cursor, 1, isWordChar) : Math.min(chars.length, cursor + 1);
				break;
			}

			case 'home': {
				cursor = 0;
				break;
			}

			case 'end': {
				cursor = chars.length;
				break;
			}

			case 'return': {
				const rest = keys.slice(index + 1).map(next => next.name === 'char' ? (next.ctrl || next.meta ? '' : next.char) : typedAs[next.name] ?? '').join('');
				return {value: chars.join(''), cursor, submitted: true, rest};
			}

			default: {
				break;
			}
		}
	}

	return {value: chars.join(''), cursor, submitted: false, rest: ''};
}

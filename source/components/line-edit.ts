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

const typedAs: Partial<Record<KeyEvent['name'], string>> = {return: '\r', backspace: '\u007F', tab: '\t'};

/**
 * Applies key presses to a one-line value: characters insert at the cursor,
 * Backspace (and Delete, which terminals send for it) erases before it, the
 * arrows, Home and End move it, and Enter ends the edit. Keys held with Ctrl or
 * Alt, and other named keys, change nothing.
 */
export function editLine(line: {value: string; cursor: number}, keys: readonly KeyEvent[]): LineEdit {
	const chars = [...line.value];
	let cursor = Math.max(0, Math.min(line.cursor, chars.length));
	for (const [index, key] of keys.entries()) {
		if (key.ctrl || key.meta) {
			continue;
		}

		switch (key.name) {
			case 'char': {
				const inserted = [...key.char];
				chars.splice(cursor, 0, ...inserted);
				cursor += inserted.length;
				break;
			}

			case 'backspace': {
				if (cursor > 0) {
					chars.splice(cursor - 1, 1);
					cursor--;
				}

				break;
			}

			case 'left': {
				cursor = Math.max(0, cursor - 1);
				break;
			}

			case 'right': {
				cursor = Math.min(chars.length, cursor + 1);
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
				const rest = keys.slice(index + 1).map(next => next.name === 'char' ? next.char : typedAs[next.name] ?? '').join('');
				return {value: chars.join(''), cursor, submitted: true, rest};
			}

			default: {
				break;
			}
		}
	}

	return {value: chars.join(''), cursor, submitted: false, rest: ''};
}

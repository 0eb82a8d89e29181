export type TypedText = {
	/** The field's value after the chunk, control characters applied, not inserted. */
	readonly value: string;
	/** The chunk held a CR or LF: the user pressed Enter. */
	readonly submitted: boolean;
	/** What the chunk held after that Enter: keys meant for whatever comes next. */
	readonly rest: string;
};
const controlCharacter = /[\u0000-\u001F\u007F]/;

/**
 * Given a field's value before and after characters were inserted into it
 * literally (such as the keys a TextField hands on as typed ahead, 'abc\r'),
 * replay the inserted characters as key presses: Enter ends the input (what
 * follows it is returned as `rest`), Backspace erases, other control
 * characters are ignored.
 */
export function applyTypedChunk(previous: string, next: string): TypedText {
	if (!controlCharacter.test(next)) {
		return {value: next, submitted: false, rest: ''};
	}

	let prefix = 0;
	while (prefix < previous.length && prefix < next.length && previous[prefix] === next[prefix]) {
		prefix++;
	}

	let suffix = 0;
	while (
		suffix < previous.length - prefix
		&& suffix < next.length - prefix
		&& previous[previous.length - 1 - suffix] === next[next.length - 1 - suffix]
	) {
		suffix++;
	}

	const inserted = next.slice(prefix, next.length - suffix);
	const after = next.slice(next.length - suffix);
	let before = next.slice(0, prefix);
	const chars = [...inserted];
	for (const [index, char] of chars.entries()) {
		if (char === '\r' || char === '\n') {
			return {value: before + after, submitted: true, rest: chars.slice(index + 1).join('')};
		}

		if (char === '\u007F' || char === '\b') {
			before = [...before].slice(0, -1).join('');
		} else if (!controlCharacter.test(char)) {
			before += char;
		}
	}

	return {value: before + after, submitted: false, rest: ''};
}

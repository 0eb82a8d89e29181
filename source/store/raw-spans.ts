import {allSlots} from './connection-key.js';

/**
 * The exact source text of each connection value in config.json
 * (`profiles.<profile>.<slot>`, keyed `<profile>\0<slot>`) and of each profile
 * value that is not an object (keyed `<profile>\0`), so a save can write a
 * damaged connection back byte for byte: JSON.parse would turn 1e400 into
 * Infinity, and JSON.stringify that into null. Text that is not valid JSON
 * never gets here (the parse refused it first).
 */
export function rawSpans(text: string): Map<string, string> {
	const spans = new Map<string, string>();
	let at = 0;

	const skipBlanks = (): void => {
		while (at < text.length && ' \t\n\r\uFEFF'.includes(text[at]!)) {
			at++;
		}
	};

	const readString = (): string => {
		const start = at;
		at++;
		while (text[at] !== '"') {
			at += text[at] === '\\' ? 2 : 1;
		}

		at++;
		return JSON.parse(text.slice(start, at)) as string;
	};

	const skipValue = (): void => {
		skipBlanks();
		const first = text[at];
		if (first === '"') {
			readString();
			return;
		}

		if (first === '{' || first === '[') {
			let depth = 0;
			do {
				const char = text[at];
				if (char === '"') {
					readString();
					continue;
				}

				if (char === '{' || char === '[') {
					depth++;
				} else if (char === '}' || char === ']') {
					depth--;
				}

				at++;
			} while (depth > 0);
			return;
		}

		while (at < text.length && !',}] \t\n\r'.includes(text[at]!)) {
			at++;
		}
	};

	/** Calls `entry` at each member's value (positioned on it); `entry` must consume the value. */
	const eachMember = (entry: (key: string) => void): void => {
		skipBlanks();
		at++;
		skipBlanks();
		while (text[at] !== '}') {
			const key = readString();
			skipBlanks();
			at++;
			skipBlanks();
			entry(key);
			skipBlanks();
			if (text[at] === ',') {
				at++;
				skipBlanks();
			}
		}

		at++;
	};

	const span = (): string => {
		skipBlanks();
		const start = at;
		skipValue();
		return text.slice(start, at);
	};

	skipBlanks();
	eachMember(key => {
		skipBlanks();
		if (key !== 'profiles' || text[at] !== '{') {
			skipValue();
			return;
		}

		const slots = allSlots();
		eachMember(profile => {
			skipBlanks();
			if (text[at] !== '{') {
				spans.set(`${profile}\0`, span());
				return;
			}

			eachMember(slot => {
				if (slots.includes(slot)) {
					spans.set(`${profile}\0${slot}`, span());
				} else {
					skipValue();
				}
			});
		});
	});
	return spans;
}

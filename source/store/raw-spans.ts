import {allSlots} from './connection-key.js';

/** A position in JSON text known to be valid (JSON.parse took it): no step checks for errors. */
type Cursor = {readonly text: string; at: number};

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
	const cursor: Cursor = {text, at: 0};
	skipBlanks(cursor);
	eachMember(cursor, key => {
		skipBlanks(cursor);
		if (key !== 'profiles' || text[cursor.at] !== '{') {
			skipValue(cursor);
			return;
		}

		profileSpans(cursor, spans);
	});
	return spans;
}

/** At the `profiles` object: the span of each profile that is not an object, and of each known slot in one that is. */
function profileSpans(cursor: Cursor, spans: Map<string, string>): void {
	const slots = allSlots();
	eachMember(cursor, profile => {
		skipBlanks(cursor);
		if (cursor.text[cursor.at] !== '{') {
			spans.set(`${profile}\0`, span(cursor));
			return;
		}

		eachMember(cursor, slot => {
			if (slots.includes(slot)) {
				spans.set(`${profile}\0${slot}`, span(cursor));
			} else {
				skipValue(cursor);
			}
		});
	});
}

function skipBlanks(cursor: Cursor): void {
	const {text} = cursor;
	while (cursor.at < text.length && ' \t\n\r\uFEFF'.includes(text[cursor.at]!)) {
		cursor.at++;
	}
}

function readString(cursor: Cursor): string {
	const {text} = cursor;
	const start = cursor.at;
	cursor.at++;
	while (text[cursor.at] !== '"') {
		cursor.at += text[cursor.at] === '\\' ? 2 : 1;
	}

	cursor.at++;
	return JSON.parse(text.slice(start, cursor.at)) as string;
}

function skipValue(cursor: Cursor): void {
	skipBlanks(cursor);
	const {text} = cursor;
	const first = text[cursor.at];
	if (first === '"') {
		readString(cursor);
		return;
	}

	if (first === '{' || first === '[') {
		skipNested(cursor);
		return;
	}

	while (cursor.at < text.length && !',}] \t\n\r'.includes(text[cursor.at]!)) {
		cursor.at++;
	}
}

/** Past the object or array the cursor is on, strings inside included (their brackets do not count). */
function skipNested(cursor: Cursor): void {
	const {text} = cursor;
	let depth = 0;
	do {
		const char = text[cursor.at];
		if (char === '"') {
			readString(cursor);
			continue;
		}

		if (char === '{' || char === '[') {
			depth++;
		} else if (char === '}' || char === ']') {
			depth--;
		}

		cursor.at++;
	} while (depth > 0);
}

/** Calls `entry` at each member's value (positioned on it); `entry` must consume the value. */
function eachMember(cursor: Cursor, entry: (key: string) => void): void {
	const {text} = cursor;
	skipBlanks(cursor);
	cursor.at++;
	skipBlanks(cursor);
	while (text[cursor.at] !== '}') {
		const key = readString(cursor);
		skipBlanks(cursor);
		cursor.at++;
		skipBlanks(cursor);
		entry(key);
		skipBlanks(cursor);
		if (text[cursor.at] === ',') {
			cursor.at++;
			skipBlanks(cursor);
		}
	}

	cursor.at++;
}

/** The text of the value the cursor is on, which it moves past. */
function span(cursor: Cursor): string {
	skipBlanks(cursor);
	const start = cursor.at;
	skipValue(cursor);
	return cursor.text.slice(start, cursor.at);
}

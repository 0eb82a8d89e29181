import {MktError} from './errors.js';

// Text that mkt-wizard did not write itself (profile names, scopes, redirect URIs, provider
// answers, values from flags and environment) reaches the terminal only through here, so that
// it cannot move the cursor, clear the screen, set the title or reorder what is shown around it.
//
// Made visible, as JavaScript/JSON escapes: C0 controls and DEL as `\x1b`, C1 controls, the
// bidirectional overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069) and the
// invisible direction marks (U+061C, U+200E, U+200F: they reorder the neutral characters around
// them, as in "Trojan Source", CVE-2021-42574) and the line and paragraph separators as `\u202e`.
// Backslashes are left alone: doubling them would change paths and JSON written to stdout.

const unsafe = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const unsafeBesideLineBreaks = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

function visible(character: string): string {
	const code = character.charCodeAt(0);
	return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One outside value for one line: every control character, line breaks and tabs included, shown as an escape. */
export function terminalText(value: string): string {
	return value.replace(unsafe, visible);
}

/**
 * Whole messages on their way to the terminal: the same, except that line feeds and tabs stay,
 * since the messages are written with them. The last defence of the plain commands' output.
 */
export function terminalLines(text: string): string {
	return text.replace(unsafeBesideLineBreaks, visible);
}

const tokenCharacters = /^[\x21-\x7E]+$/;

/**
 * A token as it may be printed for scripts: printable ASCII only (RFC 6750's b64token and eBay's
 * `v^1.1#i^1#…` fit). Anything else is refused rather than cleaned: a changed token is useless.
 */
export function printableToken(token: string, providerName: string, loginCommand: string): string {
	if (tokenCharacters.test(token)) {
		return token;
	}

	const odd = Array.from(token).find(character => !tokenCharacters.test(character));
	throw new MktError(
		'token_unprintable',
		odd === undefined
			? `The ${providerName} access token is empty, so there is nothing to print.`
			: `The ${providerName} access token holds a character that is not printable ASCII (${terminalText(odd)}), so it is not printed: it could drive your terminal.`,
		`Log in again with \`${loginCommand}\`; if the new token has it too, distrust the server that issued it (check any MKT_WIZARD_*_URL override).`,
	);
}

const anyUnsafe = new RegExp(unsafe.source);

/** True when `value` holds anything terminalText would change. */
export function hasTerminalControls(value: string): boolean {
	return anyUnsafe.test(value);
}

import {compareRedirects} from '../troubleshoot/redirect-diff.js';
import type {RedirectCheckResult} from '../wizard/state.js';

export type PastedRedirect = {
	/** The value to compare with the one sent. */
	readonly value: string;
	/** `error-page`: the redirect_uri of a pasted authorize address (the provider's error page). */
	readonly source: 'typed' | 'error-page';
};

// Spaces and line breaks around a paste come from selecting it, not from the registration;
// invisible characters such as U+200B stay, since they may really be in the registration.
const pasteEdges = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/**
 * What the user pasted on the troubleshooter: the redirect URI registered in
 * the app settings, or the address bar of the provider's error page, whose
 * redirect_uri parameter is the value the browser asked for.
 */
export function readPastedRedirect(text: string): PastedRedirect {
	const value = text.replaceAll(pasteEdges, '');
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return {value, source: 'typed'};
	}

	const fromPage = url.searchParams.get('redirect_uri');
	return (url.protocol === 'https:' || url.protocol === 'http:') && fromPage !== null && fromPage !== ''
		? {value: fromPage, source: 'error-page'}
		: {value, source: 'typed'};
}

/** The pasted value against the redirect sent, character for character. */
export function checkPastedRedirect(input: {sent: string; pasted: string}): RedirectCheckResult {
	const {value, source} = readPastedRedirect(input.pasted);
	return {registered: value, source, comparison: compareRedirects({sent: input.sent, registered: value})};
}

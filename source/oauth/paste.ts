import {MktError} from '../errors.js';
import {genericConsentError} from './provider-errors.js';
import {checkIssuer} from './issuer.js';
import {statesEqual} from './state.js';

export type PasteOptions = {
	/** What the user pasted: the whole redirected address, or just its query string. */
	readonly input: string;
	/** The state sent on the authorization request. */
	readonly expectedState: string;
	/** Turns a provider `error=` into an MktError (e.g. explainConsentError for the provider). */
	readonly explain?: (error: string, description: string | undefined) => MktError;
	/** The authorization server's issuer: an `iss` in the address (RFC 9207) must equal it. */
	readonly expectedIssuer?: string;
};

const copyRemedy = 'Copy the whole address bar after approving, then paste it again.';

/** The query string of a pasted address: a full URL, `?a=b`, or `a=b&c=d`, with quotes and spaces around it removed. */
function queryOf(input: string): string {
	const text = input.trim().replace(/^['"`<]+|['"`>]+$/g, '').trim();
	if (/^[a-z][a-z\d+.-]*:\/\//i.test(text)) {
		try {
			return new URL(text).search;
		} catch {
			return '';
		}
	}

	const question = text.indexOf('?');
	const query = question === -1 ? text : text.slice(question + 1);
	// A raw '#' starts a fragment; eBay's '#' inside the code arrives encoded as %23.
	const hash = query.indexOf('#');
	return hash === -1 ? query : query.slice(0, hash);
}

/**
 * eBay's consent site shows a JSON page instead of redirecting when the
 * request is bad (`{"error_id":"invalid_scope",…}`); pasted, it is explained
 * like an `error=` on the redirect.
 */
function consentErrorPage(input: string): {error: string; description: string | undefined} | undefined {
	const text = input.trim();
	if (!text.startsWith('{')) {
		return undefined;
	}

	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return undefined;
	}

	if (typeof json !== 'object' || json === null) {
		return undefined;
	}

	const {error_id: id, error: plain, error_description: description} = json as Record<string, unknown>;
	const error = typeof id === 'string' ? id : (typeof plain === 'string' ? plain : undefined);
	return error ? {error, description: typeof description === 'string' ? description : undefined} : undefined;
}

/**
 * The code from an address the user pasted (`--paste`, or `p` in the wizard)
 * after approving: for SSH sessions, other machines and eBay's https accept
 * URLs. URLSearchParams decodes the query once, so an eBay code
 * (`v%5E1.1%23…`) comes out as `v^1.1#…`, ready for exchangeCode.
 */
export function parseRedirectedUrl(options: PasteOptions): {code: string} {
	const {input, expectedState, explain = genericConsentError, expectedIssuer} = options;
	const page = consentErrorPage(input);
	if (page) {
		throw explain(page.error, page.description);
	}

	const params = new URLSearchParams(queryOf(input));
	const error = params.get('error');
	const declined = params.get('isAuthSuccessful') === 'false';
	const state = params.get('state');

	if (!params.has('code') && error === null && state === null && !declined) {
		throw new MktError('missing_code', 'The pasted address has no code parameter.', copyRemedy);
	}

	// A refusal that carries no state (eBay's declined page) is still worth explaining: it hands out nothing.
	if (state === null && (error !== null || declined)) {
		throw explain(error ?? 'access_denied', params.get('error_description') ?? undefined);
	}

	if (!statesEqual(expectedState, state)) {
		throw new MktError(
			'state_mismatch',
			'The pasted address belongs to another sign-in: its state parameter does not match this one.',
			'Paste the address from the browser tab opened for this sign-in, or start the sign-in again.',
		);
	}

	const issuerProblem = checkIssuer(params, expectedIssuer);
	if (issuerProblem) {
		throw issuerProblem;
	}

	if (error !== null || declined) {
		throw explain(error ?? 'access_denied', params.get('error_description') ?? undefined);
	}

	const code = params.get('code');
	if (!code) {
		throw new MktError('missing_code', 'The pasted address has no code parameter.', copyRemedy);
	}

	return {code};
}

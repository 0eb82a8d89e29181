// What a provider's answer that is not a success means, read from its status,
// an RFC 6749 error, an eBay error list, or what it looks like.
import {MktError} from '../errors.js';
import {isJsonObject} from '../guards.js';
import type {ProviderDefinition} from '../providers/types.js';
import {type HttpResponse, retryAfterMs} from './http.js';
import {cleanProviderText, explained, type FailedStep, overridesRemedy, retryRemedy, safeCode, stepNames, withoutFinalPeriod} from './provider-text.js';

type OAuthError = {code: string; description: string | undefined};

/** `{"error": "...", "error_description": "..."}` (RFC 6749), or eBay's consent page `error_id`. */
function oauthErrorOf(json: unknown): OAuthError | undefined {
	if (!isJsonObject(json)) {
		return undefined;
	}

	const code = typeof json.error === 'string' ? json.error : (typeof json.error_id === 'string' ? json.error_id : undefined);
	if (code === undefined || code.trim() === '') {
		return undefined;
	}

	const description = typeof json.error_description === 'string' ? json.error_description : undefined;
	return {code, description};
}

/** eBay's REST error shape: `{"errors": [{"errorId": 1001, "message": "Invalid access token", …}]}`. */
type EbayError = {errorId: number; message: string | undefined};

function ebayErrorOf(json: unknown): EbayError | undefined {
	if (!isJsonObject(json) || !Array.isArray(json.errors)) {
		return undefined;
	}

	const first: unknown = json.errors[0];
	if (!isJsonObject(first) || typeof first.errorId !== 'number') {
		return undefined;
	}

	return {errorId: first.errorId, message: typeof first.message === 'string' ? first.message : undefined};
}

function looksLikeHtml(response: HttpResponse): boolean {
	const contentType = response.headers['content-type'];
	const type = Array.isArray(contentType) ? contentType.join(',') : contentType ?? '';
	return /html/i.test(type) || response.body.trimStart().startsWith('<');
}

function locationHost(response: HttpResponse): string | undefined {
	const location = response.headers.location;
	const value = Array.isArray(location) ? location[0] : location;
	if (!value) {
		return undefined;
	}

	try {
		return new URL(value).host || undefined;
	} catch {
		return undefined;
	}
}

/** Answers whose status says it all: rate-limited (429), or a problem on the provider's side (5xx). */
function fromStatus(provider: ProviderDefinition, response: HttpResponse, step: string): MktError | undefined {
	const name = provider.displayName;
	const {status} = response;
	if (status === 429) {
		const waitMs = retryAfterMs(response.headers);
		const seconds = waitMs === undefined ? undefined : Math.ceil(waitMs / 1000);
		const asked = seconds === undefined ? '' : ` and asked to wait ${seconds} second${seconds === 1 ? '' : 's'}`;
		return new MktError(
			'rate_limited',
			`${name} rate-limited ${step} (HTTP 429)${asked}.`,
			`Wait ${seconds === undefined ? 'a minute' : `${seconds} second${seconds === 1 ? '' : 's'}`} and try again; ${provider.portalUrl} shows the app's limits.`,
			{status},
		);
	}

	if (status >= 500) {
		return new MktError(
			'provider_unavailable',
			`${name} answered ${status} to ${step}: a problem on ${name}'s side.`,
			`Try again in a minute; if it keeps failing, ${name}'s API may be down for a while.`,
			{status},
		);
	}

	return undefined;
}

/** An RFC 6749 error answer: the provider's own explanation when it has one, else its code and description. */
function fromOAuthError(provider: ProviderDefinition, oauth: OAuthError, status: number, during: FailedStep): MktError {
	const text = `${oauth.code} ${oauth.description ?? ''}`;
	if (provider.apiKeyHeader && status === 403 && /shared secret/i.test(text) && provider.errors.shared_secret_required) {
		return explained({provider, during, code: 'shared_secret_required', explanation: provider.errors.shared_secret_required, providerCode: cleanProviderText(oauth.code, 64), status});
	}

	const known = provider.errors[oauth.code];
	if (known) {
		return explained({provider, during, code: oauth.code, explanation: known, status});
	}

	if (provider.apiKeyHeader && status === 401 && during === 'verify' && provider.errors.invalid_api_key) {
		return explained({provider, during, code: 'invalid_api_key', explanation: provider.errors.invalid_api_key, providerCode: cleanProviderText(oauth.code, 64), status});
	}

	const description = oauth.description ? cleanProviderText(oauth.description) : '';
	const code = safeCode(oauth.code);
	return new MktError(
		code,
		`${provider.displayName} answered ${stepNames[during]} with error "${code}" (HTTP ${status})${description ? `: ${withoutFinalPeriod(description)}` : ''}.`,
		retryRemedy(provider),
		{providerCode: code, status},
	);
}

/** An eBay `errors` answer: 1001 (invalid token) and 1100 (insufficient scope) explained, others by id and message. */
function fromEbayError(provider: ProviderDefinition, ebayError: EbayError, status: number, during: FailedStep): MktError {
	if (ebayError.errorId === 1001 && provider.errors.invalid_token) {
		return explained({provider, during, code: 'invalid_token', explanation: provider.errors.invalid_token, providerCode: '1001', status});
	}

	if (ebayError.errorId === 1100 && provider.errors.insufficient_scope) {
		return explained({provider, during, code: 'insufficient_scope', explanation: provider.errors.insufficient_scope, providerCode: '1100', status});
	}

	const message = ebayError.message ? `: ${withoutFinalPeriod(cleanProviderText(ebayError.message))}` : '';
	return new MktError(
		'provider_error',
		`${provider.displayName} answered ${stepNames[during]} with error ${ebayError.errorId} (HTTP ${status})${message}.`,
		retryRemedy(provider),
		{providerCode: String(ebayError.errorId), status},
	);
}

/** An answer with no error code to go by: a redirect, a web page, no JSON, or JSON without an error. */
function fromUncoded(provider: ProviderDefinition, response: HttpResponse, during: FailedStep): MktError {
	const name = provider.displayName;
	const step = stepNames[during];
	const {status} = response;
	if (provider.apiKeyHeader && status === 401 && during === 'verify' && provider.errors.invalid_api_key) {
		return explained({provider, during, code: 'invalid_api_key', explanation: provider.errors.invalid_api_key, status});
	}

	if (status >= 300 && status < 400) {
		const host = locationHost(response);
		return new MktError(
			'unexpected_redirect',
			`${name} answered ${step} with a redirect (HTTP ${status}${host ? ` to ${host}` : ''}) instead of JSON — the endpoint URL may be wrong or a proxy intercepted it.`,
			overridesRemedy(),
			{status},
		);
	}

	if (looksLikeHtml(response)) {
		return new MktError(
			'unexpected_html',
			`${name} answered ${step} with a web page instead of JSON (HTTP ${status}) — the endpoint URL may be wrong or a proxy intercepted it.`,
			overridesRemedy(),
			{status},
		);
	}

	if (response.json === undefined) {
		const what = response.body.trim() === '' ? 'an empty body' : 'something that is not JSON';
		return new MktError('bad_response', `${name} answered ${step} with ${what} (HTTP ${status}).`, retryRemedy(provider), {status});
	}

	return new MktError('provider_error', `${name} answered ${step} with HTTP ${status} and no error code.`, retryRemedy(provider), {status});
}

/** The error for a provider answer that is not a success, naming the step. */
export function fromResponse(provider: ProviderDefinition, response: HttpResponse, during: FailedStep): MktError {
	const byStatus = fromStatus(provider, response, stepNames[during]);
	if (byStatus) {
		return byStatus;
	}

	const oauth = oauthErrorOf(response.json);
	if (oauth) {
		return fromOAuthError(provider, oauth, response.status, during);
	}

	const ebayError = ebayErrorOf(response.json);
	return ebayError ? fromEbayError(provider, ebayError, response.status, during) : fromUncoded(provider, response, during);
}

import {MktError} from '../errors.js';
import {isJsonObject} from '../guards.js';
import type {Explanation, ProviderDefinition} from '../providers/types.js';
import {formatDurationWords} from '../time.js';
import {type HttpResponse, NetworkError, retryAfterMs} from './http.js';

/** Which step of the flow failed; named in every message. */
export type FailedStep = 'exchange' | 'refresh' | 'mint' | 'verify' | 'consent';

export type ProviderErrorInput = {
	readonly provider: ProviderDefinition;
	/** A provider answer that is not a success. */
	readonly response?: HttpResponse;
	/** A thrown error (NetworkError from the HTTP client, or anything else). */
	readonly error?: unknown;
	readonly during: FailedStep;
};

/** Each step as messages name it: `During the token exchange, …`, `answered the verification call with …`. */
export const stepNames: Record<FailedStep, string> = {
	exchange: 'the token exchange',
	refresh: 'the token refresh',
	mint: 'the application-token request',
	verify: 'the verification call',
	consent: 'the consent',
};

const descriptionLimit = 200;

/** Provider text made safe for one line: no control characters, at most `limit` characters. */
export function cleanProviderText(text: string, limit = descriptionLimit): string {
	const flat = text.replaceAll(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').replaceAll(/\s+/g, ' ').trim();
	return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

function withoutFinalPeriod(text: string): string {
	return text.replace(/[.\s]+$/, '');
}

/** "During the token refresh, Etsy refused …": the step first, the provider's explanation after. */
function stepPrefixed(provider: ProviderDefinition, during: FailedStep, message: string): string {
	if (during === 'consent') {
		return message;
	}

	const keepsCapital = message.startsWith(provider.displayName) || !/^[A-Z][a-z]/.test(message);
	const rest = keepsCapital ? message : message.charAt(0).toLowerCase() + message.slice(1);
	return `During ${stepNames[during]}, ${rest}`;
}

function explained(options: {provider: ProviderDefinition; during: FailedStep; code: string; explanation: Explanation; providerCode?: string; status?: number}): MktError {
	const {provider, during, code, explanation, providerCode, status} = options;
	return new MktError(code, stepPrefixed(provider, during, explanation.message), explanation.remedy, {providerCode: providerCode ?? code, status});
}

function retryRemedy(provider: ProviderDefinition): string {
	return `Try again; if it keeps failing, check the app at ${provider.portalUrl} and run \`mkt-wizard doctor\`.`;
}

function overridesRemedy(): string {
	return 'Check any MKT_WIZARD_* endpoint overrides and proxy settings (HTTPS_PROXY) in your environment, then try again.';
}

/** A string usable as an error code: at most 64 word characters, dots and dashes. */
function safeCode(raw: string): string {
	const cleaned = cleanProviderText(raw, 64);
	return /^[\w.-]+$/.test(cleaned) ? cleaned : cleaned.replaceAll(/[^\w.-]+/g, '_');
}

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
function ebayErrorOf(json: unknown): {errorId: number; message: string | undefined} | undefined {
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

function fromResponse(provider: ProviderDefinition, response: HttpResponse, during: FailedStep): MktError {
	const name = provider.displayName;
	const step = stepNames[during];
	const {status, json} = response;

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

	const oauth = oauthErrorOf(json);
	if (oauth) {
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
			`${name} answered ${step} with error "${code}" (HTTP ${status})${description ? `: ${withoutFinalPeriod(description)}` : ''}.`,
			retryRemedy(provider),
			{providerCode: code, status},
		);
	}

	const ebayError = ebayErrorOf(json);
	if (ebayError) {
		if (ebayError.errorId === 1001 && provider.errors.invalid_token) {
			return explained({provider, during, code: 'invalid_token', explanation: provider.errors.invalid_token, providerCode: '1001', status});
		}

		if (ebayError.errorId === 1100 && provider.errors.insufficient_scope) {
			return explained({provider, during, code: 'insufficient_scope', explanation: provider.errors.insufficient_scope, providerCode: '1100', status});
		}

		const message = ebayError.message ? `: ${withoutFinalPeriod(cleanProviderText(ebayError.message))}` : '';
		return new MktError(
			'provider_error',
			`${name} answered ${step} with error ${ebayError.errorId} (HTTP ${status})${message}.`,
			retryRemedy(provider),
			{providerCode: String(ebayError.errorId), status},
		);
	}

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

	if (json === undefined) {
		const what = response.body.trim() === '' ? 'an empty body' : 'something that is not JSON';
		return new MktError('bad_response', `${name} answered ${step} with ${what} (HTTP ${status}).`, retryRemedy(provider), {status});
	}

	return new MktError('provider_error', `${name} answered ${step} with HTTP ${status} and no error code.`, retryRemedy(provider), {status});
}

/** What to do after the connection failed mid-request: the code or refresh token may be spent. */
function afterCutRemedy(provider: ProviderDefinition, during: FailedStep): string | undefined {
	if (during === 'refresh' && provider.rotatesRefreshToken) {
		return `The saved refresh token may already be spent: run \`mkt-wizard token ${provider.id}\`, and if that fails, run \`mkt-wizard login ${provider.id}\`.`;
	}

	if (during === 'exchange') {
		return `An authorization code works only once: run \`mkt-wizard login ${provider.id}\` again.`;
	}

	return undefined;
}

const proxyRemedy = 'Check HTTPS_PROXY, HTTP_PROXY and NO_PROXY in your environment, then try again.';

/** The failures that are the proxy's own: a setting we cannot use, a refused tunnel, a proxy that is down or unknown. */
function fromProxy(provider: ProviderDefinition, error: NetworkError, during: FailedStep): MktError | undefined {
	const name = provider.displayName;
	const step = stepNames[during];
	const options = {cause: error};
	if (error.code === 'ERR_PROXY_SETTING') {
		return new MktError(
			'proxy_setting',
			`The proxy setting (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY) is not an http:// proxy URL mkt-wizard can use, so ${step} with ${name} was not sent.`,
			'Set it to http://host:port (or http://user:password@host:port), or unset it.',
			options,
		);
	}

	const {via} = error;
	if (!via) {
		return undefined;
	}

	if (via.status !== undefined) {
		return new MktError(
			'proxy_refused',
			`The proxy ${via.proxy} refused to pass ${step} on to ${name} (${error.host}, HTTP ${via.status}).`,
			via.status === 407
				? 'The proxy wants a user name and password: give them in HTTPS_PROXY as http://user:password@host:port.'
				: `Ask whoever runs the proxy to allow ${error.host}, or add it to NO_PROXY if it can be reached directly.`,
			options,
		);
	}

	if (error.kind === 'refused' || error.kind === 'dns') {
		const what = error.kind === 'refused' ? 'refused the connection' : 'could not be found (its host name does not resolve)';
		return new MktError(error.kind === 'refused' ? 'network_refused' : 'network_dns', `Could not reach ${name} for ${step}: the proxy ${via.proxy} ${what}.`, proxyRemedy, options);
	}

	return undefined;
}

function fromNetworkError(provider: ProviderDefinition, error: NetworkError, during: FailedStep): MktError {
	const proxied = fromProxy(provider, error, during);
	if (proxied) {
		return proxied;
	}

	const name = provider.displayName;
	const step = stepNames[during];
	const host = error.via ? `${error.host} through the proxy ${error.via.proxy}` : error.host;
	const options = {cause: error};
	switch (error.kind) {
		case 'refused': {
			return new MktError('network_refused', `Could not reach ${name} for ${step}: ${host} refused the connection.`, 'Check your network connection and any MKT_WIZARD_* endpoint overrides, then try again.', options);
		}

		case 'dns': {
			return new MktError('network_dns', `Could not reach ${name} for ${step}: the host name ${host} could not be resolved.`, 'Check your internet connection and DNS (and any MKT_WIZARD_* endpoint overrides), then try again.', options);
		}

		case 'timeout': {
			const within = error.timeoutMs === undefined ? 'in time' : `within ${formatDurationWords(error.timeoutMs)}`;
			return new MktError(
				'timeout',
				`${name} did not answer ${step} ${within} (${host}).`,
				afterCutRemedy(provider, during) ?? 'Check your connection and try again; on a slow network raise MKT_WIZARD_HTTP_TIMEOUT_MS (milliseconds).',
				options,
			);
		}

		case 'reset': {
			return new MktError('network_reset', `The connection to ${name} (${host}) was cut during ${step}.`, afterCutRemedy(provider, during) ?? 'Try again; if it keeps happening, a proxy or firewall may be cutting connections.', options);
		}

		case 'tls': {
			return new MktError(
				'tls',
				`The secure connection to ${name} (${host}) failed its certificate check during ${step}${error.code ? ` (${error.code})` : ''}.`,
				'If a corporate proxy or antivirus intercepts HTTPS, set NODE_EXTRA_CA_CERTS to the file of its CA certificate; otherwise check the system clock.',
				options,
			);
		}

		case 'other': {
			return new MktError('network_error', `Could not reach ${name} for ${step} (${host}${error.code ? `, ${error.code}` : ''}).`, 'Check your network connection and any MKT_WIZARD_* endpoint overrides, then try again.', options);
		}
	}
}

/**
 * The single classifier of provider failures: a failed answer or a thrown
 * error becomes an MktError naming the provider and the step, with the
 * provider's own explanation when it has one. Never quotes tokens, secrets,
 * codes or URLs: only the provider's error code, its description (cut to 200
 * characters) and host names.
 */
export function toProviderError(input: ProviderErrorInput): MktError {
	const {provider, response, error, during} = input;
	if (error instanceof MktError) {
		return error;
	}

	if (error instanceof NetworkError) {
		return fromNetworkError(provider, error, during);
	}

	if (response) {
		return fromResponse(provider, response, during);
	}

	// Anything else is a bug or an unforeseen failure; its text may hold a URL, so it is not quoted.
	return new MktError('unexpected_error', `Something unexpected went wrong during ${stepNames[during]} with ${provider.displayName}.`, 'Try again; if it keeps failing, run `mkt-wizard doctor` and report the problem.');
}

/**
 * An `error=` the provider sent back to the redirect URI, explained for this
 * provider (`access_denied`, `invalid_scope`…). Pass it as the callback
 * server's and the paste parser's `explain`.
 */
export function explainConsentError(options: {provider: ProviderDefinition; error: string; description?: string}): MktError {
	const {provider, error, description} = options;
	const known = provider.errors[error];
	if (known) {
		return explained({provider, during: 'consent', code: error, explanation: known});
	}

	const code = safeCode(error);
	const detail = description ? `: ${withoutFinalPeriod(cleanProviderText(description))}` : '';
	return new MktError(
		code,
		`${provider.displayName} answered the consent with error "${code}"${detail}.`,
		`Fix what the message names in the app's settings at ${provider.portalUrl}, then run \`mkt-wizard login ${provider.id}\` again.`,
		{providerCode: code},
	);
}

/** A consent `error=` explained without knowing the provider (the callback server and paste parser default). */
export function genericConsentError(error: string, description: string | undefined): MktError {
	const code = safeCode(error);
	const detail = description ? `: ${withoutFinalPeriod(cleanProviderText(description))}` : '';
	return new MktError(
		code,
		`The provider answered the consent with error "${code}"${detail}.`,
		'Fix what the provider\'s message names in the app settings, then sign in again.',
		{providerCode: code},
	);
}

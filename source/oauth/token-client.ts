import {MktError} from '../errors.js';
import {isJsonObject} from '../guards.js';
import {formatSpan} from '../time.js';
import type {Endpoints, ProviderDefinition} from '../providers/types.js';
import type {HttpClient, HttpResponse} from './http.js';
import {toProviderError} from './provider-errors.js';
import {stepNames} from './provider-text.js';

/** A token endpoint's success answer, as the provider sent it (relative lifetimes in seconds). */
export type TokenResponse = {
	accessToken: string;
	tokenType: string;
	expiresIn: number;
	refreshToken?: string;
	refreshTokenExpiresIn?: number;
	/** What was granted, when the answer says (RFC 6749 §5.1); may differ from what was asked. */
	scope?: string;
	/** Things worth telling the user about the answer (an expires_in replaced by the documented lifetime). */
	notes?: string[];
};

type TokenRequestBase = {
	readonly provider: ProviderDefinition;
	readonly endpoints: Endpoints;
	readonly http: HttpClient;
	readonly clientId: string;
	/** eBay Cert ID; required where the provider authenticates with HTTP Basic. Etsy sends none. */
	readonly clientSecret?: string;
};

export type ExchangeCodeOptions = TokenRequestBase & {
	/**
	 * The code exactly as the redirect carried it after ONE URL-decoding, which
	 * URLSearchParams already does. eBay's codes (`v^1.1#i^1#…==`) arrive
	 * URL-encoded; the form encoder here encodes them once again, which is what
	 * eBay expects. Decoding twice or passing the raw encoded text gives invalid_grant.
	 */
	readonly code: string;
	/** The same value sent on the authorization request (eBay: the RuName). */
	readonly redirectUri: string;
	/** PKCE verifier; required when the provider uses PKCE. */
	readonly codeVerifier?: string;
};

export type RefreshOptions = TokenRequestBase & {
	readonly refreshToken: string;
	/** The granted scopes: sent where the provider's definition says so (eBay). Etsy keeps the original scopes. */
	readonly scopes?: readonly string[];
};

export type MintAppTokenOptions = TokenRequestBase & {
	readonly clientSecret: string;
	readonly scopes: readonly string[];
};

function basicAuthorization(provider: ProviderDefinition, clientId: string, clientSecret: string | undefined): Record<string, string> {
	if (provider.tokenAuth !== 'basic') {
		return {};
	}

	if (!clientSecret) {
		const field = provider.credentials.clientSecret;
		throw new MktError(
			'missing_client_secret',
			`${provider.displayName} needs the ${field.label} to authenticate at its token endpoint, and none was given.`,
			`Set ${field.envVar} or enter the ${field.label} from ${provider.portalUrl}.`,
		);
	}

	return {authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`};
}

/**
 * The provider's `clientId:clientSecret` header where it wants one on this
 * kind of request (Etsy's x-api-key). Without a saved secret it is left out,
 * as before 2026: the request may still work where it is not enforced.
 */
export function apiKeyHeaders(provider: ProviderDefinition, on: 'token' | 'api', clientId: string, clientSecret: string | undefined): Record<string, string> {
	const header = provider.apiKeyHeader;
	if (!header?.on.includes(on) || !clientSecret) {
		return {};
	}

	return {[header.name]: `${clientId}:${clientSecret}`};
}

function tokenHeaders(provider: ProviderDefinition, clientId: string, clientSecret: string | undefined): Record<string, string> {
	return {...basicAuthorization(provider, clientId, clientSecret), ...apiKeyHeaders(provider, 'token', clientId, clientSecret)};
}

/** A lifetime above a year (or above the documented one, if longer) is not one any provider means: a broken answer. */
const yearSeconds = 365 * 24 * 60 * 60;

/** A lifetime in seconds: RFC 6749 only recommends `expires_in`, and some servers send a numeric string. */
function secondsOf(value: unknown): number | undefined {
	const number = typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined;
}

/** The lifetime given, or the documented one (with `absurd` true) when it is missing, not a number or beyond belief. */
function lifetime(value: unknown, documented: number): {seconds: number; replaced: boolean} {
	const seconds = secondsOf(value);
	return seconds === undefined || seconds > Math.max(documented, yearSeconds) ? {seconds: documented, replaced: true} : {seconds, replaced: false};
}

function tokenFrom(provider: ProviderDefinition, response: HttpResponse): TokenResponse | undefined {
	const {json} = response;
	if (!isJsonObject(json) || typeof json.access_token !== 'string' || json.access_token === '') {
		return undefined;
	}

	const notes: string[] = [];
	const access = lifetime(json.expires_in, provider.accessTokenLifetimeSeconds);
	if (access.replaced) {
		const said = json.expires_in === undefined ? 'gave no access-token lifetime' : 'gave an access-token lifetime that makes no sense';
		notes.push(`${provider.displayName} ${said}; using its documented ${formatSpan(access.seconds * 1000)}.`);
	}

	const token: TokenResponse = {
		accessToken: json.access_token,
		tokenType: typeof json.token_type === 'string' ? json.token_type : 'Bearer',
		expiresIn: access.seconds,
	};
	if (typeof json.refresh_token === 'string' && json.refresh_token !== '') {
		token.refreshToken = json.refresh_token;
	}

	// Absent on Etsy's answers: the caller falls back on the documented lifetime.
	if (json.refresh_token_expires_in !== undefined) {
		token.refreshTokenExpiresIn = lifetime(json.refresh_token_expires_in, provider.refreshTokenLifetimeSeconds).seconds;
	}

	if (typeof json.scope === 'string' && json.scope.trim() !== '') {
		token.scope = json.scope;
	}

	if (notes.length > 0) {
		token.notes = notes;
	}

	return token;
}

async function requestToken(options: {
	provider: ProviderDefinition;
	endpoints: Endpoints;
	http: HttpClient;
	form: Record<string, string>;
	headers: Record<string, string>;
	during: 'exchange' | 'refresh' | 'mint';
}): Promise<TokenResponse> {
	const {provider, endpoints, http, form, headers, during} = options;
	let response: HttpResponse;
	try {
		// A 429 means nothing was done, so a refresh or mint may wait its Retry-After and go again; a code exchange never repeats.
		response = await http.postForm(endpoints.tokenUrl, {form, headers, retryRateLimited: during !== 'exchange'});
	} catch (error) {
		throw toProviderError({provider, error, during});
	}

	if (response.status < 200 || response.status >= 300 || response.json === undefined) {
		throw toProviderError({provider, response, during});
	}

	const token = tokenFrom(provider, response);
	if (!token) {
		throw new MktError(
			'bad_response',
			`${provider.displayName} answered ${stepNames[during]} with something that is not a token (no access_token).`,
			'Try again; if it keeps failing, check any MKT_WIZARD_* endpoint overrides and run `mkt-wizard doctor`.',
			{status: response.status},
		);
	}

	return token;
}

/** Trades the authorization code from the callback for tokens. Never retried: the code works once. */
export async function exchangeCode(options: ExchangeCodeOptions): Promise<TokenResponse> {
	const {provider, endpoints, http, clientId, clientSecret, code, redirectUri, codeVerifier} = options;
	const headers = tokenHeaders(provider, clientId, clientSecret);
	const form: Record<string, string> = {grant_type: 'authorization_code'};
	if (provider.tokenAuth === 'public') {
		form.client_id = clientId;
	}

	form.redirect_uri = redirectUri;
	form.code = code;
	if (provider.pkce) {
		if (!codeVerifier) {
			throw new Error(`exchangeCode: ${provider.displayName} needs the PKCE code verifier`);
		}

		form.code_verifier = codeVerifier;
	}

	return requestToken({provider, endpoints, http, form, headers, during: 'exchange'});
}

/** A new access token from a refresh token. Etsy answers with a new refresh token that replaces the old one. */
export async function refreshAccessToken(options: RefreshOptions): Promise<TokenResponse> {
	const {provider, endpoints, http, clientId, clientSecret, refreshToken, scopes} = options;
	const headers = tokenHeaders(provider, clientId, clientSecret);
	const form: Record<string, string> = {grant_type: 'refresh_token'};
	if (provider.tokenAuth === 'public') {
		form.client_id = clientId;
	}

	form.refresh_token = refreshToken;
	if (provider.refreshSendsScopes && scopes && scopes.length > 0) {
		form.scope = scopes.join(provider.scopeSeparator);
	}

	return requestToken({provider, endpoints, http, form, headers, during: 'refresh'});
}

/** An application token (eBay client credentials). */
export async function mintAppToken(options: MintAppTokenOptions): Promise<TokenResponse> {
	const {provider, endpoints, http, clientId, clientSecret, scopes} = options;
	if (!provider.grants.includes('app')) {
		throw new MktError(
			'unsupported_grant',
			`${provider.displayName} has no application (client-credentials) tokens.`,
			`Use the user grant: run \`mkt-wizard login ${provider.id}\`.`,
		);
	}

	const headers = basicAuthorization(provider, clientId, clientSecret);
	const form = {grant_type: 'client_credentials', scope: scopes.join(provider.scopeSeparator)};
	return requestToken({provider, endpoints, http, form, headers, during: 'mint'});
}

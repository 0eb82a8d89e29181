import {MktError} from '../errors.js';
import type {Endpoints, ProviderDefinition} from '../providers/types.js';
import type {HttpClient, HttpResponse} from './http.js';
import {toProviderError} from './provider-errors.js';

/** A token endpoint's success answer, as the provider sent it (relative lifetimes in seconds). */
export type TokenResponse = {
	accessToken: string;
	tokenType: string;
	expiresIn: number;
	refreshToken?: string;
	refreshTokenExpiresIn?: number;
	scope?: string;
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
	/** eBay only, optional: a subset of the consented scopes. Etsy keeps the original scopes. */
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

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tokenFrom(response: HttpResponse): TokenResponse | undefined {
	const {json} = response;
	if (!isRecord(json) || typeof json.access_token !== 'string' || json.access_token === ''
		|| typeof json.expires_in !== 'number' || !Number.isFinite(json.expires_in)) {
		return undefined;
	}

	const token: TokenResponse = {
		accessToken: json.access_token,
		tokenType: typeof json.token_type === 'string' ? json.token_type : 'Bearer',
		expiresIn: json.expires_in,
	};
	if (typeof json.refresh_token === 'string' && json.refresh_token !== '') {
		token.refreshToken = json.refresh_token;
	}

	if (typeof json.refresh_token_expires_in === 'number' && Number.isFinite(json.refresh_token_expires_in)) {
		token.refreshTokenExpiresIn = json.refresh_token_expires_in;
	}

	if (typeof json.scope === 'string') {
		token.scope = json.scope;
	}

	return token;
}

const stepNames: Record<'exchange' | 'refresh' | 'mint', string> = {
	exchange: 'token exchange',
	refresh: 'token refresh',
	mint: 'application-token request',
};

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

	const token = tokenFrom(response);
	if (!token) {
		throw new MktError(
			'bad_response',
			`${provider.displayName} answered the ${stepNames[during]} with something that is not a token (no access_token or expires_in).`,
			'Try again; if it keeps failing, check any MKT_WIZARD_* endpoint overrides and run `mkt-wizard doctor`.',
			{status: response.status},
		);
	}

	return token;
}

/** Trades the authorization code from the callback for tokens. Never retried: the code works once. */
export async function exchangeCode(options: ExchangeCodeOptions): Promise<TokenResponse> {
	const {provider, endpoints, http, clientId, clientSecret, code, redirectUri, codeVerifier} = options;
	const headers = basicAuthorization(provider, clientId, clientSecret);
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
	const headers = basicAuthorization(provider, clientId, clientSecret);
	const form: Record<string, string> = {grant_type: 'refresh_token'};
	if (provider.tokenAuth === 'public') {
		form.client_id = clientId;
	}

	form.refresh_token = refreshToken;
	if (provider.tokenAuth === 'basic' && scopes && scopes.length > 0) {
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

import {ebayBaseScope} from '../tables.js';
import {ebayOpaque} from '../random.js';
import {header, json, readFields, type EmulatorRequest, type Reply} from '../reply.js';
import type {EbayApp} from '../types.js';
import {ebayRefreshTokenLifetimeSeconds, type EbayState} from './state.js';

const oauthError = (status: number, error: string, description: string): Reply => json(status, {error, error_description: description});

const invalidClient = () => oauthError(401, 'invalid_client', 'client authentication failed');
const malformed = () => oauthError(400, 'invalid_request', 'request is missing a required parameter or malformed.');
const invalidScope = () => oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client');
const invalidCode = () => oauthError(400, 'invalid_grant', 'the provided authorization grant code is invalid or was issued to another client');
const invalidRefreshToken = () => oauthError(400, 'invalid_grant', 'the provided authorization refresh token is invalid or was issued to another client');

/** Scopes an application token (client credentials) may hold. */
const applicationScopes = new Set([ebayBaseScope]);

/** The app named by a correct `Authorization: Basic base64(client_id:client_secret)` header. */
function authenticate(state: EbayState, request: EmulatorRequest): EbayApp | undefined {
	const match = /^Basic +([A-Za-z\d+/]+={0,2})\s*$/i.exec(header(request.headers, 'authorization') ?? '');
	if (!match) {
		return undefined;
	}

	const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) {
		return undefined;
	}

	const app = state.apps.get(decoded.slice(0, colon));
	return app?.clientSecret === decoded.slice(colon + 1) ? app : undefined;
}

function scopeList(value: string | null): string[] {
	return (value ?? '').split(' ').filter(Boolean);
}

type Grant = {state: EbayState; app: EbayApp; fields: URLSearchParams};

/** POST /ebay/identity/v1/oauth2/token: client_credentials, authorization_code and refresh_token, all with Basic auth. */
export function ebayToken(state: EbayState) {
	return (request: EmulatorRequest): Reply => {
		const app = authenticate(state, request);
		if (!app) {
			return invalidClient();
		}

		const fields = readFields(request, {allowJson: false});
		if (!fields) {
			return malformed();
		}

		switch (fields.get('grant_type')) {
			case 'client_credentials': {
				return clientCredentials({state, app, fields});
			}

			case 'authorization_code': {
				return exchangeCode({state, app, fields});
			}

			case 'refresh_token': {
				return refresh({state, app, fields});
			}

			case null:
			case '': {
				return malformed();
			}

			default: {
				return oauthError(400, 'unsupported_grant_type', 'grant type in request is not supported by the authorization server');
			}
		}
	};
}

function issueAccessToken({state, app, kind, scopes}: {state: EbayState; app: EbayApp; kind: 'user' | 'application'; scopes: string[]}): string {
	const token = ebayOpaque('access');
	state.accessTokens.set(token, {clientId: app.clientId, kind, scopes, expiresAt: state.now() + (state.accessTokenTtlSeconds * 1000)});
	return token;
}

function clientCredentials({state, app, fields}: Grant): Reply {
	const scopes = scopeList(fields.get('scope'));
	if (scopes.length === 0 || scopes.some(scope => !app.scopes.includes(scope) || !applicationScopes.has(scope))) {
		return invalidScope();
	}

	const accessToken = issueAccessToken({state, app, kind: 'application', scopes});
	state.stats.ebay.clientCredentials += 1;
	return json(200, {access_token: accessToken, expires_in: state.accessTokenTtlSeconds, token_type: 'Application Access Token'});
}

function exchangeCode({state, app, fields}: Grant): Reply {
	// URLSearchParams decodes the body once, as eBay does: a double-encoded code stays encoded and matches nothing.
	const code = fields.get('code') ?? '';
	const ruName = fields.get('redirect_uri') ?? '';
	if (code === '' || ruName === '') {
		return malformed();
	}

	const issued = state.codes.get(code);
	if (!issued || issued.used || issued.expiresAt <= state.now() || issued.clientId !== app.clientId || issued.ruName !== ruName) {
		return invalidCode();
	}

	issued.used = true;
	const accessToken = issueAccessToken({state, app, kind: 'user', scopes: issued.scopes});
	const refreshToken = ebayOpaque('refresh');
	state.refreshTokens.set(refreshToken, {
		clientId: app.clientId,
		scopes: issued.scopes,
		expiresAt: state.now() + (ebayRefreshTokenLifetimeSeconds * 1000),
	});
	state.stats.ebay.codeExchanges += 1;
	return json(200, {
		access_token: accessToken,
		expires_in: state.accessTokenTtlSeconds,
		refresh_token: refreshToken,
		refresh_token_expires_in: ebayRefreshTokenLifetimeSeconds,
		token_type: 'User Access Token',
	});
}

function refresh({state, app, fields}: Grant): Reply {
	const refreshToken = fields.get('refresh_token') ?? '';
	if (refreshToken === '') {
		return malformed();
	}

	const grant = state.refreshTokens.get(refreshToken);
	if (!grant || grant.clientId !== app.clientId || grant.expiresAt <= state.now()) {
		return invalidRefreshToken();
	}

	// scope is optional; when given it may only narrow the consented set.
	const asked = scopeList(fields.get('scope'));
	if (asked.some(scope => !grant.scopes.includes(scope))) {
		return invalidScope();
	}

	const accessToken = issueAccessToken({state, app, kind: 'user', scopes: asked.length > 0 ? asked : grant.scopes});
	state.stats.ebay.refreshes += 1;
	// No refresh_token in the answer: eBay's refresh token does not rotate.
	return json(200, {access_token: accessToken, expires_in: state.accessTokenTtlSeconds, token_type: 'User Access Token'});
}

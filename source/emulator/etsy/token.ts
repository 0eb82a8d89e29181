import {randomAlphanumeric, s256} from '../random.js';
import {header, json, readFields, type EmulatorRequest, type Reply} from '../reply.js';
import {checkApiKey} from './api-key.js';
import {etsyRefreshTokenLifetimeSeconds, type EtsyState} from './state.js';

const oauthError = (status: number, error: string, description: string): Reply => json(status, {error, error_description: description});

/** POST /etsy/v3/public/oauth/token: the authorization_code and refresh_token grants of a public PKCE client. */
export function etsyToken(state: EtsyState) {
	return (request: EmulatorRequest): Reply => {
		// Whether Etsy checks x-api-key here is undocumented: accept it absent, but a present one must be right.
		if (header(request.headers, 'x-api-key') !== undefined) {
			const check = checkApiKey(state, request);
			if ('reply' in check) {
				return check.reply;
			}
		}

		const fields = readFields(request, {allowJson: true});
		if (!fields) {
			return oauthError(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded');
		}

		const grantType = fields.get('grant_type');
		if (!grantType) {
			return oauthError(400, 'invalid_request', 'grant_type is required');
		}

		if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
			return oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
		}

		const clientId = fields.get('client_id') ?? '';
		if (!state.apps.has(clientId)) {
			return oauthError(401, 'invalid_client', clientId === '' ? 'client_id is required' : 'client_id is invalid');
		}

		return grantType === 'authorization_code'
			? exchangeCode({state, fields, clientId})
			: refresh({state, fields, clientId});
	};
}

function issueTokens({state, clientId, userId, scopes}: {state: EtsyState; clientId: string; userId: number; scopes: string[]}): Reply {
	const now = state.now();
	const accessToken = `${userId}.${randomAlphanumeric(64)}`;
	const refreshToken = `${userId}.${randomAlphanumeric(64)}`;
	state.accessTokens.set(accessToken, {clientId, userId, scopes, expiresAt: now + (state.accessTokenTtlSeconds * 1000)});
	state.refreshTokens.set(refreshToken, {clientId, userId, scopes, expiresAt: now + (etsyRefreshTokenLifetimeSeconds * 1000), revoked: false});
	return json(200, {
		access_token: accessToken,
		token_type: 'Bearer',
		expires_in: state.accessTokenTtlSeconds,
		refresh_token: refreshToken,
	});
}

function exchangeCode({state, fields, clientId}: {state: EtsyState; fields: URLSearchParams; clientId: string}): Reply {
	const code = fields.get('code') ?? '';
	if (code === '') {
		return oauthError(400, 'invalid_request', 'code is required');
	}

	const redirectUri = fields.get('redirect_uri') ?? '';
	if (redirectUri === '') {
		return oauthError(400, 'invalid_request', 'redirect_uri is required');
	}

	const verifier = fields.get('code_verifier') ?? '';
	if (verifier === '') {
		return oauthError(400, 'invalid_request', 'code_verifier is required');
	}

	const issued = state.codes.get(code);
	if (!issued) {
		return oauthError(400, 'invalid_grant', 'code is invalid');
	}

	if (issued.used) {
		return oauthError(400, 'invalid_grant', 'code has been used previously');
	}

	if (issued.expiresAt <= state.now()) {
		return oauthError(400, 'invalid_grant', 'code has expired');
	}

	if (issued.clientId !== clientId) {
		return oauthError(400, 'invalid_grant', 'code was issued to another client');
	}

	if (issued.redirectUri !== redirectUri) {
		return oauthError(400, 'invalid_grant', 'redirect_uri does not match the one used in the authorization request');
	}

	if (s256(verifier) !== issued.codeChallenge) {
		return oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
	}

	issued.used = true;
	state.stats.etsy.codeExchanges += 1;
	return issueTokens({state, clientId, userId: issued.userId, scopes: issued.scopes});
}

function refresh({state, fields, clientId}: {state: EtsyState; fields: URLSearchParams; clientId: string}): Reply {
	const refreshToken = fields.get('refresh_token') ?? '';
	if (refreshToken === '') {
		return oauthError(400, 'invalid_request', 'refresh_token is required');
	}

	const grant = state.refreshTokens.get(refreshToken);
	if (!grant || grant.clientId !== clientId) {
		return oauthError(400, 'invalid_grant', 'refresh_token is invalid');
	}

	if (grant.revoked) {
		return oauthError(400, 'invalid_grant', 'refresh_token is revoked');
	}

	if (grant.expiresAt <= state.now()) {
		return oauthError(400, 'invalid_grant', 'refresh_token has expired');
	}

	// Rotation: the old refresh token stops working at once; the scopes carry over.
	grant.revoked = true;
	state.stats.etsy.refreshes += 1;
	return issueTokens({state, clientId, userId: grant.userId, scopes: grant.scopes});
}

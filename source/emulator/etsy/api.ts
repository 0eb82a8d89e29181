import {stableInteger} from '../random.js';
import {bearerToken, json, readFields, type EmulatorRequest, type Reply} from '../reply.js';
import type {EtsyApp} from '../types.js';
import {checkApiKey} from './api-key.js';
import type {EtsyGrantToken, EtsyState} from './state.js';

const perSecond = 150;
const perDay = 100_000;

/** A success with the rate-limit headers Etsy adds to every answer. */
function ok(state: EtsyState, value: unknown): Reply {
	return json(200, value, {
		'x-limit-per-second': String(perSecond),
		'x-remaining-this-second': String(perSecond - 1),
		'x-limit-per-day': String(perDay),
		'x-remaining-today': String(Math.max(0, perDay - state.stats.requests)),
	});
}

const invalidToken = (description: string): Reply => json(401, {error: 'invalid_token', error_description: description});

/** The grant behind an access token, if it is known, unexpired and issued to `app`. */
function checkAccessToken({state, app, token}: {state: EtsyState; app: EtsyApp; token: string | undefined}): {grant: EtsyGrantToken} | {reply: Reply} {
	const grant = token === undefined ? undefined : state.accessTokens.get(token);
	if (!grant || grant.clientId !== app.keystring) {
		return {reply: invalidToken('access token is invalid')};
	}

	if (grant.expiresAt <= state.now()) {
		return {reply: invalidToken('access token is expired')};
	}

	return {grant};
}

/** GET /etsy/v3/application/openapi-ping */
export function etsyPing(state: EtsyState) {
	return (request: EmulatorRequest): Reply => {
		const check = checkApiKey(state, request);
		return 'reply' in check ? check.reply : ok(state, {application_id: stableInteger(check.app.keystring)});
	};
}

/** GET /etsy/v3/application/users/me: needs the shops_r scope. */
export function etsyMe(state: EtsyState) {
	return (request: EmulatorRequest): Reply => {
		const key = checkApiKey(state, request);
		if ('reply' in key) {
			return key.reply;
		}

		const token = checkAccessToken({state, app: key.app, token: bearerToken(request.headers)});
		if ('reply' in token) {
			return token.reply;
		}

		if (!token.grant.scopes.includes('shops_r')) {
			return json(403, {error: 'insufficient_scope', error_description: 'The access token does not have the shops_r scope required by this endpoint'});
		}

		return ok(state, {user_id: state.user.userId, shop_id: state.user.shopId});
	};
}

/** POST /etsy/v3/application/scopes with form `token=…`: the scopes that token holds. */
export function etsyTokenScopes(state: EtsyState) {
	return (request: EmulatorRequest): Reply => {
		const key = checkApiKey(state, request);
		if ('reply' in key) {
			return key.reply;
		}

		const fields = readFields(request, {allowJson: true});
		const token = fields?.get('token') ?? '';
		if (token === '') {
			return json(400, {error: 'token is required'});
		}

		const checked = checkAccessToken({state, app: key.app, token});
		return 'reply' in checked ? checked.reply : ok(state, {scopes: checked.grant.scopes});
	};
}

import {header, json, type EmulatorRequest, type Reply} from '../reply.js';
import type {EtsyApp} from '../types.js';
import type {EtsyState} from './state.js';

export type ApiKeyCheck = {app: EtsyApp} | {reply: Reply};

const invalidKey = (): Reply => json(401, {error: 'Invalid API key'});

/**
 * Etsy's x-api-key rule since February 2026: `keystring:shared_secret`. A bare
 * keystring Etsy knows gets 403; anything else wrong gets 401.
 */
export function checkApiKey(state: EtsyState, request: EmulatorRequest): ApiKeyCheck {
	const value = header(request.headers, 'x-api-key');
	if (value === undefined || value === '') {
		return {reply: invalidKey()};
	}

	const colon = value.indexOf(':');
	const keystring = colon === -1 ? value : value.slice(0, colon);
	const app = state.apps.get(keystring);
	if (!app) {
		return {reply: invalidKey()};
	}

	if (colon === -1) {
		return {reply: json(403, {error: 'Shared secret is required in x-api-key header.'})};
	}

	return value.slice(colon + 1) === app.sharedSecret ? {app} : {reply: invalidKey()};
}

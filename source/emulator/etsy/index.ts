import type {Route} from '../router.js';
import {etsyAuthorize, etsyConsent, etsyConsentPath} from './authorize.js';
import {etsyMe, etsyPing, etsyTokenScopes} from './api.js';
import type {EtsyState} from './state.js';
import {etsyToken} from './token.js';

export function etsyRoutes(state: EtsyState): Route[] {
	return [
		{method: 'GET', path: '/etsy/oauth/connect', endpoint: 'etsy.authorize', handler: etsyAuthorize(state)},
		{method: 'POST', path: etsyConsentPath, handler: etsyConsent(state)},
		{method: 'POST', path: '/etsy/v3/public/oauth/token', endpoint: 'etsy.token', handler: etsyToken(state)},
		{method: 'GET', path: '/etsy/v3/application/openapi-ping', endpoint: 'etsy.ping', handler: etsyPing(state)},
		{method: 'GET', path: '/etsy/v3/application/users/me', endpoint: 'etsy.me', handler: etsyMe(state)},
		{method: 'POST', path: '/etsy/v3/application/scopes', handler: etsyTokenScopes(state)},
	];
}

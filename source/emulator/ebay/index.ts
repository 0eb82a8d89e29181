import type {Route} from '../router.js';
import {ebayAcceptedLanding, ebayDeclinedLanding, ebayIdentity, ebayTaxonomy} from './api.js';
import {ebayAuthorize, ebayConsent, ebayConsentPath} from './authorize.js';
import type {EbayState} from './state.js';
import {ebayToken} from './token.js';

export function ebayRoutes(state: EbayState): Route[] {
	const identity = ebayIdentity(state);
	return [
		{method: 'GET', path: '/ebay/oauth2/authorize', endpoint: 'ebay.authorize', handler: ebayAuthorize(state)},
		{method: 'POST', path: ebayConsentPath, handler: ebayConsent(state)},
		{method: 'POST', path: '/ebay/identity/v1/oauth2/token', endpoint: 'ebay.token', handler: ebayToken(state)},
		{method: 'GET', path: '/ebay/commerce/taxonomy/v1/get_default_category_tree_id', endpoint: 'ebay.taxonomy', handler: ebayTaxonomy(state)},
		{method: 'GET', path: '/ebay-apiz/commerce/identity/v1/user/', endpoint: 'ebay.identity', handler: identity},
		{method: 'GET', path: '/ebay-apiz/commerce/identity/v1/user', endpoint: 'ebay.identity', handler: identity},
		{method: 'GET', path: '/ebay/accepted', handler: ebayAcceptedLanding},
		{method: 'GET', path: '/ebay/declined', handler: ebayDeclinedLanding},
	];
}

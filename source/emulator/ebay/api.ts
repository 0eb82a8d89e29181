import {ebayBaseScope} from '../tables.js';
import {acceptedPage, declinedPage} from '../pages.js';
import {bearerToken, html, json, type EmulatorRequest, type Reply} from '../reply.js';
import type {EbayAccessToken, EbayState} from './state.js';

type EbayError = {errorId: number; domain: string; category: string; message: string; longMessage: string};

const apiError = (status: number, error: EbayError): Reply => json(status, {errors: [error]});

const missingToken = () => apiError(401, {
	errorId: 1002,
	domain: 'OAuth',
	category: 'REQUEST',
	message: 'Missing access token',
	longMessage: 'Access token is missing in the Authorization HTTP request header.',
});

const invalidToken = () => apiError(401, {
	errorId: 1001,
	domain: 'OAuth',
	category: 'REQUEST',
	message: 'Invalid access token',
	longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.',
});

const insufficientPermissions = () => apiError(403, {
	errorId: 1100,
	domain: 'ACCESS',
	category: 'REQUEST',
	message: 'Access denied',
	longMessage: 'Insufficient permissions to fulfill the request.',
});

const baseScope = ebayBaseScope;
const identityScope = `${baseScope}/commerce.identity.readonly`;

/** Default category tree ids of the main marketplaces. */
const categoryTrees: Readonly<Record<string, string>> = {
	EBAY_US: '0', EBAY_CA: '2', EBAY_GB: '3', EBAY_AU: '15', EBAY_FR: '71', EBAY_DE: '77', EBAY_IT: '101', EBAY_ES: '186',
};

function checkToken(state: EbayState, request: EmulatorRequest): {grant: EbayAccessToken} | {reply: Reply} {
	const token = bearerToken(request.headers);
	if (token === undefined) {
		return {reply: missingToken()};
	}

	const grant = state.accessTokens.get(token);
	if (!grant || grant.expiresAt <= state.now()) {
		return {reply: invalidToken()};
	}

	return {grant};
}

/** GET /ebay-apiz/commerce/identity/v1/user/: needs a user token with commerce.identity.readonly. */
export function ebayIdentity(state: EbayState) {
	return (request: EmulatorRequest): Reply => {
		const checked = checkToken(state, request);
		if ('reply' in checked) {
			return checked.reply;
		}

		if (checked.grant.kind !== 'user' || !checked.grant.scopes.includes(identityScope)) {
			return insufficientPermissions();
		}

		const {userId, username, accountType, registrationMarketplaceId, status} = state.user;
		return json(200, {userId, username, accountType, registrationMarketplaceId, status});
	};
}

/** GET /ebay/commerce/taxonomy/v1/get_default_category_tree_id?marketplace_id=…: any token with api_scope. */
export function ebayTaxonomy(state: EbayState) {
	return (request: EmulatorRequest): Reply => {
		const checked = checkToken(state, request);
		if ('reply' in checked) {
			return checked.reply;
		}

		if (!checked.grant.scopes.includes(baseScope)) {
			return insufficientPermissions();
		}

		const marketplace = request.url.searchParams.get('marketplace_id') ?? '';
		const categoryTreeId = categoryTrees[marketplace];
		if (categoryTreeId === undefined) {
			return apiError(400, {
				errorId: 62_004,
				domain: 'API_TAXONOMY',
				category: 'REQUEST',
				message: 'The specified marketplace ID was not found.',
				longMessage: 'The marketplace_id query parameter is missing or names no supported marketplace.',
			});
		}

		return json(200, {categoryTreeId, categoryTreeVersion: '119'});
	};
}

/** The demo RuNames' Auth Accepted URL. */
export function ebayAcceptedLanding(): Reply {
	return html(200, acceptedPage());
}

/** The demo RuNames' Auth Declined URL. */
export function ebayDeclinedLanding(request: EmulatorRequest): Reply {
	return html(200, declinedPage(request.url.searchParams.get('error') ?? undefined));
}

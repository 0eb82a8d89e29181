import {ebayScopes} from './tables.js';
import type {EbayApp, EbayUser, EtsyApp, EtsyUser} from './types.js';

/** Stands for the emulator's own URL in eBay accept and decline URLs; replaced when the emulator starts. */
export const emulatorUrlPlaceholder = '{emulator}';

const etsyApp: EtsyApp = {
	keystring: 'mktwizdemo0keystring0001',
	sharedSecret: 'demosharedsecret01',
	name: 'mkt-wizard demo',
	redirectUris: ['http://localhost:3000/callback'],
};

const landing = {
	acceptUrl: `${emulatorUrlPlaceholder}/ebay/accepted`,
	declineUrl: `${emulatorUrlPlaceholder}/ebay/declined`,
};

const allEbayScopes = ebayScopes.map(scope => scope.name);

const ebayProduction: EbayApp = {
	clientId: 'DemoSell-mktwizar-PRD-0a1b2c3d4-e5f6a7b8',
	clientSecret: 'PRD-0a1b2c3d4e5f-6a7b-8c9d-0e1f-2a3b',
	name: 'mkt-wizard demo',
	environment: 'production',
	ruNames: [{ruName: 'Demo_Seller-DemoSell-mktwiz-abcdefghi', ...landing}],
	scopes: allEbayScopes,
};

const ebaySandbox: EbayApp = {
	clientId: 'DemoSell-mktwizar-SBX-0a1b2c3d4-e5f6a7b8',
	clientSecret: 'SBX-0a1b2c3d4e5f-6a7b-8c9d-0e1f-2a3b',
	name: 'mkt-wizard demo (sandbox)',
	environment: 'sandbox',
	ruNames: [{ruName: 'Demo_Seller-DemoSell-mktwiz-sbxabcdef', ...landing}],
	scopes: allEbayScopes,
};

const etsyUser: EtsyUser = {userId: 12_345_678, shopId: 87_654_321, loginName: 'demo_seller'};

const ebayUser: EbayUser = {
	userId: 'eBayU5erDemo01',
	username: 'demo_ebay_seller',
	accountType: 'BUSINESS',
	registrationMarketplaceId: 'EBAY_US',
	status: 'CONFIRMED',
};

/**
 * The emulator's apps and users when none are given. These are demo values,
 * valid only against the emulator, so showing them is fine.
 */
export const demo = {
	etsy: etsyApp,
	ebay: {production: ebayProduction, sandbox: ebaySandbox},
	etsyUser,
	ebayUser,
} as const;

/** `app` with `{emulator}` in its accept and decline URLs replaced by `url`. */
export function placeEbayApp(app: EbayApp, url: string): EbayApp {
	const place = (value: string) => value.split(emulatorUrlPlaceholder).join(url);
	return {
		...app,
		ruNames: app.ruNames.map(ruName => ({
			...ruName,
			acceptUrl: place(ruName.acceptUrl),
			declineUrl: place(ruName.declineUrl),
		})),
	};
}

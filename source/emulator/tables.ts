// The emulator's own copy of what Etsy and eBay document (docs/providers.md), written from
// the providers' documentation and never imported from source/providers/: the emulator is
// a witness, so a fact that is wrong in the client must not be wrong here too.
// test/emulator/tables.test.ts compares these with the client's definitions: change both, deliberately.

export type EmulatedScope = {
	readonly name: string;
	readonly description: string;
	/** @default 'current' */
	readonly status?: 'current' | 'limited' | 'withdrawn';
	readonly withdrawnOn?: string;
};

/** The day Etsy's OpenAPI spec was seen without 8 of its scopes. */
const withdrawnOn = '2026-08-17';

/** Etsy's scopes, in the words of its OpenAPI spec; the withdrawn ones still work for tokens that hold them. */
export const etsyScopes: readonly EmulatedScope[] = [
	{name: 'address_r', description: 'See billing and shipping addresses'},
	{name: 'address_w', description: 'Update billing and shipping addresses'},
	{name: 'billing_r', description: 'See all billing statement data', status: 'withdrawn', withdrawnOn: withdrawnOn},
	{name: 'cart_r', description: 'Read shopping carts', status: 'withdrawn', withdrawnOn: withdrawnOn},
	{name: 'cart_w', description: 'Add to and remove from shopping carts', status: 'withdrawn', withdrawnOn: withdrawnOn},
	{name: 'email_r', description: 'Read a user profile'},
	{name: 'favorites_r', description: 'See private favorites', status: 'withdrawn', withdrawnOn: withdrawnOn},
	{name: 'favorites_w', description: 'Add and remove favorites', status: 'withdrawn', withdrawnOn: withdrawnOn},
	{name: 'feedback_r', description: 'See purchase info in feedback', status: 'withdrawn', withdrawnOn: withdrawnOn},
	{name: 'listings_d', description: 'Delete listings'},
	{name: 'listings_r', description: 'See all listings (including expired ones)'},
	{name: 'listings_w', description: 'Create and edit listings'},
	{name: 'profile_r', description: 'See all profile data'},
	{name: 'profile_w', description: 'Update the user profile, avatar, etc.'},
	{name: 'recommend_r', description: 'See recommended listings', status: 'withdrawn', withdrawnOn: withdrawnOn},
	{name: 'recommend_w', description: 'Accept and reject recommended listings', status: 'withdrawn', withdrawnOn: withdrawnOn},
	{name: 'shops_r', description: 'See private shop info; needed to verify the login'},
	{name: 'shops_w', description: 'Update the shop'},
	{name: 'transactions_r', description: 'See all checkout and payment data'},
	{name: 'transactions_w', description: 'Update receipts'},
];

export const etsyFacts = {
	accessTokenLifetimeSeconds: 3600,
	refreshTokenLifetimeSeconds: 90 * 24 * 60 * 60,
	allowLabel: 'Allow access',
	/** Etsy's page for a redirect URI that is not registered character for character. */
	redirectRefusalPage: 'The requested redirect URL is not permitted',
} as const;

const apiScope = 'https://api.ebay.com/oauth/api_scope';

/** The scope every application token carries. */
export const ebayBaseScope = apiScope;

/** eBay's scopes as a production keyset lists them, with its consent texts; sandbox uses the same strings. */
export const ebayScopes: readonly EmulatedScope[] = [
	{name: apiScope, description: 'View public data (the base scope; also for application tokens)'},
	{name: `${apiScope}/commerce.identity.readonly`, description: 'View basic account info (username, user ID); needed to verify the login'},
	{name: `${apiScope}/sell.inventory`, description: 'View and manage inventory and offers'},
	{name: `${apiScope}/sell.inventory.readonly`, description: 'View inventory and offers'},
	{name: `${apiScope}/sell.account`, description: 'View and manage account settings and business policies'},
	{name: `${apiScope}/sell.account.readonly`, description: 'View account settings and business policies'},
	{name: `${apiScope}/sell.fulfillment`, description: 'View and manage order fulfilments'},
	{name: `${apiScope}/sell.fulfillment.readonly`, description: 'View order fulfilments'},
	{name: `${apiScope}/sell.marketing`, description: 'View and manage marketing: ad campaigns, promotions'},
	{name: `${apiScope}/sell.marketing.readonly`, description: 'View marketing: ad campaigns, promotions'},
	{name: `${apiScope}/sell.analytics.readonly`, description: 'View selling analytics such as performance reports'},
	{name: `${apiScope}/sell.finances`, description: 'View and manage payment and order info; lets the app start refunds'},
	{name: `${apiScope}/sell.payment.dispute`, description: 'View and manage payment disputes'},
	{name: `${apiScope}/sell.item`, description: 'View and manage item information', status: 'limited'},
	{name: `${apiScope}/sell.item.draft`, description: 'View and manage item drafts', status: 'limited'},
	{name: `${apiScope}/sell.reputation`, description: 'View and manage your reputation data, such as feedback'},
	{name: `${apiScope}/sell.reputation.readonly`, description: 'View your reputation data, such as feedback'},
	{name: `${apiScope}/sell.stores`, description: 'View and manage eBay stores'},
	{name: `${apiScope}/sell.stores.readonly`, description: 'View eBay stores'},
	{name: `${apiScope}/commerce.notification.subscription`, description: 'View and manage your event notification subscriptions'},
	{name: `${apiScope}/commerce.notification.subscription.readonly`, description: 'View your event notification subscriptions'},
	{name: `${apiScope}/sell.inventory.mapping`, description: 'Manage and enhance inventory listings through the Inventory Mapping API'},
	{name: `${apiScope}/commerce.message`, description: 'Access the eBay Message APIs'},
	{name: `${apiScope}/commerce.feedback`, description: 'Access the Feedback APIs'},
	{name: `${apiScope}/commerce.shipping`, description: 'View and manage shipping information'},
	{name: `${apiScope}/commerce.vero`, description: 'Access the APIs of eBay\'s Verified Rights Owner (VeRO) program'},
	{name: 'https://api.ebay.com/oauth/scope/sell.edelivery', description: 'Access the eDelivery International Shipping APIs'},
];

/** The JSON pages auth.ebay.com shows instead of redirecting, by error id. */
export const ebayConsentErrorPages: Readonly<Record<string, {readonly status: number; readonly text?: string}>> = {
	invalid_scope: {status: 400, text: 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client'},
	invalid_request: {status: 400, text: 'Input request parameters are invalid.'},
	temporarily_unavailable: {status: 500},
	unauthorized_client: {status: 400},
};

export const ebayFacts = {
	accessTokenLifetimeSeconds: 7200,
	/** 18 months, as eBay's token answer says. */
	refreshTokenLifetimeSeconds: 47_304_000,
	allowLabel: 'Agree',
} as const;

import type {ProviderDefinition} from './types.js';

const scopeBase = 'https://api.ebay.com/oauth/api_scope';

export const ebay: ProviderDefinition = {
	id: 'ebay',
	displayName: 'eBay',
	environments: ['production', 'sandbox'],
	grants: ['user', 'app'],
	endpoints: {
		production: {
			authorizeUrl: 'https://auth.ebay.com/oauth2/authorize',
			tokenUrl: 'https://api.ebay.com/identity/v1/oauth2/token',
			apiUrl: 'https://api.ebay.com',
			apizUrl: 'https://apiz.ebay.com',
		},
		sandbox: {
			authorizeUrl: 'https://auth.sandbox.ebay.com/oauth2/authorize',
			tokenUrl: 'https://api.sandbox.ebay.com/identity/v1/oauth2/token',
			apiUrl: 'https://api.sandbox.ebay.com',
			apizUrl: 'https://apiz.sandbox.ebay.com',
		},
	},
	credentials: {
		clientId: {label: 'App ID (Client ID)', envVar: 'EBAY_CLIENT_ID', secret: false},
		clientSecret: {label: 'Cert ID (Client Secret)', envVar: 'EBAY_CLIENT_SECRET', secret: true},
		redirect: {label: 'RuName (eBay Redirect URL name)', envVar: 'EBAY_RUNAME', secret: false},
	},
	redirectKind: 'runame',
	defaultRedirect: undefined,
	// The sandbox uses the same scope strings as production.
	scopes: [
		{name: scopeBase, description: 'View public data (the base scope; also for application tokens)'},
		{name: `${scopeBase}/commerce.identity.readonly`, description: 'View basic account info (username, user ID); needed to verify the login'},
		{name: `${scopeBase}/sell.inventory`, description: 'View and manage inventory and offers'},
		{name: `${scopeBase}/sell.inventory.readonly`, description: 'View inventory and offers'},
		{name: `${scopeBase}/sell.account`, description: 'View and manage account settings and business policies'},
		{name: `${scopeBase}/sell.account.readonly`, description: 'View account settings and business policies'},
		{name: `${scopeBase}/sell.fulfillment`, description: 'View and manage order fulfilments'},
		{name: `${scopeBase}/sell.fulfillment.readonly`, description: 'View order fulfilments'},
		{name: `${scopeBase}/sell.marketing`, description: 'View and manage marketing: ad campaigns, promotions'},
		{name: `${scopeBase}/sell.marketing.readonly`, description: 'View marketing: ad campaigns, promotions'},
		{name: `${scopeBase}/sell.analytics.readonly`, description: 'View selling analytics such as performance reports'},
		{name: `${scopeBase}/sell.finances`, description: 'View and manage payment and order info; lets the app start refunds'},
		{name: `${scopeBase}/sell.payment.dispute`, description: 'View and manage payment disputes'},
		{name: `${scopeBase}/sell.item`, description: 'View and manage item information'},
		{name: `${scopeBase}/sell.item.draft`, description: 'View and manage item drafts'},
	],
	defaultScopes: [
		scopeBase,
		`${scopeBase}/commerce.identity.readonly`,
		`${scopeBase}/sell.inventory.readonly`,
		`${scopeBase}/sell.fulfillment.readonly`,
	],
	verificationScopes: [`${scopeBase}/commerce.identity.readonly`],
	appScopes: [scopeBase],
	pkce: false,
	tokenAuth: 'basic',
	rotatesRefreshToken: false,
	// 47,304,000 s ≈ 18 months, as eBay's token response says.
	refreshTokenLifetimeSeconds: 47_304_000,
	scopeSeparator: ' ',
	portalUrl: 'https://developer.ebay.com/my/keys',
	errors: {
		invalid_client: {
			message: 'eBay rejected the App ID and Cert ID: the Cert ID is wrong, or the keys belong to the other environment (sandbox keys against production or the reverse).',
			remedy: 'Copy the keyset of the environment you chose from developer.ebay.com → Application Keys (sandbox IDs contain SBX, production IDs PRD), or switch with --env.',
		},
		invalid_grant: {
			message: 'eBay refused the authorization code or refresh token: it expired, was already used, was encoded twice, or belongs to another keyset or environment.',
			remedy: 'Run `mkt-wizard login ebay` to consent again.',
		},
		invalid_scope: {
			message: 'eBay refused a requested scope: this keyset is not granted it in this environment.',
			remedy: 'Check Application Keys → OAuth Scopes for this environment on developer.ebay.com and request only those.',
		},
		invalid_request: {
			message: 'eBay said the request was malformed or missing a parameter (often a RuName or client ID that does not match).',
			remedy: 'Check that the RuName belongs to this keyset and environment, then run `mkt-wizard login ebay` again.',
		},
		unauthorized_client: {
			message: 'eBay says this client may not use this grant, often because redirect_uri held a URL instead of the RuName.',
			remedy: 'Enter the RuName (like Jane_Doe-JaneDoeA-MyApp-abcdef) from User Tokens → Get a Token from eBay via Your Application, not the accept URL.',
		},
		access_denied: {
			message: 'The eBay consent was declined in the browser.',
			remedy: 'Run `mkt-wizard login ebay` again and choose "Agree".',
		},
		invalid_token: {
			message: 'eBay rejected the access token: it expired or belongs to the other environment.',
			remedy: 'Run `mkt-wizard token ebay` to renew it, or `mkt-wizard login ebay` to consent again.',
		},
		insufficient_scope: {
			message: 'The eBay token lacks the commerce.identity.readonly scope needed to identify the account.',
			remedy: 'Run `mkt-wizard login ebay` and keep commerce.identity.readonly selected.',
		},
	},
};

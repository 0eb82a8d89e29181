import type {ProviderDefinition, Scope} from './types.js';

const scopeBase = 'https://api.ebay.com/oauth/api_scope';

function apiScope(short: string, description: string): Scope {
	return {name: `${scopeBase}/${short}`, short, description};
}

export const ebay: ProviderDefinition = {
	id: 'ebay',
	displayName: 'eBay',
	tagline: 'REST APIs: inventory, orders, account; sandbox or production',
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
	// The token endpoint and the app-token check hang off the API host, as on the real one.
	endpointOverrides: {authorizeUrl: 'MKT_WIZARD_EBAY_AUTHORIZE_URL', apiUrl: 'MKT_WIZARD_EBAY_API_URL', apizUrl: 'MKT_WIZARD_EBAY_APIZ_URL'},
	tokenPathUnderApi: '/identity/v1/oauth2/token',
	verification: {
		// getUser needs commerce.identity.readonly.
		user: {base: 'apiz', path: '/commerce/identity/v1/user/', field: 'userId', username: 'username'},
		appToken: {base: 'api', path: '/commerce/taxonomy/v1/get_default_category_tree_id?marketplace_id=EBAY_US', field: 'categoryTreeId'},
	},
	credentials: {
		clientId: {label: 'App ID (Client ID)', envVar: 'EBAY_CLIENT_ID', secret: false},
		clientSecret: {label: 'Cert ID (Client Secret)', envVar: 'EBAY_CLIENT_SECRET', secret: true},
		redirect: {label: 'RuName (eBay Redirect URL name)', envVar: 'EBAY_RUNAME', secret: false},
	},
	redirectKind: 'runame',
	defaultRedirect: undefined,
	// The sandbox uses the same scope strings as production. No official complete list exists and keysets differ, so a
	// full scope URI outside this list is taken as given.
	scopes: [
		{name: scopeBase, short: 'api_scope', description: 'View public data (the base scope; also for application tokens)'},
		apiScope('commerce.identity.readonly', 'View basic account info (username, user ID); needed to verify the login'),
		apiScope('sell.inventory', 'View and manage inventory and offers'),
		apiScope('sell.inventory.readonly', 'View inventory and offers'),
		apiScope('sell.account', 'View and manage account settings and business policies'),
		apiScope('sell.account.readonly', 'View account settings and business policies'),
		apiScope('sell.fulfillment', 'View and manage order fulfilments'),
		apiScope('sell.fulfillment.readonly', 'View order fulfilments'),
		apiScope('sell.marketing', 'View and manage marketing: ad campaigns, promotions'),
		apiScope('sell.marketing.readonly', 'View marketing: ad campaigns, promotions'),
		apiScope('sell.analytics.readonly', 'View selling analytics such as performance reports'),
		apiScope('sell.finances', 'View and manage payment and order info; lets the app start refunds'),
		apiScope('sell.payment.dispute', 'View and manage payment disputes'),
		{...apiScope('sell.item', 'View and manage item information'), status: 'limited'},
		{...apiScope('sell.item.draft', 'View and manage item drafts'), status: 'limited'},
		apiScope('sell.reputation', 'View and manage your reputation data, such as feedback'),
		apiScope('sell.reputation.readonly', 'View your reputation data, such as feedback'),
		apiScope('sell.stores', 'View and manage eBay stores'),
		apiScope('sell.stores.readonly', 'View eBay stores'),
		apiScope('commerce.notification.subscription', 'View and manage your event notification subscriptions'),
		apiScope('commerce.notification.subscription.readonly', 'View your event notification subscriptions'),
		apiScope('sell.inventory.mapping', 'Manage and enhance inventory listings through the Inventory Mapping API'),
		apiScope('commerce.message', 'Access the eBay Message APIs'),
		apiScope('commerce.feedback', 'Access the Feedback APIs'),
		apiScope('commerce.shipping', 'View and manage shipping information'),
		apiScope('commerce.vero', 'Access the APIs of eBay\'s Verified Rights Owner (VeRO) program'),
		// Not under /oauth/api_scope/: eBay names it under /oauth/scope/.
		{name: 'https://api.ebay.com/oauth/scope/sell.edelivery', short: 'sell.edelivery', description: 'Access the eDelivery International Shipping APIs'},
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
	accessTokenLifetimeSeconds: 7200,
	// Optional on a refresh per eBay's docs; eBay's own Node client always sends it, and its scopes page asks for it.
	refreshSendsScopes: true,
	acceptsUnlistedScopes: true,
	scopeUriBase: scopeBase,
	// Application tokens carry only the public api_scope family.
	userOnlyScopePattern: /\/sell\./,
	signInAgainParameters: {prompt: 'login'},
	// At auth.ebay.com a bad consent request shows JSON instead of redirecting (docs/providers.md).
	consentErrorPages: {
		invalid_scope: {
			status: 400,
			text: 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client',
			cause: 'eBay refused a requested scope: this keyset is not granted it in this environment.',
			remedy: 'Leave that scope out, or check Application Keys → OAuth Scopes for this environment on developer.ebay.com.',
		},
		invalid_request: {
			status: 400,
			text: 'Input request parameters are invalid.',
			cause: 'eBay found the consent parameters invalid: usually a RuName that belongs to another App ID or environment.',
			remedy: 'Compare the RuName with the one under User Tokens for this keyset; if they match, regenerate the RuName.',
		},
		temporarily_unavailable: {
			status: 500,
			cause: 'eBay shows this (HTTP 500) when redirect_uri holds a URL instead of the RuName, or when it has a real outage.',
			remedy: 'Enter the RuName (like Jane_Doe-JaneDoeA-MyApp-abcdef), not its accept URL; if it is the RuName, wait and try again.',
		},
		unauthorized_client: {
			status: 400,
			cause: 'eBay says this App ID may not ask for consent this way: often a URL where the RuName belongs.',
			remedy: 'Enter the RuName (like Jane_Doe-JaneDoeA-MyApp-abcdef), not its accept URL.',
		},
	},
	scopeSeparator: ' ',
	portalUrl: 'https://developer.ebay.com/my/keys',
	allowLabel: 'Agree',
	clientIdChecks: {environmentMarkers: {sandbox: 'SBX', production: 'PRD'}},
	scopesPerEnvironment: true,
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

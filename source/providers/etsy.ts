import type {ProviderDefinition} from './types.js';

const production = {
	authorizeUrl: 'https://www.etsy.com/oauth/connect',
	tokenUrl: 'https://api.etsy.com/v3/public/oauth/token',
	apiUrl: 'https://api.etsy.com/v3',
	apizUrl: '',
};

/** The day Etsy's OpenAPI spec dropped 8 scopes. */
const withdrawn = '2026-08-17';

export const etsy: ProviderDefinition = {
	id: 'etsy',
	displayName: 'Etsy',
	tagline: 'Open API v3: shops, listings, receipts',
	// Etsy has no sandbox: every app talks to production shops.
	environments: ['production'],
	grants: ['user'],
	endpoints: {production, sandbox: production},
	endpointOverrides: {authorizeUrl: 'MKT_WIZARD_ETSY_AUTHORIZE_URL', tokenUrl: 'MKT_WIZARD_ETSY_TOKEN_URL', apiUrl: 'MKT_WIZARD_ETSY_API_URL'},
	verification: {
		appKey: {base: 'api', path: '/application/openapi-ping', field: 'application_id'},
		// getMe needs shops_r.
		user: {base: 'api', path: '/application/users/me', field: 'user_id', shopId: 'shop_id'},
	},
	credentials: {
		clientId: {label: 'Keystring', envVar: 'ETSY_API_KEY', secret: false},
		clientSecret: {label: 'Shared secret', envVar: 'ETSY_SHARED_SECRET', secret: true},
		redirect: {label: 'Callback URL', envVar: 'ETSY_REDIRECT_URI', secret: false},
	},
	redirectKind: 'loopback-url',
	defaultRedirect: 'http://localhost:3000/callback',
	// Etsy's OpenAPI spec lists these 12 since 2026-08-17; the 8 withdrawn ones stay known so saved connections keep
	// working and `status` can say so (docs/providers.md). Meanings in the spec's words.
	scopes: [
		{name: 'address_r', description: 'See billing and shipping addresses'},
		{name: 'address_w', description: 'Update billing and shipping addresses'},
		{name: 'billing_r', description: 'See all billing statement data', status: 'withdrawn', withdrawnOn: withdrawn},
		{name: 'cart_r', description: 'Read shopping carts', status: 'withdrawn', withdrawnOn: withdrawn},
		{name: 'cart_w', description: 'Add to and remove from shopping carts', status: 'withdrawn', withdrawnOn: withdrawn},
		{name: 'email_r', description: 'Read a user profile'},
		{name: 'favorites_r', description: 'See private favorites', status: 'withdrawn', withdrawnOn: withdrawn},
		{name: 'favorites_w', description: 'Add and remove favorites', status: 'withdrawn', withdrawnOn: withdrawn},
		{name: 'feedback_r', description: 'See purchase info in feedback', status: 'withdrawn', withdrawnOn: withdrawn},
		{name: 'listings_d', description: 'Delete listings'},
		{name: 'listings_r', description: 'See all listings (including expired ones)'},
		{name: 'listings_w', description: 'Create and edit listings'},
		{name: 'profile_r', description: 'See all profile data'},
		{name: 'profile_w', description: 'Update the user profile, avatar, etc.'},
		{name: 'recommend_r', description: 'See recommended listings', status: 'withdrawn', withdrawnOn: withdrawn},
		{name: 'recommend_w', description: 'Accept and reject recommended listings', status: 'withdrawn', withdrawnOn: withdrawn},
		{name: 'shops_r', description: 'See private shop info; needed to verify the login'},
		{name: 'shops_w', description: 'Update the shop'},
		{name: 'transactions_r', description: 'See all checkout and payment data'},
		{name: 'transactions_w', description: 'Update receipts'},
	],
	defaultScopes: ['shops_r', 'listings_r', 'transactions_r'],
	verificationScopes: ['shops_r'],
	appScopes: [],
	pkce: true,
	tokenAuth: 'public',
	rotatesRefreshToken: true,
	refreshTokenLifetimeSeconds: 90 * 24 * 60 * 60,
	accessTokenLifetimeSeconds: 3600,
	// Every v3 request carries keystring:shared_secret; the token endpoint is under /v3 (whether Etsy enforces it there
	// is undocumented, and sending it is harmless).
	apiKeyHeader: {name: 'x-api-key', on: ['token', 'api']},
	refreshSendsScopes: false,
	acceptsUnlistedScopes: false,
	scopeSeparator: ' ',
	portalUrl: 'https://www.etsy.com/developers/your-apps',
	allowLabel: 'Allow access',
	redirectRefusalPage: 'The requested redirect URL is not permitted',
	clientIdChecks: {
		format: {pattern: /^[a-z\d]{24}$/, warning: 'Etsy keystrings are usually 24 lowercase letters and digits; this one has {length} characters. Check it is the keystring, not the secret.'},
	},
	errors: {
		invalid_client: {
			message: 'Etsy did not recognise the keystring.',
			remedy: 'Copy the keystring again from Your Apps on etsy.com/developers and check that the app is active.',
		},
		invalid_grant: {
			message: 'Etsy refused the authorization code or refresh token: it was already used, expired, or revoked (a password change revokes every token).',
			remedy: 'Run `mkt-wizard login etsy` to authorise again.',
		},
		invalid_scope: {
			message: 'Etsy refused one of the requested scopes.',
			remedy: 'Choose scopes from the list shown by `mkt-wizard login etsy --help` and try again.',
		},
		invalid_request: {
			message: 'Etsy said the token request was malformed (for example a missing code_verifier or a redirect URI that differs from the consent request).',
			remedy: 'Run `mkt-wizard login etsy` again; if it keeps failing, run `mkt-wizard doctor`.',
		},
		access_denied: {
			message: 'The Etsy consent was declined in the browser.',
			remedy: 'Run `mkt-wizard login etsy` again and choose "Allow access".',
		},
		unauthorized_client: {
			message: 'Etsy says this app may not use this grant.',
			remedy: 'Check in Your Apps that the app is approved and active.',
		},
		invalid_api_key: {
			message: 'Etsy rejected the keystring and shared secret sent in x-api-key.',
			remedy: 'Copy both the keystring and the shared secret from Your Apps (Etsy now requires both) and run `mkt-wizard login etsy` again.',
		},
		shared_secret_required: {
			message: 'Etsy requires the shared secret with the keystring in the x-api-key header.',
			remedy: 'Set ETSY_SHARED_SECRET or enter the shared secret from Your Apps.',
		},
		invalid_token: {
			message: 'Etsy rejected the access token: it has expired or was revoked.',
			remedy: 'Run `mkt-wizard token etsy` to refresh it, or `mkt-wizard login etsy` to authorise again.',
		},
		insufficient_scope: {
			message: 'The Etsy token lacks the shops_r scope needed to identify the account.',
			remedy: 'Run `mkt-wizard login etsy` and keep shops_r selected.',
		},
	},
};

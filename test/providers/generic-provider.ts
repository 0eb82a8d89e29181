// A test-only marketplace: a generic OAuth 2.0 authorization server with PKCE
// (public client, rotating refresh tokens), defined entirely as data. Nothing
// in source/ knows it; registerProvider is all it takes.
import {registerProvider} from '../../source/providers/index.js';
import type {Endpoints, ProviderDefinition} from '../../source/providers/types.js';

export const genericId = 'oidc-test';

export function genericProvider(issuer: string, redirectUri: string): ProviderDefinition {
	const endpoints: Endpoints = {authorizeUrl: `${issuer}/auth`, tokenUrl: `${issuer}/token`, apiUrl: issuer, apizUrl: ''};
	return {
		id: genericId,
		displayName: 'Generic OAuth',
		tagline: 'Any OAuth 2.0 server with PKCE',
		environments: ['production'],
		grants: ['user'],
		endpoints: {production: endpoints, sandbox: endpoints},
		verification: {user: {base: 'api', path: '/me', field: 'sub'}},
		credentials: {
			clientId: {label: 'Client ID', envVar: 'OIDC_TEST_CLIENT_ID', secret: false},
			// A public client: there is no secret to ask for.
			clientSecret: {label: 'Client secret', envVar: 'OIDC_TEST_CLIENT_SECRET', secret: true, required: false},
			redirect: {label: 'Redirect URI', envVar: 'OIDC_TEST_REDIRECT_URI', secret: false},
		},
		redirectKind: 'loopback-url',
		defaultRedirect: redirectUri,
		scopes: [
			{name: 'openid', description: 'Who you are; needed to verify the login'},
			{name: 'profile', description: 'Your name'},
		],
		defaultScopes: ['openid', 'profile'],
		verificationScopes: ['openid'],
		appScopes: [],
		pkce: true,
		tokenAuth: 'public',
		rotatesRefreshToken: true,
		refreshTokenLifetimeSeconds: 14 * 24 * 60 * 60,
		accessTokenLifetimeSeconds: 3600,
		refreshSendsScopes: false,
		acceptsUnlistedScopes: false,
		scopeSeparator: ' ',
		portalUrl: issuer,
		allowLabel: 'Continue',
		errors: {
			invalid_grant: {
				message: 'The server refused the authorization code or refresh token: it was already used, expired, or revoked.',
				remedy: `Run \`mkt-wizard login ${genericId}\` to sign in again.`,
			},
		},
	};
}

export function registerGenericProvider(issuer: string, redirectUri: string): ProviderDefinition {
	const definition = genericProvider(issuer, redirectUri);
	registerProvider(definition);
	return definition;
}

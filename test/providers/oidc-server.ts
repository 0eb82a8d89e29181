// oidc-provider (a certified OpenID Connect / OAuth 2.0 server) on loopback,
// configured like Etsy: a public client, PKCE S256 required, one exact
// redirect URI, refresh tokens rotated on every use with reuse detection.
// Its login and consent screens are answered by this file's own handler, so a
// test can play the browser with plain HTTP requests.
import http, {type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import Provider from 'oidc-provider';

export type OidcServer = {
	readonly issuer: string;
	readonly clientId: string;
	close(): Promise<void>;
};

export const accountId = 'seller-4242';

async function interaction(oidc: Provider, request: IncomingMessage, response: ServerResponse): Promise<void> {
	const details = await oidc.interactionDetails(request, response);
	if (details.prompt.name === 'login') {
		await oidc.interactionFinished(request, response, {login: {accountId}}, {mergeWithLastSubmission: false});
		return;
	}

	const {missingOIDCScope, missingOIDCClaims, missingResourceScopes} = details.prompt.details as {
		missingOIDCScope?: string[];
		missingOIDCClaims?: string[];
		missingResourceScopes?: Record<string, string[]>;
	};
	const grant = new oidc.Grant({accountId: details.session!.accountId, clientId: String(details.params.client_id)});
	if (missingOIDCScope) {
		grant.addOIDCScope(missingOIDCScope.join(' '));
	}

	if (missingOIDCClaims) {
		grant.addOIDCClaims(missingOIDCClaims);
	}

	for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
		grant.addResourceScope(indicator, scopes.join(' '));
	}

	const grantId = await grant.save();
	await oidc.interactionFinished(request, response, {consent: {grantId}}, {mergeWithLastSubmission: true});
}

export async function startOidcServer(redirectUri: string): Promise<OidcServer> {
	const server = http.createServer();
	// Longer than a loaded machine's pause between two tests: mkt-wizard's verification GETs may reuse a kept-alive
	// socket, and a server closing it as idle just then resets the request (token POSTs always open a new one).
	server.keepAliveTimeout = 120_000;
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const clientId = 'mkt-wizard-test-client';
	const oidc = new Provider(issuer, {
		clients: [{
			client_id: clientId,
			token_endpoint_auth_method: 'none',
			redirect_uris: [redirectUri],
			grant_types: ['authorization_code', 'refresh_token'],
			response_types: ['code'],
		}],
		pkce: {required: () => true},
		rotateRefreshToken: true,
		issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
		scopes: ['openid', 'profile'],
		claims: {openid: ['sub'], profile: ['name']},
		async findAccount(_ctx, sub) {
			return {accountId: sub, claims: async () => ({sub, name: 'Test Seller'})};
		},
		features: {devInteractions: {enabled: false}},
		interactions: {url: (_ctx, details) => `/interaction/${details.uid}`},
		cookies: {keys: ['mkt-wizard-test-cookie-key']},
	});
	const callback = oidc.callback();
	server.on('request', (request: IncomingMessage, response: ServerResponse) => {
		if (request.url?.startsWith('/interaction/')) {
			interaction(oidc, request, response).catch((error: unknown) => {
				response.writeHead(500, {'content-type': 'text/plain'});
				response.end(String(error));
			});
			return;
		}

		void callback(request, response);
	});
	return {
		issuer,
		clientId,
		async close() {
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}

/**
 * Plays the browser: opens the consent URL, keeps the server's cookies,
 * follows every redirect, and stops after delivering the one to the loopback
 * redirect URI. Returns that last address.
 */
export async function actAsBrowser(consentUrl: string, redirectUri: string): Promise<string> {
	const cookies = new Map<string, string>();
	let url = consentUrl;
	for (let hop = 0; hop < 20; hop++) {
		const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
		const response = await fetch(url, {redirect: 'manual', headers: cookie ? {cookie} : {}});
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const cut = pair!.indexOf('=');
			cookies.set(pair!.slice(0, cut), pair!.slice(cut + 1));
		}

		await response.arrayBuffer();
		if (url.startsWith(redirectUri)) {
			return url;
		}

		const location = response.headers.get('location');
		if (response.status < 300 || response.status >= 400 || !location) {
			throw new Error(`the browser stopped at HTTP ${response.status} on ${new URL(url).pathname}`);
		}

		url = new URL(location, url).href;
	}

	throw new Error('too many redirects');
}

// The provider facts of December 2026 (docs/providers.md), each checked where it takes effect.
import assert from 'node:assert/strict';
import type {ServerResponse} from 'node:http';
import {afterEach, describe, test} from 'node:test';
import {ensureAccessToken} from '../../source/flows/access-token.js';
import {finishUserLogin} from '../../source/flows/login.js';
import {buildAuthorizeUrl} from '../../source/oauth/authorize-url.js';
import {createHttpClient} from '../../source/oauth/http.js';
import {parseRedirectedUrl} from '../../source/oauth/paste.js';
import {explainConsentError} from '../../source/oauth/provider-errors.js';
import {exchangeCode, refreshAccessToken} from '../../source/oauth/token-client.js';
import {describeScope, expandScope, getProvider, offeredScopes, unknownScopes, userOnlyScopes} from '../../source/providers/index.js';
import type {Endpoints} from '../../source/providers/types.js';
import {consentCauses} from '../../source/steps/consent-causes.js';
import {connectionKey, openStore} from '../../source/store/index.js';
import type {Connection} from '../../source/store/types.js';
import {runCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';
import {type FakeServer, reply, type RecordedRequest, startFakeServer} from '../oauth/fake-server.js';

scanCliRunsForSecrets();

const etsy = getProvider('etsy');
const ebay = getProvider('ebay');
const http = createHttpClient({timeoutMs: 2000, retryDelayMs: 1});
const day = 24 * 60 * 60 * 1000;
let server: FakeServer | undefined;
const cleanups: Array<() => void> = [];

afterEach(async () => {
	await server?.close();
	server = undefined;
	for (const cleanup of cleanups.splice(0)) {
		cleanup();
	}
});

async function provider(answer: (request: RecordedRequest, response: ServerResponse) => void): Promise<{endpoints: Endpoints; requests: RecordedRequest[]}> {
	server = await startFakeServer(answer);
	const {origin} = server;
	return {endpoints: {authorizeUrl: `${origin}/authorize`, tokenUrl: `${origin}/token`, apiUrl: `${origin}/v3`, apizUrl: origin}, requests: server.requests};
}

function form(request: RecordedRequest | undefined): Record<string, string> {
	assert.ok(request);
	return Object.fromEntries(new URLSearchParams(request.body));
}

function tempStore() {
	const dir = tempDir('config');
	cleanups.push(() => {
		removeTempDir(dir);
	});
	return {dir, store: openStore({configDir: dir})};
}

async function save(store: ReturnType<typeof openStore>, key: ReturnType<typeof connectionKey>, connection: Connection): Promise<void> {
	await store.withLock(async () => {
		store.update(key, () => connection);
	});
}

const current = ['address_r', 'address_w', 'email_r', 'listings_d', 'listings_r', 'listings_w', 'profile_r', 'profile_w', 'shops_r', 'shops_w', 'transactions_r', 'transactions_w'];

describe('Etsy scopes since 2026-08-17', () => {
	test('the wizard offers the 12 of the OpenAPI spec; the 8 withdrawn ones stay known, marked', () => {
		assert.deepEqual(offeredScopes(etsy).map(scope => scope.name), current);
		const cart = etsy.scopes.find(scope => scope.name === 'cart_r')!;
		assert.equal(cart.status, 'withdrawn');
		assert.match(describeScope(etsy, cart), /withdrawn by Etsy on 2026-08-17/);
		assert.match(etsy.scopes.find(scope => scope.name === 'email_r')!.description, /^Read a user profile/);
	});

	test('--scopes naming a withdrawn scope exits 2, saying when Etsy withdrew it and listing the current ones', async () => {
		const {dir} = tempStore();
		const result = await runCli(['login', 'etsy', '--yes', '--scopes', 'shops_r,cart_r'], testEnv({MKT_WIZARD_CONFIG_DIR: dir, ETSY_API_KEY: 'k', ETSY_SHARED_SECRET: 's'}));
		assert.equal(result.code, 2, result.stderr);
		assert.match(result.stderr, /Etsy withdrew the scope cart_r on 2026-08-17/);
		assert.match(result.stderr, new RegExp(current.join(', ')));
	});

	test('a saved connection holding a withdrawn scope keeps working, and status marks the scope', async () => {
		const {dir, store} = tempStore();
		const now = Date.now();
		const connection: Connection = {
			provider: 'etsy',
			environment: 'production',
			clientId: 'keystring',
			clientSecret: 'shared-secret',
			redirect: 'http://localhost:3000/callback',
			user: {scopes: ['shops_r', 'cart_r'], token: {accessToken: '1.access', tokenType: 'Bearer', expiresAt: now + 3_600_000, refreshToken: '1.refresh', refreshExpiresAt: now + (80 * day), obtainedAt: now}, identity: {userId: '1'}, verifiedAt: now},
			updatedAt: now,
		};
		await save(store, connectionKey({provider: 'etsy'}), connection);
		const env = testEnv({MKT_WIZARD_CONFIG_DIR: dir});
		const token = await runCli(['token', 'etsy'], env);
		assert.equal(token.code, 0, token.stderr);
		assert.equal(token.stdout, '1.access\n');
		const status = await runCli(['status'], env);
		assert.match(status.stdout, /scopes: shops_r cart_r \(withdrawn by Etsy on 2026-08-17\)/);
		const json = await runCli(['status', '--json'], env);
		assert.deepEqual(JSON.parse(json.stdout).connections[0].grants[0].withdrawnScopes, ['cart_r']);
	});
});

describe('Etsy token endpoint', () => {
	test('the code exchange and the refresh carry x-api-key keystring:shared_secret', async () => {
		const {endpoints, requests} = await provider((_request, response) => {
			reply(response, 200, {access_token: '1.a', token_type: 'Bearer', expires_in: 3600, refresh_token: '1.r'});
		});
		await exchangeCode({provider: etsy, endpoints, http, clientId: 'keystring', clientSecret: 'secret', code: 'c', redirectUri: 'http://localhost:3000/callback', codeVerifier: 'v'.repeat(43)});
		await refreshAccessToken({provider: etsy, endpoints, http, clientId: 'keystring', clientSecret: 'secret', refreshToken: '1.r'});
		assert.equal(requests.length, 2);
		for (const request of requests) {
			assert.equal(request.headers['x-api-key'], 'keystring:secret');
			assert.equal(request.headers.authorization, undefined);
		}

		assert.equal(form(requests[1]).scope, undefined);
	});

	test('after a refresh without refresh_token_expires_in the saved token keeps an expiry: 90 days from the refresh', async () => {
		const {endpoints} = await provider((_request, response) => {
			reply(response, 200, {access_token: '1.new', token_type: 'Bearer', expires_in: 3600, refresh_token: '1.rotated', scope: 'shops_r listings_r'});
		});
		const {store} = tempStore();
		const key = connectionKey({provider: 'etsy'});
		const before = Date.now() - (10 * day);
		await save(store, key, {
			provider: 'etsy',
			environment: 'production',
			clientId: 'keystring',
			clientSecret: 'secret',
			user: {scopes: ['shops_r', 'listings_r', 'listings_w'], token: {accessToken: '1.old', tokenType: 'Bearer', expiresAt: before + 3_600_000, refreshToken: '1.r', refreshExpiresAt: before + (90 * day), obtainedAt: before}, verifiedAt: before},
			updatedAt: before,
		});
		const now = Date.now();
		await ensureAccessToken({key}, {store, http: async () => http, now: () => now, env: {MKT_WIZARD_ETSY_TOKEN_URL: endpoints.tokenUrl}});
		const saved = store.get(key)!.user!;
		assert.equal(saved.token.refreshToken, '1.rotated');
		assert.equal(saved.token.refreshExpiresAt, now + (90 * day));
		// The answer's scope is what the token carries.
		assert.deepEqual(saved.scopes, ['shops_r', 'listings_r']);
	});
});

describe('granted scopes', () => {
	test('a login saves the scope the token answer names, not the scopes asked for', async () => {
		const {endpoints} = await provider((request, response) => {
			if (request.url.startsWith('/token')) {
				reply(response, 200, {access_token: '1.a', token_type: 'Bearer', expires_in: 3600, refresh_token: '1.r', scope: 'shops_r'});
			} else {
				reply(response, 200, {user_id: 1, shop_id: 2});
			}
		});
		const {store} = tempStore();
		const input = {key: connectionKey({provider: 'etsy'}), clientId: 'keystring', clientSecret: 'secret', redirect: 'http://localhost:3000/callback', scopes: ['shops_r', 'listings_w']};
		const env = {MKT_WIZARD_ETSY_TOKEN_URL: endpoints.tokenUrl, MKT_WIZARD_ETSY_API_URL: endpoints.apiUrl};
		const {connection} = await finishUserLogin(input, {code: 'c', codeVerifier: 'v'.repeat(43)}, {store, http, now: Date.now, env});
		assert.deepEqual(connection.user!.scopes, ['shops_r']);
	});
});

describe('eBay scopes', () => {
	const base = 'https://api.ebay.com/oauth/api_scope';
	test('the common production seller scopes are known; sell.edelivery lives under /oauth/scope/', () => {
		for (const short of ['sell.reputation', 'sell.reputation.readonly', 'sell.stores', 'sell.stores.readonly', 'commerce.notification.subscription', 'commerce.notification.subscription.readonly', 'sell.inventory.mapping', 'commerce.message', 'commerce.feedback', 'commerce.shipping', 'commerce.vero']) {
			assert.ok(ebay.scopes.some(scope => scope.name === `${base}/${short}`), short);
			assert.equal(expandScope(ebay, short), `${base}/${short}`);
		}

		assert.equal(expandScope(ebay, 'sell.edelivery'), 'https://api.ebay.com/oauth/scope/sell.edelivery');
	});

	test('sell.item and sell.item.draft are marked limited release', () => {
		for (const short of ['sell.item', 'sell.item.draft']) {
			const scope = ebay.scopes.find(candidate => candidate.name === `${base}/${short}`)!;
			assert.equal(scope.status, 'limited');
			assert.match(describeScope(ebay, scope), /limited release/);
		}
	});

	test('a full scope URI outside the list is taken as given; a short unknown name is not', () => {
		assert.deepEqual(unknownScopes(ebay, [`${base}/buy.marketplace.insights`]), []);
		assert.deepEqual(unknownScopes(ebay, ['sell.inventroy']), ['sell.inventroy']);
	});

	test('seller scopes cannot go on an application token', () => {
		assert.deepEqual(userOnlyScopes(ebay, [base, `${base}/sell.inventory`, `${base}/sell.unlisted`]), [`${base}/sell.inventory`, `${base}/sell.unlisted`]);
	});

	test('login ebay --grant app --scopes sell.inventory is a usage error that points to --grant user', async () => {
		const {dir} = tempStore();
		const result = await runCli(['login', 'ebay', '--grant', 'app', '--scopes', 'sell.inventory'], testEnv({MKT_WIZARD_CONFIG_DIR: dir, EBAY_CLIENT_ID: 'a-PRD-b', EBAY_CLIENT_SECRET: 'c'}));
		assert.equal(result.code, 2, result.stderr);
		assert.match(result.stderr, /application tokens carry only public scopes/);
		assert.match(result.stderr, /--grant user/);
	});

	test('a full URI outside the list gets as far as the consent URL', async () => {
		const {dir} = tempStore();
		const result = await runCli(['login', 'ebay', '--env', 'sandbox', '--yes', '--no-browser', '--scopes', `${base}/buy.marketplace.insights`], testEnv({MKT_WIZARD_CONFIG_DIR: dir, EBAY_CLIENT_ID: 'a-SBX-b', EBAY_CLIENT_SECRET: 'c', EBAY_RUNAME: 'Jane_Doe-JaneDoeA-MyApp-abcdef', MKT_WIZARD_EBAY_AUTHORIZE_URL: 'http://127.0.0.1:9/authorize'}), '');
		assert.match(result.stderr, /buy\.marketplace\.insights/);
		assert.doesNotMatch(result.stderr, /Unknown eBay scope/);
	});
});

describe('eBay refresh', () => {
	test('sends the granted scopes', async () => {
		const {endpoints, requests} = await provider((_request, response) => {
			reply(response, 200, {access_token: 'v^1.1#new', token_type: 'User Access Token', expires_in: 7200});
		});
		const scopes = ['https://api.ebay.com/oauth/api_scope', 'https://api.ebay.com/oauth/api_scope/sell.inventory'];
		await refreshAccessToken({provider: ebay, endpoints, http, clientId: 'id', clientSecret: 'secret', refreshToken: 'v^1.1#r', scopes});
		assert.equal(form(requests[0]).scope, scopes.join(' '));
	});

	test('ensureAccessToken hands the saved scopes to the refresh', async () => {
		const {endpoints, requests} = await provider((_request, response) => {
			reply(response, 200, {access_token: 'v^1.1#new', token_type: 'User Access Token', expires_in: 7200});
		});
		const {store} = tempStore();
		const key = connectionKey({provider: 'ebay', environment: 'sandbox'});
		const now = Date.now();
		const scopes = ['https://api.ebay.com/oauth/api_scope', 'https://api.ebay.com/oauth/api_scope/commerce.identity.readonly'];
		await save(store, key, {
			provider: 'ebay',
			environment: 'sandbox',
			clientId: 'id',
			clientSecret: 'secret',
			user: {scopes, token: {accessToken: 'old', tokenType: 'User Access Token', expiresAt: now - 1000, refreshToken: 'v^1.1#r', refreshExpiresAt: now + (400 * day), obtainedAt: now - 7_200_000}, verifiedAt: now},
			updatedAt: now,
		});
		const origin = new URL(endpoints.tokenUrl).origin;
		await ensureAccessToken({key}, {store, http: async () => http, now: () => now, env: {MKT_WIZARD_EBAY_API_URL: origin}});
		assert.equal(form(requests[0]).scope, scopes.join(' '));
	});
});

describe('eBay consent', () => {
	test('a consent JSON page pasted is explained as the error it names', () => {
		const explain = (error: string, description: string | undefined) => explainConsentError({provider: ebay, error, ...(description ? {description} : {})});
		assert.throws(
			() => parseRedirectedUrl({input: '{"error_id":"invalid_scope","error_description":"The requested scope is invalid","http_status_code":400}', expectedState: 's', explain}),
			(error: Error & {code?: string}) => error.code === 'invalid_scope',
		);
	});

	test('the troubleshooter knows eBay\'s JSON error pages', () => {
		const causes = consentCauses({provider: ebay, redirect: 'Jane_Doe-JaneDoeA-MyApp-abcdef', seen: [], live: true});
		const text = causes.map(cause => cause.cause).join('\n');
		assert.match(text, /invalid_scope, HTTP 400/);
		assert.match(text, /Input request parameters are invalid/);
		assert.match(text, /temporarily_unavailable, HTTP 500/);
	});

	test('the credentials warning (a production App ID in the sandbox) is blamed first', () => {
		const warning = 'This App ID looks like a production key (PRD), but you chose sandbox.';
		for (const live of [true, false]) {
			const causes = consentCauses({provider: ebay, redirect: 'Jane_Doe-JaneDoeA-MyApp-abcdef', seen: [], live, credentialsWarning: warning});
			assert.match(causes[0]!.cause, /production key \(PRD\), but you chose sandbox/);
			assert.ok(causes.length > 1);
		}
	});

	test('--sign-in-again adds prompt=login for eBay; Etsy has no such parameter, so it is a usage error', async () => {
		const url = new URL(buildAuthorizeUrl({provider: ebay, endpoints: ebay.endpoints.sandbox, clientId: 'id', redirectUri: 'RuName', scopes: ['s'], state: 'x', signInAgain: true}));
		assert.equal(url.searchParams.get('prompt'), 'login');
		const plain = new URL(buildAuthorizeUrl({provider: ebay, endpoints: ebay.endpoints.sandbox, clientId: 'id', redirectUri: 'RuName', scopes: ['s'], state: 'x'}));
		assert.equal(plain.searchParams.get('prompt'), null);
		const {dir} = tempStore();
		const result = await runCli(['login', 'etsy', '--yes', '--sign-in-again'], testEnv({MKT_WIZARD_CONFIG_DIR: dir}));
		assert.equal(result.code, 2);
		assert.match(result.stderr, /Etsy has no documented way to ask for a fresh sign-in/);
	});

	test('login ebay --sign-in-again prints a consent URL with prompt=login', async () => {
		const {dir} = tempStore();
		const result = await runCli(['login', 'ebay', '--env', 'sandbox', '--yes', '--no-browser', '--sign-in-again'], testEnv({MKT_WIZARD_CONFIG_DIR: dir, EBAY_CLIENT_ID: 'a-SBX-b', EBAY_CLIENT_SECRET: 'c', EBAY_RUNAME: 'Jane_Doe-JaneDoeA-MyApp-abcdef', MKT_WIZARD_EBAY_AUTHORIZE_URL: 'http://127.0.0.1:9/authorize'}), '');
		assert.match(result.stderr, /prompt=login/);
	});
});

describe('token answers', () => {
	async function answered(body: Record<string, unknown>) {
		const {endpoints} = await provider((_request, response) => {
			reply(response, 200, body);
		});
		return refreshAccessToken({provider: ebay, endpoints, http, clientId: 'id', clientSecret: 'secret', refreshToken: 'r'});
	}

	test('expires_in as a numeric string is accepted', async () => {
		const token = await answered({access_token: 'a', token_type: 'x', expires_in: '7000'});
		assert.equal(token.expiresIn, 7000);
		assert.equal(token.notes, undefined);
	});

	test('an absurd or missing expires_in becomes the documented lifetime, with a note', async () => {
		for (const expiresIn of [1e308, '1e308', -5, 'soon', undefined]) {
			await server?.close();
			const token = await answered({access_token: 'a', token_type: 'x', ...(expiresIn === undefined ? {} : {expires_in: expiresIn})});
			assert.equal(token.expiresIn, 7200, String(expiresIn));
			assert.match(token.notes?.[0] ?? '', /eBay gave (no|an) access-token lifetime.*documented 2 h/);
		}
	});
});

describe('the authorization response', () => {
	async function callbackServer(expectedIssuer?: string) {
		const {closedPort} = await import('../oauth/fake-server.js');
		const {startCallbackServer} = await import('../../source/oauth/callback-server.js');
		const port = await closedPort();
		const callback = await startCallbackServer({redirectUri: `http://127.0.0.1:${port}/callback`, state: 'the-state', timeoutMs: 10_000, ...(expectedIssuer ? {expectedIssuer} : {})});
		cleanups.push(() => {
			void callback.close();
		});
		return {port, callback};
	}

	async function send(port: number, path: string, method = 'GET'): Promise<number> {
		const response = await fetch(`http://127.0.0.1:${port}${path}`, {method});
		await response.arrayBuffer();
		return response.status;
	}

	test('a HEAD request is never taken as the callback', async () => {
		const {port, callback} = await callbackServer();
		assert.equal(await send(port, '/callback?state=the-state&code=c1', 'HEAD'), 200);
		assert.equal(await send(port, '/callback?state=the-state&code=c2'), 200);
		assert.equal((await callback.result).code, 'c2');
	});

	test('an iss that is not the expected issuer refuses the callback (RFC 9207); the right one or none passes', async () => {
		const wrong = await callbackServer('https://auth.example');
		assert.equal(await send(wrong.port, `/callback?state=the-state&code=c&iss=${encodeURIComponent('https://evil.example')}`), 400);
		await assert.rejects(wrong.callback.result, (error: Error & {code?: string}) => error.code === 'issuer_mismatch');
		const right = await callbackServer('https://auth.example');
		assert.equal(await send(right.port, `/callback?state=the-state&code=c&iss=${encodeURIComponent('https://auth.example')}`), 200);
		assert.equal((await right.callback.result).code, 'c');
		assert.throws(() => parseRedirectedUrl({input: 'https://x/cb?state=s&code=c&iss=https%3A%2F%2Fevil.example', expectedState: 's', expectedIssuer: 'https://auth.example'}), (error: Error & {code?: string}) => error.code === 'issuer_mismatch');
		assert.equal(parseRedirectedUrl({input: 'https://x/cb?state=s&code=c', expectedState: 's', expectedIssuer: 'https://auth.example'}).code, 'c');
	});
});

describe('token requests', () => {
	test('each POST opens its own connection: never a kept-alive socket the server may be closing as idle', async () => {
		const {endpoints} = await provider((_request, response) => {
			reply(response, 200, {access_token: '1.a', token_type: 'Bearer', expires_in: 3600, refresh_token: '1.r'});
		});
		let connections = 0;
		// The fake server's own http.Server is not exposed; count connections at the TCP level through a relay.
		const net = await import('node:net');
		const target = new URL(endpoints.tokenUrl);
		const relay = net.createServer(socket => {
			connections++;
			const upstream = net.connect(Number(target.port), target.hostname);
			socket.pipe(upstream).pipe(socket);
			socket.on('error', () => upstream.destroy());
			upstream.on('error', () => socket.destroy());
		});
		await new Promise<void>(resolve => {
			relay.listen(0, '127.0.0.1', resolve);
		});
		cleanups.push(() => {
			relay.close();
		});
		const port = (relay.address() as {port: number}).port;
		const relayed = {...endpoints, tokenUrl: `http://127.0.0.1:${port}/token`};
		const client = createHttpClient({timeoutMs: 2000});
		await refreshAccessToken({provider: etsy, endpoints: relayed, http: client, clientId: 'k', clientSecret: 's', refreshToken: '1.r'});
		await refreshAccessToken({provider: etsy, endpoints: relayed, http: client, clientId: 'k', clientSecret: 's', refreshToken: '1.r'});
		assert.equal(connections, 2);
	});
});

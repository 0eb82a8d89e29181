import assert from 'node:assert/strict';
import type {ServerResponse} from 'node:http';
import {after, afterEach, describe, test} from 'node:test';
import type {MktError} from '../../source/errors.js';
import {createHttpClient} from '../../source/oauth/http.js';
import {exchangeCode, mintAppToken, refreshAccessToken} from '../../source/oauth/token-client.js';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';
import type {Endpoints} from '../../source/providers/types.js';
import {closedPort, type FakeServer, reply, type RecordedRequest, startFakeServer} from './fake-server.js';
import {rejectionOf} from './helpers.js';

// Values that must never appear in any error text.
const secrets = {
	etsyKey: 'etsykeystring1234',
	etsySecret: 'etsysharedsecret99',
	ebayId: 'JaneDoe-MyApp-SBX-0123456789-abcdef01',
	ebaySecret: 'SBX-ebaycertid-5678',
	code: 'v^1.1#i^1#p^3#r^1#I^3#f^0#t^Ul41XzExOjQ3==',
	verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
	refreshToken: '12345678.JNGIJtvLmwfDMhlYoOJl8aLR1BWottyHC6yhNcET',
	accessToken: '12345678.O1zLuwveeKjpIqCQFfmR-PaMMpBmagH6DljRAkK9qt05',
};

const etsyToken = {
	access_token: secrets.accessToken,
	token_type: 'Bearer',
	expires_in: 3600,
	refresh_token: `${secrets.refreshToken}-new`,
};

const ebayUserToken = {
	access_token: 'v^1.1#i^1#f^0#p^3#I^3#r^0#t^H4sIAAAAAAAAAOVYa2wUVRTu',
	expires_in: 7200,
	refresh_token: 'v^1.1#i^1#f^0#p^3#I^3#r^1#t^Ul4xMF8yOkY4QUYw',
	refresh_token_expires_in: 47_304_000,
	token_type: 'User Access Token',
};

const redirectUri = 'http://localhost:3000/callback';
const ruName = 'Jane_Doe-JaneDoeA-MyApp-abcdef';
const errors: MktError[] = [];
let server: FakeServer | undefined;

function endpointsOf(origin: string): Endpoints {
	return {authorizeUrl: `${origin}/oauth/connect`, tokenUrl: `${origin}/token`, apiUrl: `${origin}/v3`, apizUrl: origin};
}

async function startProvider(answer: (request: RecordedRequest, response: ServerResponse) => void): Promise<{endpoints: Endpoints; requests: RecordedRequest[]}> {
	server = await startFakeServer(answer);
	return {endpoints: endpointsOf(server.origin), requests: server.requests};
}

async function failure(promise: Promise<unknown>): Promise<MktError> {
	return rejectionOf(promise, errors);
}

function form(request: RecordedRequest | undefined): Record<string, string> {
	assert.ok(request);
	assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
	return Object.fromEntries(new URLSearchParams(request.body));
}

const http = createHttpClient({timeoutMs: 2000, retryDelayMs: 1});

afterEach(async () => {
	await server?.close();
	server = undefined;
});

after(() => {
	// Every error any test produced: none may carry a credential, code or token.
	assert.ok(errors.length > 10);
	for (const error of errors) {
		const text = `${error.code}\n${error.message}\n${error.remedy}\n${String(error)}\n${error.providerCode ?? ''}`;
		for (const [name, value] of Object.entries(secrets)) {
			assert.ok(!text.includes(value), `${name} leaked into ${error.code}: ${text}`);
		}

		assert.ok(!/https?:\/\/\S*\?/.test(text), `a URL with a query leaked into ${error.code}`);
	}
});

describe('exchangeCode', () => {
	test('Etsy: posts grant_type, client_id, redirect_uri, code and code_verifier, with no secret', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			reply(response, 200, etsyToken);
		});
		const token = await exchangeCode({provider: etsy, endpoints, http, clientId: secrets.etsyKey, code: 'etsy-code', redirectUri, codeVerifier: secrets.verifier});
		assert.deepEqual(token, {accessToken: secrets.accessToken, tokenType: 'Bearer', expiresIn: 3600, refreshToken: `${secrets.refreshToken}-new`});
		assert.equal(requests.length, 1);
		assert.equal(requests[0]?.method, 'POST');
		assert.equal(requests[0]?.url, '/token');
		assert.equal(requests[0]?.headers.authorization, undefined);
		assert.deepEqual(form(requests[0]), {
			grant_type: 'authorization_code',
			client_id: secrets.etsyKey,
			redirect_uri: redirectUri,
			code: 'etsy-code',
			code_verifier: secrets.verifier,
		});
		assert.ok(!requests[0]?.body.includes(secrets.etsySecret));
	});

	test('eBay: Basic auth, the RuName, and a code with ^ # = encoded exactly once', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			reply(response, 200, ebayUserToken);
		});
		// The code as eBay puts it in the redirect; URLSearchParams decodes it once.
		const redirected = new URL(`https://example.com/accept?state=s&code=${encodeURIComponent(secrets.code)}&expires_in=299`);
		const code = redirected.searchParams.get('code')!;
		assert.equal(code, secrets.code);
		const token = await exchangeCode({provider: ebay, endpoints, http, clientId: secrets.ebayId, clientSecret: secrets.ebaySecret, code, redirectUri: ruName});
		assert.deepEqual(token, {
			accessToken: ebayUserToken.access_token,
			tokenType: 'User Access Token',
			expiresIn: 7200,
			refreshToken: ebayUserToken.refresh_token,
			refreshTokenExpiresIn: 47_304_000,
		});
		const request = requests[0];
		assert.equal(request?.headers.authorization, `Basic ${Buffer.from(`${secrets.ebayId}:${secrets.ebaySecret}`).toString('base64')}`);
		assert.deepEqual(form(request), {grant_type: 'authorization_code', redirect_uri: ruName, code: secrets.code});
		assert.ok(request?.body.includes(`code=${encodeURIComponent(secrets.code)}`), request?.body);
		assert.ok(!request?.body.includes('%25'), 'the code was encoded twice');
	});

	test('eBay without the Cert ID fails before any request', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			reply(response, 200, ebayUserToken);
		});
		const error = await failure(exchangeCode({provider: ebay, endpoints, http, clientId: secrets.ebayId, code: secrets.code, redirectUri: ruName}));
		assert.equal(error.code, 'missing_client_secret');
		assert.match(error.remedy, /EBAY_CLIENT_SECRET/);
		assert.equal(requests.length, 0);
	});

	test('a provider error is explained, and a 500 is not retried (the code works once)', async () => {
		const answers: Array<[number, unknown]> = [
			[400, {error: 'invalid_grant', error_description: 'code has been used previously'}],
			[500, {error: 'Server Error'}],
		];
		const {endpoints, requests} = await startProvider((_request, response) => {
			const [status, body] = answers.shift()!;
			reply(response, status, body);
		});
		const options = {provider: etsy, endpoints, http, clientId: secrets.etsyKey, code: secrets.code, redirectUri, codeVerifier: secrets.verifier};
		const invalid = await failure(exchangeCode(options));
		assert.equal(invalid.code, 'invalid_grant');
		assert.equal(invalid.status, 400);
		assert.match(invalid.message, /^During the token exchange, Etsy refused/);
		const unavailable = await failure(exchangeCode(options));
		assert.equal(unavailable.code, 'provider_unavailable');
		assert.equal(requests.length, 2);
	});

	test('eBay invalid_client from a wrong Cert ID', async () => {
		const {endpoints} = await startProvider((_request, response) => {
			reply(response, 401, {error: 'invalid_client', error_description: 'client authentication failed'});
		});
		const error = await failure(exchangeCode({provider: ebay, endpoints, http, clientId: secrets.ebayId, clientSecret: secrets.ebaySecret, code: secrets.code, redirectUri: ruName}));
		assert.equal(error.code, 'invalid_client');
		assert.equal(error.status, 401);
	});

	test('a success status whose body is not a token: HTML, invalid JSON, empty, no access_token', async () => {
		const bodies: Array<[string, string]> = [
			['unexpected_html', '<html><body>Sign in to the proxy</body></html>'],
			['bad_response', '{"access_token": "tok'],
			['bad_response', ''],
			['bad_response', JSON.stringify({token_type: 'Bearer', expires_in: 3600})],
		];
		const queue = [...bodies];
		const {endpoints} = await startProvider((_request, response) => {
			const [, body] = queue.shift()!;
			response.writeHead(200, {'content-type': body.startsWith('<') ? 'text/html' : 'application/json'});
			response.end(body);
		});
		for (const [code, body] of bodies) {
			const error = await failure(exchangeCode({provider: etsy, endpoints, http, clientId: secrets.etsyKey, code: secrets.code, redirectUri, codeVerifier: secrets.verifier}));
			assert.equal(error.code, code, body);
			assert.match(error.message, /^Etsy answered the token exchange with /, body);
		}

		assert.match(errors.at(-1)!.message, /something that is not a token/);
	});

	test('429 with retry-after becomes rate_limited', async () => {
		const {endpoints} = await startProvider((_request, response) => {
			reply(response, 429, {error: 'rate limited'}, {'retry-after': '12'});
		});
		const error = await failure(exchangeCode({provider: etsy, endpoints, http, clientId: secrets.etsyKey, code: secrets.code, redirectUri, codeVerifier: secrets.verifier}));
		assert.equal(error.code, 'rate_limited');
		assert.match(error.message, /12 seconds/);
	});

	test('a closed port becomes network_refused', async () => {
		const port = await closedPort();
		const error = await failure(exchangeCode({
			provider: ebay,
			endpoints: endpointsOf(`http://127.0.0.1:${port}`),
			http,
			clientId: secrets.ebayId,
			clientSecret: secrets.ebaySecret,
			code: secrets.code,
			redirectUri: ruName,
		}));
		assert.equal(error.code, 'network_refused');
		assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
	});

	test('a slow token endpoint becomes timeout', async () => {
		const timers: NodeJS.Timeout[] = [];
		const {endpoints} = await startProvider((_request, response) => {
			timers.push(setTimeout(() => {
				reply(response, 200, etsyToken);
			}, 3000));
		});
		const error = await failure(exchangeCode({
			provider: etsy, endpoints, http: createHttpClient({timeoutMs: 100}), clientId: secrets.etsyKey, code: secrets.code, redirectUri, codeVerifier: secrets.verifier,
		}));
		for (const timer of timers) {
			clearTimeout(timer);
		}

		assert.equal(error.code, 'timeout');
		assert.match(error.remedy, /works only once/);
	});
});

describe('refreshAccessToken', () => {
	test('Etsy: grant_type, client_id and refresh_token; the new refresh token comes back', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			reply(response, 200, etsyToken);
		});
		const token = await refreshAccessToken({provider: etsy, endpoints, http, clientId: secrets.etsyKey, refreshToken: secrets.refreshToken, scopes: ['shops_r']});
		assert.equal(token.refreshToken, `${secrets.refreshToken}-new`);
		assert.deepEqual(form(requests[0]), {grant_type: 'refresh_token', client_id: secrets.etsyKey, refresh_token: secrets.refreshToken});
		assert.equal(requests[0]?.headers.authorization, undefined);
	});

	test('eBay: Basic auth, refresh_token and the optional scope; no refresh token comes back', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			reply(response, 200, {access_token: ebayUserToken.access_token, expires_in: 7200, token_type: 'User Access Token'});
		});
		const scopes = ['https://api.ebay.com/oauth/api_scope', 'https://api.ebay.com/oauth/api_scope/sell.inventory.readonly'];
		const base = {provider: ebay, endpoints, http, clientId: secrets.ebayId, clientSecret: secrets.ebaySecret, refreshToken: ebayUserToken.refresh_token};
		const token = await refreshAccessToken({...base, scopes});
		assert.equal(token.refreshToken, undefined);
		assert.equal(token.expiresIn, 7200);
		assert.equal(requests[0]?.headers.authorization, `Basic ${Buffer.from(`${secrets.ebayId}:${secrets.ebaySecret}`).toString('base64')}`);
		assert.deepEqual(form(requests[0]), {grant_type: 'refresh_token', refresh_token: ebayUserToken.refresh_token, scope: scopes.join(' ')});
		await refreshAccessToken(base);
		assert.deepEqual(form(requests[1]), {grant_type: 'refresh_token', refresh_token: ebayUserToken.refresh_token});
	});

	test('a revoked refresh token is explained', async () => {
		const {endpoints} = await startProvider((_request, response) => {
			reply(response, 400, {error: 'invalid_grant', error_description: 'refresh_token is revoked'});
		});
		const error = await failure(refreshAccessToken({provider: etsy, endpoints, http, clientId: secrets.etsyKey, refreshToken: secrets.refreshToken}));
		assert.equal(error.code, 'invalid_grant');
		assert.match(error.message, /^During the token refresh/);
		assert.match(error.remedy, /mkt-wizard login etsy/);
	});

	test('a connection cut during an Etsy refresh warns that the refresh token may be spent', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			response.socket?.destroy();
		});
		const error = await failure(refreshAccessToken({provider: etsy, endpoints, http, clientId: secrets.etsyKey, refreshToken: secrets.refreshToken}));
		assert.equal(error.code, 'network_reset');
		assert.match(error.remedy, /refresh token may already be spent/);
		assert.match(error.remedy, /`mkt-wizard login etsy`/);
		assert.equal(requests.length, 1);
	});
});

describe('mintAppToken', () => {
	test('eBay client credentials: Basic auth and the scope, as in eBay\'s example', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			reply(response, 200, {access_token: 'v^1.1#i^1#app', expires_in: 7200, token_type: 'Application Access Token'});
		});
		const token = await mintAppToken({provider: ebay, endpoints, http, clientId: secrets.ebayId, clientSecret: secrets.ebaySecret, scopes: ['https://api.ebay.com/oauth/api_scope']});
		assert.deepEqual(token, {accessToken: 'v^1.1#i^1#app', tokenType: 'Application Access Token', expiresIn: 7200});
		assert.equal(requests[0]?.body, 'grant_type=client_credentials&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope');
		assert.equal(requests[0]?.headers.authorization, `Basic ${Buffer.from(`${secrets.ebayId}:${secrets.ebaySecret}`).toString('base64')}`);
	});

	test('eBay invalid_scope is explained', async () => {
		const {endpoints} = await startProvider((_request, response) => {
			reply(response, 400, {error: 'invalid_scope', error_description: 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client'});
		});
		const error = await failure(mintAppToken({provider: ebay, endpoints, http, clientId: secrets.ebayId, clientSecret: secrets.ebaySecret, scopes: ['https://api.ebay.com/oauth/api_scope/sell.nope']}));
		assert.equal(error.code, 'invalid_scope');
		assert.match(error.message, /^During the application-token request, eBay refused a requested scope/);
	});

	test('Etsy has no application tokens', async () => {
		const error = await failure(mintAppToken({provider: etsy, endpoints: etsy.endpoints.production, http, clientId: secrets.etsyKey, clientSecret: secrets.etsySecret, scopes: []}));
		assert.equal(error.code, 'unsupported_grant');
	});
});

import assert from 'node:assert/strict';
import type {ServerResponse} from 'node:http';
import {after, afterEach, describe, test} from 'node:test';
import type {MktError} from '../../source/errors.js';
import {createHttpClient} from '../../source/oauth/http.js';
import {verifyAppKey, verifyAppToken, verifyUser} from '../../source/oauth/verify.js';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';
import type {Endpoints} from '../../source/providers/types.js';
import {closedPort, type FakeServer, reply, type RecordedRequest, startFakeServer} from './fake-server.js';
import {rejectionOf} from './helpers.js';

const secrets = {
	key: 'etsykeystring1234',
	sharedSecret: 'etsysharedsecret99',
	accessToken: '12345678.O1zLuwveeKjpIqCQFfmR-PaMMpBmagH6DljRAkK9qt05',
};

const http = createHttpClient({timeoutMs: 2000, retryDelayMs: 1});
const errors: MktError[] = [];
let server: FakeServer | undefined;

async function startProvider(answer: (request: RecordedRequest, response: ServerResponse) => void): Promise<{endpoints: Endpoints; requests: RecordedRequest[]}> {
	server = await startFakeServer(answer);
	const {origin} = server;
	return {endpoints: {authorizeUrl: `${origin}/authorize`, tokenUrl: `${origin}/token`, apiUrl: `${origin}/v3`, apizUrl: `${origin}/apiz`}, requests: server.requests};
}

async function failure(promise: Promise<unknown>): Promise<MktError> {
	return rejectionOf(promise, errors);
}

afterEach(async () => {
	await server?.close();
	server = undefined;
});

after(() => {
	assert.ok(errors.length >= 8);
	for (const error of errors) {
		const text = `${error.message} ${error.remedy} ${String(error)}`;
		for (const [name, value] of Object.entries(secrets)) {
			assert.ok(!text.includes(value), `${name} leaked into ${error.code}`);
		}
	}
});

describe('verifyAppKey (Etsy ping)', () => {
	test('pings with x-api-key keystring:secret and returns the application id', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			reply(response, 200, {application_id: 987_654});
		});
		assert.deepEqual(await verifyAppKey({provider: etsy, endpoints, http, clientId: secrets.key, clientSecret: secrets.sharedSecret}), {application_id: 987_654});
		assert.equal(requests[0]?.method, 'GET');
		assert.equal(requests[0]?.url, '/v3/application/openapi-ping');
		assert.equal(requests[0]?.headers['x-api-key'], `${secrets.key}:${secrets.sharedSecret}`);
		assert.equal(requests[0]?.headers.authorization, undefined);
	});

	test('403 "Shared secret is required" and 401 are explained', async () => {
		const answers: Array<[number, unknown]> = [[403, {error: 'Shared secret is required in x-api-key header.'}], [401, {error: 'Invalid API key'}]];
		const {endpoints} = await startProvider((_request, response) => {
			const [status, body] = answers.shift()!;
			reply(response, status, body);
		});
		const options = {endpoints, http, clientId: secrets.key, clientSecret: secrets.sharedSecret};
		assert.equal((await failure(verifyAppKey({provider: etsy, ...options}))).code, 'shared_secret_required');
		assert.equal((await failure(verifyAppKey({provider: etsy, ...options}))).code, 'invalid_api_key');
	});

	test('an empty shared secret fails before any request', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			reply(response, 200, {application_id: 1});
		});
		assert.equal((await failure(verifyAppKey({provider: etsy, endpoints, http, clientId: secrets.key, clientSecret: ''}))).code, 'shared_secret_required');
		assert.equal(requests.length, 0);
	});

	test('a 503 then a success: the GET is retried', async () => {
		const answers = [503, 200];
		const {endpoints, requests} = await startProvider((_request, response) => {
			const status = answers.shift()!;
			reply(response, status, status === 200 ? {application_id: 5} : {error: 'Server Error'});
		});
		assert.deepEqual(await verifyAppKey({provider: etsy, endpoints, http, clientId: secrets.key, clientSecret: secrets.sharedSecret}), {application_id: 5});
		assert.equal(requests.length, 2);
	});

	test('a 200 without application_id is a bad_response', async () => {
		const {endpoints} = await startProvider((_request, response) => {
			reply(response, 200, {ok: true});
		});
		const error = await failure(verifyAppKey({provider: etsy, endpoints, http, clientId: secrets.key, clientSecret: secrets.sharedSecret}));
		assert.equal(error.code, 'bad_response');
		assert.match(error.message, /application_id/);
	});
});

describe('verifyUser', () => {
	test('Etsy: users/me with x-api-key and Bearer gives user and shop ids as strings', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			reply(response, 200, {user_id: 12_345_678, shop_id: 87_654_321});
		});
		const identity = await verifyUser({provider: etsy, endpoints, http, clientId: secrets.key, clientSecret: secrets.sharedSecret, accessToken: secrets.accessToken});
		assert.deepEqual(identity, {userId: '12345678', shopId: '87654321'});
		assert.equal(requests[0]?.url, '/v3/application/users/me');
		assert.equal(requests[0]?.headers['x-api-key'], `${secrets.key}:${secrets.sharedSecret}`);
		assert.equal(requests[0]?.headers.authorization, `Bearer ${secrets.accessToken}`);
	});

	test('Etsy: a user without a shop', async () => {
		const {endpoints} = await startProvider((_request, response) => {
			reply(response, 200, {user_id: 1, shop_id: null});
		});
		assert.deepEqual(await verifyUser({provider: etsy, endpoints, http, clientId: secrets.key, clientSecret: secrets.sharedSecret, accessToken: secrets.accessToken}), {userId: '1'});
	});

	test('Etsy: an expired token is invalid_token', async () => {
		const {endpoints} = await startProvider((_request, response) => {
			reply(response, 401, {error: 'invalid_token', error_description: 'access token is expired'});
		});
		const error = await failure(verifyUser({provider: etsy, endpoints, http, clientId: secrets.key, clientSecret: secrets.sharedSecret, accessToken: secrets.accessToken}));
		assert.equal(error.code, 'invalid_token');
		assert.match(error.message, /^During the verification call, Etsy rejected the access token/);
	});

	test('eBay: identity getUser with Bearer only', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			reply(response, 200, {userId: 'nY2W7C4kQmp', username: 'testuser_jane', accountType: 'INDIVIDUAL', registrationMarketplaceId: 'EBAY_US', status: 'CONFIRMED'});
		});
		const identity = await verifyUser({provider: ebay, endpoints, http, clientId: 'id', clientSecret: 'cert', accessToken: secrets.accessToken});
		assert.deepEqual(identity, {userId: 'nY2W7C4kQmp', username: 'testuser_jane'});
		assert.equal(requests[0]?.url, '/apiz/commerce/identity/v1/user/');
		assert.equal(requests[0]?.headers.authorization, `Bearer ${secrets.accessToken}`);
		assert.equal(requests[0]?.headers['x-api-key'], undefined);
	});

	test('eBay: errorId 1001 is invalid_token; HTML is unexpected_html; a 429 is retried then reported', async () => {
		const answers: Array<() => [number, unknown, Record<string, string>?]> = [
			() => [401, {errors: [{errorId: 1001, domain: 'OAuth', category: 'REQUEST', message: 'Invalid access token'}]}],
			() => [200, '<!doctype html><p>Captive portal</p>'],
			() => [429, {errors: []}, {'retry-after': '0'}],
			() => [429, {errors: []}, {'retry-after': '0'}],
			() => [429, {errors: []}, {'retry-after': '0'}],
		];
		const {endpoints, requests} = await startProvider((_request, response) => {
			const [status, body, headers] = answers.shift()!();
			reply(response, status, body, headers);
		});
		const options = {provider: ebay, endpoints, http, clientId: 'id', clientSecret: 'cert', accessToken: secrets.accessToken};
		assert.equal((await failure(verifyUser(options))).code, 'invalid_token');
		assert.equal((await failure(verifyUser(options))).code, 'unexpected_html');
		assert.equal((await failure(verifyUser(options))).code, 'rate_limited');
		assert.equal(requests.length, 5);
	});

	test('a closed port is network_refused', async () => {
		const port = await closedPort();
		const origin = `http://127.0.0.1:${port}`;
		const error = await failure(verifyUser({
			provider: ebay,
			endpoints: {authorizeUrl: origin, tokenUrl: origin, apiUrl: origin, apizUrl: origin},
			http,
			clientId: 'id',
			clientSecret: 'cert',
			accessToken: secrets.accessToken,
		}));
		assert.equal(error.code, 'network_refused');
		assert.match(error.message, /verification call/);
	});
});

describe('verifyAppToken', () => {
	test('eBay: the default category tree of EBAY_US', async () => {
		const {endpoints, requests} = await startProvider((_request, response) => {
			reply(response, 200, {categoryTreeId: '0', categoryTreeVersion: '129'});
		});
		assert.deepEqual(await verifyAppToken({provider: ebay, endpoints, http, accessToken: secrets.accessToken}), {categoryTreeId: '0'});
		assert.equal(requests[0]?.url, '/v3/commerce/taxonomy/v1/get_default_category_tree_id?marketplace_id=EBAY_US');
		assert.equal(requests[0]?.headers.authorization, `Bearer ${secrets.accessToken}`);
	});

	test('invalid JSON is a bad_response', async () => {
		const {endpoints} = await startProvider((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.end('{"categoryTreeId":');
		});
		assert.equal((await failure(verifyAppToken({provider: ebay, endpoints, http, accessToken: secrets.accessToken}))).code, 'bad_response');
	});
});

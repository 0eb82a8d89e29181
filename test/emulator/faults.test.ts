import assert from 'node:assert/strict';
import {after, afterEach, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {
	apiScope, basicAuth, ebayAuthorizeUrl, etsyApiKey, etsyAuthorizeUrl, etsyRedirect, etsyTokens, get, pkcePair, postForm, sandbox,
} from './helpers.js';

let emulator: Emulator;
let ping: string;
let me: string;
let etsyTokenUrl: string;
let ebayTokenUrl: string;

before(async () => {
	emulator = await startEmulator();
	ping = `${emulator.env.MKT_WIZARD_ETSY_API_URL!}/application/openapi-ping`;
	me = `${emulator.env.MKT_WIZARD_ETSY_API_URL!}/application/users/me`;
	etsyTokenUrl = emulator.env.MKT_WIZARD_ETSY_TOKEN_URL!;
	ebayTokenUrl = `${emulator.env.MKT_WIZARD_EBAY_API_URL!}/identity/v1/oauth2/token`;
});

afterEach(() => {
	emulator.faults.clear();
});

after(async () => {
	await emulator.close();
});

const pingWithKey = async () => get(ping, {'x-api-key': etsyApiKey});
const clientCredentials = async () => postForm(ebayTokenUrl, {grant_type: 'client_credentials', scope: apiScope}, basicAuth(sandbox.clientId, sandbox.clientSecret));

describe('transport faults', () => {
	test('status: a 500 with Etsy\'s body, once, then normal answers', async () => {
		emulator.faults.set('etsy.ping', {kind: 'status', status: 500}, {times: 1});
		const failed = await pingWithKey();
		assert.equal(failed.status, 500);
		assert.deepEqual(failed.json, {error: 'Server Error'});
		assert.equal((await pingWithKey()).status, 200);
	});

	test('status: a given body, for as many requests as asked', async () => {
		emulator.faults.set('ebay.token', {kind: 'status', status: 503, body: 'upstream unavailable'}, {times: 2});
		for (let index = 0; index < 2; index++) {
			const answer = await clientCredentials();
			assert.equal(answer.status, 503);
			assert.equal(answer.text, 'upstream unavailable');
		}

		assert.equal((await clientCredentials()).status, 200);
	});

	test('a fault without times stays until cleared, and counts each request', async () => {
		const before = emulator.stats().etsy.pings;
		emulator.faults.set('etsy.ping', {kind: 'status', status: 502});
		for (let index = 0; index < 3; index++) {
			assert.equal((await pingWithKey()).status, 502);
		}

		emulator.faults.clear('etsy.ping');
		assert.equal((await pingWithKey()).status, 200);
		assert.equal(emulator.stats().etsy.pings - before, 4);
	});

	test('rate-limit: 429 with retry-after', async () => {
		emulator.faults.set('etsy.me', {kind: 'rate-limit', retryAfter: 7});
		const answer = await get(me, {'x-api-key': etsyApiKey});
		assert.equal(answer.status, 429);
		assert.equal(answer.headers.get('retry-after'), '7');
	});

	test('slow: answers normally after the delay', async () => {
		emulator.faults.set('etsy.ping', {kind: 'slow', delayMs: 30}, {times: 1});
		const answer = await pingWithKey();
		assert.equal(answer.status, 200);
		assert.equal(typeof answer.json.application_id, 'number');
	});

	test('html: a page instead of JSON, 200 by default or the given status', async () => {
		emulator.faults.set('ebay.token', {kind: 'html'}, {times: 1});
		const page = await clientCredentials();
		assert.equal(page.status, 200);
		assert.match(page.headers.get('content-type')!, /text\/html/);
		assert.equal(page.json, undefined);

		emulator.faults.set('ebay.taxonomy', {kind: 'html', status: 502});
		const gateway = await get(`${emulator.env.MKT_WIZARD_EBAY_API_URL!}/commerce/taxonomy/v1/get_default_category_tree_id?marketplace_id=EBAY_US`);
		assert.equal(gateway.status, 502);
		assert.match(gateway.text, /<html>/);
	});

	test('invalid-json: 200 application/json that does not parse', async () => {
		emulator.faults.set('etsy.token', {kind: 'invalid-json'});
		const answer = await postForm(etsyTokenUrl, {grant_type: 'refresh_token', client_id: demo.etsy.keystring, refresh_token: 'x'});
		assert.equal(answer.status, 200);
		assert.equal(answer.headers.get('content-type'), 'application/json');
		assert.throws(() => JSON.parse(answer.text));
	});

	test('empty: 200 with no body', async () => {
		emulator.faults.set('ebay.identity', {kind: 'empty'});
		const answer = await get(`${emulator.env.MKT_WIZARD_EBAY_APIZ_URL!}/commerce/identity/v1/user/`);
		assert.equal(answer.status, 200);
		assert.equal(answer.text, '');
	});

	test('reset: the connection drops without an answer', async () => {
		emulator.faults.set('etsy.ping', {kind: 'reset'}, {times: 1});
		await assert.rejects(pingWithKey());
		assert.equal((await pingWithKey()).status, 200);
	});

	test('stats.endpoints counts every request to an endpoint: faulted, refused and answered alike', async () => {
		const before = emulator.stats().endpoints;
		emulator.faults.set('ebay.token', {kind: 'status', status: 500}, {times: 1});
		assert.equal((await clientCredentials()).status, 500);
		assert.equal((await postForm(ebayTokenUrl, {grant_type: 'client_credentials', scope: apiScope}, basicAuth(sandbox.clientId, 'wrong'))).status, 401);
		assert.equal((await clientCredentials()).status, 200);
		const after = emulator.stats().endpoints;
		assert.equal(after['ebay.token'] - before['ebay.token'], 3);
		assert.equal(after['etsy.token'], before['etsy.token']);
	});

	test('reset-after: the refresh token rotates but the answer is lost', async () => {
		const tokens = await etsyTokens(emulator);
		const before = emulator.stats().etsy.refreshes;
		emulator.faults.set('etsy.token', {kind: 'reset-after'}, {times: 1});
		const refresh = async () => postForm(etsyTokenUrl, {grant_type: 'refresh_token', client_id: demo.etsy.keystring, refresh_token: tokens.refresh_token});
		await assert.rejects(refresh());
		assert.equal(emulator.stats().etsy.refreshes - before, 1, 'the work was done');
		const retry = await refresh();
		assert.equal(retry.status, 400);
		assert.equal(retry.json.error_description, 'refresh_token is revoked');
	});
});

describe('authorize faults', () => {
	test('reject-redirect: the not-permitted page for a registered redirect URI', async () => {
		emulator.faults.set('etsy.authorize', {kind: 'reject-redirect'}, {times: 1});
		const url = etsyAuthorizeUrl(emulator, {challenge: pkcePair().challenge});
		const refused = await emulator.approve(url);
		assert.equal(refused.status, 400);
		assert.equal(refused.location, undefined);
		assert.match(refused.body, /The requested redirect URL is not permitted\./);
		assert.equal((await emulator.approve(url)).status, 302);

		emulator.faults.set('ebay.authorize', {kind: 'reject-redirect'});
		const ebay = await emulator.approve(ebayAuthorizeUrl(emulator));
		assert.equal(ebay.status, 400);
		assert.equal(JSON.parse(ebay.body).error_id, 'invalid_request');
	});

	test('wrong-path: Allow lands on another path of the same origin', async () => {
		emulator.faults.set('etsy.authorize', {kind: 'wrong-path', path: '/oauth/callback'});
		const answer = await emulator.approve(etsyAuthorizeUrl(emulator, {challenge: pkcePair().challenge}));
		const location = new URL(answer.location!);
		assert.equal(location.origin, new URL(etsyRedirect).origin);
		assert.equal(location.pathname, '/oauth/callback');
		assert.ok(location.searchParams.get('code'));
		assert.equal(location.searchParams.get('state'), 'state-123');

		emulator.faults.set('ebay.authorize', {kind: 'wrong-path', path: '/elsewhere'});
		const ebay = new URL((await emulator.approve(ebayAuthorizeUrl(emulator))).location!);
		assert.equal(`${ebay.origin}${ebay.pathname}`, `${emulator.url}/elsewhere`);
	});

	test('error: redirected back with the error instead of the consent page', async () => {
		emulator.faults.set('etsy.authorize', {kind: 'error', error: 'server_error', description: 'try later'});
		const answer = await emulator.approve(etsyAuthorizeUrl(emulator, {challenge: pkcePair().challenge}));
		assert.equal(answer.location, `${etsyRedirect}?error=server_error&error_description=try+later&state=state-123`);

		emulator.faults.set('ebay.authorize', {kind: 'error', error: 'temporarily_unavailable'});
		const ebay = await emulator.approve(ebayAuthorizeUrl(emulator));
		assert.equal(ebay.location, `${emulator.url}/ebay/declined?error=temporarily_unavailable&state=ebay-state-1`);
	});

	test('set() refuses unknown endpoints, malformed faults and consent faults elsewhere', () => {
		assert.throws(() => emulator.faults.set('etsy.token', {kind: 'wrong-path', path: '/x'}), TypeError);
		assert.throws(() => emulator.faults.set('etsy.nothing' as 'etsy.token', {kind: 'reset'}), TypeError);
		assert.throws(() => emulator.faults.set('etsy.token', {kind: 'status', status: 42}), TypeError);
		assert.throws(() => emulator.faults.set('etsy.token', {kind: 'reset'}, {times: 0}), TypeError);
	});
});

describe('HTTP control', () => {
	test('POST and DELETE /_emulator/faults, GET /_emulator/stats', async () => {
		const control = `${emulator.url}/_emulator/faults`;
		const set = await fetch(control, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({endpoint: 'etsy.ping', kind: 'status', status: 503, times: 1})});
		assert.equal(set.status, 204);
		assert.equal((await pingWithKey()).status, 503);
		assert.equal((await pingWithKey()).status, 200);

		for (const bad of [{endpoint: 'etsy.nothing', kind: 'reset'}, {endpoint: 'etsy.ping', kind: 'explode'}, {endpoint: 'etsy.ping', kind: 'error', error: 'x'}]) {
			const refused = await fetch(control, {method: 'POST', body: JSON.stringify(bad)});
			assert.equal(refused.status, 400);
			assert.ok(((await refused.json()) as {error: string}).error);
		}

		await fetch(control, {method: 'POST', body: JSON.stringify({endpoint: 'etsy.ping', kind: 'reset'})});
		assert.equal((await fetch(control, {method: 'DELETE'})).status, 204);
		assert.equal((await pingWithKey()).status, 200);

		const before = emulator.stats();
		const stats = await get(`${emulator.url}/_emulator/stats`);
		assert.equal(stats.status, 200);
		assert.deepEqual(stats.json, before, 'stats over HTTP match stats() and do not count themselves');
		assert.equal(emulator.stats().requests, before.requests);
	});
});

describe('closing', () => {
	test('close() resolves while a slow request is in flight', {timeout: 10_000}, async () => {
		const own = await startEmulator();
		own.faults.set('etsy.ping', {kind: 'slow', delayMs: 60_000});
		const inFlight = get(`${own.env.MKT_WIZARD_ETSY_API_URL!}/application/openapi-ping`, {'x-api-key': etsyApiKey});
		const rejected = assert.rejects(inFlight);
		while (own.stats().etsy.pings === 0) {
			await new Promise(resolve => {
				setTimeout(resolve, 5);
			});
		}

		await own.close();
		await rejected;
		await own.close();
	});
});

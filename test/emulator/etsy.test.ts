import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {etsyApiKey, etsyAuthorizeUrl, etsyRedirect, etsyTokens, get, pkcePair, postForm} from './helpers.js';

let emulator: Emulator;
let tokenUrl: string;
let apiUrl: string;

before(async () => {
	emulator = await startEmulator();
	tokenUrl = emulator.env.MKT_WIZARD_ETSY_TOKEN_URL!;
	apiUrl = emulator.env.MKT_WIZARD_ETSY_API_URL!;
});

after(async () => {
	await emulator.close();
});

async function codeFor(challenge: string): Promise<string> {
	const approved = await emulator.approve(etsyAuthorizeUrl(emulator, {challenge}));
	return new URL(approved.location!).searchParams.get('code')!;
}

function exchange(fields: Record<string, string>) {
	return postForm(tokenUrl, {grant_type: 'authorization_code', client_id: demo.etsy.keystring, redirect_uri: etsyRedirect, ...fields});
}

describe('Etsy happy path', () => {
	test('authorize, approve, exchange, users/me, refresh with rotation', async () => {
		const before = emulator.stats();
		const {verifier, challenge} = pkcePair();
		const approved = await emulator.approve(etsyAuthorizeUrl(emulator, {challenge, overrides: {state: 'a b+c/=&'}}));
		assert.equal(approved.status, 302);
		const location = new URL(approved.location!);
		assert.equal(`${location.origin}${location.pathname}`, etsyRedirect);
		assert.equal(location.searchParams.get('state'), 'a b+c/=&', 'state is echoed exactly');
		const code = location.searchParams.get('code')!;
		assert.ok(code.length > 20);

		const tokens = await exchange({code, code_verifier: verifier});
		assert.equal(tokens.status, 200, tokens.text);
		assert.equal(tokens.json.token_type, 'Bearer');
		assert.equal(tokens.json.expires_in, 3600);
		assert.match(tokens.json.access_token, /^12345678\.\w+$/);
		assert.match(tokens.json.refresh_token, /^12345678\.\w+$/);

		const me = await get(`${apiUrl}/application/users/me`, {'x-api-key': etsyApiKey, authorization: `Bearer ${tokens.json.access_token}`});
		assert.equal(me.status, 200);
		assert.deepEqual(me.json, {user_id: demo.etsyUser.userId, shop_id: demo.etsyUser.shopId});
		assert.ok(me.headers.get('x-limit-per-second'));

		const scopes = await postForm(`${apiUrl}/application/scopes`, {token: tokens.json.access_token}, {'x-api-key': etsyApiKey});
		assert.deepEqual(scopes.json, {scopes: ['shops_r', 'listings_r']});

		const refreshed = await postForm(tokenUrl, {grant_type: 'refresh_token', client_id: demo.etsy.keystring, refresh_token: tokens.json.refresh_token});
		assert.equal(refreshed.status, 200, refreshed.text);
		assert.notEqual(refreshed.json.refresh_token, tokens.json.refresh_token);
		assert.notEqual(refreshed.json.access_token, tokens.json.access_token);
		const refreshedScopes = await postForm(`${apiUrl}/application/scopes`, {token: refreshed.json.access_token}, {'x-api-key': etsyApiKey});
		assert.deepEqual(refreshedScopes.json, {scopes: ['shops_r', 'listings_r']}, 'a refresh keeps the scopes');

		const reused = await postForm(tokenUrl, {grant_type: 'refresh_token', client_id: demo.etsy.keystring, refresh_token: tokens.json.refresh_token});
		assert.equal(reused.status, 400);
		assert.deepEqual(reused.json, {error: 'invalid_grant', error_description: 'refresh_token is revoked'});

		const again = await postForm(tokenUrl, {grant_type: 'refresh_token', client_id: demo.etsy.keystring, refresh_token: refreshed.json.refresh_token});
		assert.equal(again.status, 200, 'the newest refresh token works');

		const after = emulator.stats();
		assert.equal(after.etsy.authorize - before.etsy.authorize, 1);
		assert.equal(after.etsy.codeExchanges - before.etsy.codeExchanges, 1);
		assert.equal(after.etsy.refreshes - before.etsy.refreshes, 2, 'the refused reuse is not counted');
		assert.equal(after.etsy.me - before.etsy.me, 1);
	});

	test('the consent page lists the scopes with their meaning and offers Allow access and Deny', async () => {
		const page = await get(etsyAuthorizeUrl(emulator, {challenge: pkcePair().challenge}));
		assert.equal(page.status, 200);
		assert.match(page.headers.get('content-type')!, /text\/html/);
		assert.match(page.text, /mkt-wizard demo/);
		assert.match(page.text, /shops_r<\/code> — See private shop info/);
		assert.match(page.text, />Allow access</);
		assert.match(page.text, />Deny</);
	});

	test('Deny redirects with access_denied and the state', async () => {
		const denied = await emulator.approve(etsyAuthorizeUrl(emulator, {challenge: pkcePair().challenge}), {deny: true});
		assert.equal(denied.status, 302);
		assert.equal(denied.location, `${etsyRedirect}?error=access_denied&error_description=The+user+denied+the+request&state=state-123`);
	});

	test('a consent form can be answered only once', async () => {
		const page = await get(etsyAuthorizeUrl(emulator, {challenge: pkcePair().challenge}));
		const consentId = /name="consent_id" value="([^"]+)"/.exec(page.text)![1]!;
		const consentUrl = `${emulator.url}/etsy/oauth/consent`;
		assert.equal((await postForm(consentUrl, {consent_id: consentId, decision: 'allow'})).status, 302);
		const second = await postForm(consentUrl, {consent_id: consentId, decision: 'allow'});
		assert.equal(second.status, 400);
		assert.equal(second.headers.get('location'), null);
	});
});

describe('Etsy authorize refusals', () => {
	for (const [name, redirectUri] of [
		['a trailing slash', `${etsyRedirect}/`],
		['127.0.0.1 instead of localhost', etsyRedirect.replace('localhost', '127.0.0.1')],
		['https instead of http', etsyRedirect.replace('http:', 'https:')],
		['a different case', etsyRedirect.replace('callback', 'Callback')],
		['another port', etsyRedirect.replace('3000', '3001')],
	] as const) {
		test(`a redirect URI with ${name} gets the not-permitted page and no redirect`, async () => {
			const page = await get(etsyAuthorizeUrl(emulator, {challenge: pkcePair().challenge, overrides: {redirect_uri: redirectUri}}));
			assert.equal(page.status, 400);
			assert.equal(page.headers.get('location'), null);
			assert.match(page.text, /An error occurred/);
			assert.match(page.text, /The requested redirect URL is not permitted\./);
		});
	}

	test('an unknown client_id gets an error page and no redirect', async () => {
		const page = await get(etsyAuthorizeUrl(emulator, {challenge: pkcePair().challenge, overrides: {client_id: 'nosuchkeystring000000000'}}));
		assert.equal(page.status, 400);
		assert.equal(page.headers.get('location'), null);
		assert.match(page.text, /An error occurred/);
	});

	test('a missing state is redirected back as invalid_request "state is required"', async () => {
		for (const state of [undefined, '']) {
			const answer = await emulator.approve(etsyAuthorizeUrl(emulator, {challenge: pkcePair().challenge, overrides: {state}}));
			assert.equal(answer.status, 302);
			const location = new URL(answer.location!);
			assert.equal(location.searchParams.get('error'), 'invalid_request');
			assert.equal(location.searchParams.get('error_description'), 'state is required');
			assert.equal(location.searchParams.get('code'), null);
		}
	});

	for (const [name, overrides, error] of [
		['response_type token', {response_type: 'token'}, 'invalid_request'],
		['no code_challenge', {code_challenge: undefined}, 'invalid_request'],
		['the plain method', {code_challenge_method: 'plain'}, 'invalid_request'],
		['no method', {code_challenge_method: undefined}, 'invalid_request'],
		['an unknown scope', {scope: 'shops_r shops_x'}, 'invalid_scope'],
	] as const) {
		test(`${name} is redirected back as ${error} with the state`, async () => {
			const answer = await emulator.approve(etsyAuthorizeUrl(emulator, {challenge: pkcePair().challenge, overrides}));
			assert.equal(answer.status, 302);
			const location = new URL(answer.location!);
			assert.equal(location.searchParams.get('error'), error);
			assert.equal(location.searchParams.get('state'), 'state-123');
			assert.ok(location.searchParams.get('error_description'));
		});
	}
});

describe('Etsy token endpoint', () => {
	test('PKCE: a wrong verifier is invalid_grant, a missing one invalid_request', async () => {
		const {verifier, challenge} = pkcePair();
		const code = await codeFor(challenge);
		const missing = await exchange({code});
		assert.equal(missing.status, 400);
		assert.deepEqual(missing.json, {error: 'invalid_request', error_description: 'code_verifier is required'});
		const wrong = await exchange({code, code_verifier: pkcePair().verifier});
		assert.equal(wrong.status, 400);
		assert.equal(wrong.json.error, 'invalid_grant');
		assert.equal((await exchange({code, code_verifier: verifier})).status, 200);
	});

	test('a code works once; reuse is "code has been used previously"', async () => {
		const {verifier, challenge} = pkcePair();
		const code = await codeFor(challenge);
		assert.equal((await exchange({code, code_verifier: verifier})).status, 200);
		const reuse = await exchange({code, code_verifier: verifier});
		assert.equal(reuse.status, 400);
		assert.deepEqual(reuse.json, {error: 'invalid_grant', error_description: 'code has been used previously'});
	});

	test('a redirect_uri different from the authorize one is invalid_grant', async () => {
		const {verifier, challenge} = pkcePair();
		const code = await codeFor(challenge);
		const answer = await exchange({code, code_verifier: verifier, redirect_uri: `${etsyRedirect}/`});
		assert.equal(answer.status, 400);
		assert.equal(answer.json.error, 'invalid_grant');
	});

	test('an unknown client_id is 401 invalid_client', async () => {
		const answer = await exchange({client_id: 'nosuchkeystring000000000', code: 'x', code_verifier: pkcePair().verifier});
		assert.equal(answer.status, 401);
		assert.equal(answer.json.error, 'invalid_client');
	});

	test('a code issued to another app is invalid_grant', async () => {
		const other = {...demo.etsy, keystring: 'otherappkeystring0000001', name: 'other'};
		const twoApps = await startEmulator({etsyApps: [demo.etsy, other]});
		try {
			const {verifier, challenge} = pkcePair();
			const approved = await twoApps.approve(etsyAuthorizeUrl(twoApps, {challenge}));
			const code = new URL(approved.location!).searchParams.get('code')!;
			const answer = await postForm(twoApps.env.MKT_WIZARD_ETSY_TOKEN_URL!, {
				grant_type: 'authorization_code', client_id: other.keystring, redirect_uri: etsyRedirect, code, code_verifier: verifier,
			});
			assert.equal(answer.status, 400);
			assert.equal(answer.json.error, 'invalid_grant');
		} finally {
			await twoApps.close();
		}
	});

	test('an expired code is invalid_grant', async () => {
		let now = Date.now();
		const clocked = await startEmulator({now: () => now, codeTtlSeconds: 300});
		try {
			const {verifier, challenge} = pkcePair();
			const approved = await clocked.approve(etsyAuthorizeUrl(clocked, {challenge}));
			const code = new URL(approved.location!).searchParams.get('code')!;
			now += 301_000;
			const answer = await postForm(clocked.env.MKT_WIZARD_ETSY_TOKEN_URL!, {
				grant_type: 'authorization_code', client_id: demo.etsy.keystring, redirect_uri: etsyRedirect, code, code_verifier: verifier,
			});
			assert.equal(answer.status, 400);
			assert.equal(answer.json.error, 'invalid_grant');
		} finally {
			await clocked.close();
		}
	});

	test('x-api-key on the token endpoint may be absent, but a bare or wrong one is refused', async () => {
		const {verifier, challenge} = pkcePair();
		const code = await codeFor(challenge);
		const fields = {grant_type: 'authorization_code', client_id: demo.etsy.keystring, redirect_uri: etsyRedirect, code, code_verifier: verifier};
		assert.equal((await postForm(tokenUrl, fields, {'x-api-key': demo.etsy.keystring})).status, 403);
		assert.equal((await postForm(tokenUrl, fields, {'x-api-key': `${demo.etsy.keystring}:wrong`})).status, 401);
		assert.equal((await postForm(tokenUrl, fields, {'x-api-key': etsyApiKey})).status, 200);
	});
});

describe('Etsy API', () => {
	test('ping needs keystring:shared_secret', async () => {
		const ping = `${apiUrl}/application/openapi-ping`;
		const good = await get(ping, {'x-api-key': etsyApiKey});
		assert.equal(good.status, 200);
		assert.equal(typeof good.json.application_id, 'number');

		const bare = await get(ping, {'x-api-key': demo.etsy.keystring});
		assert.equal(bare.status, 403);
		assert.deepEqual(bare.json, {error: 'Shared secret is required in x-api-key header.'});

		const wrongSecret = await get(ping, {'x-api-key': `${demo.etsy.keystring}:notthesecret`});
		assert.equal(wrongSecret.status, 401);
		assert.deepEqual(wrongSecret.json, {error: 'Invalid API key'});

		assert.equal((await get(ping, {'x-api-key': 'nosuchkey:secret'})).status, 401);
		assert.equal((await get(ping)).status, 401);
	});

	test('users/me refuses missing, unknown and expired tokens and tokens without shops_r', async () => {
		const me = `${apiUrl}/application/users/me`;
		const missing = await get(me, {'x-api-key': etsyApiKey});
		assert.equal(missing.status, 401);
		assert.deepEqual(missing.json, {error: 'invalid_token', error_description: 'access token is invalid'});
		assert.equal((await get(me, {'x-api-key': etsyApiKey, authorization: 'Bearer 12345678.nope'})).status, 401);

		const {access_token: listingsOnly} = await etsyTokens(emulator, 'listings_r');
		const noScope = await get(me, {'x-api-key': etsyApiKey, authorization: `Bearer ${listingsOnly}`});
		assert.equal(noScope.status, 403);
		assert.equal(noScope.json.error, 'insufficient_scope');

		const {access_token: good} = await etsyTokens(emulator);
		assert.equal((await get(me, {authorization: `Bearer ${good}`})).status, 401, 'x-api-key is required as well');
		assert.equal((await get(me, {'x-api-key': demo.etsy.keystring, authorization: `Bearer ${good}`})).status, 403);

		const shortLived = await startEmulator({accessTokenTtlSeconds: {etsy: 0}});
		try {
			const {access_token: expired} = await etsyTokens(shortLived);
			const answer = await get(`${shortLived.env.MKT_WIZARD_ETSY_API_URL!}/application/users/me`, {'x-api-key': etsyApiKey, authorization: `Bearer ${expired}`});
			assert.equal(answer.status, 401);
			assert.deepEqual(answer.json, {error: 'invalid_token', error_description: 'access token is expired'});
		} finally {
			await shortLived.close();
		}
	});

	test('a token is valid only with the app that it was issued to', async () => {
		const other = {...demo.etsy, keystring: 'otherappkeystring0000001', sharedSecret: 'othersecret'};
		const twoApps = await startEmulator({etsyApps: [demo.etsy, other]});
		try {
			const {access_token: token} = await etsyTokens(twoApps);
			const answer = await get(`${twoApps.env.MKT_WIZARD_ETSY_API_URL!}/application/users/me`, {
				'x-api-key': `${other.keystring}:${other.sharedSecret}`,
				authorization: `Bearer ${token}`,
			});
			assert.equal(answer.status, 401);
			assert.equal(answer.json.error, 'invalid_token');
		} finally {
			await twoApps.close();
		}
	});
});

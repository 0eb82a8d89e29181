import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {apiScope, basicAuth, ebayAuthorizeUrl, ebayTokens, get, identityScope, postForm, sandbox, sandboxRuName} from './helpers.js';

let emulator: Emulator;
let tokenUrl: string;
let identityUrl: string;
let taxonomyUrl: string;
const sandboxAuth = basicAuth(sandbox.clientId, sandbox.clientSecret);

before(async () => {
	emulator = await startEmulator();
	tokenUrl = `${emulator.env.MKT_WIZARD_EBAY_API_URL!}/identity/v1/oauth2/token`;
	identityUrl = `${emulator.env.MKT_WIZARD_EBAY_APIZ_URL!}/commerce/identity/v1/user/`;
	taxonomyUrl = `${emulator.env.MKT_WIZARD_EBAY_API_URL!}/commerce/taxonomy/v1/get_default_category_tree_id?marketplace_id=EBAY_US`;
});

after(async () => {
	await emulator.close();
});

const invalidAccessToken = {
	errors: [{
		errorId: 1001,
		domain: 'OAuth',
		category: 'REQUEST',
		message: 'Invalid access token',
		longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.',
	}],
};

describe('eBay client credentials', () => {
	test('an application token for api_scope works with the taxonomy call', async () => {
		const before = emulator.stats();
		const minted = await postForm(tokenUrl, {grant_type: 'client_credentials', scope: apiScope}, sandboxAuth);
		assert.equal(minted.status, 200, minted.text);
		assert.equal(minted.json.token_type, 'Application Access Token');
		assert.equal(minted.json.expires_in, 7200);
		assert.equal(minted.json.refresh_token, undefined);
		assert.match(minted.json.access_token, /^v\^1\.1#/);

		const taxonomy = await get(taxonomyUrl, {authorization: `Bearer ${minted.json.access_token}`});
		assert.equal(taxonomy.status, 200);
		assert.deepEqual(taxonomy.json, {categoryTreeId: '0', categoryTreeVersion: '119'});

		const identity = await get(identityUrl, {authorization: `Bearer ${minted.json.access_token}`});
		assert.equal(identity.status, 403, 'identity needs a user token');

		const after = emulator.stats();
		assert.equal(after.ebay.clientCredentials - before.ebay.clientCredentials, 1);
		assert.equal(after.ebay.taxonomy - before.ebay.taxonomy, 1);
	});

	test('a wrong secret, another environment\'s secret, or no Basic header is 401 invalid_client', async () => {
		const expected = {error: 'invalid_client', error_description: 'client authentication failed'};
		for (const headers of [
			basicAuth(sandbox.clientId, 'SBX-wrong'),
			basicAuth(sandbox.clientId, demo.ebay.production.clientSecret),
			basicAuth('Someone-else-SBX-1234', sandbox.clientSecret),
			{},
			{authorization: 'Basic !!!'},
			{authorization: `Bearer ${sandbox.clientSecret}`},
		]) {
			const answer = await postForm(tokenUrl, {grant_type: 'client_credentials', scope: apiScope}, headers);
			assert.equal(answer.status, 401);
			assert.deepEqual(answer.json, expected);
		}
	});

	test('a scope that is missing, not granted to the keyset, or user-only is invalid_scope', async () => {
		const narrow = {...sandbox, scopes: [identityScope]};
		const limited = await startEmulator({ebayApps: [narrow]});
		try {
			const limitedUrl = `${limited.env.MKT_WIZARD_EBAY_API_URL!}/identity/v1/oauth2/token`;
			const notGranted = await postForm(limitedUrl, {grant_type: 'client_credentials', scope: apiScope}, sandboxAuth);
			assert.equal(notGranted.status, 400);
			assert.equal(notGranted.json.error, 'invalid_scope');
		} finally {
			await limited.close();
		}

		assert.equal((await postForm(tokenUrl, {grant_type: 'client_credentials'}, sandboxAuth)).json.error, 'invalid_scope');
		assert.equal((await postForm(tokenUrl, {grant_type: 'client_credentials', scope: `${apiScope}/sell.inventory`}, sandboxAuth)).json.error, 'invalid_scope');
	});

	test('taxonomy refuses a missing, unknown or expired token', async () => {
		assert.equal((await get(taxonomyUrl)).status, 401);
		const unknown = await get(taxonomyUrl, {authorization: 'Bearer v^1.1#made-up'});
		assert.equal(unknown.status, 401);
		assert.deepEqual(unknown.json, invalidAccessToken);

		const shortLived = await startEmulator({accessTokenTtlSeconds: {ebay: 0}});
		try {
			const minted = await postForm(`${shortLived.env.MKT_WIZARD_EBAY_API_URL!}/identity/v1/oauth2/token`, {grant_type: 'client_credentials', scope: apiScope}, sandboxAuth);
			const expired = await get(`${shortLived.env.MKT_WIZARD_EBAY_API_URL!}/commerce/taxonomy/v1/get_default_category_tree_id?marketplace_id=EBAY_US`, {authorization: `Bearer ${minted.json.access_token}`});
			assert.equal(expired.status, 401);
			assert.deepEqual(expired.json, invalidAccessToken);
		} finally {
			await shortLived.close();
		}
	});
});

describe('eBay consent', () => {
	test('Agree redirects to the accept URL with state, a URL-encoded code and expires_in', async () => {
		const approved = await emulator.approve(ebayAuthorizeUrl(emulator));
		assert.equal(approved.status, 302);
		assert.ok(approved.location!.startsWith(`${emulator.url}/ebay/accepted?state=ebay-state-1&code=v%5E1.1%23`));
		assert.match(approved.location!, /&expires_in=299$/);
		const code = new URL(approved.location!).searchParams.get('code')!;
		assert.match(code, /^v\^1\.1#.*#t\^[\w+/]+==$/);

		const landing = await get(approved.location!);
		assert.equal(landing.status, 200);
		assert.match(landing.text, /Authorization complete — copy this page's address into mkt-wizard/);
	});

	test('the consent page offers Agree and Deny; Deny goes to the decline URL', async () => {
		const page = await get(ebayAuthorizeUrl(emulator));
		assert.equal(page.status, 200);
		assert.match(page.text, />Agree</);
		assert.match(page.text, /commerce\.identity\.readonly<\/code> — View basic account info/);

		const denied = await emulator.approve(ebayAuthorizeUrl(emulator), {deny: true});
		assert.equal(denied.location, `${emulator.url}/ebay/declined?state=ebay-state-1&error=access_denied`);
		assert.match((await get(denied.location!)).text, /declined/);
	});

	for (const [name, overrides] of [
		['a URL instead of the RuName', {redirect_uri: 'http://127.0.0.1:3000/ebay/accepted'}],
		['an accept URL that is https', {redirect_uri: 'https://localhost:3000/callback'}],
		['the other environment\'s RuName', {redirect_uri: demo.ebay.production.ruNames[0]!.ruName}],
		['an unknown client_id', {client_id: 'Nobody-nobody-SBX-000'}],
		['response_type token', {response_type: 'token'}],
	] as const) {
		test(`${name} gets eBay's JSON 400 and no redirect`, async () => {
			const answer = await get(ebayAuthorizeUrl(emulator, overrides));
			assert.equal(answer.status, 400);
			assert.equal(answer.headers.get('location'), null);
			assert.deepEqual(answer.json, {error_id: 'invalid_request', error_description: 'Input request parameters are invalid.', http_status_code: 400});
		});
	}

	test('a scope the keyset lacks, or no scope, gets eBay\'s JSON invalid_scope page and no redirect', async () => {
		const narrow = {...sandbox, scopes: [apiScope]};
		const limited = await startEmulator({ebayApps: [narrow]});
		try {
			for (const url of [ebayAuthorizeUrl(limited), ebayAuthorizeUrl(limited, {scope: undefined})]) {
				const answer = await get(url);
				assert.equal(answer.status, 400);
				assert.equal(answer.headers.get('location'), null);
				assert.equal(answer.json.error_id, 'invalid_scope');
				assert.equal(answer.json.http_status_code, 400);
			}
		} finally {
			await limited.close();
		}
	});
});

describe('eBay code exchange and refresh', () => {
	test('the code exchange gives a user token that reads the identity', async () => {
		const before = emulator.stats();
		const approved = await emulator.approve(ebayAuthorizeUrl(emulator));
		const code = new URL(approved.location!).searchParams.get('code')!;
		const tokens = await postForm(tokenUrl, {grant_type: 'authorization_code', code, redirect_uri: sandboxRuName}, sandboxAuth);
		assert.equal(tokens.status, 200, tokens.text);
		assert.equal(tokens.json.token_type, 'User Access Token');
		assert.equal(tokens.json.refresh_token_expires_in, 47_304_000);
		assert.match(tokens.json.refresh_token, /^v\^1\.1#/);

		const identity = await get(identityUrl, {authorization: `Bearer ${tokens.json.access_token}`});
		assert.equal(identity.status, 200);
		assert.deepEqual(identity.json, demo.ebayUser);

		const reused = await postForm(tokenUrl, {grant_type: 'authorization_code', code, redirect_uri: sandboxRuName}, sandboxAuth);
		assert.equal(reused.status, 400);
		assert.equal(reused.json.error, 'invalid_grant');
		const after = emulator.stats();
		assert.equal(after.ebay.codeExchanges - before.ebay.codeExchanges, 1);
		assert.equal(after.ebay.identity - before.ebay.identity, 1);
	});

	test('a double-encoded code is invalid_grant; encoded once it works', async () => {
		const approved = await emulator.approve(ebayAuthorizeUrl(emulator));
		const encodedOnce = /[?&]code=([^&]+)/.exec(approved.location!)![1]!;
		const body = (code: string) => `grant_type=authorization_code&code=${code}&redirect_uri=${sandboxRuName}`;
		const doubled = await postForm(tokenUrl, body(encodeURIComponent(encodedOnce)), sandboxAuth);
		assert.equal(doubled.status, 400);
		assert.deepEqual(doubled.json, {error: 'invalid_grant', error_description: 'the provided authorization grant code is invalid or was issued to another client'});
		const once = await postForm(tokenUrl, body(encodedOnce), sandboxAuth);
		assert.equal(once.status, 200, once.text);
	});

	test('a code exchanged with another keyset or RuName is invalid_grant', async () => {
		const approved = await emulator.approve(ebayAuthorizeUrl(emulator));
		const code = new URL(approved.location!).searchParams.get('code')!;
		const production = demo.ebay.production;
		const otherKeyset = await postForm(tokenUrl, {grant_type: 'authorization_code', code, redirect_uri: sandboxRuName}, basicAuth(production.clientId, production.clientSecret));
		assert.equal(otherKeyset.json.error, 'invalid_grant');
		const url = await postForm(tokenUrl, {grant_type: 'authorization_code', code, redirect_uri: `${emulator.url}/ebay/accepted`}, sandboxAuth);
		assert.equal(url.json.error, 'invalid_grant');
	});

	test('refresh returns no refresh token, and the refresh token keeps working', async () => {
		const tokens = await ebayTokens(emulator);
		for (let round = 0; round < 2; round++) {
			const refreshed = await postForm(tokenUrl, {grant_type: 'refresh_token', refresh_token: tokens.refresh_token}, sandboxAuth);
			assert.equal(refreshed.status, 200, refreshed.text);
			assert.equal(refreshed.json.refresh_token, undefined);
			assert.equal(refreshed.json.token_type, 'User Access Token');
			assert.equal((await get(identityUrl, {authorization: `Bearer ${refreshed.json.access_token}`})).status, 200);
		}
	});

	test('refresh may narrow the scopes but not widen them', async () => {
		const tokens = await ebayTokens(emulator);
		const narrowed = await postForm(tokenUrl, {grant_type: 'refresh_token', refresh_token: tokens.refresh_token, scope: apiScope}, sandboxAuth);
		assert.equal(narrowed.status, 200);
		assert.equal((await get(identityUrl, {authorization: `Bearer ${narrowed.json.access_token}`})).status, 403, 'the narrowed token lacks identity');

		const widened = await postForm(tokenUrl, {grant_type: 'refresh_token', refresh_token: tokens.refresh_token, scope: `${apiScope} ${apiScope}/sell.inventory`}, sandboxAuth);
		assert.equal(widened.status, 400);
		assert.equal(widened.json.error, 'invalid_scope');
	});

	test('an unknown refresh token, or one from another keyset, is invalid_grant', async () => {
		const tokens = await ebayTokens(emulator);
		const production = demo.ebay.production;
		const other = await postForm(tokenUrl, {grant_type: 'refresh_token', refresh_token: tokens.refresh_token}, basicAuth(production.clientId, production.clientSecret));
		assert.equal(other.status, 400);
		assert.equal(other.json.error, 'invalid_grant');
		assert.equal((await postForm(tokenUrl, {grant_type: 'refresh_token', refresh_token: 'v^1.1#nope'}, sandboxAuth)).json.error, 'invalid_grant');
	});
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {demo, startEmulator} from '../../source/emulator/index.js';
import {ebayAuthorizeUrl, etsyAuthorizeUrl, get, pkcePair} from './helpers.js';

const script = '<script>alert(1)</script>';

test('the consent pages escape injected markup in the state, scopes and app name', async () => {
	const hostileScope = `https://api.ebay.com/oauth/api_scope/${script}`;
	const emulator = await startEmulator({
		etsyApps: [{...demo.etsy, name: `Shop "${script}"`}],
		ebayApps: [{...demo.ebay.sandbox, name: script, scopes: [hostileScope]}],
	});
	try {
		const etsy = await get(etsyAuthorizeUrl(emulator, {challenge: pkcePair().challenge, overrides: {state: script}}));
		assert.equal(etsy.status, 200);
		assert.ok(!etsy.text.includes('<script>'), etsy.text);
		assert.match(etsy.text, /Shop &quot;&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;/);

		const ebay = await get(ebayAuthorizeUrl(emulator, {scope: hostileScope, state: script}));
		assert.equal(ebay.status, 200);
		assert.ok(!ebay.text.includes('<script>'), ebay.text);
		assert.match(ebay.text, /api_scope\/&lt;script&gt;alert\(1\)&lt;\/script&gt;/);

		const approved = await emulator.approve(ebayAuthorizeUrl(emulator, {scope: hostileScope, state: script}));
		assert.equal(new URL(approved.location!).searchParams.get('state'), script, 'the state still comes back exactly');
	} finally {
		await emulator.close();
	}
});

test('the declined landing page escapes the error it shows', async () => {
	const emulator = await startEmulator();
	try {
		const page = await get(`${emulator.url}/ebay/declined?error=${encodeURIComponent(script)}`);
		assert.equal(page.status, 200);
		assert.ok(!page.text.includes('<script>'));
		assert.match(page.text, /&lt;script&gt;/);
	} finally {
		await emulator.close();
	}
});

test('unknown paths are 404 and wrong methods 405, as JSON', async () => {
	const emulator = await startEmulator();
	try {
		assert.equal((await get(`${emulator.url}/etsy/v3/application/users/me/`)).status, 404);
		assert.equal((await get(`${emulator.env.MKT_WIZARD_ETSY_TOKEN_URL!}`)).status, 405);
	} finally {
		await emulator.close();
	}
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {environmentOfClientId, expandScope, getProvider, resolveEndpoints, scopesToRequest} from '../../source/providers/index.js';

test('Etsy lists all 20 scopes, each with a meaning, and its presets are among them', () => {
	const etsy = getProvider('etsy');
	assert.equal(etsy.scopes.length, 20);
	const names = new Set(etsy.scopes.map(scope => scope.name));
	for (const scope of etsy.scopes) {
		assert.ok(scope.description.length > 5, scope.name);
	}

	for (const name of [...etsy.defaultScopes, ...etsy.verificationScopes]) {
		assert.ok(names.has(name), name);
	}
});

test('eBay presets and verification scopes are known scopes', () => {
	const ebay = getProvider('ebay');
	const names = new Set(ebay.scopes.map(scope => scope.name));
	for (const name of [...ebay.defaultScopes, ...ebay.verificationScopes, ...ebay.appScopes]) {
		assert.ok(names.has(name), name);
	}
});

test('endpoints default to the real hosts', () => {
	assert.equal(resolveEndpoints(getProvider('etsy'), 'production', {}).tokenUrl, 'https://api.etsy.com/v3/public/oauth/token');
	assert.equal(resolveEndpoints(getProvider('ebay'), 'sandbox', {}).tokenUrl, 'https://api.sandbox.ebay.com/identity/v1/oauth2/token');
	assert.equal(resolveEndpoints(getProvider('ebay'), 'production', {}).apizUrl, 'https://apiz.ebay.com');
});

test('every MKT_WIZARD_* override is honoured', () => {
	const env = {
		MKT_WIZARD_ETSY_AUTHORIZE_URL: 'http://127.0.0.1:9/a',
		MKT_WIZARD_ETSY_TOKEN_URL: 'http://127.0.0.1:9/t',
		MKT_WIZARD_ETSY_API_URL: 'http://127.0.0.1:9/v3/',
		MKT_WIZARD_EBAY_AUTHORIZE_URL: 'http://127.0.0.1:9/e/authorize',
		MKT_WIZARD_EBAY_API_URL: 'http://127.0.0.1:9/e/',
		MKT_WIZARD_EBAY_APIZ_URL: 'http://127.0.0.1:9/z',
	};
	assert.deepEqual(resolveEndpoints(getProvider('etsy'), 'production', env), {
		authorizeUrl: 'http://127.0.0.1:9/a', tokenUrl: 'http://127.0.0.1:9/t', apiUrl: 'http://127.0.0.1:9/v3', apizUrl: '',
	});
	assert.deepEqual(resolveEndpoints(getProvider('ebay'), 'sandbox', env), {
		authorizeUrl: 'http://127.0.0.1:9/e/authorize',
		tokenUrl: 'http://127.0.0.1:9/e/identity/v1/oauth2/token',
		apiUrl: 'http://127.0.0.1:9/e',
		apizUrl: 'http://127.0.0.1:9/z',
	});
});

test('short eBay scopes expand; verification scopes are always requested, in list order', () => {
	const ebay = getProvider('ebay');
	assert.equal(expandScope(ebay, 'sell.inventory'), 'https://api.ebay.com/oauth/api_scope/sell.inventory');
	assert.equal(expandScope(ebay, 'api_scope'), 'https://api.ebay.com/oauth/api_scope');
	assert.equal(expandScope(getProvider('etsy'), 'shops_r'), 'shops_r');
	assert.deepEqual(scopesToRequest(getProvider('etsy'), ['transactions_r', 'listings_r']), ['listings_r', 'shops_r', 'transactions_r']);
});

test('client ids say their environment by SBX or PRD, when they do', () => {
	assert.equal(environmentOfClientId('Jane-App-SBX-1a2b3c', getProvider('ebay')), 'sandbox');
	assert.equal(environmentOfClientId('Jane-App-PRD-1a2b3c', getProvider('ebay')), 'production');
	assert.equal(environmentOfClientId('something-else', getProvider('ebay')), undefined);
});

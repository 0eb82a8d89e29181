import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';
import {checkClientId, checkClientSecret} from '../../source/steps/credential-checks.js';
import {checkLoopbackRedirect, checkRuName} from '../../source/steps/redirect-checks.js';
import {diffScopes, shortScopeName} from '../../source/steps/scope-names.js';

test('an empty or blank credential is an error that says where to find it', () => {
	for (const value of ['', '   ']) {
		const check = checkClientId({provider: etsy, environment: 'production', value});
		assert.equal(check?.level, 'error');
		assert.match(check!.text, /Keystring is empty: copy it from https:\/\/www\.etsy\.com\/developers\/your-apps/);
	}

	assert.equal(checkClientSecret({provider: ebay, value: ''})?.level, 'error');
});

test('a credential with a space inside is an error; surrounding spaces are not', () => {
	assert.match(checkClientSecret({provider: etsy, value: 'ab cd'})!.text, /contains a space/);
	assert.equal(checkClientSecret({provider: etsy, value: '  abcdefgh12  '}), undefined);
});

test('an Etsy keystring of an unusual shape is a warning, a usual one passes', () => {
	assert.equal(checkClientId({provider: etsy, environment: 'production', value: 'abcdefghijklmnop12345678'}), undefined);
	const odd = checkClientId({provider: etsy, environment: 'production', value: 'ABC123'});
	assert.equal(odd?.level, 'warning');
	assert.match(odd!.text, /24 lowercase letters and digits; this one has 6 characters/);
});

test('an eBay App ID of the other environment is a warning', () => {
	const check = checkClientId({provider: ebay, environment: 'production', value: 'JaneDoe-MyApp-SBX-1a2b3c4d5-6e7f8a9b'});
	assert.deepEqual(check, {level: 'warning', text: 'This App ID looks like a sandbox key (SBX), but you chose production.'});
	assert.equal(checkClientId({provider: ebay, environment: 'sandbox', value: 'JaneDoe-MyApp-SBX-1a2b3c4d5-6e7f8a9b'}), undefined);
	assert.equal(checkClientId({provider: ebay, environment: 'sandbox', value: 'JaneDoe-MyApp-PRD-1a2b'})?.level, 'warning');
});

test('a loopback callback URL passes only with http, a loopback host, a port and a path', () => {
	for (const good of ['http://localhost:3000/callback', 'http://127.0.0.1:8080/cb', 'http://[::1]:3000/oauth/redirect']) {
		assert.equal(checkLoopbackRedirect(good), undefined, good);
	}

	const reasons: Array<[string, RegExp]> = [
		['', /is empty/],
		['localhost:3000', /http:\/\/ address|not a URL/],
		['not a url', /space|not a URL/],
		['https://localhost:3000/callback', /Use http: /],
		['http://example.com:3000/callback', /must be this computer .* not example\.com/],
		['http://localhost/callback', /Add the port/],
		['http://localhost:3000', /Add a path/],
		['http://localhost:3000/', /Add a path/],
		['http://localhost:3000/callback#x', /fragment/],
		['http://localhost:0/callback', /Port 0/],
	];
	for (const [value, reason] of reasons) {
		const check = checkLoopbackRedirect(value);
		assert.ok(check, `${value} should not pass`);
		assert.match(check.text, reason, value);
	}

	assert.equal(checkLoopbackRedirect('http://localhost:80/callback')?.level, 'warning');
});

test('a RuName that is a URL is a warning that names the mistake', () => {
	assert.equal(checkRuName('Jane_Doe-JaneDoeA-MyApp-abcdef'), undefined);
	assert.deepEqual(checkRuName('https://example.com/accepted'), {
		level: 'warning',
		text: 'That is the accept URL; eBay wants the RuName (like Jane_Doe-JaneDoeA-MyApp-abcdef).',
	});
	assert.equal(checkRuName(' ')?.level, 'error');
});

test('scope diff lists what is added and what is removed', () => {
	assert.deepEqual(
		diffScopes({granted: ['shops_r', 'listings_r', 'transactions_r'], chosen: ['shops_r', 'listings_w', 'listings_r']}),
		{added: ['listings_w'], removed: ['transactions_r']},
	);
	assert.deepEqual(diffScopes({granted: ['a'], chosen: ['a']}), {added: [], removed: []});
});

test('eBay scope URIs are shown by their short name', () => {
	assert.equal(shortScopeName(ebay, 'https://api.ebay.com/oauth/api_scope/sell.inventory'), 'sell.inventory');
	assert.equal(shortScopeName(ebay, 'https://api.ebay.com/oauth/api_scope'), 'api_scope');
	assert.equal(shortScopeName(etsy, 'shops_r'), 'shops_r');
});

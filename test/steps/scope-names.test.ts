import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';
import {diffScopes, shortScopeName} from '../../source/steps/scope-names.js';

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

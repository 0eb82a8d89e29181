import assert from 'node:assert/strict';
import {test} from 'node:test';
import {initialState, stepsOf} from '../../source/wizard/state.js';

test('stepsOf: Etsy, eBay user token, eBay application token', () => {
	assert.deepEqual(stepsOf({provider: 'etsy', grant: 'user'}), ['provider', 'credentials', 'redirect', 'scopes', 'consent', 'progress', 'summary']);
	assert.deepEqual(stepsOf({provider: 'ebay', grant: 'user'}), ['provider', 'environment', 'grant', 'credentials', 'redirect', 'scopes', 'consent', 'progress', 'summary']);
	assert.deepEqual(stepsOf({provider: 'ebay', grant: 'app'}), ['provider', 'environment', 'grant', 'credentials', 'progress', 'summary']);
});

test('initialState: no provider starts at the choice; login etsy at credentials; login ebay at the environment', () => {
	assert.equal(initialState({}).step, 'provider');
	const etsyStart = initialState({provider: 'etsy', grant: 'app'});
	assert.equal(etsyStart.step, 'credentials');
	assert.equal(etsyStart.grant, 'user', 'Etsy has only user tokens');
	const ebayStart = initialState({provider: 'ebay', environment: 'sandbox', grant: 'app'});
	assert.deepEqual([ebayStart.step, ebayStart.environment, ebayStart.grant], ['environment', 'sandbox', 'app']);
	assert.equal(ebayStart.attempt, 0);
});

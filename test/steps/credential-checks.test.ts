import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';
import {checkClientId, checkClientSecret} from '../../source/steps/credential-checks.js';

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

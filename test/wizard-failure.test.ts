import assert from 'node:assert/strict';
import {test} from 'node:test';
import {MktError} from '../source/errors.js';
import {toFailure} from '../source/wizard-failure.js';

const user = {grant: 'user' as const};

test('Esc after a rejected Etsy key goes to the credentials, though Etsy\'s own code is free text', () => {
	const error = new MktError('invalid_api_key', 'Etsy rejected the keystring and shared secret.', 'Copy both again.', {providerCode: 'Invalid API key', status: 401});
	assert.equal(toFailure(error, user, 'consent').back, 'credentials');
	const secret = new MktError('shared_secret_required', 'Etsy requires the shared secret.', 'Set it.', {providerCode: 'Shared secret is required in x-api-key header.', status: 403});
	assert.equal(toFailure(secret, user, 'consent').back, 'credentials');
});

test('a provider code that names the input is used when our code is generic', () => {
	const error = new MktError('provider_error', 'eBay refused.', 'Check.', {providerCode: 'invalid_scope'});
	assert.equal(toFailure(error, user, 'consent').back, 'scopes');
	assert.equal(toFailure(error, {grant: 'app'}, 'progress').back, 'credentials');
	assert.equal(toFailure(new MktError('callback_timeout', 'No callback.', 'Check.'), user, 'consent').back, 'redirect');
	assert.equal(toFailure(new MktError('timeout', 'Slow.', 'Retry.'), user, 'consent').back, 'scopes');
});

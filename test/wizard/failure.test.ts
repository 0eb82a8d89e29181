import assert from 'node:assert/strict';
import {test} from 'node:test';
import {MktError} from '../../source/errors.js';
import {backStepFor, consentFailure, exchangeDetails, selfTestDetails, toFailure} from '../../source/wizard/failure.js';
import type {StateOf} from '../../source/wizard/state.js';

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

const etsyState: StateOf<'consent'> = {
	environment: 'production',
	grant: 'user',
	attempt: 0,
	provider: 'etsy',
	step: 'consent',
	credentials: {clientId: 'abc', clientSecret: 'secret'},
	redirect: 'http://localhost:3000/callback',
	scopes: ['shops_r'],
	consent: {url: 'http://emulator/x', startedAt: 0, events: [], browserOpened: false, initialMode: 'wait'},
};

const noServices = {};

test('a time-out gets its own screen; r starts consent again, Esc goes to the redirect URI', async () => {
	const failure = await consentFailure(new MktError('callback_timeout', 'No callback arrived within 5 minutes; the callback server saw no request at all.', 'Check it.'), {state: etsyState, services: noServices});
	assert.equal(failure.kind, 'timeout');
	assert.equal(failure.retry, 'consent');
	assert.equal(failure.back, 'redirect');
	assert.deepEqual(failure.details, ['The callback server saw no request at all.']);
});

test('a busy port: its owner and a free alternative are looked up', async () => {
	const asked: string[] = [];
	const failure = await consentFailure(new MktError('port_in_use', 'Port 3000 on 127.0.0.1 is already in use.', 'Stop it.'), {
		state: etsyState,
		services: {
			async findPortOwner(port) {
				asked.push(`owner:${port}`);
				return {pid: 77, command: 'node x.js'};
			},
			async freeRedirect(redirect) {
				asked.push(`free:${redirect}`);
				return 'http://localhost:3001/callback';
			},
		},
	});
	assert.deepEqual(asked, ['owner:3000', 'free:http://localhost:3000/callback']);
	assert.equal(failure.kind, 'port-in-use');
	assert.deepEqual(failure.port, {port: 3000, owner: {pid: 77, command: 'node x.js'}, alternative: 'http://localhost:3001/callback'});
	assert.equal(failure.back, 'redirect');
});

test('a busy port with lookups that fail still gets its screen', async () => {
	const failure = await consentFailure(new MktError('port_in_use', 'Port 3000 is in use.', 'Stop it.'), {
		state: etsyState,
		services: {findPortOwner: async () => Promise.reject(new Error('EACCES')), freeRedirect: async () => undefined},
	});
	assert.equal(failure.kind, 'port-in-use');
	assert.deepEqual(failure.port, {port: 3000});
});

test('a provider error seen on the callback gets the provider-error screen with its code', async () => {
	const failure = await consentFailure(new MktError('access_denied', 'The Etsy consent was declined in the browser.', 'Again.', {providerCode: 'access_denied'}), {
		state: etsyState,
		services: noServices,
		providerError: {type: 'provider-error', error: 'access_denied', description: 'The user denied the request'},
	});
	assert.equal(failure.kind, 'provider-error');
	assert.equal(failure.title, 'Etsy answered with an error');
	assert.deepEqual(failure.providerError, {error: 'access_denied', description: 'The user denied the request'});
	assert.equal(failure.back, 'scopes');
});

test('an error with a provider code but none seen on the callback (the app key check) stays generic', async () => {
	const failure = await consentFailure(new MktError('invalid_api_key', 'Etsy rejected the keystring.', 'Copy it.', {providerCode: 'invalid_api_key'}), {state: etsyState, services: noServices});
	assert.equal(failure.kind, undefined);
	assert.equal(failure.back, 'credentials');
});

test('self-test failure: what to check, with what localhost resolves to', async () => {
	const failure = await consentFailure(new MktError('self_test_failed', 'The callback server on [::1]:3000 did not answer its own test request (ECONNREFUSED).', 'Allow it.'), {
		state: etsyState,
		services: {resolveLocalhost: async () => [{address: '10.1.2.3', family: 4, loopback: false}, {address: '::1', family: 6, loopback: true}]},
	});
	assert.equal(failure.kind, 'self-test');
	assert.equal(failure.title, 'The callback server did not answer itself');
	const text = failure.details.join('\n');
	assert.match(text, /firewall or security tool/);
	assert.match(text, /localhost resolves here to 10\.1\.2\.3, ::1, and 10\.1\.2\.3 is not loopback: fix the localhost lines in \/etc\/hosts/);
	assert.match(text, /IPv6 on loopback may be disabled: use http:\/\/127\.0\.0\.1:3000\/… as the redirect URI/);
});

test('self-test details on IPv4 point at IPv6-only machines, and say when localhost is fine', () => {
	const lines = selfTestDetails({message: 'The callback server on 127.0.0.1:3000 did not answer its own test request (timeout).', redirect: 'http://localhost:3000/callback', localhost: [{address: '127.0.0.1', family: 4, loopback: true}]});
	assert.match(lines.join('\n'), /localhost resolves here to 127\.0\.0\.1 \(loopback, as it should\)/);
	assert.match(lines.join('\n'), /IPv6-only machine: use http:\/\/\[::1\]:3000\/…/);
});

test('eBay invalid_client is explained as the SBX/PRD mix-up when the App ID tells', () => {
	const error = new MktError('invalid_client', 'eBay rejected the App ID and Cert ID.', 'Copy the keyset.', {providerCode: 'invalid_client'});
	const mixed = exchangeDetails(error, {provider: 'ebay', environment: 'production', credentials: {clientId: 'JaneDoe-MyApp-SBX-1a2b3c4d5-6e7f8a9b', clientSecret: 's'}});
	assert.match(mixed[0]!, /The App ID contains SBX: a sandbox key, used against production\./);
	assert.match(mixed[1]!, /Press Esc for the credentials and enter the production keyset, or go back further and choose sandbox\./);
	const matching = exchangeDetails(error, {provider: 'ebay', environment: 'production', credentials: {clientId: 'JaneDoe-MyApp-PRD-1a2b3c4d5-6e7f8a9b', clientSecret: 's'}});
	assert.match(matching[0]!, /same keyset and environment .* check the Cert ID/);
	assert.deepEqual(exchangeDetails(error, {provider: 'etsy', environment: 'production', credentials: {clientId: 'x', clientSecret: 's'}}), []);
	assert.deepEqual(exchangeDetails(new MktError('invalid_grant', 'm', 'r'), {provider: 'ebay', environment: 'production', credentials: {clientId: 'x', clientSecret: 's'}}), []);
});

test('one table: each failure code sends Esc to the input at fault; scopes only where the run asked for them', () => {
	const table: Array<[code: string, user: string, app: string]> = [
		['invalid_client', 'credentials', 'credentials'],
		['invalid_api_key', 'credentials', 'credentials'],
		['shared_secret_required', 'credentials', 'credentials'],
		['unauthorized_client', 'credentials', 'credentials'],
		['invalid_scope', 'scopes', 'credentials'],
		['insufficient_scope', 'scopes', 'credentials'],
		['port_in_use', 'redirect', 'redirect'],
		['port_denied', 'redirect', 'redirect'],
		['redirect_not_loopback', 'redirect', 'redirect'],
		['self_test_failed', 'redirect', 'redirect'],
		['callback_timeout', 'redirect', 'redirect'],
		['server_error', 'scopes', 'credentials'],
		['constructor', 'scopes', 'credentials'],
	];
	for (const [code, user, app] of table) {
		assert.equal(backStepFor({code}, {grant: 'user'}), user, `${code}, user token`);
		assert.equal(backStepFor({code}, {grant: 'app'}), app, `${code}, application token`);
		assert.equal(backStepFor({code: 'provider_error', providerCode: code}, {grant: 'user'}), user, `${code} as the provider's code`);
	}
});

import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {MktError} from '../../source/errors.js';
import {parseRedirectedUrl} from '../../source/oauth/paste.js';
import {explainConsentError} from '../../source/oauth/provider-errors.js';
import {createState} from '../../source/oauth/state.js';
import {ebay} from '../../source/providers/ebay.js';

const state = createState();
const ebayCode = 'v^1.1#i^1#p^3#r^1#I^3#f^0#t^Ul41XzExOjQ3==';

function failure(input: string, options: {explain?: (error: string, description: string | undefined) => MktError} = {}): MktError {
	try {
		parseRedirectedUrl({input, expectedState: state, ...options});
	} catch (error) {
		assert.ok(error instanceof MktError, String(error));
		const text = `${error.message} ${error.remedy}`;
		assert.ok(!text.includes(ebayCode) && !text.includes('SECRET'), `a code leaked: ${text}`);
		return error;
	}

	assert.fail(`expected ${input} to fail`);
}

describe('parseRedirectedUrl', () => {
	test('a full loopback URL', () => {
		assert.deepEqual(parseRedirectedUrl({input: `http://localhost:3000/callback?code=abc&state=${state}`, expectedState: state}), {code: 'abc'});
	});

	test('an eBay https accept URL: the URL-encoded code is decoded exactly once', () => {
		const input = `https://auth2.ebay.com/oauth2/ThirdPartyAuthSucessFailure?isAuthSuccessful=true&state=${state}&code=${encodeURIComponent(ebayCode)}&expires_in=299`;
		assert.deepEqual(parseRedirectedUrl({input, expectedState: state}), {code: ebayCode});
	});

	test('whitespace, quotes and angle brackets around the address are ignored', () => {
		for (const input of [`  "http://127.0.0.1:3000/callback?state=${state}&code=q1"\n`, `'?state=${state}&code=q1'`, `<http://localhost/callback?state=${state}&code=q1>`, `\tstate=${state}&code=q1  `]) {
			assert.deepEqual(parseRedirectedUrl({input, expectedState: state}), {code: 'q1'}, input);
		}
	});

	test('a bare query string, with or without its question mark', () => {
		assert.deepEqual(parseRedirectedUrl({input: `?code=${encodeURIComponent(ebayCode)}&state=${state}`, expectedState: state}), {code: ebayCode});
		assert.deepEqual(parseRedirectedUrl({input: `code=x%2By&state=${state}#fragment`, expectedState: state}), {code: 'x+y'});
	});

	test('a different or missing state is state_mismatch', () => {
		assert.equal(failure(`http://localhost:3000/callback?code=SECRET&state=${createState()}`).code, 'state_mismatch');
		assert.equal(failure('http://localhost:3000/callback?code=SECRET').code, 'state_mismatch');
	});

	test('an error parameter becomes an MktError with that code, explained when explain is given', () => {
		const plain = failure(`http://localhost:3000/callback?state=${state}&error=access_denied&error_description=User+said+no`);
		assert.equal(plain.code, 'access_denied');
		assert.match(plain.message, /"access_denied": User said no/);
		const explained = failure(`http://localhost:3000/callback?state=${state}&error=invalid_scope`, {
			explain: (error, description) => explainConsentError({provider: ebay, error, description}),
		});
		assert.equal(explained.code, 'invalid_scope');
		assert.equal(explained.message, ebay.errors.invalid_scope!.message);
	});

	test('a wrong state wins over an error parameter', () => {
		assert.equal(failure(`http://localhost:3000/callback?state=${createState()}&error=access_denied`).code, 'state_mismatch');
	});

	test('eBay\'s declined page without state is explained as access_denied', () => {
		const error = failure('https://auth2.ebay.com/oauth2/ThirdPartyAuthSucessFailure?isAuthSuccessful=false', {
			explain: (code, description) => explainConsentError({provider: ebay, error: code, description}),
		});
		assert.equal(error.code, 'access_denied');
		assert.equal(error.message, ebay.errors.access_denied!.message);
	});

	test('no code is missing_code with the copy-the-address remedy', () => {
		for (const input of ['', 'hello', 'http://localhost:3000/callback', `http://localhost:3000/callback?state=${state}`, `state=${state}&code=`]) {
			const error = failure(input);
			assert.equal(error.code, 'missing_code', input);
			assert.equal(error.message, 'The pasted address has no code parameter.');
			assert.match(error.remedy, /Copy the whole address bar after approving/);
		}
	});
});

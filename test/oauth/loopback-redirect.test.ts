import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {MktError} from '../../source/errors.js';
import {isLoopbackAddress, parseLoopbackRedirect} from '../../source/oauth/loopback-redirect.js';

function codeOf(redirectUri: string): string {
	try {
		parseLoopbackRedirect(redirectUri);
	} catch (error) {
		assert.ok(error instanceof MktError);
		return error.code;
	}

	return 'ok';
}

describe('parseLoopbackRedirect', () => {
	test('takes host, exact port and path from loopback http URIs', () => {
		assert.deepEqual(parseLoopbackRedirect('http://localhost:3000/callback'), {hostname: 'localhost', port: 3000, path: '/callback'});
		assert.deepEqual(parseLoopbackRedirect('http://127.0.0.1:8080/callback/etsy'), {hostname: '127.0.0.1', port: 8080, path: '/callback/etsy'});
		assert.deepEqual(parseLoopbackRedirect('http://[::1]:3003/oauth/redirect'), {hostname: '::1', port: 3003, path: '/oauth/redirect'});
		assert.deepEqual(parseLoopbackRedirect('http://LOCALHOST/'), {hostname: 'localhost', port: 80, path: '/'});
		assert.equal(parseLoopbackRedirect('http://127.5.6.7:1/x').hostname, '127.5.6.7');
	});

	test('refuses https, other hosts, all-interfaces and garbage', () => {
		assert.equal(codeOf('https://localhost:3000/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('http://example.com/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('http://0.0.0.0:3000/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('http://[::]:3000/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('http://192.168.1.10:3000/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('http://localhost.example.com:3000/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('Jane_Doe-JaneDoeA-MyApp-abcdef'), 'invalid_redirect_uri');
	});

	test('isLoopbackAddress', () => {
		assert.equal(isLoopbackAddress('127.0.0.1'), true);
		assert.equal(isLoopbackAddress('::1'), true);
		assert.equal(isLoopbackAddress('10.0.0.1'), false);
		assert.equal(isLoopbackAddress('::'), false);
	});
});

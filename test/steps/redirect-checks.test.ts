import assert from 'node:assert/strict';
import {test} from 'node:test';
import {checkLoopbackRedirect, checkRuName} from '../../source/steps/redirect-checks.js';

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

test('a RuName given as Etsy\'s callback URL is named as one', () => {
	assert.deepEqual(checkLoopbackRedirect('Jane_Doe-JaneDoeA-MyApp-abcdef'), {
		level: 'error',
		text: 'That looks like an eBay RuName; Etsy wants the callback URL itself, like http://localhost:3000/callback.',
	});
});

test('a URL given as the eBay RuName is the accept URL: warned, not blocked', () => {
	assert.equal(checkRuName('https://example.com/accepted')?.level, 'warning');
});

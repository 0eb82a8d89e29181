import assert from 'node:assert/strict';
import {test} from 'node:test';
import {checkPastedRedirect, readPastedRedirect} from '../../source/steps/redirect-check.js';

test('a pasted URI is taken as typed, without the spaces and line breaks a selection adds', () => {
	assert.deepEqual(readPastedRedirect('  http://127.0.0.1:3000/callback \n'), {value: 'http://127.0.0.1:3000/callback', source: 'typed'});
	assert.deepEqual(readPastedRedirect('Jane_Doe-JaneDoeA-MyApp-abcdef'), {value: 'Jane_Doe-JaneDoeA-MyApp-abcdef', source: 'typed'});
});

test('invisible characters other than plain spaces stay: they may be in the registration', () => {
	assert.equal(readPastedRedirect('http://localhost:3000/callback\u200B').value, 'http://localhost:3000/callback\u200B');
});

test('the address bar of an error page: its redirect_uri is taken, decoded', () => {
	const page = 'https://www.etsy.com/oauth/connect?response_type=code&client_id=abc&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback%2F&scope=shops_r&state=x';
	assert.deepEqual(readPastedRedirect(page), {value: 'http://localhost:3000/callback/', source: 'error-page'});
});

test('a callback URL with a query but no redirect_uri is the value itself', () => {
	assert.deepEqual(readPastedRedirect('http://localhost:3000/callback?x=1'), {value: 'http://localhost:3000/callback?x=1', source: 'typed'});
});

test('checkPastedRedirect compares the value read with the one sent', () => {
	const result = checkPastedRedirect({sent: 'http://localhost:3000/callback', pasted: 'http://127.0.0.1:3000/callback'});
	assert.equal(result.source, 'typed');
	assert.equal(result.comparison.equal, false);
	assert.deepEqual(result.comparison.differences.map(difference => difference.part), ['host']);
	assert.deepEqual(result.comparison.fixAction, {kind: 'rerun', redirectUri: 'http://127.0.0.1:3000/callback'});
});

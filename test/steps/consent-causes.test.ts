import assert from 'node:assert/strict';
import {test} from 'node:test';
import {getProvider} from '../../source/providers/index.js';
import {consentCauses, providerErrorCause} from '../../source/steps/consent-causes.js';

const etsy = getProvider('etsy');
const ebay = getProvider('ebay');
const redirect = 'http://localhost:3000/callback';

test('nothing seen: refused redirect, then the open consent page, then a browser elsewhere', () => {
	const causes = consentCauses({provider: etsy, redirect, seen: [], live: true});
	assert.equal(causes.length, 3);
	assert.match(causes[0]!.cause, /^Etsy refused the redirect URI .*"The requested redirect URL is not permitted".*differs from http:\/\/localhost:3000\/callback/);
	assert.match(causes[1]!.action, /choose "Allow access"\.$/);
	assert.match(causes[2]!.cause, /cannot reach http:\/\/localhost:3000 here/);
	assert.match(causes[2]!.action, /press p and paste it/);
});

test('the favicon and late requests say nothing: the causes stay those of nothing seen', () => {
	const causes = consentCauses({provider: etsy, redirect, seen: [{type: 'request', path: '/favicon.ico', outcome: 'favicon'}], live: true});
	assert.match(causes[0]!.cause, /refused the redirect URI/);
});

test('what the server saw comes first, in a fixed order: provider error, wrong path, state, missing code', () => {
	const causes = consentCauses({
		provider: etsy,
		redirect,
		live: false,
		seen: [
			{type: 'request', path: '/callback', outcome: 'missing-code'},
			{type: 'request', path: '/callback', outcome: 'state-mismatch', detail: 'different'},
			{type: 'request', path: '/oauth/callback', outcome: 'wrong-path', detail: '/oauth/callback'},
			{type: 'provider-error', error: 'access_denied'},
		],
	});
	assert.deepEqual(causes.map(cause => cause.cause.slice(0, 30)), [
		'The consent was declined on Et',
		'The browser came back to http:',
		'A callback came with a state t',
		'The browser reached the callba',
	]);
	assert.match(causes[2]!.action, /press r to start again/, 'over: the action is r, not the consent keys');
});

test('each provider error gets its own meaning and action', () => {
	const cases: Array<[string, RegExp, RegExp]> = [
		['access_denied', /declined/, /choose "Allow access"/],
		['invalid_scope', /refused a requested scope/, /back to the scopes/],
		['invalid_request', /malformed/, /mkt-wizard doctor/],
		['server_error', /problem on its side/, /Wait a minute/],
		['weird_thing', /error "weird_thing"/, /your-apps, then press r/],
	];
	for (const [error, cause, action] of cases) {
		const explained = providerErrorCause({provider: etsy, error});
		assert.match(explained.cause, cause, error);
		assert.match(explained.action, action, error);
	}
});

test('eBay: the RuName\'s accept URL first, and invalid_request is about the RuName', () => {
	const causes = consentCauses({provider: ebay, redirect: 'Jane_Doe-JaneDoeA-MyApp-abcdef', seen: [], live: true});
	assert.match(causes[0]!.cause, /accept URL of the RuName Jane_Doe-JaneDoeA-MyApp-abcdef/);
	const invalid = consentCauses({provider: ebay, redirect: 'x', seen: [{type: 'provider-error', error: 'invalid_request', description: 'Input request parameters are invalid.'}], live: false});
	assert.equal(invalid.length, 1);
	assert.match(invalid[0]!.cause, /\("Input request parameters are invalid"\): usually a RuName that belongs to another App ID or environment/);
});

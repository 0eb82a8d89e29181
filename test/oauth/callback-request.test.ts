import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {type CallbackExpectations, type CallbackVerdict, classifyCallbackRequest, SELF_TEST_PARAMETER} from '../../source/oauth/callback-request.js';

const state = 'Zm9vYmFyYmF6cXV4_state';
const expected: CallbackExpectations = {
	redirectUri: 'http://127.0.0.1:3000/callback',
	path: '/callback',
	state,
	expectedIssuer: 'https://issuer.example',
	selfTestToken: 'token-1',
	finished: false,
};

/** The verdict in a few words: kind, then outcome, detail and status for refusals. */
function summary(verdict: CallbackVerdict): string {
	switch (verdict.kind) {
		case 'refused': {
			return `refused ${verdict.outcome}${verdict.detail === undefined ? '' : ` (${verdict.detail})`} ${verdict.status}`;
		}

		case 'elsewhere': {
			return `elsewhere, else ${summary(verdict.refusal)}`;
		}

		case 'self-test': {
			return `self-test ${verdict.proven ? 'proven' : 'unproven'}`;
		}

		case 'issuer-mismatch': {
			return `issuer-mismatch ${verdict.error.code}`;
		}

		case 'provider-error': {
			return `provider-error ${verdict.error}${verdict.description === undefined ? '' : `: ${verdict.description}`}`;
		}

		case 'code': {
			return `code ${verdict.code}`;
		}

		default: {
			return verdict.kind;
		}
	}
}

describe('classifyCallbackRequest', () => {
	test('one verdict per request, judged in order: favicon, finished, path, method, self-test, state, issuer, error, code', () => {
		const table: Array<[string, {method?: string; url?: string; finished?: boolean}, string]> = [
			['the favicon', {url: '/favicon.ico'}, 'refused favicon 404'],
			['the favicon after the end', {url: '/favicon.ico', finished: true}, 'refused favicon 404'],
			['anything after the end', {url: `/callback?state=${state}&code=abc`, finished: true}, 'refused after-finish 200'],
			['another path', {url: '/oauth/callback?code=abc'}, 'elsewhere, else refused wrong-path (/oauth/callback) 404'],
			['a consent link', {url: '/start/abc'}, 'elsewhere, else refused wrong-path (/start/abc) 404'],
			['no URL at all', {}, 'elsewhere, else refused wrong-path (/) 404'],
			['a POST', {method: 'POST', url: `/callback?state=${state}&code=abc`}, 'refused wrong-method (POST) 405'],
			['a HEAD (link preview)', {method: 'HEAD', url: `/callback?state=${state}&code=abc`}, 'head'],
			['our self-test', {url: `/callback?${SELF_TEST_PARAMETER}=token-1`}, 'self-test proven'],
			['another self-test', {url: `/callback?${SELF_TEST_PARAMETER}=forged&state=${state}&code=abc`}, 'self-test unproven'],
			['no state', {url: '/callback?code=abc'}, 'refused state-mismatch (missing) 400'],
			['another state', {url: '/callback?state=other&code=abc'}, 'refused state-mismatch (different) 400'],
			['the state twice', {url: `/callback?state=${state}&state=${state}&code=abc`}, 'refused state-mismatch (duplicated) 400'],
			['another issuer', {url: `/callback?state=${state}&code=abc&iss=https%3A%2F%2Fevil.example`}, 'issuer-mismatch issuer_mismatch'],
			['our issuer', {url: `/callback?state=${state}&code=abc&iss=https%3A%2F%2Fissuer.example`}, 'code abc'],
			['a provider error', {url: `/callback?state=${state}&error=access_denied&error_description=User+said+no`}, 'provider-error access_denied: User said no'],
			['a provider error with a code', {url: `/callback?state=${state}&error=access_denied&code=abc`}, 'provider-error access_denied'],
			['the code twice', {url: `/callback?state=${state}&code=a&code=b`}, 'refused missing-code (duplicated) 400'],
			['no code', {url: `/callback?state=${state}`}, 'refused missing-code 400'],
			['an empty code', {url: `/callback?state=${state}&code=`}, 'refused missing-code 400'],
			['the callback', {url: `/callback?state=${state}&code=v%5E1.1%23i%5E1`}, 'code v^1.1#i^1'],
			['an unparsable target', {url: '//'}, 'elsewhere, else refused wrong-path (/) 404'],
		];
		for (const [name, request, want] of table) {
			const {finished = false, ...rest} = request;
			assert.equal(summary(classifyCallbackRequest(rest, {...expected, finished})), want, name);
		}
	});

	test('the callback path may be /favicon.ico itself', () => {
		assert.equal(summary(classifyCallbackRequest({url: `/favicon.ico?state=${state}&code=abc`}, {...expected, path: '/favicon.ico'})), 'code abc');
	});

	test('a provider error reaches the terminal made safe: no control characters', () => {
		const verdict = classifyCallbackRequest({url: `/callback?state=${state}&error=bad%1B%5B31m&error_description=a%07b`}, expected);
		assert.equal(verdict.kind, 'provider-error');
		assert.doesNotMatch(JSON.stringify(verdict), /\\u001b|\\u0007/);
	});
});

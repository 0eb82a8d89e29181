import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {describe, test} from 'node:test';
import {challengeFor, createPkcePair} from '../../source/oauth/pkce.js';

const unreserved = /^[A-Za-z\d\-._~]+$/;

describe('pkce', () => {
	test('the challenge of the RFC 7636 Appendix B verifier is the published one', () => {
		assert.equal(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
	});

	test('the Appendix B verifier comes from the Appendix B octets', () => {
		const octets = Buffer.from([
			116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
			22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
		]);
		const pair = createPkcePair(size => {
			assert.equal(size, 32);
			return octets;
		});
		assert.deepEqual(pair, {
			verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
			challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
			method: 'S256',
		});
	});

	test('a fresh verifier is 43 unreserved characters and its challenge is the unpadded S256 of it', () => {
		for (let index = 0; index < 50; index++) {
			const {verifier, challenge, method} = createPkcePair();
			assert.equal(verifier.length, 43);
			assert.match(verifier, unreserved);
			assert.equal(challenge.length, 43);
			assert.match(challenge, /^[A-Za-z\d_-]+$/);
			assert.equal(method, 'S256');
			const expected = createHash('sha256').update(verifier).digest('base64').replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_');
			assert.equal(challenge, expected);
		}
	});

	test('two pairs never share a verifier', () => {
		const verifiers = new Set(Array.from({length: 100}, () => createPkcePair().verifier));
		assert.equal(verifiers.size, 100);
	});
});

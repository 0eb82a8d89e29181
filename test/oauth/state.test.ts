import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createState, statesEqual} from '../../source/oauth/state.js';

describe('state', () => {
	test('a state carries at least 32 random bytes in base64url', () => {
		const state = createState();
		assert.match(state, /^[A-Za-z\d_-]+$/);
		assert.ok(Buffer.from(state, 'base64url').length >= 32);
		assert.notEqual(createState(), state);
	});

	test('the same state compares equal', () => {
		const state = createState();
		assert.equal(statesEqual(state, `${state}`), true);
	});

	test('a different, shorter, longer or differently cased state does not', () => {
		const state = createState();
		assert.equal(statesEqual(state, createState()), false);
		assert.equal(statesEqual(state, state.slice(0, -1)), false);
		assert.equal(statesEqual(state, `${state}x`), false);
		assert.equal(statesEqual('abcDEF', 'abcdef'), false);
	});

	test('a missing or empty state is never equal', () => {
		const state = createState();
		assert.equal(statesEqual(state, undefined), false);
		assert.equal(statesEqual(state, null), false);
		assert.equal(statesEqual(state, ''), false);
		assert.equal(statesEqual('', ''), false);
	});
});

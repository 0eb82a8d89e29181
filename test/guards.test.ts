import assert from 'node:assert/strict';
import {test} from 'node:test';
import {errorCode, isJsonObject} from '../source/guards.js';

test('isJsonObject: objects only, not null, arrays or scalars', () => {
	for (const value of [{}, {a: 1}, Object.create(null) as object]) {
		assert.equal(isJsonObject(value), true);
	}

	for (const value of [null, undefined, [], [1], 'x', 1, true]) {
		assert.equal(isJsonObject(value), false, JSON.stringify(value));
	}
});

test('errorCode: a string code, else undefined', () => {
	assert.equal(errorCode(Object.assign(new Error('x'), {code: 'ENOENT'})), 'ENOENT');
	assert.equal(errorCode(Object.assign(new Error('x'), {code: 42})), undefined);
	assert.equal(errorCode(new Error('x')), undefined);
	assert.equal(errorCode(undefined), undefined);
	assert.equal(errorCode(null), undefined);
});

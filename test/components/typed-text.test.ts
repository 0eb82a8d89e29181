import assert from 'node:assert/strict';
import {test} from 'node:test';
import {applyTypedChunk} from '../../source/components/typed-text.js';

test('a chunk without control characters is kept as typed', () => {
	assert.deepEqual(applyTypedChunk('ab', 'abcd'), {value: 'abcd', submitted: false});
});

test('a CR inside the chunk submits what came before it and drops the rest', () => {
	assert.deepEqual(applyTypedChunk('', 'abc\r'), {value: 'abc', submitted: true});
	assert.deepEqual(applyTypedChunk('x', 'xabc\ndef'), {value: 'xabc', submitted: true});
});

test('DEL inside the chunk erases the character before it', () => {
	assert.deepEqual(applyTypedChunk('ab', 'abc\u007F\u007Fd'), {value: 'ad', submitted: false});
});

test('a chunk typed in the middle keeps the text after the cursor', () => {
	assert.deepEqual(applyTypedChunk('ad', 'abc\u0001d'), {value: 'abcd', submitted: false});
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {applyTypedChunk} from '../../source/components/typed-text.js';

test('a chunk without control characters is kept as typed', () => {
	assert.deepEqual(applyTypedChunk('ab', 'abcd'), {value: 'abcd', submitted: false, rest: ''});
});

test('a CR inside the chunk submits what came before it and drops the rest', () => {
	assert.deepEqual(applyTypedChunk('', 'abc\r'), {value: 'abc', submitted: true, rest: ''});
	assert.deepEqual(applyTypedChunk('x', 'xabc\ndef'), {value: 'xabc', submitted: true, rest: 'def'});
});

test('DEL inside the chunk erases the character before it', () => {
	assert.deepEqual(applyTypedChunk('ab', 'abc\u007F\u007Fd'), {value: 'ad', submitted: false, rest: ''});
});

test('a chunk typed in the middle keeps the text after the cursor', () => {
	assert.deepEqual(applyTypedChunk('ad', 'abc\u0001d'), {value: 'abcd', submitted: false, rest: ''});
});

test('what follows the Enter in the chunk is handed back as rest', () => {
	assert.deepEqual(applyTypedChunk('', 'key\rsecret\r'), {value: 'key', submitted: true, rest: 'secret\r'});
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Key} from 'ink';
import {splitKeys} from '../../source/components/keys.js';

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

test('splitKeys walks a chunk into one key per character', () => {
	const keys = splitKeys(' jj ', noKey);
	assert.deepEqual(keys.map(key => key.char), [' ', 'j', 'j', ' ']);
	assert.ok(keys.every(key => key.name === 'char'));
});

test('splitKeys turns CR, LF and DEL inside a chunk into return and backspace', () => {
	const keys = splitKeys('ab\u007Fc\rx\n', noKey);
	assert.deepEqual(keys.map(key => key.name === 'char' ? key.char : key.name), ['a', 'b', 'backspace', 'c', 'return', 'x', 'return']);
});

test('splitKeys keeps a named key as one event', () => {
	assert.deepEqual(splitKeys('', {...noKey, downArrow: true}).map(key => key.name), ['down']);
	assert.deepEqual(splitKeys('', {...noKey, escape: true, meta: true}), [{name: 'escape', char: '', ctrl: false, meta: false}]);
	assert.deepEqual(splitKeys('', {...noKey, delete: true}).map(key => key.name), ['backspace']);
});

test('splitKeys marks Ctrl combinations and drops stray control characters', () => {
	assert.deepEqual(splitKeys('c', {...noKey, ctrl: true}), [{name: 'char', char: 'c', ctrl: true, meta: false}]);
	assert.deepEqual(splitKeys('a\u0000b', noKey).map(key => key.char), ['a', 'b']);
	assert.deepEqual(splitKeys('a\u0015b', noKey), [{name: 'char', char: 'a', ctrl: false, meta: false}, {name: 'char', char: 'u', ctrl: true, meta: false}, {name: 'char', char: 'b', ctrl: false, meta: false}], 'Ctrl+U in the middle of a read');
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {KeyEvent, KeyName} from '../../source/components/keys.js';
import {editLine} from '../../source/components/line-edit.js';

const key = (name: KeyName, char = '', modifiers: {ctrl?: boolean; meta?: boolean} = {}): KeyEvent => ({name, char, ctrl: modifiers.ctrl ?? false, meta: modifiers.meta ?? false});
const typed = (text: string): KeyEvent[] => [...text].map(char => key('char', char));

test('characters insert at the cursor and Backspace erases before it', () => {
	assert.deepEqual(editLine({value: 'ad', cursor: 1}, typed('bc')), {value: 'abcd', cursor: 3, submitted: false, rest: ''});
	assert.deepEqual(editLine({value: 'abcd', cursor: 2}, [key('backspace'), key('backspace'), key('backspace')]), {value: 'cd', cursor: 0, submitted: false, rest: ''});
});

test('the arrows stop at the ends; Home and End jump there', () => {
	assert.equal(editLine({value: 'ab', cursor: 0}, [key('left'), key('char', 'x')]).value, 'xab');
	assert.equal(editLine({value: 'ab', cursor: 2}, [key('right'), key('char', 'x')]).value, 'abx');
	assert.equal(editLine({value: 'ab', cursor: 1}, [key('home'), key('char', 'x'), key('end'), key('char', 'y')]).value, 'xaby');
});

test('a cursor past the end is taken as the end', () => {
	assert.deepEqual(editLine({value: 'ab', cursor: 9}, typed('c')), {value: 'abc', cursor: 3, submitted: false, rest: ''});
});

test('Enter ends the edit: the keys after it come back as the characters they were typed as', () => {
	const keys = [...typed('key'), key('return'), ...typed('sec'), key('backspace'), key('tab'), key('return'), key('up')];
	assert.deepEqual(editLine({value: '', cursor: 0}, keys), {value: 'key', cursor: 3, submitted: true, rest: 'sec\u007F\t\r'});
});

test('keys held with Ctrl or Alt, and keys a line has no use for, change nothing', () => {
	const keys = [key('char', 'a', {ctrl: true}), key('char', 'b', {meta: true}), key('up'), key('down'), key('tab'), key('escape'), key('pageUp')];
	assert.deepEqual(editLine({value: 'xy', cursor: 1}, keys), {value: 'xy', cursor: 1, submitted: false, rest: ''});
});

test('a character outside the BMP counts as one: the cursor never splits it', () => {
	assert.deepEqual(editLine({value: 'a😀b', cursor: 3}, [key('left'), key('left'), key('backspace')]), {value: '😀b', cursor: 0, submitted: false, rest: ''});
	assert.deepEqual(editLine({value: 'a😀b', cursor: 2}, [key('backspace')]), {value: 'ab', cursor: 1, submitted: false, rest: ''});
});

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

test('keys a line has no use for change nothing', () => {
	const keys = [key('char', 'x', {ctrl: true}), key('char', 'z', {meta: true}), key('up'), key('down'), key('tab'), key('escape'), key('pageUp')];
	assert.deepEqual(editLine({value: 'xy', cursor: 1}, keys), {value: 'xy', cursor: 1, submitted: false, rest: ''});
});

const ctrl = (letter: string) => key('char', letter, {ctrl: true});
const alt = (letter: string) => key('char', letter, {meta: true});
/** The value with the cursor drawn as `|`, after `keys` from `line` (also written with a `|`). */
function after(line: string, keys: KeyEvent[]): string {
	const edit = editLine({value: line.replace('|', ''), cursor: [...line].indexOf('|')}, keys);
	const chars = [...edit.value];
	chars.splice(edit.cursor, 0, '|');
	return chars.join('');
}

test('Ctrl+A and Ctrl+E go to the start and the end; Ctrl+B and Ctrl+F move one character', () => {
	assert.equal(after('abc|def', [ctrl('a')]), '|abcdef');
	assert.equal(after('abc|def', [ctrl('e')]), 'abcdef|');
	assert.equal(after('abc|def', [ctrl('b'), ctrl('b')]), 'a|bcdef');
	assert.equal(after('abc|def', [ctrl('f')]), 'abcd|ef');
});

test('Ctrl+U erases before the cursor, Ctrl+K after it', () => {
	assert.equal(after('wrong|value', [ctrl('u')]), '|value');
	assert.equal(after('wrong|value', [ctrl('k')]), 'wrong|');
	assert.equal(after(`${'x'.repeat(600)}|`, [ctrl('u'), ...typed('ok')]), 'ok|', 'a 600-character paste goes in one key');
});

test('Ctrl+W erases back to the previous space; Alt+Backspace back to the start of a word', () => {
	assert.equal(after('one two three|', [ctrl('w')]), 'one two |');
	assert.equal(after('one two  |', [ctrl('w')]), 'one |');
	assert.equal(after('http://localhost:3000/callback|', [ctrl('w')]), '|');
	assert.equal(after('http://localhost:3000/callback|', [key('backspace', '', {meta: true})]), 'http://localhost:3000/|');
});

test('Alt+B and Alt+F, and Ctrl or Alt with an arrow, move by words of letters and digits', () => {
	assert.equal(after('http://localhost:3000/callback|', [alt('b')]), 'http://localhost:3000/|callback');
	assert.equal(after('http://localhost:3000/callback|', [alt('b'), alt('b'), alt('b')]), 'http://|localhost:3000/callback');
	assert.equal(after('|http://localhost:3000', [alt('f')]), 'http|://localhost:3000');
	assert.equal(after('|http://localhost:3000', [alt('f'), alt('f')]), 'http://localhost|:3000');
	assert.equal(after('one two|', [key('left', '', {ctrl: true})]), 'one |two');
	assert.equal(after('one| two', [key('right', '', {meta: true})]), 'one two|');
});

test('a paste into a rejected value replaces it; typing one key, or a paste into an accepted value, joins it', () => {
	const rejected = {replaceOnPaste: true};
	assert.equal(editLine({value: 'wrong', cursor: 5}, typed('right'), rejected).value, 'right');
	assert.deepEqual(editLine({value: 'wrong', cursor: 5}, [...typed('right'), key('return')], rejected), {value: 'right', cursor: 5, submitted: true, rest: ''});
	assert.equal(editLine({value: 'wrong', cursor: 5}, typed('s'), rejected).value, 'wrongs');
	assert.equal(editLine({value: 'wrong', cursor: 5}, typed('right')).value, 'wrongright');
});

test('Ctrl and Alt keys after Enter are not handed on as text', () => {
	assert.equal(editLine({value: '', cursor: 0}, [key('return'), ctrl('a'), ...typed('b')]).rest, 'b');
});

test('a character outside the BMP counts as one: the cursor never splits it', () => {
	assert.deepEqual(editLine({value: 'a😀b', cursor: 3}, [key('left'), key('left'), key('backspace')]), {value: '😀b', cursor: 0, submitted: false, rest: ''});
	assert.deepEqual(editLine({value: 'a😀b', cursor: 2}, [key('backspace')]), {value: 'ab', cursor: 1, submitted: false, rest: ''});
});

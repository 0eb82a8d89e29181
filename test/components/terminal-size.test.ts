import assert from 'node:assert/strict';
import {test} from 'node:test';
import {packedLines, wrappedLines} from '../../source/components/terminal-size.js';

test('line estimates: words wrap whole, a word longer than the line is cut, hints wrap only between hints', () => {
	assert.equal(wrappedLines('aaa bbb ccc', 7), 2);
	assert.equal(wrappedLines('x'.repeat(25), 10), 3);
	assert.equal(wrappedLines('one\ntwo', 80), 2);
	assert.equal(packedLines(['c show URL', 'p paste URL', 'o open browser'], ' · ', 30), 2);
	assert.equal(packedLines([], ' · ', 30), 0);
});

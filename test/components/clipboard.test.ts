import assert from 'node:assert/strict';
import {test} from 'node:test';
import {copyNote, osc52} from '../../source/components/clipboard.js';

test('c says what it did and what it cannot know; inside tmux, what tmux needs', () => {
	assert.equal(osc52('hi'), '\u001B]52;c;aGk=\u0007');
	const plain = copyNote('The URL', {tmux: false});
	assert.match(plain, /^The URL is printed above on one line, and was sent to the clipboard by OSC 52; the terminal does not say whether it took it: paste to check\.$/);
	assert.match(copyNote('The URL', {tmux: true}), /Inside tmux that needs `set -g set-clipboard on`\.$/);
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {copyNote, osc52} from '../../source/components/clipboard.js';
import {hyperlink, supportsHyperlinks} from '../../source/components/hyperlink.js';
import {packedLines, wrappedLines} from '../../source/components/terminal-size.js';

test('links only where the terminal says it is one known to show them; tmux and CI never; the variable overrides', () => {
	const yes = [{TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.5.0'}, {TERM_PROGRAM: 'WezTerm'}, {TERM_PROGRAM: 'vscode'}, {VTE_VERSION: '7600'}, {KITTY_WINDOW_ID: '1'}, {WT_SESSION: 'x'}, {MKT_WIZARD_HYPERLINKS: '1', TMUX: '/tmp/tmux'}];
	const no = [{}, {TERM: 'xterm-256color'}, {TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.0.15'}, {TERM_PROGRAM: 'Apple_Terminal'}, {VTE_VERSION: '4205'}, {TERM_PROGRAM: 'WezTerm', TMUX: '/tmp/tmux,1,0'}, {TERM_PROGRAM: 'vscode', CI: 'true'}, {TERM_PROGRAM: 'WezTerm', MKT_WIZARD_HYPERLINKS: '0'}];
	for (const env of yes) {
		assert.equal(supportsHyperlinks(env), true, JSON.stringify(env));
	}

	for (const env of no) {
		assert.equal(supportsHyperlinks(env), false, JSON.stringify(env));
	}

	assert.equal(hyperlink('https://example.com/a?b=c'), '\u001B]8;;https://example.com/a?b=c\u001B\\https://example.com/a?b=c\u001B]8;;\u001B\\');
});

test('c says what it did and what it cannot know; inside tmux, what tmux needs', () => {
	assert.equal(osc52('hi'), '\u001B]52;c;aGk=\u0007');
	const plain = copyNote('The URL', {tmux: false});
	assert.match(plain, /^The URL is printed above on one line, and was sent to the clipboard by OSC 52; the terminal does not say whether it took it: paste to check\.$/);
	assert.match(copyNote('The URL', {tmux: true}), /Inside tmux that needs `set -g set-clipboard on`\.$/);
});

test('line estimates: words wrap whole, a word longer than the line is cut, hints wrap only between hints', () => {
	assert.equal(wrappedLines('aaa bbb ccc', 7), 2);
	assert.equal(wrappedLines('x'.repeat(25), 10), 3);
	assert.equal(wrappedLines('one\ntwo', 80), 2);
	assert.equal(packedLines(['c show URL', 'p paste URL', 'o open browser'], ' · ', 30), 2);
	assert.equal(packedLines([], ' · ', 30), 0);
});

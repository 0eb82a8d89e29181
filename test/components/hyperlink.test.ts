import assert from 'node:assert/strict';
import {test} from 'node:test';
import {hyperlink, supportsHyperlinks} from '../../source/components/hyperlink.js';

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

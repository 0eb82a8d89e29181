import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import CharacterDiff, {markedLine, reveal} from '../../source/components/CharacterDiff.js';
import {characterDiff} from '../../source/troubleshoot/character-diff.js';
import {cleanupInk, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

test('changes are marked with brackets, not colour alone: [-only in the first-] and {+only in the second+}', async () => {
	const ink = await renderInk(<CharacterDiff from="http://localhost:3000/callback" to="https://127.0.0.1:3000/callback/" />);
	const screen = ink.screen();
	assert.match(screen, /^sent {8}http:\/\/\[-localhost-\]:3000\/callback$/m);
	assert.match(screen, /registered {2}http\{\+s\+\}:\/\/\{\+127\.0\.0\.1\+\}:3000\/callback\{\+\/\+\}/);
	assert.match(screen, /\[-…-\] only in the one sent · \{\+…\+\} only in the registered one/);
});

test('identical values: both lines plain, no legend', async () => {
	const ink = await renderInk(<CharacterDiff from="http://localhost:3000/callback" to="http://localhost:3000/callback" labels={{from: 'a', to: 'b'}} />);
	assert.equal(ink.screen(), 'a  http://localhost:3000/callback\nb  http://localhost:3000/callback');
});

test('invisible characters show as code points, in the marks and outside them', () => {
	assert.equal(reveal('a b\u00A0c\u200B'), 'a⟨U+0020⟩b⟨U+00A0⟩c⟨U+200B⟩');
	const segments = characterDiff('http://localhost:3000/callback', ' http://localhost:3000/callback\u200B');
	assert.equal(markedLine(segments, 'from'), 'http://localhost:3000/callback');
	assert.equal(markedLine(segments, 'to'), '{+⟨U+0020⟩+}http://localhost:3000/callback{+⟨U+200B⟩+}');
});

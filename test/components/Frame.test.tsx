import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, test} from 'node:test';
import {Text} from 'ink';
import Frame from '../../source/components/Frame.js';
import {cleanupInk, linesWiderThan, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

const hints = [
	{key: '↑↓', label: 'move'},
	{key: 'space', label: 'toggle'},
	{key: 'enter', label: 'continue'},
	{key: 'esc', label: 'back'},
];

test('the header says the provider, step n of m and the title; the footer the keys', async () => {
	const ink = await renderInk(
		<Frame title="Scopes" position={{provider: 'Etsy', step: 5, steps: 8}} hints={hints}>
			<Text>body</Text>
		</Frame>,
	);
	const lines = ink.screen().split('\n');
	assert.equal(lines[0], 'mkt-wizard · Etsy · step 5 of 8 · Scopes');
	assert.ok(lines.includes('body'));
	assert.equal(lines.at(-1), '↑↓ move · space toggle · enter continue · esc back');
});

test('the header leaves out what is not known yet', async () => {
	const ink = await renderInk(<Frame title="Choose a marketplace"><Text>body</Text></Frame>);
	assert.equal(ink.screen().split('\n')[0], 'mkt-wizard · Choose a marketplace');
});

test('long content wraps within 80 columns on a wider terminal', async () => {
	const ink = await renderInk(
		<Frame title={'A very long title '.repeat(6)} position={{provider: 'eBay', step: 1, steps: 9}} hints={hints}>
			<Text>{'word '.repeat(60)}</Text>
		</Frame>,
	);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
	assert.ok(ink.screen().split('\n').some(line => line.length > 70), 'uses the width it has');
});

test('no component or step hard-codes ANSI escapes (colour goes through Ink, so FORCE_COLOR=0 turns it off)', () => {
	const roots = ['source/components', 'source/steps'];
	// Reads the escape sequences keys arrive as; it writes none. The other two write OSC sequences,
	// not colour: a link (OSC 8, only where supported) and a clipboard copy (OSC 52).
	const keyReaders = new Set(['source/components/ink-keypress.ts', 'source/components/hyperlink.ts', 'source/components/clipboard.ts']);
	for (const root of roots) {
		for (const name of readdirSync(root)) {
			if (keyReaders.has(`${root}/${name}`)) {
				continue;
			}

			const text = readFileSync(path.join(root, name), 'utf8');
			assert.doesNotMatch(text, /\\u001b|\\x1b|\\033|\u001B/i, `${root}/${name} contains an escape code`);
		}
	}
});

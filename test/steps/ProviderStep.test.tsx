import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import ProviderStep from '../../source/steps/ProviderStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

test('lists Etsy and eBay and submits the one chosen', async () => {
	const chosen: string[] = [];
	const ink = await renderInk(<ProviderStep position={{step: 1, steps: 8}} onSubmit={provider => chosen.push(provider)} />);
	const screen = ink.screen();
	assert.match(screen, /^mkt-wizard · step 1 of 8 · Choose a marketplace/);
	assert.match(screen, /❯ Etsy/);
	assert.match(screen, /eBay/);
	assert.match(screen, /↑↓ move · enter choose/);
	await press(ink, keys.down, keys.enter);
	assert.deepEqual(chosen, ['ebay']);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('starts on the provider chosen before, and Esc cancels when allowed', async () => {
	let cancelled = 0;
	const chosen: string[] = [];
	const ink = await renderInk(<ProviderStep initial="ebay" onSubmit={provider => chosen.push(provider)} onCancel={() => cancelled++} />);
	assert.match(ink.screen(), /❯ eBay/);
	await press(ink, keys.escape);
	assert.equal(cancelled, 1);
	assert.deepEqual(chosen, []);
});

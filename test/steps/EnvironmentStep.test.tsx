import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import EnvironmentStep from '../../source/steps/EnvironmentStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

test('offers production and sandbox, saying how their keys differ', async () => {
	const chosen: string[] = [];
	const ink = await renderInk(<EnvironmentStep position={{provider: 'eBay', step: 2, steps: 9}} onSubmit={environment => chosen.push(environment)} onBack={() => {}} />);
	assert.match(ink.screen(), /^mkt-wizard · eBay · step 2 of 9 · Environment/);
	assert.match(ink.screen(), /❯ Production .*PRD/);
	assert.match(ink.screen(), /Sandbox .*SBX/);
	await press(ink, 'j\r');
	assert.deepEqual(chosen, ['sandbox']);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('Esc goes back', async () => {
	let back = 0;
	const ink = await renderInk(<EnvironmentStep initial="sandbox" onSubmit={() => {}} onBack={() => back++} />);
	assert.match(ink.screen(), /❯ Sandbox/);
	await press(ink, keys.escape);
	assert.equal(back, 1);
});

import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import GrantStep from '../../source/steps/GrantStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

test('offers a user token and an application token', async () => {
	const chosen: string[] = [];
	const ink = await renderInk(<GrantStep onSubmit={grant => chosen.push(grant)} onBack={() => {}} />);
	assert.match(ink.screen(), /❯ User token .*seller/);
	assert.match(ink.screen(), /Application token .*client credentials/);
	await press(ink, keys.down, keys.enter);
	assert.deepEqual(chosen, ['app']);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('Esc goes back without choosing', async () => {
	let back = 0;
	const chosen: string[] = [];
	const ink = await renderInk(<GrantStep initial="app" onSubmit={grant => chosen.push(grant)} onBack={() => back++} />);
	await press(ink, keys.escape);
	assert.equal(back, 1);
	assert.deepEqual(chosen, []);
});

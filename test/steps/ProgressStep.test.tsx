import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import ProgressStep from '../../source/steps/ProgressStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

test('each task shows its state: done with the time, running with a spinner, waiting', async () => {
	const ink = await renderInk(
		<ProgressStep
			position={{provider: 'Etsy', step: 6, steps: 8}}
			tasks={[
				{label: 'Exchanging the code', doneLabel: 'Token exchanged', state: 'done', ms: 300},
				{label: 'Verifying the token', state: 'running', ms: 1200},
				{label: 'Saving', state: 'pending'},
			]}
		/>,
	);
	const lines = ink.screen().split('\n');
	assert.equal(lines[0], 'mkt-wizard · Etsy · step 6 of 8 · Getting the token');
	assert.ok(lines.includes('✔ Token exchanged in 0.3s'));
	assert.ok(lines.some(line => /^\S Verifying the token… 1\.2s$/.test(line)));
	assert.ok(lines.includes('· Saving'));
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('a failed task shows ✖', async () => {
	const ink = await renderInk(<ProgressStep tasks={[{label: 'Verifying', failedLabel: 'Verification failed', state: 'failed', ms: 500}]} />);
	assert.match(ink.screen(), /✖ Verification failed after 0\.5s/);
});

test('Esc cancels only when the caller allows it', async () => {
	let cancelled = 0;
	const tasks = [{label: 'Exchanging the code', state: 'running'}] as const;
	const ink = await renderInk(<ProgressStep tasks={tasks} onCancel={() => cancelled++} />);
	assert.match(ink.screen(), /esc cancel/);
	await press(ink, keys.escape);
	assert.equal(cancelled, 1);
	await cleanupInk();
	const fixed = await renderInk(<ProgressStep tasks={tasks} />);
	assert.doesNotMatch(fixed.screen(), /esc/);
});

import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import ErrorStep from '../../source/steps/ErrorStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

const error = {
	message: 'Etsy did not recognise the keystring.',
	remedy: 'Copy the keystring again from Your Apps on etsy.com/developers and check that the app is active.',
	providerCode: 'invalid_client',
};

test('shows the cause, the remedy and the provider code, with the keys that work', async () => {
	const calls: string[] = [];
	const ink = await renderInk(
		<ErrorStep
			error={error}
			title="Token exchange failed"
			details={['The browser reached the callback at 14:02.']}
			onRetry={() => calls.push('retry')}
			onBack={() => calls.push('back')}
			onQuit={() => calls.push('quit')}
		/>,
	);
	const screen = ink.screen();
	assert.match(screen, /· Token exchange failed/);
	assert.match(screen, /✖ Etsy did not recognise the keystring\./);
	assert.match(screen, /→ Copy the keystring again/);
	assert.match(screen, /provider said: invalid_client/);
	assert.match(screen, /· The browser reached the callback at 14:02\./);
	assert.match(screen, /r retry · esc back · q quit/);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('r retries, Esc goes back, q quits; one key per chunk acts', async () => {
	const calls: string[] = [];
	const ink = await renderInk(<ErrorStep error={error} onRetry={() => calls.push('retry')} onBack={() => calls.push('back')} onQuit={() => calls.push('quit')} />);
	await press(ink, 'rr');
	await press(ink, keys.escape);
	await press(ink, 'q');
	assert.deepEqual(calls, ['retry', 'back', 'quit']);
});

test('without onRetry and onBack only q works and only q is offered', async () => {
	const calls: string[] = [];
	const ink = await renderInk(<ErrorStep error={{message: 'Gone.', remedy: 'Start again.'}} onQuit={() => calls.push('quit')} />);
	assert.doesNotMatch(ink.screen(), /retry|esc/);
	assert.doesNotMatch(ink.screen(), /provider said/);
	await press(ink, 'r', keys.escape, 'q');
	assert.deepEqual(calls, ['quit']);
});

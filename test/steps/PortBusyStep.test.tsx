import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {getProvider} from '../../source/providers/index.js';
import PortBusyStep, {type Props} from '../../source/steps/PortBusyStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

const message = 'Port 3000 on 127.0.0.1 is already in use by another program, so mkt-wizard cannot receive the callback there.';

function setup(props: Partial<Props> = {}) {
	const calls: string[] = [];
	const element = (
		<PortBusyStep
			provider={getProvider('etsy')}
			message={message}
			redirect="http://localhost:3000/callback"
			busy={{port: 3000, owner: {pid: 4242, command: 'node server.js'}, alternative: 'http://localhost:3001/callback'}}
			position={{provider: 'Etsy', step: 5, steps: 7}}
			onUseAlternative={redirect => calls.push(`use:${redirect}`)}
			onCopy={redirect => calls.push(`copy:${redirect}`)}
			onRetry={() => calls.push('retry')}
			onBack={() => calls.push('back')}
			onQuit={() => calls.push('quit')}
			{...props}
		/>
	);
	return {element, calls};
}

test('names the process holding the port and offers the free one with the reminder to register it', async () => {
	const {element} = setup();
	const ink = await renderInk(element);
	const screen = ink.screen();
	assert.match(screen, /step 5 of 7 · Port 3000 is in use/);
	assert.match(screen, /✖ Port 3000 on 127\.0\.0\.1 is already in use/);
	assert.match(screen, /Held by process 4242: node server\.js/);
	assert.match(screen, /now {2}http:\/\/localhost:300\[-0-\]\/callback/);
	assert.match(screen, /new {2}http:\/\/localhost:300\{\+1\+\}\/callback/);
	assert.match(screen.replaceAll(/\s+/g, ' '), /! The registered redirect URI must change too: register exactly http:\/\/localhost:3001\/callback at https:\/\/www\.etsy\.com\/developers\/your-apps before you press u, or Etsy will refuse it\./);
	assert.match(screen, /u use port 3001 · c copy the new URI · r retry this port · esc back · q quit/);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('u uses the other port, c copies it, r retries, Esc goes back, q quits', async () => {
	const {element, calls} = setup();
	const ink = await renderInk(element);
	await press(ink, 'c', 'u', 'r', keys.escape, 'q');
	assert.deepEqual(calls, ['copy:http://localhost:3001/callback', 'use:http://localhost:3001/callback', 'retry', 'back', 'quit']);
});

test('an unknown owner and no free port: says so, and u does nothing', async () => {
	const {element, calls} = setup({busy: {port: 3000}});
	const ink = await renderInk(element);
	const screen = ink.screen().replaceAll(/\s+/g, ' ');
	assert.match(screen, /The system does not say which program holds it/);
	assert.match(screen, /lsof -i :3000/);
	assert.match(screen, /use another port in the redirect URI \(Esc\)/);
	assert.doesNotMatch(screen, /use port/);
	await press(ink, 'u');
	assert.deepEqual(calls, []);
});

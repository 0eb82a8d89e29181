// The consent screen's troubleshooting lines: the hint after a quiet wait, the
// browser that did not open (named cause, p offered), and a paste whose Enter comes alone.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {act} from 'react';
import ConsentStep, {type Props} from '../../source/steps/ConsentStep.js';
import {browserNote} from '../../source/wizard-services.js';
import {cleanupInk, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

const quietNotice = {afterMs: 20_000, text: 'Nothing has reached the callback server in 20 s. Press t.'};

function setup(props: Partial<Props> = {}) {
	const calls: string[] = [];
	const element = (
		<ConsentStep
			url="http://127.0.0.1:9/etsy/oauth/connect?redirect_uri=x"
			elapsedMs={19_000}
			browserOpened
			quietNotice={quietNotice}
			onShowUrl={() => calls.push('show-url')}
			onOpenAgain={() => calls.push('open-again')}
			onTroubleshoot={() => calls.push('troubleshoot')}
			onCancel={() => calls.push('cancel')}
			onSubmitPaste={text => calls.push(`submit:${text}`)}
			{...props}
		/>
	);
	return {element, calls};
}

test('the quiet hint shows once the time passed with nothing seen, and not before', async () => {
	const early = await renderInk(setup().element);
	assert.doesNotMatch(early.screen(), /Nothing has reached/);
	await cleanupInk();
	const late = await renderInk(setup({elapsedMs: 20_000}).element);
	assert.match(late.screen(), /! Nothing has reached the callback server in 20 s\. Press t\./);
});

test('the quiet hint stays away once the server saw something', async () => {
	const ink = await renderInk(setup({elapsedMs: 60_000, events: [{text: 'ignored /favicon.ico', tone: 'info'}]}).element);
	assert.doesNotMatch(ink.screen(), /Nothing has reached/);
});

test('while the opener is watched the screen says so instead of "no browser"', async () => {
	const ink = await renderInk(setup({browserOpened: false, browserPending: true}).element);
	assert.match(ink.screen(), /· Opening your browser…/);
	assert.doesNotMatch(ink.screen(), /No browser was opened/);
});

test('no browser: the cause is named and p is offered', async () => {
	const ink = await renderInk(setup({browserOpened: false, browserNote: browserNote({opened: false, reason: 'no-display'}, {SSH_CONNECTION: '10.0.0.1 5000 10.0.0.2 22'})}).element);
	assert.match(ink.screen().replaceAll(/\s+/g, ' '), /! No browser was opened: this is an SSH session, with no display to show a browser on\. Open the URL above yourself\. If that browser is on another machine, press p and paste the address it ends on\./);
});

test('browser notes name each cause', () => {
	assert.equal(browserNote({opened: false, reason: 'disabled'}, {BROWSER: 'none'}), 'BROWSER=none');
	assert.match(browserNote({opened: false, reason: 'no-display'}, {}), /no display here \(DISPLAY and WAYLAND_DISPLAY are unset; a container or a server\)/);
	assert.equal(browserNote({opened: false, reason: 'failed', command: 'firefox'}, {BROWSER: 'firefox'}), 'firefox failed (BROWSER=firefox)');
	assert.equal(browserNote({opened: false, reason: 'not-found', command: 'xdg-open'}, {}), 'xdg-open was not found; set BROWSER to your browser\'s command');
});

test('a pasted address whose Enter arrives before the field re-rendered is still submitted whole', async () => {
	const {element, calls} = setup();
	const ink = await renderInk(element);
	await press(ink, 'p');
	await act(async () => {
		ink.stdin.write('http://localhost:3000/callback?code=c&state=s');
		ink.stdin.write('\r');
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	});
	assert.deepEqual(calls, ['submit:http://localhost:3000/callback?code=c&state=s']);
});

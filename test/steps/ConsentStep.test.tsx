import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {act, cloneElement, useState} from 'react';
import ConsentStep, {type Props} from '../../source/steps/ConsentStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';
import {browserNote} from '../../source/oauth/browser.js';

afterEach(cleanupInk);

const url = 'https://www.etsy.com/oauth/connect?response_type=code&client_id=abcdefghijklmnop12345678&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback&scope=shops_r%20listings_r&state=Zm9vYmFyYmF6cXV4&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256';

function setup(props: Partial<Props> = {}) {
	const calls: string[] = [];
	const element = (
		<ConsentStep
			url={url}
			elapsedMs={42_000}
			timeoutMs={300_000}
			browserOpened
			position={{provider: 'Etsy', step: 5, steps: 8}}
			onShowUrl={() => calls.push('show-url')}
			onOpenAgain={() => calls.push('open-again')}
			onTroubleshoot={() => calls.push('troubleshoot')}
			onCancel={() => calls.push('cancel')}
			onPaste={() => calls.push('paste')}
			onSubmitPaste={text => calls.push(`submit:${text}`)}
			onDemoDecision={decision => calls.push(`demo:${decision}`)}
			{...props}
		/>
	);
	return {element, calls};
}

test('shows the live wait line, where the URL is, and the keys, within 80 columns', async () => {
	const {element} = setup();
	const ink = await renderInk(element);
	const screen = ink.screen();
	assert.match(screen, /step 5 of 8 · Consent in the browser/);
	assert.match(screen, /Waiting for the browser… 0:42 \(times out in 4:18\)/);
	assert.match(screen, /✔ Opened your browser\./);
	assert.match(screen, /Open the page printed above to consent \(c prints it again\)\./);
	assert.ok(!screen.includes('client_id'), 'the URL is printed above the frame (wizard/use-clipboard.ts), not wrapped inside it');
	assert.match(screen, /c show URL · p paste URL · o open browser · t troubleshoot · esc cancel/);
	assert.doesNotMatch(screen, /demo/);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('says when no browser was opened, and why', async () => {
	const {element} = setup({browserOpened: false, browserNote: 'BROWSER=none'});
	const ink = await renderInk(element);
	assert.match(ink.screen(), /! No browser was opened: BROWSER=none\. Open the URL above yourself\./);
});

test('shows the last five things the callback server saw, each with its symbol', async () => {
	const events = [
		{text: 'first, scrolled away', tone: 'info'},
		{text: 'second, scrolled away', tone: 'info'},
		{text: 'self-test answered', tone: 'info'},
		{text: 'ignored /favicon.ico', tone: 'info'},
		{text: 'wrong path /oauth/callback', tone: 'warn'},
		{text: 'state did not match — ignored', tone: 'warn'},
		{text: 'provider said access_denied', tone: 'error'},
	] as const;
	const {element} = setup({events});
	const ink = await renderInk(element);
	const screen = ink.screen();
	assert.doesNotMatch(screen, /scrolled away/);
	assert.match(screen, /· self-test answered/);
	assert.match(screen, /! state did not match — ignored/);
	assert.match(screen, /✖ provider said access_denied/);
});

test('c, o, t and Esc call back, and a chunk "co" does both', async () => {
	const {element, calls} = setup();
	const ink = await renderInk(element);
	await press(ink, 'co');
	assert.deepEqual(calls, ['show-url', 'open-again']);
	await press(ink, 't');
	await press(ink, keys.escape);
	assert.deepEqual(calls, ['show-url', 'open-again', 'troubleshoot', 'cancel']);
});

test('p switches to a paste field; the pasted URL is submitted, its letters are not taken as keys', async () => {
	const {element, calls} = setup();
	const ink = await renderInk(element);
	await press(ink, 'p');
	assert.deepEqual(calls, ['paste']);
	assert.match(ink.screen(), /Redirected URL\n❯/);
	assert.match(ink.screen(), /enter use this URL · esc stop pasting/);
	await press(ink, ' http://localhost:3000/callback?code=tco&state=xyz \r');
	assert.deepEqual(calls, ['paste', 'submit:http://localhost:3000/callback?code=tco&state=xyz']);
});

test('Enter on an empty paste field says so; a caller error shows under the field', async () => {
	const {element, calls} = setup({initialMode: 'paste', pasteError: 'That address has no code= in it.'});
	const ink = await renderInk(element);
	assert.match(ink.screen(), /✖ That address has no code= in it\./);
	await press(ink, keys.enter);
	assert.match(ink.screen(), /✖ Nothing pasted: copy the whole address from the browser\./);
	assert.deepEqual(calls, []);
});

test('Esc in the paste field goes back to waiting, not out of the step', async () => {
	const {element, calls} = setup();
	const ink = await renderInk(element);
	await press(ink, 'p', 'abc', keys.escape);
	assert.doesNotMatch(ink.screen(), /Redirected URL/);
	assert.deepEqual(calls, ['paste']);
	await press(ink, 'c');
	assert.deepEqual(calls, ['paste', 'show-url']);
});

test('in the demo, y approves and d denies; otherwise they do nothing', async () => {
	const plain = setup();
	const ink = await renderInk(plain.element);
	await press(ink, 'y', 'd');
	assert.deepEqual(plain.calls, []);
	await cleanupInk();

	const demo = setup({demo: true});
	const demoInk = await renderInk(demo.element);
	assert.match(demoInk.screen(), /esc cancel ·\s+y approve \(demo\) · d deny \(demo\)/);
	await press(demoInk, 'y');
	await press(demoInk, 'd');
	assert.deepEqual(demo.calls, ['demo:approve', 'demo:deny']);
});

test('a rejected paste: its error goes when the field changes, a new paste replaces it, Esc then p starts empty', async () => {
	const calls: string[] = [];
	const Rejecting = () => {
		const [error, setError] = useState<string | undefined>();
		const {element} = setup({onSubmitPaste(text) {
			calls.push(`submit:${text}`);
			setError('That address has no code= in it.');
		}});
		return cloneElement(element, error ? {pasteError: error} : {});
	};

	const ink = await renderInk(<Rejecting />);
	const wrong = `http://localhost:3000/${'w'.repeat(600)}`;
	await press(ink, 'p', wrong, keys.enter);
	assert.match(ink.screen(), /✖ That address has no code=/);
	await press(ink, keys.backspace);
	assert.doesNotMatch(ink.screen(), /✖/, 'the field changed');
	await press(ink, 'x', keys.enter);
	assert.match(ink.screen(), /✖ That address has no code=/);
	await press(ink, 'http://localhost:3000/callback?code=c&state=s');
	assert.doesNotMatch(ink.screen(), /w{20}/, 'the paste replaced the rejected address');
	await press(ink, keys.enter, keys.escape, 'p');
	assert.deepEqual(calls.at(-1), 'submit:http://localhost:3000/callback?code=c&state=s');
	assert.match(ink.screen(), /Redirected URL\n❯\s*\n/, 'the rejected paste did not come back');
});

// The consent screen's troubleshooting lines: the hint after a quiet wait, the
// browser that did not open (named cause, p offered), and a paste whose Enter comes alone.

const quietNotice = {afterMs: 20_000, text: 'Nothing has reached the callback server in 20 s. Press t.'};

function quietSetup(props: Partial<Props> = {}) {
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
	const early = await renderInk(quietSetup().element);
	assert.doesNotMatch(early.screen(), /Nothing has reached/);
	await cleanupInk();
	const late = await renderInk(quietSetup({elapsedMs: 20_000}).element);
	assert.match(late.screen(), /! Nothing has reached the callback server in 20 s\. Press t\./);
});

test('the quiet hint stays away once the server saw something', async () => {
	const ink = await renderInk(quietSetup({elapsedMs: 60_000, events: [{text: 'ignored /favicon.ico', tone: 'info'}]}).element);
	assert.doesNotMatch(ink.screen(), /Nothing has reached/);
});

test('while the opener is watched the screen says so instead of "no browser"', async () => {
	const ink = await renderInk(quietSetup({browserOpened: false, browserPending: true}).element);
	assert.match(ink.screen(), /· Opening your browser…/);
	assert.doesNotMatch(ink.screen(), /No browser was opened/);
});

test('no browser: the cause is named and p is offered', async () => {
	const ink = await renderInk(quietSetup({browserOpened: false, browserNote: browserNote({opened: false, reason: 'no-display'}, {SSH_CONNECTION: '10.0.0.1 5000 10.0.0.2 22'})}).element);
	assert.match(ink.screen().replaceAll(/\s+/g, ' '), /! No browser was opened: this is an SSH session, with no display to show a browser on\. Open the URL above yourself\. If that browser is on another machine, press p and paste the address it ends on\./);
});

test('browser notes name each cause', () => {
	assert.equal(browserNote({opened: false, reason: 'disabled'}, {BROWSER: 'none'}), 'BROWSER=none');
	assert.match(browserNote({opened: false, reason: 'no-display'}, {}), /no display here \(DISPLAY and WAYLAND_DISPLAY are unset; a container or a server\)/);
	assert.equal(browserNote({opened: false, reason: 'failed', command: 'firefox'}, {BROWSER: 'firefox'}), 'firefox failed (BROWSER=firefox)');
	assert.equal(browserNote({opened: false, reason: 'not-found', command: 'xdg-open'}, {}), 'xdg-open was not found; set BROWSER to your browser\'s command');
});

test('a pasted address whose Enter arrives before the field re-rendered is still submitted whole', async () => {
	const {element, calls} = quietSetup();
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

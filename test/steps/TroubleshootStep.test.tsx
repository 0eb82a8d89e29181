import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {act} from 'react';
import {getProvider} from '../../source/providers/index.js';
import TroubleshootStep, {type Props} from '../../source/steps/TroubleshootStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

const etsy = getProvider('etsy');
const ebay = getProvider('ebay');

function setup(props: Partial<Props> = {}) {
	const calls: string[] = [];
	const element = (
		<TroubleshootStep
			provider={etsy}
			redirect="http://localhost:3000/callback"
			events={[]}
			elapsedMs={25_000}
			position={{provider: 'Etsy', step: 5, steps: 7}}
			onCompare={text => calls.push(`compare:${text}`)}
			onBack={() => calls.push('back')}
			{...props}
		/>
	);
	return {element, calls};
}

test('nothing seen: the refused redirect comes first, with Etsy\'s page text, and a field for the registered URI', async () => {
	const {element} = setup();
	const ink = await renderInk(element);
	const screen = ink.screen();
	assert.match(screen, /step 5 of 7 · Troubleshooting the redirect/);
	assert.match(screen, /Sent as redirect URI: http:\/\/localhost:3000\/callback/);
	assert.match(screen, /Waiting for 0:25; the callback server saw no request at all\./);
	assert.match(screen, /1\. Etsy refused the redirect URI and showed its own error page \("The requested\s+redirect URL is not permitted"\)/);
	assert.match(screen, /2\. The consent page is still open/);
	assert.match(screen, /3\. The browser runs on another machine/);
	assert.match(screen, /Registered redirect URI\n❯/);
	assert.match(screen, /enter compare · esc back to waiting/);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('a wrong path seen puts the path first, naming both paths', async () => {
	const {element} = setup({
		events: [{text: 'wrong path /oauth/callback: the browser came back to a different address than the redirect URI', tone: 'warn'}],
		seen: [{type: 'request', path: '/oauth/callback', outcome: 'wrong-path', detail: '/oauth/callback'}],
	});
	const ink = await renderInk(element);
	const screen = ink.screen().replaceAll(/\s+/g, ' ');
	assert.match(screen, /! wrong path \/oauth\/callback/);
	assert.match(screen, /1\. The browser came back to http:\/\/localhost:3000\/oauth\/callback, not to \/callback/);
	assert.doesNotMatch(screen, /2\. /, 'only what the server saw explains it');
});

test('a stale state seen is explained as an older tab, with the keys to use the URL shown now', async () => {
	const {element} = setup({
		events: [{text: 'state did not match — ignored (a stale tab or another login?)', tone: 'warn'}],
		seen: [{type: 'request', path: '/callback', outcome: 'state-mismatch', detail: 'different'}],
	});
	const ink = await renderInk(element);
	const screen = ink.screen().replaceAll(/\s+/g, ' ');
	assert.match(screen, /1\. A callback came with a state this attempt did not issue: a consent tab from an earlier attempt/);
	assert.match(screen, /Close the older consent tabs and use the URL shown now \(Esc, then c to show it or o to open it again\)/);
});

test('the pasted text is handed over on Enter, also when Enter comes in its own chunk', async () => {
	const {element, calls} = setup();
	const ink = await renderInk(element);
	await press(ink, keys.enter);
	assert.match(ink.screen(), /✖ Nothing pasted yet\./);
	await press(ink, 'http://127.0.0.1:3000/callback', keys.enter);
	assert.deepEqual(calls, ['compare:http://127.0.0.1:3000/callback']);
});

test('Enter arriving before the field re-rendered with the paste still compares the pasted text', async () => {
	const {element, calls} = setup();
	const ink = await renderInk(element);
	// Two chunks with no render between them, as `tmux send-keys -l URL; send-keys Enter` delivers them.
	await act(async () => {
		ink.stdin.write('http://127.0.0.1:3000/callback');
		ink.stdin.write('\r');
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	});
	assert.deepEqual(calls, ['compare:http://127.0.0.1:3000/callback']);
});

test('a paste with Enter in one chunk compares; letters typed do not act as keys', async () => {
	const {element, calls} = setup({initialPasted: 'http://127.0.0.1'});
	const ink = await renderInk(element);
	assert.match(ink.screen(), /❯ http:\/\/127\.0\.0\.1/);
	await press(ink, ':3000/callback\r');
	assert.deepEqual(calls, ['compare:http://127.0.0.1:3000/callback']);
});

test('Esc goes back to waiting, even with text in the field', async () => {
	const {element, calls} = setup();
	const ink = await renderInk(element);
	await press(ink, 'abc', keys.escape);
	assert.deepEqual(calls, ['back']);
});

test('eBay: the RuName and its accept URL are explained, and the field asks for the RuName', async () => {
	const {element} = setup({provider: ebay, redirect: 'Jane_Doe-JaneDoeA-MyApp-abcdef'});
	const ink = await renderInk(element);
	const screen = ink.screen().replaceAll(/\s+/g, ' ');
	assert.match(screen, /the code comes back by paste \(p on the consent screen\)/);
	assert.match(screen, /1\. After you agree, eBay sends the browser to the accept URL of the RuName Jane_Doe-JaneDoeA-MyApp-abcdef/);
	assert.match(screen, /Registered RuName ❯/);
});

import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {getProvider} from '../../source/providers/index.js';
import {checkPastedRedirect} from '../../source/steps/redirect-check.js';
import RedirectDiffStep, {diffAction, type Props} from '../../source/steps/RedirectDiffStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

const etsy = getProvider('etsy');
const ebay = getProvider('ebay');
const sent = 'http://localhost:3000/callback';

function setup(props: Partial<Props> & {registered?: string} = {}) {
	const calls: string[] = [];
	const {registered, ...rest} = props;
	const element = (
		<RedirectDiffStep
			provider={etsy}
			sent={sent}
			{...(registered === undefined ? {} : {pasted: registered, result: checkPastedRedirect({sent: props.sent ?? sent, pasted: registered})})}
			position={{provider: 'Etsy', step: 5, steps: 7}}
			onCompare={text => calls.push(`compare:${text}`)}
			onRerun={redirect => calls.push(`rerun:${redirect}`)}
			onRetry={() => calls.push('retry')}
			onCopy={value => calls.push(`copy:${value}`)}
			onBack={() => calls.push('back')}
			{...rest}
		/>
	);
	return {element, calls};
}

test('localhost sent, 127.0.0.1 registered: the host is marked on both lines, named, and r re-runs with the registered one', async () => {
	const {element, calls} = setup({registered: 'http://127.0.0.1:3000/callback'});
	const ink = await renderInk(element);
	const screen = ink.screen();
	assert.match(screen, /sent {8}http:\/\/\[-localhost-\]:3000\/callback/);
	assert.match(screen, /registered {2}http:\/\/\{\+127\.0\.0\.1\+\}:3000\/callback/);
	assert.match(screen, /\[-…-\] only in the one sent · \{\+…\+\} only in the registered one/);
	assert.match(screen.replaceAll(/\s+/g, ' '), /✖ host: The host is localhost in the one sent and 127\.0\.0\.1 in the registered one: different strings to the provider even though they reach the same machine\./);
	assert.match(screen.replaceAll(/\s+/g, ' '), /→ Re-run with the registered one, http:\/\/127\.0\.0\.1:3000\/callback: nothing changes in your app settings\. Press r\./);
	assert.match(screen, /r re-run with the registered URI · esc paste another/);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
	await press(ink, 'c');
	assert.deepEqual(calls, [], 'c copies only a value to register');
	await press(ink, 'r');
	assert.deepEqual(calls, ['rerun:http://127.0.0.1:3000/callback']);
});

test('a trailing slash and another port are each named with their explanation', async () => {
	const {element} = setup({registered: 'http://localhost:3003/callback/'});
	const ink = await renderInk(element);
	const screen = ink.screen().replaceAll(/\s+/g, ' ');
	assert.match(screen, /http:\/\/localhost:300\[-0-\]\/callback/);
	assert.match(screen, /http:\/\/localhost:300\{\+3\+\}\/callback\{\+\/\+\}/);
	assert.match(screen, /✖ port: The one sent has port 3000 and the registered one has port 3003/);
	assert.match(screen, /✖ trailing slash: Only the registered one ends with a slash/);
});

test('a registration mkt-wizard cannot listen on: the fix is to register the one sent, c copies it, r tries again', async () => {
	const {element, calls} = setup({registered: 'https://example.com/callback'});
	const ink = await renderInk(element);
	const screen = ink.screen().replaceAll(/\s+/g, ' ');
	assert.match(screen, /✖ scheme: One uses http and the other https/);
	assert.match(screen, /→ Register exactly http:\/\/localhost:3000\/callback at https:\/\/www\.etsy\.com\/developers\/your-apps, character for character \(c copies it\), then press r to try again\./);
	assert.match(screen, /c copy it · r try again once registered · esc paste another/);
	await press(ink, 'c', 'r');
	assert.deepEqual(calls, ['copy:http://localhost:3000/callback', 'retry']);
});

test('an invisible character in the paste is shown as its code point', async () => {
	const {element} = setup({registered: 'http://localhost:3000/call\u200Bback'});
	const ink = await renderInk(element);
	const screen = ink.screen().replaceAll(/\s+/g, ' ');
	assert.match(screen, /http:\/\/localhost:3000\/call\{\+⟨U\+200B⟩\+\}back/);
	assert.match(screen, /✖ invisible characters: The registered value contains a zero-width space \(U\+200B\)/);
});

test('identical: says the redirect URI is not the problem; r tries again', async () => {
	const {element, calls} = setup({registered: ` ${sent}\n`});
	const ink = await renderInk(element);
	assert.match(ink.screen().replaceAll(/\s+/g, ' '), /✔ Identical, character for character: the redirect URI is not what Etsy refuses\./);
	await press(ink, 'r');
	assert.deepEqual(calls, ['retry']);
});

test('the error page\'s address: its redirect_uri is compared, and the same value means the registration differs', async () => {
	const page = `https://www.etsy.com/oauth/connect?response_type=code&client_id=abc&redirect_uri=${encodeURIComponent(sent)}&state=xyz`;
	const {element, calls} = setup({registered: page});
	const ink = await renderInk(element);
	const screen = ink.screen().replaceAll(/\s+/g, ' ');
	assert.match(screen, /Taken from redirect_uri in the pasted address/);
	assert.match(screen, /The error page is for exactly the redirect URI sent, so the one registered at Etsy differs from it\./);
	assert.match(screen, /esc paste another/);
	await press(ink, 'r');
	assert.deepEqual(calls, [], 'nothing to re-run with');
	await press(ink, keys.escape);
	assert.deepEqual(calls, ['back']);
});

test('the error page of another consent URL says so', async () => {
	const page = `https://www.etsy.com/oauth/connect?redirect_uri=${encodeURIComponent('http://localhost:3001/callback')}`;
	const {element} = setup({registered: page});
	const ink = await renderInk(element);
	const screen = ink.screen().replaceAll(/\s+/g, ' ');
	assert.match(screen, /error page http:\/\/localhost:300\{\+1\+\}\/callback/);
	assert.match(screen, /! That error page is for another consent URL/);
});

test('without a result it asks for the registered value and hands the paste over', async () => {
	const {element, calls} = setup({pasted: ''});
	const ink = await renderInk(element);
	assert.match(ink.screen(), /Compare with the registered redirect URI/);
	assert.match(ink.screen(), /Registered redirect URI\n❯/);
	await press(ink, 'r');
	assert.deepEqual(calls, [], 'letters go to the field');
	await press(ink, keys.backspace, 'http://127.0.0.1:3000/callback\r');
	assert.deepEqual(calls, ['compare:http://127.0.0.1:3000/callback']);
});

test('eBay: two RuNames, the registered one is re-run with; a URL registered as the RuName is not offered', () => {
	const rerun = diffAction(ebay, checkPastedRedirect({sent: 'Jane_Doe-JaneDoeA-MyApp-abcdef', pasted: 'Jane_Doe-JaneDoeA-MyApp-SBX-abcdef'}));
	assert.deepEqual(rerun, {kind: 'rerun', redirect: 'Jane_Doe-JaneDoeA-MyApp-SBX-abcdef'});
	const url = diffAction(ebay, checkPastedRedirect({sent: 'Jane_Doe-JaneDoeA-MyApp-abcdef', pasted: 'https://example.com/accepted'}));
	assert.equal(url.kind, 'none');
	const etsyRuName = diffAction(etsy, checkPastedRedirect({sent, pasted: 'Jane_Doe-JaneDoeA-MyApp-abcdef'}));
	assert.notEqual(etsyRuName.kind, 'rerun', 'Etsy cannot re-run with a RuName');
});

import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';
import RedirectStep, {type Props} from '../../source/steps/RedirectStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';
import {getProvider} from '../../source/providers/index.js';

afterEach(cleanupInk);

function setup(props: Partial<Props> = {}) {
	const submitted: string[] = [];
	let back = 0;
	const element = (
		<RedirectStep
			provider={etsy}
			position={{provider: 'Etsy', step: 3, steps: 8}}
			onSubmit={value => submitted.push(value)}
			onBack={() => back++}
			{...props}
		/>
	);
	return {element, submitted, backs: () => back};
}

const backspaces = (count: number) => keys.backspace.repeat(count);

test('Etsy offers the default loopback URL and asks to register exactly it', async () => {
	const {element, submitted} = setup();
	const ink = await renderInk(element);
	const screen = ink.screen();
	assert.match(screen, /step 3 of 8 · Redirect URI/);
	assert.match(screen, /Register exactly this in your app settings/);
	assert.match(screen, /❯ http:\/\/localhost:3000\/callback/);
	await press(ink, keys.enter);
	assert.deepEqual(submitted, ['http://localhost:3000/callback']);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('a URL without a port is refused with the reason under the field', async () => {
	const {element, submitted} = setup({initial: {value: 'http://localhost/callback'}});
	const ink = await renderInk(element);
	await press(ink, keys.enter);
	assert.match(ink.screen(), /✖ Add the port, as in http:\/\/localhost:3000\/callback/);
	assert.deepEqual(submitted, []);
});

test('a non-loopback host and https are refused, and fixing the value clears the error', async () => {
	const {element, submitted} = setup({initial: {value: 'https://example.com:3000/callback'}});
	const ink = await renderInk(element);
	await press(ink, keys.enter);
	assert.match(ink.screen(), /✖ Use http: /);
	await press(ink, `${backspaces(33)}http://example.com:3000/cb\r`);
	assert.match(ink.screen(), /✖ The host must be this computer [\s\S]*\n {4}example\.com\./);
	await press(ink, `${backspaces(26)}http://127.0.0.1:8080/cb`);
	assert.doesNotMatch(ink.screen(), /✖/);
	await press(ink, keys.enter);
	assert.deepEqual(submitted, ['http://127.0.0.1:8080/cb']);
});

test('a value from the environment says so', async () => {
	const {element} = setup({initial: {value: 'http://localhost:3003/oauth/redirect', origin: 'env'}});
	const ink = await renderInk(element);
	assert.match(ink.screen(), /Callback URL {2}\(from ETSY_REDIRECT_URI\)/);
});

test('eBay asks for the RuName and warns when given the accept URL, without blocking', async () => {
	const {element, submitted} = setup({provider: ebay, position: {provider: 'eBay', step: 5, steps: 10}});
	const ink = await renderInk(element);
	assert.match(ink.screen(), /step 5 of 10 · RuName/);
	assert.match(ink.screen(), /RuName \(eBay Redirect URL name\)\n❯/);
	await press(ink, keys.enter);
	assert.match(ink.screen(), /✖ The RuName is empty/);
	await press(ink, 'https://example.com/accepted');
	assert.match(ink.screen(), /! That is the accept URL; eBay wants the RuName/);
	await press(ink, keys.enter);
	assert.deepEqual(submitted, ['https://example.com/accepted']);
});

test('Esc goes back a step', async () => {
	const {element, backs, submitted} = setup();
	const ink = await renderInk(element);
	await press(ink, keys.escape);
	assert.equal(backs(), 1);
	assert.deepEqual(submitted, []);
});

// eBay: a RuName where a URL was given, or the other way round, is caught on the redirect step.

test('the Etsy redirect step blocks a RuName with that reason', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<RedirectStep provider={getProvider('etsy')} initial={{value: ''}} onSubmit={value => submitted.push(value)} onBack={() => undefined} />);
	await press(ink, 'Jane_Doe-JaneDoeA-MyApp-abcdef', keys.enter);
	assert.match(ink.screen(), /✖ That looks like an eBay RuName; Etsy wants the callback URL itself/);
	assert.deepEqual(submitted, []);
});

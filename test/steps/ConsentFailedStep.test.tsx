import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {getProvider} from '../../source/providers/index.js';
import ConsentFailedStep, {type Props} from '../../source/steps/ConsentFailedStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

function setup(props: Partial<Props> = {}) {
	const calls: string[] = [];
	const element = (
		<ConsentFailedStep
			provider={getProvider('etsy')}
			redirect="http://localhost:3000/callback"
			message="No callback arrived within 5 minutes; the callback server saw no request at all."
			events={[]}
			position={{provider: 'Etsy', step: 5, steps: 7}}
			onRetry={() => calls.push('retry')}
			onCompare={() => calls.push('compare')}
			onBack={() => calls.push('back')}
			onQuit={() => calls.push('quit')}
			{...props}
		/>
	);
	return {element, calls};
}

test('time-out with nothing seen: says nothing came, then the causes in order, with r, Enter, Esc and q', async () => {
	const {element} = setup();
	const ink = await renderInk(element);
	const screen = ink.screen();
	assert.match(screen, /step 5 of 7 · No callback arrived/);
	assert.match(screen, /✖ No callback arrived within 5 minutes/);
	assert.match(screen, /Sent as redirect URI: http:\/\/localhost:3000\/callback/);
	assert.equal(screen.replaceAll(/\s+/g, ' ').match(/no request at all/g)?.length, 1, 'said once');
	assert.match(screen.replaceAll(/\s+/g, ' '), /→ Press Enter and paste the registered one/);
	const flat = screen.replaceAll(/\s+/g, ' ');
	assert.ok(flat.indexOf('1. Etsy refused the redirect URI') < flat.indexOf('2. The consent page is still open'));
	assert.match(flat, /Then press r, since this attempt is over\./);
	assert.match(screen, /r retry · enter compare with the registered URI · esc back · q quit/);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('time-out after requests: lists what the server saw and explains them first', async () => {
	const {element} = setup({
		message: 'No callback arrived within 5 minutes; the callback server saw 2 requests (the favicon, wrong path /oauth/callback).',
		events: [{text: 'ignored /favicon.ico', tone: 'info'}, {text: 'wrong path /oauth/callback: the browser came back to a different address than the redirect URI', tone: 'warn'}],
		seen: [{type: 'request', path: '/favicon.ico', outcome: 'favicon'}, {type: 'request', path: '/oauth/callback', outcome: 'wrong-path'}],
	});
	const ink = await renderInk(element);
	const screen = ink.screen();
	assert.match(screen, /the callback server saw:\n {2}· ignored \/favicon\.ico\n {2}! wrong path \/oauth\/callback/);
	assert.match(screen.replaceAll(/\s+/g, ' '), /1\. The browser came back to http:\/\/localhost:3000\/oauth\/callback, not to \/callback/);
});

test('keys: r retries, Enter compares, Esc goes back, q quits', async () => {
	const {element, calls} = setup();
	const ink = await renderInk(element);
	await press(ink, 'r', keys.enter, keys.escape, 'q');
	assert.deepEqual(calls, ['retry', 'compare', 'back', 'quit']);
});

test('a provider error: what it means for Etsy and what to do, without the compare key', async () => {
	const {element, calls} = setup({
		title: 'Etsy answered with an error',
		message: 'Etsy refused one of the requested scopes.',
		events: [{text: 'Etsy said invalid_scope: Invalid scope: shops_x', tone: 'error'}],
		seen: [{type: 'provider-error', error: 'invalid_scope', description: 'Invalid scope: shops_x'}],
		onCompare: undefined,
	});
	const ink = await renderInk(element);
	const screen = ink.screen();
	assert.match(screen, /· Etsy answered with an error/);
	const flat = screen.replaceAll(/\s+/g, ' ');
	assert.match(flat, /1\. Etsy refused a requested scope \("Invalid scope: shops_x"\): this app is not granted it\./);
	assert.match(flat, /→ Press Esc to go back to the scopes and leave out the one Etsy names\./);
	assert.match(screen, /r retry · esc back · q quit/);
	await press(ink, keys.enter);
	assert.deepEqual(calls, []);
});

test('eBay access_denied names eBay\'s button', async () => {
	const {element} = setup({
		provider: getProvider('ebay'),
		redirect: 'Jane_Doe-JaneDoeA-MyApp-abcdef',
		message: 'The eBay consent was declined in the browser.',
		seen: [{type: 'provider-error', error: 'access_denied'}],
	});
	const ink = await renderInk(element);
	assert.match(ink.screen().replaceAll(/\s+/g, ' '), /Press r to start again and choose "Agree"\./);
});

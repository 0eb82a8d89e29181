// eBay: a RuName where a URL was given, or the other way round, is caught on the redirect step.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {getProvider} from '../../source/providers/index.js';
import {checkLoopbackRedirect, checkRuName} from '../../source/steps/redirect-checks.js';
import RedirectStep from '../../source/steps/RedirectStep.js';
import {cleanupInk, keys, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

test('a RuName given as Etsy\'s callback URL is named as one', () => {
	assert.deepEqual(checkLoopbackRedirect('Jane_Doe-JaneDoeA-MyApp-abcdef'), {
		level: 'error',
		text: 'That looks like an eBay RuName; Etsy wants the callback URL itself, like http://localhost:3000/callback.',
	});
});

test('a URL given as the eBay RuName is the accept URL: warned, not blocked', () => {
	assert.equal(checkRuName('https://example.com/accepted')?.level, 'warning');
});

test('the Etsy redirect step blocks a RuName with that reason', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<RedirectStep provider={getProvider('etsy')} initial={{value: ''}} onSubmit={value => submitted.push(value)} onBack={() => undefined} />);
	await press(ink, 'Jane_Doe-JaneDoeA-MyApp-abcdef', keys.enter);
	assert.match(ink.screen(), /✖ That looks like an eBay RuName; Etsy wants the callback URL itself/);
	assert.deepEqual(submitted, []);
});

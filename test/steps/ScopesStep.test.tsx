import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';
import ScopesStep, {type Props} from '../../source/steps/ScopesStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

function setup(props: Partial<Props> = {}) {
	const submitted: string[][] = [];
	const calls = {back: 0, keep: 0};
	const element = (
		<ScopesStep
			provider={etsy}
			position={{provider: 'Etsy', step: 4, steps: 8}}
			onSubmit={scopes => submitted.push(scopes)}
			onBack={() => calls.back++}
			{...props}
		/>
	);
	return {element, submitted, calls};
}

function rowOf(screen: string, name: string): string {
	return screen.split('\n').find(line => new RegExp(`[◉◯] ${name}\\b`).test(line)) ?? '';
}

const down = (count: number) => Array.from({length: count}, () => keys.down);

test('a first run checks the least-privilege preset and locks the verification scope', async () => {
	const {element, submitted} = setup();
	const ink = await renderInk(element);
	const screen = ink.screen();
	assert.match(screen, /step 4 of 8 · Scopes/);
	assert.match(screen, /least-privilege set is checked/);
	assert.match(screen, /\* shops_r is always included: needed to verify the login/);
	assert.match(screen, /3 of 12 selected/);
	assert.match(rowOf(screen, 'address_r'), /◯/);
	await press(ink, ...down(4));
	assert.match(rowOf(ink.screen(), 'listings_r'), /❯ ◉/);
	await press(ink, 'n');
	await press(ink, keys.enter);
	assert.deepEqual(submitted, [['shops_r']]);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('keys sent as ONE chunk toggle and submit as if typed one by one', async () => {
	const {element, submitted} = setup();
	const ink = await renderInk(element);
	// address_r on, down twice to email_r, on, then submit.
	await press(ink, ' jj \r');
	assert.deepEqual(submitted, [['address_r', 'email_r', 'listings_r', 'shops_r', 'transactions_r']]);
});

test('a re-run checks the granted scopes and shows what is added and removed before going on', async () => {
	const {element, submitted} = setup({granted: ['listings_r', 'shops_r', 'transactions_r'], tokenValid: true, onKeep() {}});
	const ink = await renderInk(element);
	assert.match(ink.screen(), /Checked: the scopes of your saved grant/);
	await press(ink, ...down(5), keys.space, ...down(5), keys.space, keys.enter);
	const screen = ink.screen();
	assert.match(screen, /Scopes: changes/);
	assert.match(screen, /\+ added {4}listings_w {2}Create and edit listings/);
	assert.match(screen, /− removed {2}transactions_r {2}See all checkout and payment data/);
	assert.doesNotMatch(screen, /keep/);
	assert.deepEqual(submitted, []);
	await press(ink, keys.enter);
	assert.deepEqual(submitted, [['listings_r', 'listings_w', 'shops_r']]);
});

test('Esc on the changes goes back to the list with the new choice kept', async () => {
	const {element, submitted} = setup({granted: ['shops_r']});
	const ink = await renderInk(element);
	await press(ink, keys.space, keys.enter);
	assert.match(ink.screen(), /\+ added {4}address_r/);
	await press(ink, keys.escape);
	assert.match(rowOf(ink.screen(), 'address_r'), /◉/);
	await press(ink, keys.enter, keys.enter);
	assert.deepEqual(submitted, [['address_r', 'shops_r']]);
});

test('nothing changed and a valid token: k keeps it, Enter re-authorises anyway', async () => {
	const granted = ['listings_r', 'shops_r'];
	const kept = setup({granted, tokenValid: true, onKeep() {
		kept.calls.keep++;
	}});
	const ink = await renderInk(kept.element);
	await press(ink, keys.enter);
	assert.match(ink.screen(), /✔ Nothing changed and the saved token is still valid\./);
	assert.match(ink.screen(), /k keep the saved token · enter re-authorise anyway/);
	await press(ink, 'k');
	assert.equal(kept.calls.keep, 1);
	assert.deepEqual(kept.submitted, []);
	await cleanupInk();

	const again = setup({granted, tokenValid: true, onKeep() {}});
	const second = await renderInk(again.element);
	await press(second, '\r');
	await press(second, keys.enter);
	assert.deepEqual(again.submitted, [granted]);
});

test('nothing changed but the token is not valid: no keep offer', async () => {
	const {element, submitted} = setup({granted: ['shops_r'], tokenValid: false, onKeep() {}});
	const ink = await renderInk(element);
	await press(ink, keys.enter);
	assert.match(ink.screen(), /Nothing changed, but the saved token needs a new consent/);
	await press(ink, 'k');
	assert.deepEqual(submitted, []);
	await press(ink, keys.enter);
	assert.deepEqual(submitted, [['shops_r']]);
});

test('Esc on the list goes back a step', async () => {
	const {element, calls, submitted} = setup();
	const ink = await renderInk(element);
	await press(ink, keys.escape);
	assert.equal(calls.back, 1);
	assert.deepEqual(submitted, []);
});

test('eBay scopes show by their short names and submit as full URIs', async () => {
	const {element, submitted} = setup({provider: ebay, position: {provider: 'eBay', step: 5, steps: 10}});
	const ink = await renderInk(element);
	const screen = ink.screen();
	assert.match(rowOf(screen, 'api_scope'), /◉ api_scope/);
	assert.match(screen, /\* commerce\.identity\.readonly is always included: needed to verify the login/);
	assert.doesNotMatch(screen, /https:\/\//);
	await press(ink, keys.enter);
	assert.deepEqual(submitted, [ebay.defaultScopes]);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

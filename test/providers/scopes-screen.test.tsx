// The scopes screen offers Etsy's 12 current scopes. A re-run of a login that holds a withdrawn
// one does not ask for it again (a new consent cannot), and the changes say it is going and why.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {loginDefaults} from '../../source/flows/login-input.js';
import {etsy} from '../../source/providers/etsy.js';
import ScopesStep from '../../source/steps/ScopesStep.js';
import type {Connection} from '../../source/store/types.js';
import {cleanupInk, keys, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

test('a first run offers only the 12 current Etsy scopes', async () => {
	const ink = await renderInk(<ScopesStep provider={etsy} onSubmit={() => undefined} onBack={() => undefined} />);
	assert.match(ink.screen(), /of 12 selected/);
	assert.doesNotMatch(ink.screen(), /cart_r/);
});

test('a re-run of a grant holding a withdrawn scope leaves it out and says so before consent', async () => {
	const submitted: string[][] = [];
	const ink = await renderInk(<ScopesStep provider={etsy} granted={['cart_r', 'shops_r']} onSubmit={scopes => submitted.push(scopes)} onBack={() => undefined} />);
	assert.match(ink.screen(), /1 of 12 selected/);
	await press(ink, keys.enter);
	assert.match(ink.screen(), /− removed {2}cart_r {2}Read shopping carts \(withdrawn by Etsy on 2026-08-17\)/);
	await press(ink, keys.enter);
	assert.deepEqual(submitted, [['shops_r']]);
});

test('login --yes without --scopes re-asks for the saved scopes, less the withdrawn ones', () => {
	const saved = {provider: 'etsy', environment: 'production', clientId: 'k', user: {scopes: ['cart_r', 'listings_r', 'shops_r']}} as unknown as Connection;
	const defaults = loginDefaults({provider: 'etsy', environment: undefined, grant: undefined, scopes: undefined, redirectUri: undefined}, {}, saved);
	assert.deepEqual(defaults.scopes, {value: ['listings_r', 'shops_r'], origin: 'saved'});
});

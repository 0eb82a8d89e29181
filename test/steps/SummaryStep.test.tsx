import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';
import SummaryStep, {type Props} from '../../source/steps/SummaryStep.js';
import {cleanupInk, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

const now = new Date(2026, 10, 23, 13, 4, 0).getTime();
const minute = 60_000;

function etsyProps(overrides: Partial<Props> = {}): Props {
	return {
		provider: etsy,
		environment: 'production',
		profile: 'default',
		configPath: '/home/jane/.config/mkt-wizard-nodejs/config.json',
		identity: {userId: '12345678', shopId: '87654321'},
		scopes: ['listings_r', 'shops_r'],
		accessExpiresAt: now + (59 * minute) + 30_000,
		refreshExpiresAt: new Date(2027, 1, 21, 13, 4).getTime(),
		now,
		onQuit() {},
		...overrides,
	};
}

test('says who is connected, where it was saved, the scopes, both expiries and how to use it', async () => {
	const ink = await renderInk(<SummaryStep {...etsyProps()} position={{provider: 'Etsy', step: 8, steps: 8}} />);
	const lines = ink.screen().split('\n');
	assert.equal(lines[0], 'mkt-wizard · Etsy · step 8 of 8 · Done');
	assert.ok(lines.includes('✔ Connected to Etsy as user 12345678 (shop 87654321)'), lines.join('\n'));
	assert.ok(lines.includes('  saved to /home/jane/.config/mkt-wizard-nodejs/config.json'));
	assert.ok(lines.includes('  scopes: listings_r, shops_r'));
	assert.ok(lines.includes('  access token expires 14:03 (in 1 h)'), 'to the nearest minute: 59 min 30 s is 1 h');
	assert.ok(lines.includes('  refresh token expires 21 Feb 2027 13:04 (in 90 days)'));
	assert.ok(lines.includes('  mkt-wizard token etsy'));
	assert.ok(lines.includes("  import {getAccessToken} from 'mkt-wizard'; await getAccessToken('etsy')"));
	assert.ok(lines.includes('q quit'));
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('a named profile shows in the path line, the command and the library call', async () => {
	const ink = await renderInk(<SummaryStep {...etsyProps({profile: 'work'})} />);
	const lines = ink.screen().split('\n');
	assert.ok(lines.some(line => line.endsWith('config.json (profile work)')));
	assert.ok(lines.includes('  mkt-wizard token etsy --profile work'));
	assert.ok(lines.includes("  await getAccessToken('etsy', {profile: 'work'})"));
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('eBay sandbox names the environment, the username and short scope names', async () => {
	const ink = await renderInk(<SummaryStep {...etsyProps({
		provider: ebay,
		environment: 'sandbox',
		identity: {userId: 'a1b2c3', username: 'jane_doe'},
		scopes: [...ebay.defaultScopes],
		refreshExpiresAt: undefined,
	})} />);
	const screen = ink.screen();
	assert.match(screen, /✔ Connected to eBay \(sandbox\) as jane_doe \(user ID a1b2c3\)/);
	assert.match(screen, /scopes: api_scope, commerce\.identity\.readonly, sell\.inventory\.readonly/);
	assert.doesNotMatch(screen, /refresh token/);
	assert.match(screen, /mkt-wizard token ebay --env sandbox/);
	assert.match(screen, /getAccessToken\('ebay', \{environment: 'sandbox'\}\)/);
});

test('an eBay application token says so and has no identity', async () => {
	const ink = await renderInk(<SummaryStep {...etsyProps({provider: ebay, grant: 'app', identity: undefined, scopes: [...ebay.appScopes]})} />);
	assert.match(ink.screen(), /✔ eBay \(production\) application token obtained/);
	assert.match(ink.screen(), /mkt-wizard token ebay --grant app/);
});

test('q quits', async () => {
	let quit = 0;
	const ink = await renderInk(<SummaryStep {...etsyProps({onQuit() {
		quit++;
	}})} />);
	await press(ink, 'x');
	assert.equal(quit, 0);
	await press(ink, 'q');
	assert.equal(quit, 1);
});

test('the demo says its config folder is a throw-away, and how a real login is used', async () => {
	const ink = await renderInk(<SummaryStep {...etsyProps()} throwaway />);
	const screen = ink.screen();
	assert.match(screen, /saved to the demo's throw-away config folder, deleted when the demo ends/);
	assert.doesNotMatch(screen, /config\.json/);
	assert.match(screen, /After a real login \(mkt-wizard without --demo\), use it:/);
});

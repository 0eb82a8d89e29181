import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import Select from '../../source/components/Select.js';
import {cleanupInk, keys, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

const items = [
	{value: 'production', label: 'Production', description: 'real listings'},
	{value: 'sandbox', label: 'Sandbox', description: 'test site'},
	{value: 'other', label: 'Other'},
] as const;

test('Enter chooses the item under the cursor', async () => {
	const chosen: string[] = [];
	const ink = await renderInk(<Select items={items} onSubmit={value => chosen.push(value)} />);
	assert.match(ink.screen(), /❯ Production {2}real listings/);
	await press(ink, keys.down, keys.enter);
	assert.deepEqual(chosen, ['sandbox']);
});

test('the cursor starts on initialValue, and a chunk of keys moves it key by key', async () => {
	const chosen: string[] = [];
	const ink = await renderInk(<Select items={items} initialValue="sandbox" onSubmit={value => chosen.push(value)} />);
	assert.match(ink.screen(), /❯ Sandbox/);
	await press(ink, 'jjk\r');
	assert.deepEqual(chosen, ['other']);
});

test('an inactive list ignores keys', async () => {
	const chosen: string[] = [];
	const ink = await renderInk(<Select items={items} isActive={false} onSubmit={value => chosen.push(value)} />);
	await press(ink, keys.enter);
	assert.deepEqual(chosen, []);
});

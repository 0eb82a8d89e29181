import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import Frame from '../../source/components/Frame.js';
import MultiSelect, {type MultiSelectItem} from '../../source/components/MultiSelect.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

const fruit: MultiSelectItem[] = [
	{value: 'apple', label: 'apple', description: 'Crisp'},
	{value: 'banana', label: 'banana', description: 'Soft'},
	{value: 'cherry', label: 'cherry', description: 'Small'},
	{value: 'damson', label: 'damson', description: 'Sour', locked: 'needed for jam'},
];

const many: MultiSelectItem[] = Array.from({length: 20}, (_, index) => ({
	value: `scope_${index}`,
	label: `scope_${index}`,
	description: `Scope number ${index} with a description long enough to need cutting at the edge of an eighty column terminal`,
}));

function rowOf(screen: string, label: string): string {
	return screen.split('\n').find(line => new RegExp(`[◉◯] ${label}\\b`).test(line)) ?? '';
}

test('space toggles the item under the cursor and Enter submits in list order', async () => {
	const submitted: string[][] = [];
	const ink = await renderInk(<MultiSelect items={fruit} onSubmit={selected => submitted.push(selected)} />);
	assert.match(rowOf(ink.screen(), 'apple'), /❯ ◯ apple/);
	await press(ink, keys.space, keys.down, keys.down, keys.space);
	assert.match(rowOf(ink.screen(), 'apple'), /◉ apple/);
	assert.match(rowOf(ink.screen(), 'cherry'), /❯ ◉ cherry/);
	await press(ink, keys.up, keys.space, keys.space, keys.enter);
	assert.deepEqual(submitted, [['apple', 'cherry', 'damson']]);
});

test('several keys in ONE chunk are applied one by one', async () => {
	const submitted: string[][] = [];
	const ink = await renderInk(<MultiSelect items={fruit} onSubmit={selected => submitted.push(selected)} />);
	await press(ink, ' jj \r');
	assert.deepEqual(submitted, [['apple', 'cherry', 'damson']]);
	assert.match(rowOf(ink.screen(), 'cherry'), /❯ ◉ cherry/);
});

test('k and j move like the arrows, wrapping at the ends', async () => {
	const ink = await renderInk(<MultiSelect items={fruit} onSubmit={() => {}} />);
	await press(ink, 'k');
	assert.match(rowOf(ink.screen(), 'damson'), /^❯/);
	await press(ink, 'j');
	assert.match(rowOf(ink.screen(), 'apple'), /^❯/);
});

test('a checks everything and n clears everything except locked items', async () => {
	const changes: string[][] = [];
	const ink = await renderInk(<MultiSelect items={fruit} initialSelected={['banana']} onSubmit={() => {}} onChange={selected => changes.push(selected)} />);
	await press(ink, 'a');
	assert.deepEqual(changes.at(-1), ['apple', 'banana', 'cherry', 'damson']);
	assert.match(ink.screen(), /4 of 4 selected/);
	await press(ink, 'n');
	assert.deepEqual(changes.at(-1), ['damson']);
	assert.match(rowOf(ink.screen(), 'damson'), /◉ damson \*/);
	assert.match(rowOf(ink.screen(), 'apple'), /◯ apple/);
});

test('a locked item starts checked, cannot be unchecked and says why', async () => {
	const submitted: string[][] = [];
	const ink = await renderInk(<MultiSelect items={fruit} onSubmit={selected => submitted.push(selected)} />);
	assert.match(ink.screen(), /\* damson is always included: needed for jam/);
	await press(ink, keys.up, keys.space, keys.enter);
	assert.deepEqual(submitted, [['damson']]);
});

test('a long list shows a window of rows with how many are hidden above and below', async () => {
	const ink = await renderInk(<MultiSelect items={many} onSubmit={() => {}} />);
	let screen = ink.screen();
	assert.match(screen, /↓ 10 more/);
	assert.doesNotMatch(screen, /↑ \d+ more/);
	assert.equal(screen.split('\n').filter(line => /[◉◯] scope_/.test(line)).length, 10);
	await press(ink, ...Array.from({length: 12}, () => keys.down));
	screen = ink.screen();
	assert.match(screen, /↑ 3 more/);
	assert.match(screen, /↓ 7 more/);
	assert.match(rowOf(screen, 'scope_12'), /^❯/);
	assert.doesNotMatch(screen, /scope_2 /);
	await press(ink, keys.up, keys.up, keys.up, keys.up);
	assert.match(ink.screen(), /↑ 3 more/, 'the window does not move while the cursor stays inside it');
	await press(ink, keys.escape);
	assert.ok(ink.screen().split('\n').length <= 14);
});

test('wrapping from the top shows the end of a long list', async () => {
	const ink = await renderInk(<MultiSelect items={many} onSubmit={() => {}} />);
	await press(ink, keys.up);
	assert.match(ink.screen(), /↑ 10 more/);
	assert.match(rowOf(ink.screen(), 'scope_19'), /^❯/);
});

test('rows are cut to the width of the frame', async () => {
	const ink = await renderInk(<Frame title="Scopes"><MultiSelect items={many} onSubmit={() => {}} /></Frame>);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
	assert.match(rowOf(ink.screen(), 'scope_1'), /…$/);
});

test('an inactive list ignores keys', async () => {
	const submitted: string[][] = [];
	const ink = await renderInk(<MultiSelect items={fruit} isActive={false} onSubmit={selected => submitted.push(selected)} />);
	await press(ink, ' \r');
	assert.deepEqual(submitted, []);
	assert.match(rowOf(ink.screen(), 'apple'), /◯ apple/);
});

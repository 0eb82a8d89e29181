import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {Text, useInput, type Key} from 'ink';
import {readInkInput} from '../../source/components/ink-keypress.js';
import {cleanupInk, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

function Probe({seen}: {seen: Array<{input: string; key: Key}>}) {
	useInput((input, key) => {
		seen.push({input, key: {...key}});
	});
	return <Text>probe</Text>;
}

const events = [
	'a', 'Z', '5', ' ', 'abc', 'ABC', 'héllo wörld', '😀', 'https://x.test/cb?code=v%5E1.1&state=2',
	'\r', '\n', '\t', '\u007F', '\b', 'ab\rcd\u007Fe\n', '\u0003', '\u0001', '\u001A', '\u0000',
	'\u001B', '\u001B\u001B', '\u001B\r', '\u001B\u007F', '\u001B\b', '\u001B ', '\u001Bb', '\u001BB', '\u001B5', '\u001B.',
	'\u001B[A', '\u001B[B', '\u001B[C', '\u001B[D', '\u001BOA', '\u001BOD', '\u001B[H', '\u001B[F', '\u001BOH', '\u001BOF',
	'\u001B[1~', '\u001B[4~', '\u001B[7~', '\u001B[8~', '\u001B[5~', '\u001B[6~', '\u001B[[5~', '\u001B[2~', '\u001B[3~', '\u001B[Z',
	'\u001B[1;5A', '\u001B[1;2B', '\u001B[1;3C', '\u001B[1;9D', '\u001B[3;5~', '\u001B\u001B[A', '\u001B[a', '\u001BOa', '\u001B[5^',
	'\u001BOP', '\u001B[15~', '\u001B[24~', '\u001B[E',
];

test('readInkInput reads every input event as Ink\'s useInput hands it over', async () => {
	const seen: Array<{input: string; key: Key}> = [];
	const ink = await renderInk(<Probe seen={seen} />);
	for (const data of events) {
		seen.length = 0;
		await press(ink, data);
		assert.equal(seen.length, 1, `Ink read ${JSON.stringify(data)} as ${seen.length} events`);
		assert.deepEqual(readInkInput(data), seen[0], `for ${JSON.stringify(data)}`);
	}
});

test('an escape sequence Ink cannot name is dropped instead of typed', () => {
	assert.equal(readInkInput('\u001B[13;2u').input, '');
	assert.equal(readInkInput('\u001B[200~').input, '');
	assert.equal(readInkInput('\u001BOx').input, '');
});

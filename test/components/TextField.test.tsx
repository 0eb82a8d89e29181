import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {useState} from 'react';
import TextField, {type Props} from '../../source/components/TextField.js';
import {cleanupInk, keys, press, pressAtOnce, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

function Harness({submitted, initial = '', ...props}: Partial<Props> & {submitted: string[]; initial?: string}) {
	const [value, setValue] = useState(initial);
	return (
		<TextField
			label="Keystring"
			{...props}
			value={value}
			onChange={setValue}
			onSubmit={text => submitted.push(text)}
		/>
	);
}

test('typed keys show in the field and Enter submits the value', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Harness submitted={submitted} />);
	await press(ink, 'a', 'b', 'c');
	assert.match(ink.screen(), /❯ abc/);
	await press(ink, keys.enter);
	assert.deepEqual(submitted, ['abc']);
});

test('a chunk "abc\\r" submits "abc" without a literal CR', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Harness submitted={submitted} />);
	await press(ink, 'abc\r');
	assert.deepEqual(submitted, ['abc']);
	assert.doesNotMatch(ink.lastFrame() ?? '', /\r/);
	assert.match(ink.screen(), /❯ abc/);
});

test('a chunk with Backspace in it erases as the keys would', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Harness submitted={submitted} />);
	await press(ink, 'abx\u007Fc\r');
	assert.deepEqual(submitted, ['abc']);
});

test('a masked field never renders the secret, typed key by key or in a chunk', async () => {
	const secret = 'topsecretvalue1a2b';
	const submitted: string[] = [];
	const ink = await renderInk(<Harness submitted={submitted} mask label="Shared secret" />);
	await press(ink, ...secret.slice(0, 6));
	await press(ink, `${secret.slice(6)}\r`);
	assert.deepEqual(submitted, [secret]);
	assert.match(ink.screen(), /❯ •{18}/);
	for (const frame of ink.allFrames()) {
		assert.ok(!frame.includes('topsec'), `frame shows the secret:\n${frame}`);
		assert.ok(!frame.includes(secret.slice(-8)), `frame shows the secret:\n${frame}`);
	}
});

test('an inactive masked field shows only •••• and the last four characters', async () => {
	const ink = await renderInk(<Harness submitted={[]} mask isActive={false} initial="topsecretvalue1a2b" />);
	assert.match(ink.screen(), /••••1a2b/);
	assert.ok(!ink.screen().includes('topsecret'));
});

test('the hint, the error and the warning are shown in words under the label', async () => {
	const ink = await renderInk(<Harness submitted={[]} hint="from ETSY_API_KEY" error="The keystring is empty." />);
	assert.match(ink.screen(), /Keystring {2}\(from ETSY_API_KEY\)/);
	assert.match(ink.screen(), /✖ The keystring is empty\./);
	const warned = await renderInk(<Harness submitted={[]} warning="Looks short." />);
	assert.match(warned.screen(), /! Looks short\./);
});

test('an inactive field ignores keys', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Harness submitted={submitted} isActive={false} initial="kept" />);
	await press(ink, 'zz\r');
	assert.deepEqual(submitted, []);
	assert.match(ink.screen(), /kept/);
	assert.doesNotMatch(ink.screen(), /zz/);
});

test('the arrows, Home and End move the cursor, and keys insert and erase where it stands', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Harness submitted={submitted} />);
	await press(ink, 'ac', keys.left, 'b', keys.home, 'x', keys.end, 'y', keys.left, keys.left, keys.backspace);
	assert.match(ink.screen(), /❯ xacy/);
	await press(ink, keys.enter);
	assert.deepEqual(submitted, ['xacy']);
});

test('keys read before the field re-rendered still edit the value they follow', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Harness submitted={submitted} />);
	await pressAtOnce(ink, 'ab', keys.left, 'X', keys.right, 'c', keys.enter);
	assert.deepEqual(submitted, ['aXbc']);
});

test('a long paste in one chunk is taken whole, then submitted by Enter in its own chunk', async () => {
	const submitted: string[] = [];
	const url = `http://localhost:3000/callback?code=${'c'.repeat(400)}&state=${'s'.repeat(43)}`;
	const ink = await renderInk(<Harness submitted={submitted} />);
	await press(ink, url);
	await press(ink, keys.enter);
	assert.deepEqual(submitted, [url]);
});

test('what a chunk holds after its Enter is handed to onSubmit as typed ahead', async () => {
	const calls: Array<[string, string]> = [];
	const ink = await renderInk(<TextField label="Keystring" value="" onChange={() => {}} onSubmit={(value, rest) => calls.push([value, rest])} />);
	await press(ink, 'key\rsec\u007Fret\r');
	assert.deepEqual(calls, [['key', 'sec\u007Fret\r']]);
});

test('a value changed by the parent puts the cursor at its end', async () => {
	const changes: string[] = [];
	const field = (value: string) => <TextField label="Keystring" value={value} onChange={next => changes.push(next)} onSubmit={() => {}} />;
	const ink = await renderInk(field('abc'));
	await press(ink, keys.left, keys.left);
	await press(ink, 'x');
	assert.deepEqual(changes, ['axbc']);
	ink.rerender(field('abcdef'));
	await press(ink, 'y');
	assert.deepEqual(changes, ['axbc', 'abcdefy']);
});

test('an empty field shows its placeholder; a masked field moves its cursor over the dots', async () => {
	const placeholder = await renderInk(<Harness submitted={[]} placeholder="Jane_Doe-JaneDoeA-MyApp-abcdef" />);
	assert.match(placeholder.screen(), /❯ Jane_Doe-JaneDoeA-MyApp-abcdef/);
	const submitted: string[] = [];
	const secret = await renderInk(<Harness submitted={submitted} mask />);
	await press(secret, 'secrt', keys.left, 'e', keys.enter);
	assert.deepEqual(submitted, ['secret']);
	assert.match(secret.screen(), /❯ •{6}/);
	assert.ok(!secret.allFrames().some(frame => frame.includes('sec')), 'the secret is never on screen');
});

test('the readline keys edit through the terminal\'s own sequences: Ctrl+A/E/U/K/W, Alt+B/F, Alt+Backspace', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Harness submitted={submitted} initial="http://localhost:3000/callback" />);
	// Alt+B twice: before "3000"; Ctrl+K: cut from there; Alt+Backspace: the word before, with its colon.
	await press(ink, '\u001Bb', '\u001Bb', '\u000B', '\u001B\u007F');
	assert.match(ink.screen(), /❯ http:\/\/ *$/m);
	await press(ink, 'example.com:', '\u0001', '\u001Bf', '\u0005', '8443');
	assert.match(ink.screen(), /❯ http:\/\/example\.com:8443/);
	await press(ink, '\u0017', 'x', '\u0015', 'y', keys.enter);
	assert.deepEqual(submitted, ['y']);
});

test('Ctrl+U clears a 600-character paste in one key', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Harness submitted={submitted} />);
	await press(ink, 'w'.repeat(600));
	await press(ink, '\u0015', 'ok', keys.enter);
	assert.deepEqual(submitted, ['ok']);
});

test('a paste into a field showing an error replaces the value; a key typed into it joins it', async () => {
	const submitted: string[] = [];
	const ink = await renderInk(<Harness submitted={submitted} initial="wrong" error="That is not a callback URL." />);
	await press(ink, 'http://localhost:3000/callback');
	assert.match(ink.screen(), /❯ http:\/\/localhost:3000\/callback/);
	assert.doesNotMatch(ink.screen(), /wrong/);
	const typed = await renderInk(<Harness submitted={submitted} initial="wrong" error="That is not a callback URL." />);
	await press(typed, 's');
	assert.match(typed.screen(), /❯ wrongs/);
	const accepted = await renderInk(<Harness submitted={submitted} initial="right" />);
	await press(accepted, 'ful');
	assert.match(accepted.screen(), /❯ rightful/);
});

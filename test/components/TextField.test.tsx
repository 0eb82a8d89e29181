import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {useState} from 'react';
import TextField, {type Props} from '../../source/components/TextField.js';
import {cleanupInk, keys, press, renderInk} from '../helpers/ink.js';

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

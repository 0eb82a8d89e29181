import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';
import CredentialsStep, {type Credentials, type Props} from '../../source/steps/CredentialsStep.js';
import {cleanupInk, keys, linesWiderThan, press, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

const keystring = 'abcdefghijklmnop12345678';
const secret = 'etsysecret9z8y';

function setup(props: Partial<Props> = {}) {
	const submitted: Credentials[] = [];
	let back = 0;
	const element = (
		<CredentialsStep
			provider={etsy}
			environment="production"
			position={{provider: 'Etsy', step: 2, steps: 8}}
			onSubmit={credentials => submitted.push(credentials)}
			onBack={() => back++}
			{...props}
		/>
	);
	return {element, submitted, backs: () => back};
}

function assertSecretNeverShown(frames: string[], value: string) {
	for (const frame of frames) {
		assert.ok(!frame.includes(value.slice(0, 6)), `a frame shows the secret:\n${frame}`);
	}
}

test('Etsy asks for the keystring, then the shared secret, and submits both', async () => {
	const {element, submitted} = setup();
	const ink = await renderInk(element);
	assert.match(ink.screen(), /^mkt-wizard · Etsy · step 2 of 8 · Credentials/);
	assert.match(ink.screen(), /from https:\/\/www\.etsy\.com\/developers\/your-apps/);
	assert.match(ink.screen(), /Keystring\n❯/);
	await press(ink, ...keystring, keys.enter);
	assert.match(ink.screen(), /Shared secret\n❯/);
	await press(ink, ...secret, keys.enter);
	assert.deepEqual(submitted, [{clientId: keystring, clientSecret: secret}]);
	assertSecretNeverShown(ink.allFrames(), secret);
	assert.deepEqual(linesWiderThan(ink.allFrames(), 80), []);
});

test('each field typed as ONE chunk ending in CR submits', async () => {
	const {element, submitted} = setup();
	const ink = await renderInk(element);
	await press(ink, `${keystring}\r`);
	await press(ink, `${secret}\r`);
	assert.deepEqual(submitted, [{clientId: keystring, clientSecret: secret}]);
	assertSecretNeverShown(ink.allFrames(), secret);
});

test('the secret is typed as dots and never appears on screen', async () => {
	const {element} = setup();
	const ink = await renderInk(element);
	await press(ink, `${keystring}\r`, ...secret);
	assert.match(ink.screen(), new RegExp(`❯ •{${secret.length}}`));
	assertSecretNeverShown(ink.allFrames(), secret);
});

test('Enter on an empty field shows why under it and stays', async () => {
	const {element, submitted} = setup();
	const ink = await renderInk(element);
	await press(ink, keys.enter);
	assert.match(ink.screen(), /✖ Keystring is empty: copy it from/);
	await press(ink, '   \r');
	assert.match(ink.screen(), /✖ Keystring is empty/);
	assert.match(ink.screen(), /Keystring\n❯/, 'still on the keystring');
	await press(ink, `${keystring}`);
	assert.doesNotMatch(ink.screen(), /✖/, 'the error goes once fixed');
	await press(ink, keys.enter, keys.enter);
	assert.match(ink.screen(), /✖ Shared secret is empty/);
	assert.deepEqual(submitted, []);
});

test('an unusual Etsy keystring warns but does not block', async () => {
	const {element, submitted} = setup();
	const ink = await renderInk(element);
	await press(ink, 'SHORTKEY');
	assert.match(ink.screen(), /! Etsy keystrings are usually 24 lowercase letters and digits; this one has 8/);
	await press(ink, keys.enter, `${secret}\r`);
	assert.deepEqual(submitted, [{clientId: 'SHORTKEY', clientSecret: secret}]);
});

test('an eBay sandbox App ID while production is chosen warns', async () => {
	const {element} = setup({provider: ebay, environment: 'production'});
	const ink = await renderInk(element);
	assert.match(ink.screen(), /App ID \(Client ID\)/);
	assert.match(ink.screen(), /Cert ID \(Client Secret\)/);
	assert.match(ink.screen(), /keys for production, from https:\/\/developer\.ebay\.com\/my\/keys/);
	await press(ink, 'JaneDoe-MyApp-SBX-1a2b3c4d5-6e7f8a9b');
	assert.match(ink.screen(), /! This App ID looks like a sandbox key \(SBX\), but you chose production\./);
});

test('pre-filled values say where they came from and Enter accepts each', async () => {
	const {element, submitted} = setup({initial: {
		clientId: {value: keystring, origin: 'env'},
		clientSecret: {value: secret, origin: 'saved'},
	}});
	const ink = await renderInk(element);
	assert.match(ink.screen(), /Keystring {2}\(from ETSY_API_KEY\)/);
	assert.match(ink.screen(), /Shared secret {2}\(from saved profile\)/);
	assert.match(ink.screen(), / {2}••••9z8y/);
	await press(ink, keys.enter, keys.enter);
	assert.deepEqual(submitted, [{clientId: keystring, clientSecret: secret}]);
	assertSecretNeverShown(ink.allFrames(), secret);
});

test('Esc goes back to the previous field keeping both values, then back a step', async () => {
	const {element, submitted, backs} = setup();
	const ink = await renderInk(element);
	await press(ink, `${keystring}\r`, secret);
	await press(ink, keys.escape);
	assert.match(ink.screen(), new RegExp(`Keystring\\n❯ ${keystring}`));
	assert.match(ink.screen(), /Shared secret\n {2}••••9z8y/);
	assert.equal(backs(), 0);
	await press(ink, keys.enter, keys.enter);
	assert.deepEqual(submitted, [{clientId: keystring, clientSecret: secret}]);
	assertSecretNeverShown(ink.allFrames(), secret);
});

test('Esc on the first field goes back a step', async () => {
	const {element, backs, submitted} = setup();
	const ink = await renderInk(element);
	await press(ink, 'abc', keys.escape);
	assert.equal(backs(), 1);
	assert.deepEqual(submitted, []);
});

test('surrounding spaces are trimmed from what is submitted', async () => {
	const {element, submitted} = setup();
	const ink = await renderInk(element);
	await press(ink, ` ${keystring} \r`, ` ${secret}\r`);
	assert.deepEqual(submitted, [{clientId: keystring, clientSecret: secret}]);
});

test('both fields typed ahead in ONE chunk, as tmux send-keys does, fill both and submit', async () => {
	const {element, submitted} = setup();
	const ink = await renderInk(element);
	await press(ink, `${keystring}\r${secret}\r`);
	assert.deepEqual(submitted, [{clientId: keystring, clientSecret: secret}]);
	assertSecretNeverShown(ink.allFrames(), secret);
});

test('keys typed ahead after Enter land in the secret field when the keystring passes', async () => {
	const {element, submitted} = setup();
	const ink = await renderInk(element);
	await press(ink, `${keystring}\r${secret}`);
	assert.match(ink.screen(), new RegExp(`Shared secret\\n❯ •{${secret.length}}`));
	await press(ink, keys.enter);
	assert.deepEqual(submitted, [{clientId: keystring, clientSecret: secret}]);
});

test('an error goes as soon as the field changes, and comes back only with the next Enter', async () => {
	const {element} = setup();
	const ink = await renderInk(element);
	await press(ink, keys.enter);
	assert.match(ink.screen(), /✖ Keystring is empty/);
	await press(ink, ' ');
	assert.doesNotMatch(ink.screen(), /✖/, 'still blank, but changed');
	await press(ink, keys.enter);
	assert.match(ink.screen(), /✖ Keystring is empty/);
});

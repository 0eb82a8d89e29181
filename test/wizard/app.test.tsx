// The whole wizard (App) in ink-testing-library, with the real services against an
// in-process emulator and a throw-away config folder: keys in, screens and saved config out.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {act} from 'react';
import {after, afterEach, before, describe, test} from 'node:test';
import {MktError} from '../../source/errors.js';
import type {WizardStart} from '../../source/wizard/app.js';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {followRedirect, freePort} from '../helpers/cli.js';
import {keys, press, waitForConsentUrl, waitForScreen, type Rendered} from '../helpers/ink.js';
import {cleanupWizardApps, renderWizardApp} from '../helpers/wizard-app.js';

afterEach(cleanupWizardApps);

/**
 * Waits until the last frame written that is not blank is `line`. The screen itself will not do: with CI=true, Ink
 * writes its (debug-mode empty) last output again when the app unmounts, so the final screen is blank.
 */
async function waitForLastLine(ink: Rendered, line: string): Promise<void> {
	await waitForScreen(ink, () => ink.allFrames().filter(frame => frame.trim() !== '').at(-1) === line);
}

const etsySecret = demo.etsy.sharedSecret;

describe('the wizard App with real services against the emulator', () => {
	let emulator: Emulator;
	// Each test starts with no saved login, in its own config folder.
	let configDir: string;
	// Each test listens on its own callback port: a closing server of the last test never collides.
	const ports: number[] = [];
	let next = 0;

	before(async () => {
		for (let index = 0; index < 10; index++) {
			ports.push(await freePort());
		}

		emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: ports.map(port => `http://localhost:${port}/callback`)}]});
	});

	after(async () => {
		await emulator.close();
	});

	type Setup = {ink: Rendered; exits: number[]; redirect: string; port: number};

	async function setup({start = {profile: 'default'}, env = {}, terminal}: {start?: WizardStart; env?: Record<string, string>; terminal?: {hyperlinks: boolean; tmux: boolean}} = {}): Promise<Setup> {
		const port = ports[next++]!;
		const redirect = `http://localhost:${port}/callback`;
		const app = await renderWizardApp({emulator, start, redirect, env, ...(terminal ? {terminal} : {})});
		configDir = app.configDir;
		return {ink: app.ink, exits: app.exits, redirect, port};
	}

	/** Enter on each pre-filled field until the scopes list shows. */
	async function acceptToScopes(ink: Rendered): Promise<void> {
		await waitForScreen(ink, screen => /Credentials/.test(screen) && /❯ \S/.test(screen));
		await press(ink, keys.enter);
		await waitForScreen(ink, screen => /❯ •+/.test(screen));
		await press(ink, keys.enter);
		await waitForScreen(ink, screen => /Redirect URI|RuName/.test(screen));
		await press(ink, keys.enter);
		await waitForScreen(ink, screen => /selected/.test(screen));
	}

	/** What the user's browser does, inside act: the consent page, Allow, and (Etsy) the redirect to our callback. */
	async function approve(url: string, follow: boolean): Promise<string> {
		let location = '';
		await act(async () => {
			const answer = await emulator.approve(url);
			assert.ok(answer.location, `the emulator answered ${answer.status}: ${answer.body.slice(0, 200)}`);
			location = answer.location;
			if (follow) {
				assert.equal((await followRedirect(location)).status, 200);
			}
		});
		return location;
	}

	function savedConfig(): any {
		return JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'));
	}

	test('Etsy, driven by keys: consent approved in the emulator, exchanged, verified, saved, q exits 0', async () => {
		const {ink, exits, redirect} = await setup();
		assert.match(ink.screen(), /Choose a marketplace/);
		await press(ink, keys.enter);
		await acceptToScopes(ink);
		await press(ink, keys.enter);
		const url = await waitForConsentUrl(ink);
		assert.equal(new URL(url).searchParams.get('redirect_uri'), redirect);
		await approve(url, true);
		const summary = await waitForScreen(ink, text => /Connected to Etsy as user 12345678 \(shop 87654321\)/.test(text), 5000);
		assert.match(summary, /scopes: listings_r, shops_r, transactions_r/);
		assert.ok(!ink.allFrames().some(frame => frame.includes(etsySecret)), 'the shared secret is never on screen');
		await press(ink, 'q');
		assert.deepEqual(exits, [0]);
		assert.equal(savedConfig().profiles.default.etsy.user.identity.userId, '12345678');
	});

	/** eBay sandbox user token up to the consent screen, which opens on the paste field. */
	async function ebayToPaste(ink: Rendered): Promise<string> {
		await waitForScreen(ink, screen => /❯ Sandbox/.test(screen));
		await press(ink, keys.enter);
		await waitForScreen(ink, screen => /❯ User token/.test(screen));
		await press(ink, keys.enter);
		await acceptToScopes(ink);
		await press(ink, keys.enter);
		return waitForScreen(ink, text => /Paste the address the browser ended on/.test(text));
	}

	test('eBay user token: the consent screen opens on the paste field; the accepted URL, pasted in one chunk, logs in', async () => {
		const {ink, exits} = await setup({start: {profile: 'default', provider: 'ebay', environment: 'sandbox'}});
		await ebayToPaste(ink);
		const url = await waitForConsentUrl(ink);
		assert.match(url, /\/ebay\/oauth2\/authorize\?/);
		const accepted = await approve(url, false);
		assert.match(accepted, /\/ebay\/accepted\?.*code=/);
		await press(ink, `${accepted}\r`);
		await waitForScreen(ink, text => /Connected to eBay.* as demo_ebay_seller/.test(text), 5000);
		await press(ink, 'q');
		assert.deepEqual(exits, [0]);
		assert.equal(savedConfig().profiles.default['ebay-sandbox'].user.identity.username, 'demo_ebay_seller');
	});

	test('eBay user token: a pasted URL with another state shows the paste error and stays on the field', async () => {
		const {ink, exits} = await setup({start: {profile: 'default', provider: 'ebay', environment: 'sandbox'}});
		await ebayToPaste(ink);
		const state = new URL(await waitForConsentUrl(ink)).searchParams.get('state');
		assert.ok(state);
		await press(ink, `${emulator.url}/ebay/accepted?state=not-${state}&code=v%5E1.1%23i%5E1\r`);
		const after = await waitForScreen(ink, text => /✖ .*state/i.test(text));
		assert.match(after, /Paste the address the browser ended on/);
		assert.match(after, /step \d+ of \d+ · Consent/);
		assert.deepEqual(exits, []);
	});

	/** Etsy with a shared secret the emulator rejects: the key check before consent fails. */
	async function wrongSecretError(wrong: string): Promise<{ink: Rendered; error: string}> {
		const {ink} = await setup({start: {profile: 'default', provider: 'etsy'}, env: {ETSY_SHARED_SECRET: wrong}});
		await acceptToScopes(ink);
		await press(ink, keys.enter);
		const error = await waitForScreen(ink, text => /✖/.test(text) && /esc back/.test(text), 5000);
		return {ink, error};
	}

	test('an invalid shared secret ends on the error screen with the cause and the remedy, the secret not shown', async () => {
		const wrong = 'wrongsharedsecret9';
		const {ink, error} = await wrongSecretError(wrong);
		assert.match(error, /✖ .*Etsy rejected the keystring and shared secret/s);
		assert.match(error.replaceAll(/\s+/g, ' '), /→ Press Esc to go back to the credentials: copy both the keystring and the shared secret from Your Apps/);
		assert.doesNotMatch(error, /mkt-wizard login|callback server/, 'neither another login nor the callback: Esc is the fix');
		assert.match(error, /r retry · esc back · q quit/);
		assert.ok(!ink.allFrames().some(frame => frame.includes(wrong)), 'the secret is not shown');
		assert.ok(!ink.allFrames().some(frame => frame.includes('Open this page to consent')), 'the key is checked before any consent');
	});

	test('t on the consent screen lists what the callback server saw: a request to a wrong path', async () => {
		const {ink, port} = await setup({start: {profile: 'default', provider: 'etsy'}});
		await acceptToScopes(ink);
		await press(ink, keys.enter);
		await waitForConsentUrl(ink);
		await act(async () => {
			const response = await fetch(`http://localhost:${port}/wrong`);
			await response.text();
		});
		const consent = await waitForScreen(ink, text => /wrong path \/wrong/.test(text));
		assert.match(consent, /Seen by the callback server/);
		await press(ink, 't');
		const troubleshoot = await waitForScreen(ink, text => /Troubleshooting/.test(text));
		assert.match(troubleshoot, /wrong path \/wrong/);
		await press(ink, keys.escape);
		await waitForScreen(ink, text => /Waiting for the browser/.test(text));
	});

	test('the consent URL is printed once above the frame, unbroken; a link where the terminal has them; c prints it again and says what it sent', async () => {
		const {ink} = await setup({start: {profile: 'default', provider: 'etsy'}, terminal: {hyperlinks: true, tmux: true}});
		await acceptToScopes(ink);
		await press(ink, keys.enter);
		const url = await waitForConsentUrl(ink);
		const printed = ink.frames.filter(frame => frame.startsWith('Open this page to consent:\n'));
		assert.deepEqual(printed, [`Open this page to consent:\n\u001B]8;;${url}\u001B\\${url}\u001B]8;;\u001B\\\n\n`]);
		await press(ink, 'c');
		const note = await waitForScreen(ink, text => /printed above on one line/.test(text));
		assert.match(note.replaceAll(/\s+/g, ' '), /The URL is printed above on one line, and was sent to the clipboard by OSC 52; the terminal does not say whether it took it: paste to check\. Inside tmux that needs `set -g set-clipboard on`\./);
		assert.equal(ink.frames.filter(frame => frame.includes(url) && !frame.startsWith('Open this page')).length, 1, 'c printed it once more');
	});

	test('Esc on the first step quits with a line saying so, and a header that named the marketplace names none on the way back', async () => {
		const {ink, exits} = await setup();
		await press(ink, keys.enter);
		await waitForScreen(ink, text => /Etsy · step 2 of \d+ · Credentials/.test(text));
		await press(ink, keys.escape);
		const first = await waitForScreen(ink, text => /Choose a marketplace/.test(text));
		assert.match(first, /^mkt-wizard · step 1 of \d+ · Choose a marketplace/);
		await press(ink, keys.escape);
		await waitForLastLine(ink, 'mkt-wizard: quit at the first step; nothing was saved.');
		assert.deepEqual(exits, [130]);
	});

	test('Ctrl+C while waiting for consent leaves a line saying so in place of the spinner, and exits 130', async () => {
		const {ink, exits} = await setup({start: {profile: 'default', provider: 'etsy'}});
		await acceptToScopes(ink);
		await press(ink, keys.enter);
		await waitForScreen(ink, text => /Waiting for the browser/.test(text));
		await press(ink, keys.ctrlC);
		await waitForLastLine(ink, 'mkt-wizard: cancelled with Ctrl+C; nothing was saved.');
		assert.deepEqual(exits, [130]);
	});

	test('a step that throws shows the failure screen in place of a stack trace; q exits 1 and gives the terminal back', async () => {
		const app = await renderWizardApp({
			emulator,
			services: real => ({
				...real,
				saved() {
					throw new TypeError('a fault in the wizard');
				},
			}),
		});
		const {ink, exits} = app;
		await waitForScreen(ink, text => /Choose a marketplace/.test(text));
		assert.equal(ink.stdin.listenerCount('readable'), 1, 'the wizard reads keys in raw mode');
		await press(ink, keys.enter);
		const failure = await waitForScreen(ink, text => /Something went wrong/.test(text));
		assert.match(failure, /✖ Something unexpected went wrong \(TypeError\)\./);
		assert.match(failure, /q quit/);
		assert.doesNotMatch(failure, /a fault in the wizard|at \S+ \(/, 'no message or stack of the fault');
		assert.deepEqual(exits, []);
		await press(ink, 'q');
		await waitForScreen(ink, () => exits.length > 0);
		assert.deepEqual(exits, [1]);
		assert.equal(ink.stdin.listenerCount('readable'), 0, 'raw mode is released: the terminal is restored');
	});

	test('a store error met on a step keeps its own cause and remedy on the failure screen, and q exits with its code', async () => {
		const app = await renderWizardApp({
			emulator,
			services: real => ({
				...real,
				saved() {
					throw new MktError('store_corrupt', 'The saved Etsy connection of profile "default" is damaged.', 'Log in again to replace it: mkt-wizard login etsy.', {exitCode: 3});
				},
			}),
		});
		const {ink, exits} = app;
		await waitForScreen(ink, text => /Choose a marketplace/.test(text));
		await press(ink, keys.enter);
		const failure = await waitForScreen(ink, text => /damaged/.test(text));
		assert.match(failure, /The saved Etsy connection of profile "default" is damaged\./);
		assert.match(failure, /Log in again to replace it: mkt-wizard login etsy\./);
		assert.doesNotMatch(failure, /Something unexpected went wrong|report it/);
		await press(ink, 'q');
		await waitForScreen(ink, () => exits.length > 0);
		assert.deepEqual(exits, [3]);
	});

	test('two Enter keys read before React runs its effects both count', async () => {
		const {ink} = await setup({start: {profile: 'default', provider: 'etsy'}});
		await waitForScreen(ink, text => /Credentials/.test(text) && /❯ mktwiz/.test(text));
		// Both keys are read before React renders the first one's update: the second must still reach the secret field.
		await act(async () => {
			ink.stdin.write('\r');
			ink.stdin.write('\r');
		});
		await waitForScreen(ink, text => /Redirect URI/.test(text));
	});
});

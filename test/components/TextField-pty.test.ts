// The text fields in the built wizard, in a real pseudo-terminal, with keys written as a
// person or a paste tool sends them: one write per key and no waiting for the screen, so
// keys arrive while a field or a screen is still changing (test/helpers/pty.ts `type`).
import assert from 'node:assert/strict';
import {after, afterEach, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {followRedirect, freePort} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {consentUrlOf, killAll, ptyKeys as keys, spawnCli} from '../helpers/pty.js';

scanCliRunsForSecrets();

afterEach(killAll);

describe('text fields in a pseudo-terminal, keys typed without waiting', () => {
	let emulator: Emulator;
	let redirect: string;
	let env: Record<string, string>;

	before(async () => {
		redirect = `http://localhost:${await freePort()}/callback`;
		emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [redirect]}]});
		env = {...emulator.env, ETSY_REDIRECT_URI: redirect, MKT_WIZARD_HTTP_TIMEOUT_MS: '3000'};
	});

	after(async () => {
		await emulator.close();
	});

	test('a keystring and secret walked in key by key, Enter as the next field and screen appear: none lost, the secret never on screen', async () => {
		const run = spawnCli(['login', 'etsy'], {env});
		await run.waitForScreen(/Credentials[\s\S]*Keystring/);
		await run.idle();
		for (const key of [...demo.etsy.keystring, keys.enter, ...demo.etsy.sharedSecret, keys.enter]) {
			run.type(key);
		}

		// Enter as soon as the next screen is drawn, before the wizard has settled.
		await run.waitForScreen(/Redirect URI/);
		run.type(keys.enter);
		await run.waitForScreen(/Scopes/);
		await run.press(keys.enter);
		const screen = await run.waitForScreen(/Open this page to consent:/);
		const url = new URL(consentUrlOf(screen));
		assert.equal(url.searchParams.get('client_id'), demo.etsy.keystring, 'every key of the keystring arrived, in order');
		const approved = await emulator.approve(url.href);
		await followRedirect(approved.location!);
		// The token exchange takes the secret as typed: a lost key fails it.
		await run.waitForScreen(/Connected to Etsy as user 12345678/);
		await run.press('q');
		assert.equal((await run.exit).code, 0);
		assert.ok(!run.raw().includes(demo.etsy.sharedSecret.slice(0, 8)), 'no part of the secret reached the terminal');
	});

	test('readline keys in ONE chunk: a wrong value cleared with Ctrl+U, Ctrl+A/E and Alt+B/F around a fix, Ctrl+W and Alt+Backspace on the secret', async () => {
		const run = spawnCli(['login', 'etsy'], {env});
		await run.waitForScreen(/Credentials[\s\S]*Keystring/);
		const keystring = demo.etsy.keystring;
		// Typed: junk, Ctrl+U, the keystring without its first and last characters, Ctrl+A, its first,
		// Alt+F (to the end of the one word), then its last, and a word Ctrl+W takes back; Enter.
		await run.press(`${'x'.repeat(80)}\u0015${keystring.slice(1, -1)}\u0001${keystring[0]}\u001Bf${keystring.at(-1)} oops\u0017\u0008\r`);
		await run.waitForScreen(/Keystring\n {2}mktwizdemo0keystring0001\n\nShared secret\n❯/);
		// The secret: two words Ctrl+W takes back, the secret, then 'junk-word' Alt+Backspace takes back word by word.
		await run.press(`wrong words\u0017\u0017${demo.etsy.sharedSecret} junk-word\u001B\u007F\u001B\u007F\u0008\r`);
		await run.waitForScreen(/Redirect URI/);
		await run.press(keys.enter);
		await run.waitForScreen(/Scopes/);
		await run.press(keys.enter);
		const url = new URL(consentUrlOf(await run.waitForScreen(/Open this page to consent:/)));
		assert.equal(url.searchParams.get('client_id'), keystring);
		await followRedirect((await emulator.approve(url.href)).location!);
		await run.waitForScreen(/Connected to Etsy as user 12345678/);
		await run.press('q');
		assert.equal((await run.exit).code, 0);
	});
});

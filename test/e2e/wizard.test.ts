import assert from 'node:assert/strict';
import {readFileSync, statSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {after, afterEach, before, beforeEach, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {followRedirect, freePort} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {loginEtsy} from '../helpers/logins.js';
import {consentUrlOf, cursorHide, cursorShow, killAll, ptyKeys as keys, spawnCli, type PtyRun} from '../helpers/pty.js';
import {tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

afterEach(killAll);

/** The line of a scope in the multi-select, e.g. `❯ ◉ address_r   Read …`. */
function scopeRow(screen: string, name: string): string {
	return screen.split('\n').find(line => new RegExp(`[◉◯] ${name}\\b`).test(line)) ?? '';
}

function configOf(dir: string): {text: string; json: any} {
	const text = readFileSync(path.join(dir, 'config.json'), 'utf8');
	return {text, json: JSON.parse(text)};
}

async function bindable(port: number, host: string): Promise<boolean> {
	return new Promise(resolve => {
		const server = net.createServer();
		// A host without IPv6 has nothing to take on ::1.
		server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT'));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

describe('the wizard in a pseudo-terminal, against the emulator', () => {
	let emulator: Emulator;
	let port: number;
	let redirect: string;
	// Each test's own config folder: a test that re-runs the wizard seeds the login it re-runs on.
	let configDir: string;
	let env: Record<string, string>;

	before(async () => {
		port = await freePort();
		redirect = `http://localhost:${port}/callback`;
		emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [redirect]}]});
		env = {
			...emulator.env,
			ETSY_API_KEY: demo.etsy.keystring,
			ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
			ETSY_REDIRECT_URI: redirect,
			EBAY_CLIENT_ID: demo.ebay.sandbox.clientId,
			EBAY_CLIENT_SECRET: demo.ebay.sandbox.clientSecret,
			MKT_WIZARD_HTTP_TIMEOUT_MS: '3000',
		};
	});

	beforeEach(() => {
		configDir = tempDir('config');
	});

	after(async () => {
		await emulator.close();
	});

	/** A saved Etsy login with these scopes, as a first run of the wizard leaves it. */
	async function seedLogin(scopes: string[]): Promise<void> {
		await loginEtsy({emulator, configDir, redirect, scopes});
	}

	/** Consent as the browser would give it: open the printed URL, Allow, follow the redirect home. */
	async function consent(run: PtyRun): Promise<void> {
		const screen = await run.waitForScreen(/Open this page to consent:/);
		const url = consentUrlOf(screen);
		assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/etsy\/oauth\/connect\?\S+code_challenge_method=S256$/);
		const approved = await emulator.approve(url);
		assert.ok(approved.location?.startsWith(`${redirect}?`), `the emulator answered ${approved.status}: ${approved.body.slice(0, 200)}`);
		const page = await followRedirect(approved.location!);
		assert.equal(page.status, 200);
	}

	/** Enter on the pre-filled credentials and redirect URI, checking each screen took the key. */
	async function acceptPrefilled(run: PtyRun): Promise<void> {
		await run.waitForScreen(/Credentials[\s\S]*❯ mktwizdemo0keystring0001/);
		await run.press(keys.enter);
		await run.waitForScreen(/❯ •+\n/);
		await run.press(keys.enter);
		const screen = await run.waitForScreen(/Redirect URI/);
		assert.ok(screen.includes(`❯ ${redirect}`), screen);
		await run.press(keys.enter);
	}

	test('a first-time Etsy run, typed through to the summary, saves 0600 with the chosen scopes', async () => {
		const run = spawnCli([], {env, configDir});
		await run.waitForScreen(/step 1 of 7 · Choose a marketplace[\s\S]*❯ Etsy/);
		await run.press(keys.enter);
		await acceptPrefilled(run);

		let screen = await run.waitForScreen(/step 4 of 7 · Scopes/);
		assert.match(screen, /3 of 12 selected/);
		assert.match(scopeRow(screen, 'address_r'), /❯ ◯/);
		await run.press(keys.space);
		screen = await run.waitForScreen(/4 of 12 selected/);
		assert.match(scopeRow(screen, 'address_r'), /❯ ◉/);
		await run.press(keys.enter);

		await consent(run);
		screen = await run.waitForScreen(/Connected to Etsy as user 12345678/);
		assert.match(screen, /step 7 of 7/);
		assert.match(screen, /scopes: address_r, listings_r, shops_r, transactions_r/);
		assert.ok(screen.includes(path.join(configDir, 'config.json')), screen);
		assert.ok(!run.raw().includes(demo.etsy.sharedSecret), 'the shared secret never reaches the terminal');
		await run.press('q');
		assert.equal((await run.exit).code, 0);

		assert.equal(statSync(path.join(configDir, 'config.json')).mode & 0o777, 0o600);
		const user = configOf(configDir).json.profiles.default.etsy.user;
		assert.deepEqual(user.scopes, ['address_r', 'listings_r', 'shops_r', 'transactions_r']);
		assert.equal(user.identity.userId, '12345678');
	});

	test('a re-run adds a scope: the saved one checked, the diff shown before consent (keys in ONE chunk)', async () => {
		await seedLogin(['address_r', 'listings_r', 'shops_r', 'transactions_r']);
		const before = emulator.stats().etsy;
		const run = spawnCli(['login', 'etsy'], {env, configDir});
		await acceptPrefilled(run);
		let screen = await run.waitForScreen(/Scopes[\s\S]*4 of 12 selected/);
		assert.match(screen, /Checked: the scopes of your saved grant/);
		assert.match(scopeRow(screen, 'address_w'), /^ {2}◯/);
		// Down to address_w, check it, Enter: one write, as fast typing arrives.
		await run.press('j \r');
		screen = await run.waitForScreen(/Scopes: changes/);
		assert.match(screen, /\+ added +address_w/);
		assert.doesNotMatch(screen, /removed/);
		await run.press(keys.enter);

		await consent(run);
		screen = await run.waitForScreen(/Connected to Etsy as user 12345678/);
		assert.match(screen, /scopes: address_r, address_w, listings_r, shops_r, transactions_r/);
		await run.press('q');
		assert.equal((await run.exit).code, 0);
		assert.equal(emulator.stats().etsy.codeExchanges, before.codeExchanges + 1);
		assert.deepEqual(configOf(configDir).json.profiles.default.etsy.user.scopes, ['address_r', 'address_w', 'listings_r', 'shops_r', 'transactions_r']);
	});

	test('a re-run with nothing changed offers to keep the valid token: k goes to the summary without consent', async () => {
		await seedLogin(['address_r', 'address_w', 'listings_r', 'shops_r', 'transactions_r']);
		const before = emulator.stats().etsy;
		const saved = configOf(configDir).text;
		const run = spawnCli(['login', 'etsy'], {env, configDir});
		await acceptPrefilled(run);
		await run.waitForScreen(/Scopes[\s\S]*5 of 12 selected/);
		await run.press(keys.enter);
		const screen = await run.waitForScreen(/Scopes: changes/);
		assert.match(screen, /Nothing changed and the saved token is still valid/);
		assert.match(screen, /k keep the saved token/);
		await run.press('k');
		await run.waitForScreen(/Connected to Etsy as user 12345678/);
		await run.press('q');
		assert.equal((await run.exit).code, 0);
		const after = emulator.stats().etsy;
		assert.equal(after.authorize, before.authorize, 'no consent page was asked for');
		assert.equal(after.codeExchanges, before.codeExchanges, 'no code was exchanged');
		assert.equal(configOf(configDir).text, saved);
	});

	test('Ctrl+C mid-consent: config untouched, cursor shown again, exit 130, callback port released', async () => {
		await seedLogin(['address_r', 'address_w', 'listings_r', 'shops_r', 'transactions_r']);
		const saved = configOf(configDir).text;
		const run = spawnCli(['login', 'etsy'], {env, configDir});
		await acceptPrefilled(run);
		await run.waitForScreen(/Scopes[\s\S]*5 of 12 selected/);
		await run.press(keys.enter);
		await run.waitForScreen(/Scopes: changes/);
		await run.press(keys.enter);
		await run.waitForScreen(/Open this page to consent:/);
		assert.equal(await bindable(port, '127.0.0.1'), false, 'the callback server is listening while consent waits');
		await run.press(keys.ctrlC);
		const {code} = await run.exit;
		assert.equal(code, 130);

		assert.equal(configOf(configDir).text, saved);
		const screen = run.screen().split('\n');
		assert.equal(screen.at(-1), 'mkt-wizard: cancelled with Ctrl+C; nothing was saved.', 'the line replaces the spinner');
		assert.ok(!screen.some(line => /Waiting for the browser/.test(line)), screen.join('\n'));
		const raw = run.raw();
		assert.ok(raw.lastIndexOf(cursorShow) > raw.lastIndexOf(cursorHide), 'the cursor is shown after it was last hidden');
		assert.ok(raw.trimEnd().endsWith(cursorShow), `the output ends with the cursor shown: ${JSON.stringify(raw.slice(-80))}`);
		assert.equal(await bindable(port, '127.0.0.1'), true, 'the callback port is free again on 127.0.0.1');
		assert.equal(await bindable(port, '::1'), true, 'the callback port is free again on ::1');
	});

	test('an eBay application token: environment, grant, credentials from the environment, then straight to the summary', async () => {
		const before = emulator.stats().ebay;
		const run = spawnCli([], {env, configDir});
		await run.waitForScreen(/❯ Etsy/);
		await run.press('j');
		await run.waitForScreen(/❯ eBay/);
		await run.press(keys.enter);
		await run.waitForScreen(/step 2 of \d+[\s\S]*❯ Production/);
		await run.press(keys.down);
		await run.waitForScreen(/❯ Sandbox/);
		await run.press(keys.enter);
		await run.waitForScreen(/❯ User token/);
		await run.press(keys.down);
		await run.waitForScreen(/❯ Application token/);
		await run.press(keys.enter);
		let screen = await run.waitForScreen(/step 4 of 6 · Credentials/);
		assert.ok(screen.includes(`❯ ${demo.ebay.sandbox.clientId}`), screen);
		assert.match(screen, /from EBAY_CLIENT_ID/);
		await run.press(keys.enter);
		await run.waitForScreen(/❯ •+\n/);
		await run.press(keys.enter);

		screen = await run.waitForScreen(/application token obtained/);
		assert.match(screen, /step 6 of 6/);
		assert.match(screen, /eBay/);
		assert.doesNotMatch(screen, /Consent/);
		await run.press('q');
		assert.equal((await run.exit).code, 0);
		const after = emulator.stats().ebay;
		assert.equal(after.clientCredentials, before.clientCredentials + 1);
		assert.equal(after.authorize, before.authorize, 'an application token needs no consent');
		const saved = configOf(configDir).json;
		assert.equal(statSync(path.join(configDir, 'config.json')).mode & 0o777, 0o600);
		assert.ok(JSON.stringify(saved).includes(demo.ebay.sandbox.clientId));
	});
});

/** SGR parameters that set a foreground or background colour (30–38, 40–48, 90–97, 100–107). */
function colourCodes(raw: string): string[] {
	const found: string[] = [];
	for (const [sequence, parameters] of raw.matchAll(/\u001B\[([0-9;]*)m/g)) {
		const first = Number(parameters!.split(';')[0]);
		if ((first >= 30 && first <= 38) || (first >= 40 && first <= 48) || (first >= 90 && first <= 97) || (first >= 100 && first <= 107)) {
			found.push(JSON.stringify(sequence));
		}
	}

	return found;
}

describe('--demo in a pseudo-terminal', () => {
	/** From the provider screen to the demo's redirect URI step, Enter on every pre-filled value; resolves with that screen. */
	async function demoToRedirect(run: PtyRun): Promise<string> {
		await run.waitForScreen(/❯ Etsy/);
		await run.press(keys.enter);
		await run.waitForScreen(/Credentials[\s\S]*❯ mktwizdemo0keystring0001/);
		await run.press(keys.enter);
		await run.waitForScreen(/❯ •+\n/);
		await run.press(keys.enter);
		return run.waitForScreen(/Redirect URI[\s\S]*❯ http:\/\/localhost:\d+\/callback/);
	}

	/** On to the demo's consent screen, keeping the pre-filled redirect URI and scopes. */
	async function demoToConsent(run: PtyRun): Promise<void> {
		await demoToRedirect(run);
		await run.press(keys.enter);
		await run.waitForScreen(/Scopes[\s\S]*3 of 12 selected/);
		await run.press(keys.enter);
		await run.waitForScreen(/Open this page to consent:[\s\S]*y approve \(demo\)/);
	}

	test('y on the consent screen approves as the emulator\'s user and reaches the summary', async () => {
		const run = spawnCli(['--demo']);
		await demoToConsent(run);
		await run.press('y');
		await run.waitForScreen(/Connected to Etsy as user 12345678/);
		await run.press('q');
		assert.equal((await run.exit).code, 0);
	});

	test('d declines: the error screen says so, and Esc goes back to a step that takes input', async () => {
		const run = spawnCli(['--demo']);
		await demoToConsent(run);
		await run.press('d');
		const screen = await run.waitForScreen(/declined/i);
		assert.match(screen, /step 5 of 7/);
		assert.match(screen, /esc back/);
		await run.press(keys.escape);
		await run.waitForScreen(/step 4 of 7 · Scopes/);
		await run.press(keys.ctrlC);
		const ended = await run.exit;
		assert.equal(ended.code, 130, `exit ${JSON.stringify(ended)}; last screen:\n${run.screen()}\nraw tail: ${JSON.stringify(run.raw().slice(-300))}`);
	});

	test('eBay user token in the demo: y answers the consent and pastes the accepted address for you', async () => {
		const run = spawnCli(['--demo']);
		await run.waitForScreen(/Choose a marketplace/);
		await run.press(keys.down);
		await run.waitForScreen(/❯ eBay/);
		await run.press(keys.enter);
		await run.waitForScreen(/Environment/);
		await run.press(keys.enter);
		await run.waitForScreen(/step 3 of 9/);
		await run.press(keys.enter);
		await run.waitForScreen(/Credentials/);
		await run.press(keys.enter);
		await run.waitForScreen(/❯ •+/);
		await run.press(keys.enter);
		await run.waitForScreen(/RuName/);
		await run.press(keys.enter);
		await run.waitForScreen(/Scopes/);
		await run.press(keys.enter);
		await run.waitForScreen(/y approve \(demo\)/);
		await run.press('y');
		await run.waitForScreen(/Connected to eBay \(sandbox\) as demo_ebay_seller/);
		await run.press('q');
		assert.equal((await run.exit).code, 0);
	});

	test('y on a redirect the demo app does not have: the refusal is said at once, and t compares the two', async () => {
		const run = spawnCli(['--demo']);
		const redirectScreen = await demoToRedirect(run);
		const registered = /❯ (http:\/\/localhost:\d+\/callback)/.exec(redirectScreen)![1]!;
		await run.press(`${keys.backspace.repeat('callback'.length)}cb`);
		await run.waitForScreen(/❯ http:\/\/localhost:\d+\/cb\b/);
		await run.press(keys.enter);
		await run.waitForScreen(/Scopes[\s\S]*3 of 12 selected/);
		await run.press(keys.enter);
		await run.waitForScreen(/y approve \(demo\)/);
		await run.press('y');
		const said = await run.waitForScreen(/The emulator showed/, 5000);
		assert.match(said.replaceAll(/\s+/g, ' '), new RegExp(`The emulator showed "The requested redirect URL is not permitted\\." instead of redirecting\\. Its demo app is registered with ${registered.replaceAll('/', '\\/')}`));
		await run.press('t');
		// The troubleshooter's own title: the consent screen's hints say "t troubleshoot" too.
		await run.waitForScreen(/· Troubleshooting/);
		await run.press(keys.ctrlC);
		assert.equal((await run.waitForExit()).code, 130);
	});

	test('Ctrl+C read in one chunk with the key before it (fast typing, a loaded machine) still quits with 130', async () => {
		const run = spawnCli(['--demo']);
		await demoToConsent(run);
		await run.press(`t${keys.ctrlC}`);
		const ended = await run.waitForExit();
		assert.equal(ended.code, 130);
		assert.doesNotMatch(run.screen(), /· Troubleshooting/, 'the keys read with Ctrl+C are dropped');
	});

	test('80 columns by 40 rows: no line wider than 80 and no frame taller than 40, first screen to summary', async () => {
		const run = spawnCli(['--demo'], {cols: 80, rows: 40});
		await demoToConsent(run);
		await run.press('y');
		await run.waitForScreen(/Connected to Etsy as user 12345678/);
		await run.press('q');
		assert.equal((await run.exit).code, 0);
		const frames = run.frames();
		assert.ok(frames.length >= 6, `saw ${frames.length} frames`);
		const wide = frames.flatMap(frame => frame.split('\n')).filter(line => [...line].length > 80);
		assert.deepEqual(wide, []);
		const tall = frames.filter(frame => frame.split('\n').length > 40).map(frame => frame.split('\n')[0]);
		assert.deepEqual(tall, []);
	});

	test('NO_COLOR=1: no colour codes anywhere in the output (and there are some without it)', async () => {
		// The control run stops at the consent screen, whose warning is coloured; the plain run goes to the end.
		const coloured = spawnCli(['--demo']);
		await demoToConsent(coloured);
		await coloured.press(keys.ctrlC);
		await coloured.exit;
		assert.notDeepEqual(colourCodes(coloured.raw()), [], 'the same screens without NO_COLOR use colour');

		const plain = spawnCli(['--demo'], {env: {NO_COLOR: '1'}});
		await demoToConsent(plain);
		await plain.press('y');
		await plain.waitForScreen(/Connected to Etsy/);
		await plain.press('q');
		assert.equal((await plain.exit).code, 0);
		assert.deepEqual(colourCodes(plain.raw()), []);
		assert.match(plain.screen(), /✔ Connected to Etsy/, 'the symbols stay');
	});
});

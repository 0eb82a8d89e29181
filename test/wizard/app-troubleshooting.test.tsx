// The troubleshooting screens inside the whole wizard: real services, real
// callback server, the in-process emulator as Etsy and eBay.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {afterEach, test} from 'node:test';
import type {Props} from '../../source/wizard/app.js';
import {demo, startEmulator} from '../../source/emulator/index.js';
import type {EtsyApp} from '../../source/emulator/types.js';
import {MktError} from '../../source/errors.js';
import type {WizardServices} from '../../source/wizard/services.js';
import {followRedirect, freePort} from '../helpers/cli.js';
import {keys, press, waitForConsentUrl, waitForScreen, type Rendered} from '../helpers/ink.js';
import {cleanupWizardApps, renderWizardApp} from '../helpers/wizard-app.js';

const closers: Array<() => Promise<void> | void> = [];

afterEach(async () => {
	await cleanupWizardApps();
	for (const close of closers.splice(0).reverse()) {
		await close();
	}
});

/** The wizard against an emulator of its own, with these apps registered; the consent screen's hint after 200 ms. */
async function start(options: {
	etsyApps?: EtsyApp[];
	start: Props['start'];
	timeoutMs?: number;
	services?: (real: WizardServices) => WizardServices;
}) {
	const emulator = await startEmulator(options.etsyApps ? {etsyApps: options.etsyApps} : {});
	closers.push(async () => emulator.close());
	const app = await renderWizardApp({
		emulator,
		start: options.start,
		nothingSeenHintMs: 200,
		...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}),
		...(options.services ? {services: options.services} : {}),
	});
	return {...app, emulator};
}

/** Enter on the pre-filled keystring, secret, redirect URI and scopes: to the consent screen. */
async function toConsent(ink: Rendered, redirect: string): Promise<string> {
	await waitForScreen(ink, screen => /Keystring[\s\S]*❯ mktwizdemo0keystring0001/.test(screen));
	await press(ink, keys.enter);
	await waitForScreen(ink, screen => /Shared secret[\s\S]*❯ •+/.test(screen));
	await press(ink, keys.enter);
	await waitForScreen(ink, screen => screen.includes(`❯ ${redirect}`));
	await press(ink, keys.enter);
	await waitForScreen(ink, screen => /Scopes/.test(screen));
	await press(ink, keys.enter);
	return consentUrl(ink);
}

async function consentUrl(ink: Rendered, not?: string): Promise<string> {
	return waitForConsentUrl(ink, not ? {not} : {});
}

function flat(screen: string): string {
	return screen.replaceAll(/\s+/g, ' ');
}

async function occupy(port: number): Promise<net.Server> {
	const server = net.createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	closers.push(async () => new Promise(resolve => {
		server.close(() => resolve());
	}));
	return server;
}

test('mismatch: Etsy refuses, the screen points to t, the registered URI pasted shows the host, r re-runs with it and the login completes', async () => {
	const port = await freePort();
	const sent = `http://localhost:${port}/callback`;
	const registered = `http://127.0.0.1:${port}/callback`;
	const {ink, emulator, configDir, exits} = await start({etsyApps: [{...demo.etsy, redirectUris: [registered]}], start: {provider: 'etsy', profile: 'default', redirectUri: sent}});

	const firstUrl = await toConsent(ink, sent);
	assert.equal(new URL(firstUrl).searchParams.get('redirect_uri'), sent);
	const refused = await emulator.approve(firstUrl);
	assert.equal(refused.location, undefined, 'Etsy never redirects a redirect URI it does not know');
	assert.match(refused.body, /The requested redirect URL is not permitted/);

	let screen = await waitForScreen(ink, text => /Nothing has reached the callback server/.test(text));
	assert.match(flat(screen), /press t to compare them/);
	await press(ink, 't');
	screen = await waitForScreen(ink, text => /Troubleshooting the redirect/.test(text));
	assert.match(flat(screen), /the callback server saw no request at all/);
	assert.match(flat(screen), /1\. Etsy refused the redirect URI/);

	await press(ink, `${registered}\r`);
	screen = await waitForScreen(ink, text => /Redirect URI: sent and registered/.test(text));
	assert.match(screen, /http:\/\/\[-localhost-\]:\d+\/callback/);
	assert.match(screen, /http:\/\/\{\+127\.0\.0\.1\+\}:\d+\/callback/);
	assert.match(flat(screen), /✖ host: The host is localhost in the one sent and 127\.0\.0\.1 in the registered one/);
	assert.match(screen, /r re-run with the registered URI/);

	await press(ink, 'r');
	const secondUrl = await consentUrl(ink, firstUrl);
	assert.notEqual(secondUrl, firstUrl);
	assert.equal(new URL(secondUrl).searchParams.get('redirect_uri'), registered);
	const approved = await emulator.approve(secondUrl);
	assert.ok(approved.location?.startsWith(`${registered}?`), `the emulator answered ${approved.status}`);
	assert.equal((await followRedirect(approved.location!)).status, 200);

	screen = await waitForScreen(ink, text => /Connected to Etsy as user 12345678/.test(text), 5000);
	await press(ink, 'q');
	assert.deepEqual(exits, [0]);
	const saved = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'));
	assert.equal(saved.profiles.default.etsy.redirect, registered, 'the registered URI is the one saved');
});

test('busy port: the screen names this test process as the holder, and u moves to the free port it shows', async () => {
	const port = await freePort();
	const blocker = await occupy(port);
	const sent = `http://localhost:${port}/callback`;
	const {ink, raw} = await start({etsyApps: [{...demo.etsy, redirectUris: [sent]}], start: {provider: 'etsy', profile: 'default', redirectUri: sent}});

	await waitForScreen(ink, screen => /Keystring[\s\S]*❯ mktwizdemo0keystring0001/.test(screen));
	await press(ink, keys.enter, keys.enter);
	await waitForScreen(ink, screen => screen.includes(`❯ ${sent}`));
	await press(ink, keys.enter);
	await waitForScreen(ink, screen => /Scopes/.test(screen));
	await press(ink, keys.enter);

	const screen = await waitForScreen(ink, text => new RegExp(`Port ${port} is in use`).test(text), 5000);
	assert.match(flat(screen), new RegExp(`Held by process ${process.pid}: `));
	const offered = /Port (\d+) is free:/.exec(screen)?.[1];
	assert.ok(offered, screen);
	const alternative = `http://localhost:${offered}/callback`;
	assert.match(flat(screen), new RegExp(`register exactly ${alternative.replaceAll('/', '\\/')} at https:\\/\\/www\\.etsy\\.com\\/developers\\/your-apps before you press u`));
	assert.ok(blocker.listening, 'nothing was switched yet');

	await press(ink, 'c');
	await waitForScreen(ink, text => flat(text).includes(`${alternative} is printed above on one line, and was sent to the clipboard by OSC 52; the terminal does not say whether it took it`));
	assert.ok(ink.allFrames().some(frame => frame.startsWith(`${alternative}\n`)), 'printed above the frame, unbroken');
	assert.deepEqual(raw, [`\u001B]52;c;${Buffer.from(alternative).toString('base64')}\u0007`]);
	await press(ink, 'u');
	const url = await consentUrl(ink);
	assert.equal(new URL(url).searchParams.get('redirect_uri'), alternative);
});

test('wrong path: the emulator sends the browser to /oauth/callback and the troubleshooter explains the path', async () => {
	const port = await freePort();
	const sent = `http://localhost:${port}/callback`;
	const {ink, emulator} = await start({etsyApps: [{...demo.etsy, redirectUris: [sent]}], start: {provider: 'etsy', profile: 'default', redirectUri: sent}});
	emulator.faults.set('etsy.authorize', {kind: 'wrong-path', path: '/oauth/callback'});

	const url = await toConsent(ink, sent);
	const approved = await emulator.approve(url);
	assert.ok(approved.location?.startsWith(`http://localhost:${port}/oauth/callback?`));
	assert.equal((await followRedirect(approved.location!)).status, 404);

	await waitForScreen(ink, text => /! wrong path \/oauth\/callback/.test(text));
	assert.doesNotMatch(ink.screen(), /Nothing has reached/);
	await press(ink, 't');
	const screen = await waitForScreen(ink, text => /Troubleshooting the redirect/.test(text));
	assert.match(flat(screen), new RegExp(`1\\. The browser came back to http://localhost:${port}/oauth/callback, not to /callback`));
	assert.match(flat(screen), /Compare the registered redirect URI with the one sent/);
	await press(ink, keys.escape);
	await waitForScreen(ink, text => /Consent in the browser/.test(text));
	assert.equal(await waitForConsentUrl(ink), url, 'Esc returns to the same consent, still waiting');
});

test('time-out: the screen lists what the server saw and the causes; Enter compares, Esc steps back to it, r starts again', async () => {
	const port = await freePort();
	const sent = `http://localhost:${port}/callback`;
	const {ink} = await start({etsyApps: [{...demo.etsy, redirectUris: [sent]}], start: {provider: 'etsy', profile: 'default', redirectUri: sent}, timeoutMs: 800});

	const url = await toConsent(ink, sent);
	let screen = await waitForScreen(ink, text => /No callback arrived within/.test(text), 5000);
	assert.match(flat(screen), /No callback arrived within 800 ms; the callback server saw no request at all\./);
	assert.ok(screen.includes(`Sent as redirect URI: ${sent}`), screen);
	assert.match(flat(screen), /1\. Etsy refused the redirect URI/);
	assert.match(screen, /r retry · enter compare with the registered URI · esc back · q quit/);

	await press(ink, keys.enter);
	await waitForScreen(ink, text => /Compare with the registered redirect URI/.test(text));
	await press(ink, `http://localhost:${port}/callback/\r`);
	screen = await waitForScreen(ink, text => /The fix/.test(text));
	assert.match(flat(screen), /✖ trailing slash: Only the registered one ends with a slash/);
	await press(ink, keys.escape);
	await waitForScreen(ink, text => /Compare with the registered redirect URI/.test(text));
	await press(ink, keys.escape);
	await waitForScreen(ink, text => /No callback arrived within/.test(text));

	await press(ink, 'r');
	const again = await consentUrl(ink, url);
	assert.notEqual(again, url, 'a new attempt, with a new state');
});

test('provider error=: the screen says what invalid_scope means for Etsy, and Esc goes back to the scopes', async () => {
	const port = await freePort();
	const sent = `http://localhost:${port}/callback`;
	const {ink, emulator} = await start({etsyApps: [{...demo.etsy, redirectUris: [sent]}], start: {provider: 'etsy', profile: 'default', redirectUri: sent}});
	emulator.faults.set('etsy.authorize', {kind: 'error', error: 'invalid_scope', description: 'Invalid scope: listings_x'});

	const url = await toConsent(ink, sent);
	const answer = await emulator.approve(url);
	assert.ok(answer.location?.startsWith(`${sent}?error=invalid_scope`));
	await followRedirect(answer.location!);

	const screen = await waitForScreen(ink, text => /Etsy answered with an error/.test(text), 5000);
	assert.match(flat(screen), /✖ Etsy said invalid_scope: Invalid scope: listings_x/);
	assert.match(flat(screen), /1\. Etsy refused a requested scope \("Invalid scope: listings_x"\)/);
	await press(ink, keys.escape);
	await waitForScreen(ink, text => /· Scopes/.test(text));
});

test('self-test failure: the address that failed and what to check', async () => {
	const {ink} = await start({
		start: {provider: 'etsy', profile: 'default', redirectUri: 'http://localhost:3000/callback'},
		services: real => ({
			...real,
			async beginConsent() {
				throw new MktError('self_test_failed', 'The callback server on [::1]:3000 did not answer its own test request (ECONNREFUSED).', 'Allow loopback connections.');
			},
			resolveLocalhost: async () => [{address: '127.0.0.1', family: 4, loopback: true}, {address: '::1', family: 6, loopback: true}],
		}),
	});
	await toConsentStart(ink);
	const screen = await waitForScreen(ink, text => /The callback server did not answer itself/.test(text), 5000);
	assert.match(flat(screen), /✖ The callback server on \[::1\]:3000 did not answer its own test request \(ECONNREFUSED\)\./);
	assert.match(flat(screen), /firewall or security tool/);
	assert.match(flat(screen), /localhost resolves here to 127\.0\.0\.1, ::1 \(loopback, as it should\)/);
	assert.match(flat(screen), /IPv6 on loopback may be disabled: use http:\/\/127\.0\.0\.1:3000\/…/);
	await press(ink, keys.escape);
	await waitForScreen(ink, text => /· Redirect URI/.test(text));
});

async function toConsentStart(ink: Rendered): Promise<void> {
	await waitForScreen(ink, screen => /Keystring/.test(screen));
	await press(ink, keys.enter, keys.enter);
	await waitForScreen(ink, screen => /· Redirect URI/.test(screen));
	await press(ink, keys.enter);
	await waitForScreen(ink, screen => /Scopes/.test(screen));
	await press(ink, keys.enter);
}

test('eBay invalid_client at the token endpoint: explained as the keyset mix-up, Esc back to the credentials', async () => {
	const {ink, emulator} = await start({start: {provider: 'ebay', environment: 'sandbox', grant: 'user', profile: 'default'}});
	emulator.faults.set('ebay.token', {kind: 'status', status: 401, body: '{"error":"invalid_client","error_description":"client authentication failed"}'});
	await waitForScreen(ink, screen => /Environment|Sandbox/i.test(screen));
	await press(ink, keys.enter);
	await waitForScreen(ink, screen => /Grant|user token/i.test(screen));
	await press(ink, keys.enter);
	await waitForScreen(ink, screen => /App ID/.test(screen));
	await press(ink, keys.enter, keys.enter);
	await waitForScreen(ink, screen => /· RuName/.test(screen));
	await press(ink, keys.enter);
	await waitForScreen(ink, screen => /Scopes/.test(screen));
	await press(ink, keys.enter);
	const url = await consentUrl(ink);
	const approved = await emulator.approve(url);
	assert.ok(approved.location, `eBay sends the browser to the accept URL (${approved.status})`);
	await waitForScreen(ink, screen => /Redirected URL/.test(screen));
	await press(ink, `${approved.location}\r`);

	const screen = await waitForScreen(ink, text => /invalid_client/.test(text), 5000);
	assert.match(flat(screen), /eBay rejected the App ID and Cert ID/);
	assert.match(flat(screen), /same keyset and environment \(sandbox IDs contain SBX, production IDs PRD\): press Esc to check the Cert ID/);
	await press(ink, keys.escape);
	await waitForScreen(ink, text => /· Credentials/.test(text));
});

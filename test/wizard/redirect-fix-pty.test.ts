// The mismatch → paste registered URI → diff → re-run with the fix → success path,
// in the built CLI in a pseudo-terminal (run `npm run build` first).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {after, afterEach, before, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {followRedirect, freePort} from '../helpers/cli.js';
import {tempDir} from '../helpers/temp-dir.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {consentUrlOf, killAll, ptyKeys as keys, spawnCli} from '../helpers/pty.js';

scanCliRunsForSecrets();

afterEach(killAll);

let emulator: Emulator;
let port: number;
let configDir: string;

before(async () => {
	port = await freePort();
	emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [`http://127.0.0.1:${port}/callback`]}]});
	configDir = tempDir('config');
});

after(async () => {
	await emulator.close();
});

test('localhost sent, 127.0.0.1 registered: t, paste the registered URI, the diff names the host, r re-runs with it, and the login completes', async () => {
	const sent = `http://localhost:${port}/callback`;
	const registered = `http://127.0.0.1:${port}/callback`;
	const run = spawnCli(['login', 'etsy', '--redirect-uri', sent], {
		configDir,
		env: {...emulator.env, ETSY_API_KEY: demo.etsy.keystring, ETSY_SHARED_SECRET: demo.etsy.sharedSecret, MKT_WIZARD_HTTP_TIMEOUT_MS: '3000'},
	});
	await run.waitForScreen(/Credentials[\s\S]*❯ mktwizdemo0keystring0001/);
	await run.press(keys.enter);
	await run.waitForScreen(/❯ •+\n/);
	await run.press(keys.enter);
	await run.waitForScreen(screen => screen.includes(`❯ ${sent}`));
	await run.press(keys.enter);
	await run.waitForScreen(/step \d of \d · Scopes/);
	await run.press(keys.enter);

	const first = consentUrlOf(await run.waitForScreen(/Open this page to consent:/));
	assert.equal(new URL(first).searchParams.get('redirect_uri'), sent);
	const refused = await emulator.approve(first);
	assert.match(refused.body, /The requested redirect URL is not permitted/);

	await run.press('t');
	let screen = await run.waitForScreen(/Troubleshooting the redirect[\s\S]*Registered redirect URI\n❯/);
	assert.match(screen, /the callback server saw no request at all/);
	// A paste with its Enter, as one chunk.
	await run.press(`${registered}\r`);
	screen = await run.waitForScreen(/Redirect URI: sent and registered/);
	assert.match(screen, new RegExp(`sent {8}http://\\[-localhost-\\]:${port}/callback`));
	assert.match(screen, new RegExp(`registered {2}http://\\{\\+127\\.0\\.0\\.1\\+\\}:${port}/callback`));
	assert.match(screen.replaceAll(/\s+/g, ' '), /✖ host: The host is localhost in the one sent and 127\.0\.0\.1 in the registered one/);
	assert.match(screen, /r re-run with the registered URI/);

	await run.press('r');
	// The URL wraps at the frame's width, so look at it joined up.
	const second = consentUrlOf(await run.waitForScreen(screen => screen.includes('Open this page to consent:') && consentUrlOf(screen).includes(encodeURIComponent(registered))));
	assert.equal(new URL(second).searchParams.get('redirect_uri'), registered);
	const approved = await emulator.approve(second);
	assert.ok(approved.location?.startsWith(`${registered}?`), `the emulator answered ${approved.status}`);
	assert.equal((await followRedirect(approved.location!)).status, 200);

	screen = await run.waitForScreen(/Connected to Etsy as user 12345678/, 10_000);
	await run.press('q');
	assert.equal((await run.exit).code, 0);
	const saved = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8'));
	assert.equal(saved.profiles.default.etsy.redirect, registered);
});

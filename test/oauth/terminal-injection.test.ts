import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, afterEach, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {hasTerminalControls, printableToken, terminalLines, terminalText} from '../../source/terminal-text.js';
import {type CliResult, freePort, runCli, startCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {killAll, ptyKeys as keys, spawnCli} from '../helpers/pty.js';

import {track} from './cli-runs.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

// What a hostile value carries: set the window title, clear the screen, reverse the text after it.
const title = '\u001B]0;PWNED\u0007';
const clear = '\u001B[2J\u001B[3J';
const reverse = '\u202E';
const c1 = '\u009B31m';
const hostile = `${title}${clear}${reverse}${c1}`;

/** The raw controls of `hostile`, any of which in the output means it reached the terminal as sent. */
function assertNoRawControls(text: string, where: string): void {
	for (const [name, raw] of [['OSC title', '\u001B]0;'], ['ESC [2J', '\u001B[2J'], ['U+202E', reverse], ['C1 CSI', '\u009B'], ['BEL', '\u0007']] as const) {
		assert.ok(!text.includes(raw), `${where} holds a raw ${name}:\n${JSON.stringify(text)}`);
	}
}

function assertQuiet(result: CliResult, what: string): void {
	assertNoRawControls(result.stdout, `${what}: stdout`);
	assertNoRawControls(result.stderr, `${what}: stderr`);
}

afterEach(killAll);

describe('terminal text: the sanitiser', () => {
	test('controls, escapes and bidi overrides become visible escapes; ordinary text is untouched', () => {
		assert.equal(terminalText(hostile), '\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[3J\\u202e\\u009b31m');
		assert.equal(terminalText('a\nb\tc\rd'), 'a\\x0ab\\x09c\\x0dd');
		assert.equal(terminalLines('a\nb\tc\rd\u2066'), 'a\nb\tc\\x0dd\\u2066');
		for (const plain of ['https://www.etsy.com/oauth/connect?a=b&c=%20', 'Ünïcödé ✔ ❯ 日本語 😀', 'C:\\Users\\x', '']) {
			assert.equal(terminalText(plain), plain);
			assert.equal(hasTerminalControls(plain), false);
		}

		for (const code of [0x00, 0x1B, 0x7F, 0x85, 0x9F, 0x61C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]) {
			const character = String.fromCodePoint(code);
			assert.equal(hasTerminalControls(character), true, code.toString(16));
			assert.ok(!terminalText(`x${character}y`).includes(character), code.toString(16));
		}
	});

	test('a token is printed only when it is printable ASCII', () => {
		assert.equal(printableToken('v^1.1#i^1#p^3#r^1#f^0#t^H4sI=', 'eBay', 'mkt-wizard login ebay'), 'v^1.1#i^1#p^3#r^1#f^0#t^H4sI=');
		for (const bad of [`abc${title}`, 'abc def', 'abc\n', `abc${reverse}`, '']) {
			assert.throws(() => printableToken(bad, 'Etsy', 'mkt-wizard login etsy'), (error: Error & {code?: string}) => error.code === 'token_unprintable' && !hasTerminalControls(error.message));
		}
	});
});

describe('hostile values never reach the terminal raw (the built CLI)', () => {
	let emulator: Emulator;
	let configDir: string;

	before(async () => {
		emulator = await startEmulator();
		configDir = tempDir('config');
	});

	after(async () => {
		await emulator.close();
		removeTempDir(configDir);
	});

	function env(extra: Record<string, string | undefined> = {}) {
		return testEnv({...emulator.env, MKT_WIZARD_CONFIG_DIR: configDir, ETSY_API_KEY: demo.etsy.keystring, ETSY_SHARED_SECRET: demo.etsy.sharedSecret, ...extra});
	}

	test('an unknown command, --env, --scopes and --profile from the command line', async () => {
		for (const args of [[hostile], ['token', 'ebay', '--env', hostile], ['login', 'etsy', '--yes', '--no-browser', '--scopes', `shops_r,${hostile}`], ['token', 'etsy', '--profile', hostile], ['token', hostile]]) {
			const result = await runCli(args, env());
			assert.equal(result.code, 2, result.stderr);
			assert.match(result.stderr, /\\x1b\]0;PWNED\\x07/, 'the value is shown, made visible');
			assertQuiet(result, args.join(' '));
		}
	});

	test('ETSY_REDIRECT_URI and BROWSER from the environment', async () => {
		const port = await freePort();
		const result = await runCli(['login', 'etsy', '--yes', '--timeout', '1'], env({ETSY_REDIRECT_URI: `http://127.0.0.1:${port}/cb${hostile}`, BROWSER: `/nonexistent/${hostile}`}));
		assert.equal(result.code, 1, result.stderr);
		assertQuiet(result, 'login with a hostile redirect URI');
	});

	test('profile names, scopes, ids, redirect and identity from a hand-edited config file: status, and token refusing a token with controls', async () => {
		const now = Date.now();
		const connection = {
			provider: 'etsy',
			environment: 'production',
			clientId: `${demo.etsy.keystring}${hostile}`,
			clientSecret: demo.etsy.sharedSecret,
			redirect: `http://localhost:3000/callback${hostile}`,
			user: {
				scopes: ['shops_r', hostile],
				token: {accessToken: `12345678.token${title}`, tokenType: 'Bearer', expiresAt: now + 3_600_000, refreshToken: '12345678.refresh', refreshExpiresAt: now + 86_400_000, obtainedAt: now},
				identity: {userId: `12345678${clear}`, shopId: `87654321${reverse}`},
				verifiedAt: now,
			},
			updatedAt: now,
		};
		writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({version: 1, profiles: {default: {etsy: connection}, [hostile]: {etsy: connection}}}), {mode: 0o600});

		for (const args of [['status'], ['status', '--json'], ['doctor', '--offline'], ['logout', 'etsy', '--profile', 'x']]) {
			const result = await runCli(args, env());
			assertQuiet(result, args.join(' '));
		}

		const status = await runCli(['status'], env());
		assert.match(status.stdout + status.stderr, /shops_r \\x1b\]0;PWNED\\x07/);
		const json = await runCli(['status', '--json'], env());
		const listed = JSON.parse(json.stdout).connections.find((entry: any) => entry.profile === 'default');
		assert.equal(listed.grants[0].scopes[1], hostile, '--json stays valid JSON with the value intact');

		const token = await runCli(['token', 'etsy'], env());
		assert.equal(token.code, 1, token.stderr);
		assert.equal(token.stdout, '');
		assert.match(token.stderr, /not printable ASCII \(\\x1b\)/);
		assertQuiet(token, 'token');
	});

	test('error_description from a callback (U+202E) is shown made visible', async () => {
		const port = await freePort();
		const cli = track(startCli(['login', 'etsy', '--yes', '--no-browser', '--redirect-uri', `http://127.0.0.1:${port}/callback`], env()));
		const [, state] = await cli.waitForStderr(/[?&]state=([\w-]+)/);
		await cli.waitForStderr(/Waiting for Etsy/);
		const description = `The user ${reverse}deined${hostile} access`;
		const answer = await fetch(`http://127.0.0.1:${port}/callback?error=access_denied${encodeURIComponent(title)}&error_description=${encodeURIComponent(description)}&state=${state}`);
		await answer.text();
		const result = await cli.done;
		assert.equal(result.code, 1, result.stderr);
		assert.match(result.stderr, /\\u202e/);
		assertQuiet(result, 'login ended by a hostile callback');
	});

	test('the wizard shows hostile values from the environment made visible', async () => {
		const run = spawnCli(['login', 'etsy'], {configDir, env: {...emulator.env, ETSY_API_KEY: `key${hostile}`, ETSY_SHARED_SECRET: demo.etsy.sharedSecret, ETSY_REDIRECT_URI: `http://localhost:3000/callback${hostile}`}});
		await run.waitForScreen(/Credentials[\s\S]*❯ key\\x1b\]0;PWNED/);
		await run.press(keys.enter);
		await run.waitForScreen(/❯ •+\n/);
		await run.press(keys.enter);
		await run.waitForScreen(/Redirect URI[\s\S]*callback\\x1b\]0;PWNED/);
		run.kill();
		await run.exit;
		assertNoRawControls(run.raw(), 'the wizard');
	});

	test('the wizard\'s consent failure and redirect comparison show a hostile redirect URI made visible', async () => {
		const port = await freePort();
		const run = spawnCli(['login', 'etsy', '--timeout', '1'], {configDir, env: {...emulator.env, ETSY_API_KEY: demo.etsy.keystring, ETSY_SHARED_SECRET: demo.etsy.sharedSecret, ETSY_REDIRECT_URI: `http://127.0.0.1:${port}/callback${hostile}`}});
		await run.waitForScreen(/Credentials/);
		await run.press(keys.enter);
		await run.waitForScreen(/❯ •+\n/);
		await run.press(keys.enter);
		await run.waitForScreen(/Redirect URI[\s\S]*callback\\x1b\]0;PWNED/);
		await run.press(keys.enter);
		await run.waitForScreen(/Scopes/);
		await run.press(keys.enter);
		// The config saved by an earlier test holds a hostile scope: the re-run shows it as removed.
		await run.waitForScreen(/removed {2}\\x1b\]0;PWNED/);
		await run.press(keys.enter);
		await run.waitForScreen(/No callback arrived[\s\S]*callback\\x1b\]0;PWNED/, 15_000);
		await run.press(keys.enter);
		await run.waitForScreen(/Sent as redirect URI:\s+http:\/\/127\.0\.0\.1:\d+\/callback\\x1b\]0;PWNED/);
		run.kill();
		await run.exit;
		assertNoRawControls(run.raw(), 'the wizard');
	});
});

// Each test starts from its own config folder, and those that need a saved login make one first
// (in process, helpers/logins.ts), so any one of them runs alone. What every run printed or left
// beside the config is checked for secrets when the file ends (scanCliRunsForSecrets).
import assert from 'node:assert/strict';
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {after, before, beforeEach, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {followRedirect, freePort, runCli, startCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {loginEtsy} from '../helpers/logins.js';
import {tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

const urlPattern = /(http:\/\/127\.0\.0\.1:\d+\/etsy\/oauth\/connect\?\S+)/;

describe('Etsy through the built CLI against the emulator', () => {
	let emulator: Emulator;
	let redirect: string;
	let configDir: string;
	let env: NodeJS.ProcessEnv;

	before(async () => {
		const port = await freePort();
		redirect = `http://localhost:${port}/callback`;
		emulator = await startEmulator({
			etsyApps: [{...demo.etsy, redirectUris: [redirect]}],
			accessTokenTtlSeconds: {etsy: 600},
		});
	});

	beforeEach(() => {
		configDir = tempDir('config');
		env = testEnv({
			...emulator.env,
			MKT_WIZARD_CONFIG_DIR: configDir,
			ETSY_API_KEY: demo.etsy.keystring,
			ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
			MKT_WIZARD_HTTP_TIMEOUT_MS: '2000',
		});
	});

	after(async () => {
		await emulator.close();
	});

	/** What a test that needs a saved login starts from: the login the first test makes through the CLI. */
	async function seedLogin(): Promise<void> {
		await loginEtsy({emulator, configDir, redirect, scopes: ['shops_r', 'listings_r']});
	}

	function configFile(): string {
		return path.join(configDir, 'config.json');
	}

	function savedTokens(): {access: string; refresh: string} {
		const saved = JSON.parse(readFileSync(configFile(), 'utf8'));
		const user = saved.profiles.default.etsy.user;
		return {access: user.token.accessToken, refresh: user.token.refreshToken};
	}

	async function login(extraArgs: string[] = [], runEnv = env) {
		const cli = startCli(['login', 'etsy', '--yes', '--redirect-uri', redirect, '--scopes', 'shops_r,listings_r', ...extraArgs], runEnv);
		const [, url] = await cli.waitForStderr(urlPattern);
		await cli.waitForStderr(/Waiting for Etsy/);
		return {cli, url: url!};
	}

	test('login: consent in the emulator, callback on loopback, verified and saved 0600', async () => {
		const {cli, url} = await login();
		const approved = await emulator.approve(url);
		assert.equal(approved.status, 302);
		assert.ok(approved.location?.startsWith(`${redirect}?`), approved.location);
		const page = await followRedirect(approved.location!);
		assert.equal(page.status, 200);
		assert.match(page.body, /close this (tab|window)/i);

		const result = await cli.done;
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stderr, /Logged in to Etsy as user 12345678 \(shop 87654321\)/);
		assert.equal(result.stdout, '');

		assert.equal(statSync(configFile()).mode & 0o777, 0o600);
		assert.equal(statSync(configDir).mode & 0o777, 0o700);
		const saved = JSON.parse(readFileSync(configFile(), 'utf8'));
		const etsy = saved.profiles.default.etsy;
		assert.deepEqual(etsy.user.scopes, ['listings_r', 'shops_r']);
		assert.equal(etsy.user.identity.userId, '12345678');
		assert.match(etsy.user.token.accessToken, /^12345678\./);
		assert.ok(etsy.user.token.expiresAt > Date.now() + 500_000);
		assert.ok(etsy.user.token.refreshExpiresAt > Date.now() + (89 * 24 * 3600 * 1000));
	});

	test('token: prints the saved token without refreshing while it is valid', async () => {
		await seedLogin();
		const before = emulator.stats().etsy.refreshes;
		const result = await runCli(['token', 'etsy'], env);
		assert.equal(result.code, 0, result.stderr);
		assert.equal(result.stdout, `${savedTokens().access}\n`);
		assert.equal(result.stderr, '');
		assert.equal(emulator.stats().etsy.refreshes, before);
	});

	test('token --headers: the two header lines an Etsy call needs, from the saved login, that the API accepts', async () => {
		await seedLogin();
		// No credentials in this run's environment: they come from the saved login.
		const result = await runCli(['token', 'etsy', '--headers'], {...env, ETSY_API_KEY: undefined, ETSY_SHARED_SECRET: undefined});
		assert.equal(result.code, 0, result.stderr);
		assert.equal(result.stdout, `Authorization: Bearer ${savedTokens().access}\nx-api-key: ${demo.etsy.keystring}:${demo.etsy.sharedSecret}\n`);
		const headers = Object.fromEntries(result.stdout.trim().split('\n').map(line => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]));
		const response = await fetch(`${emulator.env.MKT_WIZARD_ETSY_API_URL}/application/users/me`, {headers});
		assert.equal(response.status, 200, await response.clone().text());
		assert.equal((await response.json() as {user_id: number}).user_id, 12_345_678);
	});

	test('token: refreshes when less than --min-valid remains, and saves the rotated refresh token', async () => {
		await seedLogin();
		const refreshesBefore = emulator.stats().etsy.refreshes;
		const old = savedTokens();
		const first = await runCli(['token', 'etsy', '--min-valid', '3600'], env);
		assert.equal(first.code, 0, first.stderr);
		const renewed = savedTokens();
		assert.notEqual(renewed.access, old.access);
		assert.notEqual(renewed.refresh, old.refresh, 'Etsy rotates the refresh token');
		assert.equal(first.stdout, `${renewed.access}\n`);

		// The old refresh token is spent; a second refresh works only if the newest one was saved.
		const second = await runCli(['token', 'etsy', '--min-valid', '3600'], env);
		assert.equal(second.code, 0, second.stderr);
		assert.equal(second.stdout, `${savedTokens().access}\n`);
		assert.equal(emulator.stats().etsy.refreshes, refreshesBefore + 2);
	});

	test('status --json shows the connection with the secret masked', async () => {
		await seedLogin();
		const result = await runCli(['status', '--json'], env);
		assert.equal(result.code, 0, result.stderr);
		const status = JSON.parse(result.stdout);
		assert.equal(status.configPath, configFile());
		const [entry] = status.connections;
		assert.equal(entry.provider, 'etsy');
		assert.equal(entry.profile, 'default');
		assert.equal(entry.clientSecret, `••••${demo.etsy.sharedSecret.slice(-4)}`);
		assert.equal(entry.grants[0].state, 'valid');
		assert.equal(entry.grants[0].identity.shopId, '87654321');

		const human = await runCli(['status'], env);
		assert.match(human.stdout, /Etsy · profile default/);
		assert.match(human.stdout, /user token: ✔ valid · user 12345678 \(shop 87654321\)/);
		// Expiry the one way people see it everywhere (source/time.ts formatExpiry); ISO only in --json.
		assert.match(entry.grants[0].accessExpiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		assert.match(human.stdout, /access expires \d\d:\d\d \(in (\d+ min|1 h( \d+ min)?)\)/);
		assert.doesNotMatch(human.stdout, /\d{4}-\d\d-\d\dT/);
	});

	test('a failing re-login (token endpoint 500) exits 1 and keeps the saved login working', async () => {
		await seedLogin();
		const before = readFileSync(configFile(), 'utf8');
		emulator.faults.set('etsy.token', {kind: 'status', status: 500, body: '{"error":"Server Error"}'});
		try {
			const {cli, url} = await login();
			const approved = await emulator.approve(url);
			await followRedirect(approved.location!);
			const result = await cli.done;
			assert.equal(result.code, 1);
			assert.match(result.stderr, /Etsy/);
			assert.match(result.stderr, /500/);
			assert.equal(result.stderr.trim().split('\n').filter(line => line.startsWith('✖')).length, 1);
		} finally {
			emulator.faults.clear();
		}

		assert.equal(readFileSync(configFile(), 'utf8'), before);
		const token = await runCli(['token', 'etsy'], env);
		assert.equal(token.code, 0);
	});

	test('a refresh that meets an HTML page or a timeout exits 1 and changes nothing', async () => {
		await seedLogin();
		const before = readFileSync(configFile(), 'utf8');
		for (const fault of [{kind: 'html'}, {kind: 'slow', delayMs: 4000}, {kind: 'invalid-json'}] as const) {
			emulator.faults.set('etsy.token', fault);
			const result = await runCli(['token', 'etsy', '--min-valid', '3600'], env);
			emulator.faults.clear();
			assert.equal(result.code, 1, `${fault.kind}: ${result.stderr}`);
			assert.equal(result.stdout, '');
			assert.match(result.stderr, /^✖ .*Etsy/m);
			assert.equal(readFileSync(configFile(), 'utf8'), before, fault.kind);
		}
	});

	test('denied consent exits 1 saying it was declined, config untouched', async () => {
		await seedLogin();
		const before = readFileSync(configFile(), 'utf8');
		const {cli, url} = await login();
		const denied = await emulator.approve(url, {deny: true});
		assert.match(denied.location!, /error=access_denied/);
		const page = await followRedirect(denied.location!);
		assert.match(page.body, /access_denied|declined|denied/i);
		const result = await cli.done;
		assert.equal(result.code, 1);
		assert.match(result.stderr, /declined/);
		assert.equal(readFileSync(configFile(), 'utf8'), before);
	});

	test('a callback with the wrong state is ignored and the right one still completes', async () => {
		const {cli, url} = await login();
		const approved = await emulator.approve(url);
		const forged = new URL(approved.location!);
		forged.searchParams.set('state', 'forged-state');
		const rejected = await followRedirect(forged.toString());
		assert.equal(rejected.status, 400);
		await cli.waitForStderr(/state did not match/);
		await followRedirect(approved.location!);
		const result = await cli.done;
		assert.equal(result.code, 0, result.stderr);
		assert.equal(JSON.parse(readFileSync(configFile(), 'utf8')).profiles.default.etsy.user.identity.userId, '12345678');
	});

	test('a wrong shared secret fails before the browser, with the cause and the fix', async () => {
		await seedLogin();
		const before = readFileSync(configFile(), 'utf8');
		const result = await runCli(['login', 'etsy', '--yes', '--redirect-uri', redirect], {...env, ETSY_SHARED_SECRET: 'wrongsecret99'});
		assert.equal(result.code, 1);
		assert.doesNotMatch(result.stderr, /oauth\/connect/, 'no consent URL is offered');
		assert.match(result.stderr, /x-api-key|shared secret|keystring/i);
		assert.equal(readFileSync(configFile(), 'utf8'), before);
	});

	test('no terminal and no credentials: exit 2 naming the missing variables', async () => {
		const result = await runCli(['login', 'etsy'], {...env, ETSY_API_KEY: undefined, ETSY_SHARED_SECRET: undefined});
		assert.equal(result.code, 2);
		assert.match(result.stderr, /ETSY_API_KEY and ETSY_SHARED_SECRET/);
	});

	test('logout forgets the tokens; token then names the command that fixes it', async () => {
		await seedLogin();
		const result = await runCli(['logout', 'etsy'], env);
		assert.equal(result.code, 0, result.stderr);
		const token = await runCli(['token', 'etsy'], env);
		assert.equal(token.code, 1);
		assert.equal(token.stdout, '');
		assert.match(token.stderr, /mkt-wizard login etsy/);
		const saved = JSON.parse(readFileSync(configFile(), 'utf8'));
		assert.equal(saved.profiles.default.etsy.clientId, demo.etsy.keystring, 'credentials kept');
		assert.equal(saved.profiles.default.etsy.user, undefined);
	});

});

// Each test starts from its own config folder and seeds the logins it needs (in process,
// helpers/logins.ts), so any one of them runs alone; secrets are checked when the file ends.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, beforeEach, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {getAccessToken, getAuthHeaders, MktError} from '../../source/index.js';
import {runCli, startCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {loginEbay} from '../helpers/logins.js';
import {tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

describe('eBay through the built CLI against the emulator', () => {
	let emulator: Emulator;
	let configDir: string;
	let env: NodeJS.ProcessEnv;
	const sandbox = demo.ebay.sandbox;

	before(async () => {
		emulator = await startEmulator();
	});

	beforeEach(() => {
		configDir = tempDir('config');
		env = testEnv({
			...emulator.env,
			MKT_WIZARD_CONFIG_DIR: configDir,
			EBAY_CLIENT_ID: sandbox.clientId,
			EBAY_CLIENT_SECRET: sandbox.clientSecret,
			EBAY_RUNAME: sandbox.ruNames[0]!.ruName,
		});
	});

	after(async () => {
		await emulator.close();
	});

	/** Saved sandbox logins to start from: the user token, the application token, or both. */
	async function seedLogins(grants: ReadonlyArray<'user' | 'app'>): Promise<void> {
		await loginEbay({emulator, configDir, grants});
	}

	function saved() {
		return JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8')).profiles.default['ebay-sandbox'];
	}

	test('application token: minted once, verified, cached for later token calls', async () => {
		const {clientCredentials: mintsBefore, taxonomy: taxonomyBefore} = emulator.stats().ebay;
		const login = await runCli(['login', 'ebay', '--grant', 'app', '--env', 'sandbox'], env);
		assert.equal(login.code, 0, login.stderr);
		assert.match(login.stderr, /Application token minted and verified/);
		assert.equal(emulator.stats().ebay.clientCredentials, mintsBefore + 1);
		assert.equal(emulator.stats().ebay.taxonomy, taxonomyBefore + 1);
		const minted = saved().app.token.accessToken;
		assert.match(minted, /^v\^1\.1#/);

		for (let round = 0; round < 3; round++) {
			const token = await runCli(['token', 'ebay', '--env', 'sandbox', '--grant', 'app'], env);
			assert.equal(token.code, 0, token.stderr);
			assert.equal(token.stdout, `${minted}\n`);
		}

		assert.equal(emulator.stats().ebay.clientCredentials, mintsBefore + 1, 'eBay caps mints per day: cached, not minted per call');
		const forced = await runCli(['token', 'ebay', '--env', 'sandbox', '--grant', 'app', '--min-valid', '10000'], env);
		assert.equal(forced.code, 0, forced.stderr);
		assert.notEqual(forced.stdout, `${minted}\n`);
		assert.equal(emulator.stats().ebay.clientCredentials, mintsBefore + 2);
	});

	test('with only an application token saved, asking for no grant fails naming both ways; asking for it by name works', async () => {
		await seedLogins(['app']);
		const cli = await runCli(['token', 'ebay', '--env', 'sandbox'], env);
		assert.equal(cli.code, 1);
		assert.equal(cli.stdout, '');
		assert.match(cli.stderr, /Only an eBay sandbox application token is saved, and it cannot act for a seller account\./);
		assert.match(cli.stderr, /grant: 'app'/);
		assert.match(cli.stderr, /mkt-wizard token ebay --grant app --env sandbox/);
		assert.match(cli.stderr, /mkt-wizard login ebay --grant user --env sandbox/);

		await assert.rejects(getAccessToken('ebay', {environment: 'sandbox', configDir}), (error: unknown) => {
			assert.ok(error instanceof MktError);
			assert.equal(error.code, 'grant_required');
			return true;
		});
		const token = saved().app.token.accessToken;
		assert.equal(await getAccessToken('ebay', {environment: 'sandbox', grant: 'app', configDir}), token);
		assert.deepEqual(await getAuthHeaders('ebay', {environment: 'sandbox', grant: 'app', configDir}), {Authorization: `Bearer ${token}`}, 'eBay takes the bearer token alone');
		const headers = await runCli(['token', 'ebay', '--env', 'sandbox', '--grant', 'app', '--headers'], env);
		assert.equal(headers.code, 0, headers.stderr);
		assert.equal(headers.stdout, `Authorization: Bearer ${token}\n`);
	});

	test('user token: consent, the redirected URL pasted on stdin, identity verified', async () => {
		await seedLogins(['app']);
		const cli = startCli(['login', 'ebay', '--env', 'sandbox', '--paste', '--scopes', 'sell.inventory'], env);
		const [, url] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/ebay\/oauth2\/authorize\?\S+)/);
		await cli.waitForStderr(/Paste/);
		const approved = await emulator.approve(url!);
		assert.equal(approved.status, 302);
		assert.match(approved.location!, /\/ebay\/accepted\?/);
		cli.write(`${approved.location}\n`);
		const result = await cli.done;
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stderr, /Logged in to eBay as demo_ebay_seller/);
		const user = saved().user;
		assert.ok(user.scopes.includes('https://api.ebay.com/oauth/api_scope/sell.inventory'));
		assert.ok(user.scopes.includes('https://api.ebay.com/oauth/api_scope/commerce.identity.readonly'));
		assert.ok(saved().app, 'the application token saved before is kept');
	});

	test('user token refresh: eBay returns no new refresh token, the saved one is kept', async () => {
		await seedLogins(['user']);
		const refreshesBefore = emulator.stats().ebay.refreshes;
		const before = saved().user.token;
		const result = await runCli(['token', 'ebay', '--env', 'sandbox', '--min-valid', '100000'], env);
		assert.equal(result.code, 0, result.stderr);
		const after = saved().user.token;
		assert.equal(result.stdout, `${after.accessToken}\n`);
		assert.notEqual(after.accessToken, before.accessToken);
		assert.equal(after.refreshToken, before.refreshToken);
		assert.equal(after.refreshExpiresAt, before.refreshExpiresAt, 'the refresh expiry does not roll forward');
		assert.equal(emulator.stats().ebay.refreshes, refreshesBefore + 1);
	});

	test('a sandbox keyset against production: invalid_client explained as the environment mix-up', async () => {
		const result = await runCli(['login', 'ebay', '--grant', 'app'], {...env, EBAY_CLIENT_SECRET: 'PRD-not-the-right-secret'});
		assert.equal(result.code, 1);
		assert.match(result.stderr, /sandbox/i);
		assert.match(result.stderr, /production/i);
	});

	test('a pasted URL with another state is refused and nothing is saved', async () => {
		await seedLogins(['app']);
		const before = readFileSync(path.join(configDir, 'config.json'), 'utf8');
		const cli = startCli(['login', 'ebay', '--env', 'sandbox', '--paste'], env);
		const [, url] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/ebay\/oauth2\/authorize\?\S+)/);
		const approved = await emulator.approve(url!);
		const forged = new URL(approved.location!);
		forged.searchParams.set('state', 'not-ours');
		cli.write(`${forged}\n`);
		const result = await cli.done;
		assert.equal(result.code, 1);
		assert.match(result.stderr, /state/i);
		assert.equal(readFileSync(path.join(configDir, 'config.json'), 'utf8'), before);
	});

	test('token for the environment not logged in points at the one that is', async () => {
		await seedLogins(['user', 'app']);
		const result = await runCli(['token', 'ebay'], env);
		assert.equal(result.code, 1);
		assert.equal(result.stdout, '');
		assert.match(result.stderr, /No saved eBay production login/);
		assert.match(result.stderr, /mkt-wizard token ebay --env sandbox/);
	});

});

import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {refuseInsecureOverrides} from '../../source/oauth/endpoint-transport.js';
import {ebay} from '../../source/providers/ebay.js';
import {etsy} from '../../source/providers/etsy.js';
import {runCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

describe('endpoint overrides: https, or http only to this machine', () => {
	test('each override variable the provider names is checked, and its defaults, the refusal names the variable and https, and no credentials', () => {
		const accepted = {
			MKT_WIZARD_ETSY_TOKEN_URL: 'https://staging.example/v3/public/oauth/token',
			MKT_WIZARD_ETSY_API_URL: 'http://127.0.0.1:4010/etsy/v3',
			MKT_WIZARD_ETSY_AUTHORIZE_URL: 'http://localhost:4010/etsy/oauth/connect',
			MKT_WIZARD_EBAY_API_URL: 'http://[::1]:4010/ebay',
			MKT_WIZARD_EBAY_APIZ_URL: 'ftp://elsewhere.example/',
		};
		refuseInsecureOverrides(etsy, accepted);
		for (const [name, value] of [
			['MKT_WIZARD_ETSY_TOKEN_URL', 'http://user:hunter2@staging.example/token'],
			['MKT_WIZARD_ETSY_API_URL', 'http://127.0.0.1.nip.io/v3'],
			['MKT_WIZARD_ETSY_AUTHORIZE_URL', 'ftp://etsy.example/connect'],
		] as const) {
			assert.throws(() => refuseInsecureOverrides(etsy, {...accepted, [name]: value}), (error: Error & {code?: string; remedy?: string; exitCode?: number}) => {
				assert.equal(error.code, 'usage');
				assert.equal(error.exitCode, 2);
				assert.ok(error.message.startsWith(name), error.message);
				assert.match(`${error.message} ${error.remedy}`, /https/);
				assert.ok(!error.message.includes('hunter2'));
				return true;
			});
		}

		assert.throws(() => refuseInsecureOverrides(ebay, accepted), /MKT_WIZARD_EBAY_APIZ_URL is ftp:/);
		assert.throws(() => refuseInsecureOverrides(ebay, {MKT_WIZARD_EBAY_API_URL: 'not a url'}), /MKT_WIZARD_EBAY_API_URL is not a URL/);
		const endpoints = {authorizeUrl: 'https://example.test/authorize', tokenUrl: 'http://10.1.2.3/token', apiUrl: 'http://127.0.0.1:9/api', apizUrl: ''};
		assert.throws(() => refuseInsecureOverrides({id: 'added', endpoints: {production: endpoints, sandbox: endpoints}}, {}), /The added production tokenUrl is http:\/\/10\.1\.2\.3: only https/);
	});
});

/** An address of this machine that is not loopback, where a plain-http listener stands for a server across the network. */
function outsideAddress(): string | undefined {
	for (const entries of Object.values(os.networkInterfaces())) {
		for (const entry of entries ?? []) {
			if (entry.family === 'IPv4' && !entry.internal) {
				return entry.address;
			}
		}
	}

	return undefined;
}

describe('the CLI refuses a plain-http override before sending anything', () => {
	let emulator: Emulator;
	let configDir: string;
	let listener: http.Server | undefined;
	let outside: string;
	const received: string[] = [];

	before(async () => {
		emulator = await startEmulator();
		configDir = tempDir('config');
		const address = outsideAddress();
		if (address) {
			listener = http.createServer((request, response) => {
				let body = '';
				request.on('data', chunk => {
					body += chunk;
				});
				request.on('end', () => {
					received.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''} ${body}`);
					response.writeHead(500).end();
				});
			});
			await new Promise<void>(resolve => listener!.listen(0, address, resolve));
			outside = `http://${address}:${(listener.address() as {port: number}).port}`;
		} else {
			// No interface but loopback: a name that resolves nowhere still shows the refusal (and its exit code).
			outside = 'http://mkt-wizard-test.invalid';
		}
	});

	after(async () => {
		await emulator.close();
		removeTempDir(configDir);
		await new Promise(resolve => (listener ? listener.close(resolve) : resolve(undefined)));
	});

	test('token: an expired Etsy token is not refreshed through http:// on another host (exit 2, names https)', async () => {
		const now = Date.now();
		writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({version: 1, profiles: {default: {etsy: {
			provider: 'etsy',
			environment: 'production',
			clientId: demo.etsy.keystring,
			clientSecret: demo.etsy.sharedSecret,
			redirect: 'http://localhost:3000/callback',
			user: {scopes: ['shops_r'], token: {accessToken: '12345678.old', tokenType: 'Bearer', expiresAt: now - 1000, refreshToken: '12345678.refresh-secret', refreshExpiresAt: now + 86_400_000, obtainedAt: now - 3_600_000}, verifiedAt: now},
			updatedAt: now,
		}}}}), {mode: 0o600});
		const result = await runCli(['token', 'etsy'], testEnv({...emulator.env, MKT_WIZARD_CONFIG_DIR: configDir, MKT_WIZARD_ETSY_TOKEN_URL: `${outside}/v3/public/oauth/token`}));
		assert.equal(result.code, 2, result.stderr);
		assert.equal(result.stdout, '');
		assert.match(result.stderr, /MKT_WIZARD_ETSY_TOKEN_URL is http:\/\/.*only https/);
		assert.deepEqual(received, [], 'nothing was sent in clear');
	});

	test('login: an http:// authorize or token URL off this machine is refused before the browser step', async () => {
		for (const variable of ['MKT_WIZARD_ETSY_AUTHORIZE_URL', 'MKT_WIZARD_ETSY_API_URL']) {
			const result = await runCli(['login', 'etsy', '--yes', '--no-browser', '--redirect-uri', 'http://127.0.0.1:9/callback', '--timeout', '1'], testEnv({
				...emulator.env,
				MKT_WIZARD_CONFIG_DIR: configDir,
				ETSY_API_KEY: demo.etsy.keystring,
				ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
				[variable]: `${outside}/etsy`,
			}));
			assert.equal(result.code, 2, result.stderr);
			assert.match(result.stderr, new RegExp(`${variable} is http://`));
			assert.doesNotMatch(result.stderr, /open this URL/i);
		}

		assert.deepEqual(received, []);
	});

	test('plain http to the emulator on 127.0.0.1 still works', async () => {
		const result = await runCli(['login', 'ebay', '--grant', 'app', '--env', 'sandbox'], testEnv({
			...emulator.env,
			MKT_WIZARD_CONFIG_DIR: configDir,
			EBAY_CLIENT_ID: demo.ebay.sandbox.clientId,
			EBAY_CLIENT_SECRET: demo.ebay.sandbox.clientSecret,
		}));
		assert.equal(result.code, 0, result.stderr);
	});
});

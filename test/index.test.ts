import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../source/emulator/index.js';
import {beginConsent, finishUserLogin, type LoginInput} from '../source/flows/login.js';
import {getAccessToken, getAuthHeaders, MktError} from '../source/index.js';
import {createHttpClient} from '../source/oauth/http.js';
import {connectionKey, openStore} from '../source/store/index.js';
import {followRedirect, freePort} from './helpers/cli.js';
import {removeTempDir, tempDir} from './helpers/temp-dir.js';

describe('getAccessToken, in process, against the emulator', () => {
	let emulator: Emulator;
	let configDir: string;
	const key = connectionKey({provider: 'etsy'});
	const savedEnv = {...process.env};

	before(async () => {
		const port = await freePort();
		const redirect = `http://127.0.0.1:${port}/callback`;
		emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [redirect]}]});
		configDir = tempDir('config');
		Object.assign(process.env, emulator.env);
		const store = openStore({configDir});
		const input: LoginInput = {key, clientId: demo.etsy.keystring, clientSecret: demo.etsy.sharedSecret, redirect, scopes: ['shops_r']};
		const consent = await beginConsent(input, {env: process.env, listen: true, timeoutMs: 10_000});
		const approved = await emulator.approve(consent.url);
		await followRedirect(approved.location!);
		const {code} = await consent.server!.result;
		await consent.close();
		const steps: string[] = [];
		await finishUserLogin(input, {code, codeVerifier: consent.codeVerifier}, {store, http: createHttpClient({env: process.env}), now: Date.now, env: process.env}, (step, phase) => steps.push(`${step}:${phase}`));
		assert.deepEqual(steps, ['exchange:start', 'exchange:done', 'verify:start', 'verify:done', 'save:start', 'save:done']);
	});

	after(async () => {
		process.env = savedEnv;
		await emulator.close();
		removeTempDir(configDir);
	});

	test('returns the saved token while it is valid', async () => {
		const saved = openStore({configDir}).get(key)!;
		assert.equal(await getAccessToken('etsy', {configDir}), saved.user!.token.accessToken);
		assert.equal(emulator.stats().etsy.refreshes, 0);
	});

	test('getAuthHeaders: the bearer token and Etsy\'s x-api-key from the saved login, accepted by the API', async () => {
		const saved = openStore({configDir}).get(key)!;
		const headers = await getAuthHeaders('etsy', {configDir});
		assert.deepEqual(headers, {Authorization: `Bearer ${saved.user!.token.accessToken}`, 'x-api-key': `${demo.etsy.keystring}:${demo.etsy.sharedSecret}`});
		const response = await fetch(`${emulator.env.MKT_WIZARD_ETSY_API_URL}/application/users/me`, {headers});
		assert.equal(response.status, 200, await response.clone().text());
	});

	test('ten parallel callers on an expired token refresh once and all get the new token', async () => {
		const store = openStore({configDir});
		await store.withLock(async () => {
			store.update(key, current => ({...current!, user: {...current!.user!, token: {...current!.user!.token, expiresAt: Date.now() - 1000}}}));
		});
		const tokens = await Promise.all(Array.from({length: 10}, async () => getAccessToken('etsy', {configDir})));
		assert.equal(new Set(tokens).size, 1);
		assert.equal(emulator.stats().etsy.refreshes, 1);
		assert.equal(store.get(key)!.user!.token.accessToken, tokens[0]);
	});

	test('an unknown profile rejects with an MktError naming the command that fixes it', async () => {
		await assert.rejects(getAccessToken('etsy', {configDir, profile: 'shop-2'}), (error: unknown) => {
			assert.ok(error instanceof MktError);
			assert.equal(error.code, 'not_logged_in');
			assert.match(error.remedy, /mkt-wizard login etsy --profile shop-2/);
			return true;
		});
	});
});

import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import type {Browser} from 'playwright-core';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {launchChromium, skipWithoutChromium} from '../helpers/browser.js';
import {freePort, startCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

describe('consent in a real headless Chromium', {skip: skipWithoutChromium()}, () => {
	let emulator: Emulator;
	let browser: Browser;
	let redirect: string;

	before(async () => {
		const port = await freePort();
		redirect = `http://localhost:${port}/callback`;
		emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [redirect]}]});
		browser = await launchChromium();
	});

	// Each part closes even when an earlier one failed to start: a server left open keeps the file's process alive.
	after(async () => {
		await browser?.close();
		await emulator?.close();
	});

	/** Each run with a config folder of its own: no test starts from what another saved. */
	function env() {
		return testEnv({
			...emulator.env,
			MKT_WIZARD_CONFIG_DIR: tempDir('config'),
			ETSY_API_KEY: demo.etsy.keystring,
			ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
		});
	}

	test('Allow on the consent page brings the browser to our callback and logs in', async () => {
		const cli = startCli(['login', 'etsy', '--yes', '--redirect-uri', redirect, '--scopes', 'shops_r,transactions_r'], env());
		const [, url] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/etsy\/oauth\/connect\?\S+)/);
		const page = await browser.newPage();
		await page.goto(url!);
		const consentText = await page.textContent('body');
		assert.match(consentText ?? '', /transactions_r/);
		assert.match(consentText ?? '', /See all checkout and payment data/);
		await page.getByRole('button', {name: /allow/i}).click();
		await page.waitForURL(/\/callback\?/);
		assert.match(await page.textContent('body') ?? '', /close this (tab|window)/i);
		const result = await cli.done;
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stderr, /Logged in to Etsy as user 12345678/);
		await page.close();
	});

	test('Deny shows the reason in the browser and the CLI exits 1', async () => {
		const cli = startCli(['login', 'etsy', '--yes', '--redirect-uri', redirect], env());
		const [, url] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/etsy\/oauth\/connect\?\S+)/);
		const page = await browser.newPage();
		await page.goto(url!);
		await page.getByRole('button', {name: /deny/i}).click();
		await page.waitForURL(/error=access_denied/);
		assert.match(await page.textContent('body') ?? '', /access_denied|declined|denied/i);
		const result = await cli.done;
		assert.equal(result.code, 1);
		assert.match(result.stderr, /declined/);
		await page.close();
	});

	test('a redirect URI that is not registered ends on the provider\'s error page, with no callback', async () => {
		const port = await freePort();
		const cli = startCli(['login', 'etsy', '--yes', '--redirect-uri', `http://localhost:${port}/callback/`, '--timeout', '3'], env());
		const [, url] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/etsy\/oauth\/connect\?\S+)/);
		const page = await browser.newPage();
		const response = await page.goto(url!);
		assert.equal(response?.status(), 400);
		assert.match(await page.textContent('body') ?? '', /The requested redirect URL is not permitted/);
		const result = await cli.done;
		assert.equal(result.code, 1);
		assert.match(result.stderr, /3 s|nothing|no request/i);
		await page.close();
	});
});

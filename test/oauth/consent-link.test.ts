import assert from 'node:assert/strict';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import type {Browser} from 'playwright-core';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {type CliRun, followRedirect, freePort, startCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {launchChromium} from '../helpers/browser.js';

import {track} from './cli-runs.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

const skipScripts = process.platform === 'win32' ? 'needs a POSIX shell' : false;

describe('the browser command never gets the state: a single-use local consent link', {skip: skipScripts}, () => {
	let emulator: Emulator;
	let configDir: string;
	let scratch: string;
	let port: number;
	let redirect: string;
	let runs = 0;

	before(async () => {
		port = await freePort();
		redirect = `http://127.0.0.1:${port}/callback`;
		emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [redirect]}]});
		configDir = tempDir('config');
		scratch = tempDir('consent-link');
	});

	after(async () => {
		await emulator.close();
		removeTempDir(configDir);
		removeTempDir(scratch);
	});

	/** A BROWSER that records its arguments, one per line, in a file of its own, and exits 0. */
	function recorder(): {command: string; file: string} {
		runs++;
		const file = path.join(scratch, `argv-${runs}.txt`);
		const command = path.join(scratch, `browser-${runs}.sh`);
		writeFileSync(command, `#!/bin/sh\nprintf '%s\\n' "$@" > "${file}.part" && mv "${file}.part" "${file}"\n`, {mode: 0o755});
		return {command, file};
	}

	async function recorded(file: string): Promise<string> {
		for (let tries = 0; tries < 400 && !existsSync(file); tries++) {
			await sleep(25);
		}

		return readFileSync(file, 'utf8');
	}

	function etsyLogin(browser: string): CliRun {
		return track(startCli(['login', 'etsy', '--yes', '--redirect-uri', redirect, '--scopes', 'shops_r'], testEnv({
			...emulator.env,
			MKT_WIZARD_CONFIG_DIR: configDir,
			ETSY_API_KEY: demo.etsy.keystring,
			ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
			BROWSER: browser,
			DISPLAY: undefined,
		})));
	}

	/** The browser's argument: one local address, no state, no PKCE challenge, no provider URL. */
	function assertSingleUseLink(argv: string, origin: string): string {
		assert.doesNotMatch(argv, /state=|code_challenge|client_id|oauth/i, `the browser command got: ${argv}`);
		const lines = argv.trim().split('\n');
		assert.equal(lines.length, 1, argv);
		assert.match(lines[0]!, new RegExp(`^${origin.replaceAll('.', '\\.')}/start/[\\w-]{32}$`));
		return lines[0]!;
	}

	test('Etsy: the recorded argument is a local link; its first request is sent on to the consent page and the login completes', async () => {
		const browser = recorder();
		const cli = etsyLogin(browser.command);
		const [, printed] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/etsy\/oauth\/connect\?\S+)/);
		const link = assertSingleUseLink(await recorded(browser.file), `http://127.0.0.1:${port}`);

		const first = await fetch(link, {redirect: 'manual'});
		assert.equal(first.status, 303);
		assert.equal(first.headers.get('location'), printed, 'the link leads to exactly the consent URL shown in the terminal');
		assert.equal(first.headers.get('referrer-policy'), 'no-referrer');
		const approved = await emulator.approve(first.headers.get('location')!);
		assert.equal((await followRedirect(approved.location!)).status, 200);
		const result = await cli.done;
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stderr, /Logged in to Etsy/);
		assert.match(result.stderr, /state=/, 'the full consent URL is still shown in the terminal');
	});

	test('Etsy: a second request for the link stops the login, saying another program opened it', async () => {
		const browser = recorder();
		const cli = etsyLogin(browser.command);
		const link = assertSingleUseLink(await recorded(browser.file), `http://127.0.0.1:${port}`);
		assert.equal((await fetch(link, {redirect: 'manual'})).status, 303);
		const second = await fetch(link, {redirect: 'manual'});
		assert.equal(second.status, 409);
		assert.equal(second.headers.get('location'), null, 'the second caller learns nothing');
		assert.match(await second.text(), /already used/);
		const result = await cli.done;
		assert.equal(result.code, 1, result.stderr);
		assert.match(result.stderr, /consent link was opened twice, so another program on this machine has it too/);
		assert.doesNotMatch(result.stderr, /Logged in/);
	});

	test('eBay (RuName, pasted code): the browser gets a local link too, and a link opened twice refuses the paste', async () => {
		const sandbox = demo.ebay.sandbox;
		const ebayLogin = (browserCommand: string) => track(startCli(['login', 'ebay', '--env', 'sandbox', '--scopes', 'sell.inventory'], testEnv({
			...emulator.env,
			MKT_WIZARD_CONFIG_DIR: configDir,
			EBAY_CLIENT_ID: sandbox.clientId,
			EBAY_CLIENT_SECRET: sandbox.clientSecret,
			EBAY_RUNAME: sandbox.ruNames[0]!.ruName,
			BROWSER: browserCommand,
			DISPLAY: undefined,
		})));

		let browser = recorder();
		let cli = ebayLogin(browser.command);
		let link = assertSingleUseLink(await recorded(browser.file), 'http://127.0.0.1:\\d+');
		const first = await fetch(link, {redirect: 'manual'});
		assert.equal(first.status, 303);
		assert.match(first.headers.get('location')!, /\/ebay\/oauth2\/authorize\?.*state=/);
		await cli.waitForStderr(/Paste/);
		let approved = await emulator.approve(first.headers.get('location')!);
		cli.write(`${approved.location}\n`);
		let result = await cli.done;
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stderr, /Logged in to eBay/);

		browser = recorder();
		cli = ebayLogin(browser.command);
		link = assertSingleUseLink(await recorded(browser.file), 'http://127.0.0.1:\\d+');
		const opened = await fetch(link, {redirect: 'manual'});
		assert.equal((await fetch(link, {redirect: 'manual'})).status, 409);
		await cli.waitForStderr(/Paste/);
		approved = await emulator.approve(opened.headers.get('location')!);
		cli.write(`${approved.location}\n`);
		result = await cli.done;
		assert.equal(result.code, 1, result.stderr);
		assert.match(result.stderr, /opened twice/);
	});
});

describe('a real headless Chromium follows the single-use link to the consent page', {skip: skipScripts}, () => {
	let emulator: Emulator;
	let chromium: Browser;
	let configDir: string;
	let scratch: string;

	before(async () => {
		emulator = await startEmulator();
		chromium = await launchChromium();
		configDir = tempDir('config');
		scratch = tempDir('consent-link');
	});

	after(async () => {
		await chromium.close();
		await emulator.close();
		removeTempDir(configDir);
		removeTempDir(scratch);
	});

	test('the link redirects to the emulator\'s consent page; Allow brings the browser back and the CLI logs in', async () => {
		const port = await freePort();
		const redirect = `http://localhost:${port}/callback`;
		await emulator.close();
		emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [redirect]}]});
		const file = path.join(scratch, 'argv.txt');
		const command = path.join(scratch, 'browser.sh');
		writeFileSync(command, `#!/bin/sh\nprintf '%s' "$1" > "${file}.part" && mv "${file}.part" "${file}"\n`, {mode: 0o755});
		const cli = track(startCli(['login', 'etsy', '--yes', '--redirect-uri', redirect, '--scopes', 'shops_r,transactions_r'], testEnv({
			...emulator.env,
			MKT_WIZARD_CONFIG_DIR: configDir,
			ETSY_API_KEY: demo.etsy.keystring,
			ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
			BROWSER: command,
			DISPLAY: undefined,
		})));
		for (let tries = 0; tries < 400 && !existsSync(file); tries++) {
			await sleep(25);
		}

		const link = readFileSync(file, 'utf8');
		assert.doesNotMatch(link, /state=|code_challenge/);
		const page = await chromium.newPage();
		await page.goto(link);
		assert.match(page.url(), /\/etsy\/oauth\/connect\?.*state=/);
		assert.match(await page.textContent('body') ?? '', /transactions_r/);
		await page.getByRole('button', {name: /allow/i}).click();
		await page.waitForURL(/\/callback\?/);
		const result = await cli.done;
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stderr, /Logged in to Etsy as user 12345678/);
		await page.close();
	});
});

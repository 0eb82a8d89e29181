import assert from 'node:assert/strict';
import {chmodSync, chownSync, existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {runBounded} from './setup.js';
import {Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

const nobody = 65_534;
const runningAsRoot = process.getuid?.() === 0;

describe('bounds and order (issue 12 item 10)', () => {
	let emulator: Emulator;
	let scratch: string;
	let env: NodeJS.ProcessEnv;

	before(async () => {
		emulator = await startEmulator();
		scratch = tempDir('bounds');
		chmodSync(scratch, 0o755);
		env = testEnv({...emulator.env, MKT_WIZARD_CONFIG_DIR: path.join(scratch, 'config'), ETSY_API_KEY: demo.etsy.keystring, ETSY_SHARED_SECRET: demo.etsy.sharedSecret});
	});

	after(async () => {
		await emulator.close();
		removeTempDir(scratch);
	});

	test('values Node cannot hold are usage errors (exit 2) naming the limit; a login whose config folder is not writable stops before the browser', {timeout: 120_000}, async t => {
		const tally = new Tally('bounds', '--timeout beyond Node\'s timer, --port beyond 65535, and a login whose config folder cannot be written');
		const usage: Array<[string[], RegExp]> = [
			[['login', 'etsy', '--yes', '--no-browser', '--timeout', '2147484'], /^✖ --timeout must be at most 2147483 seconds/],
			[['login', 'etsy', '--yes', '--no-browser', '--timeout', '99999999999'], /^✖ --timeout must be at most 2147483 seconds/],
			[['emulator', '--port', '99999'], /^✖ --port must be at most 65535/],
			[['emulator', '--port', '65536'], /^✖ --port must be at most 65535/],
		];
		for (const [args, message] of usage) {
			tally.add('runs');
			const result = await runBounded(args, env);
			await tally.attempt(args.join(' '), () => {
				assert.equal(result.hung, false);
				assert.equal(result.code, 2, result.stderr);
				assert.match(result.stderr, message);
				assert.doesNotMatch(result.stderr, /RangeError|firewall/);
			});
		}

		// The browser command records that it ran; the config folder is one the CLI's user cannot write.
		const opened = path.join(scratch, 'browser-opened');
		const browser = path.join(scratch, 'browser.sh');
		writeFileSync(browser, `#!/bin/sh\necho "$1" > ${opened}\n`, {mode: 0o755});
		const configDir = path.join(scratch, 'read-only-config');
		mkdirSync(configDir, {mode: 0o500});
		const asNobody = runningAsRoot ? {uid: nobody, gid: nobody} : {};
		if (runningAsRoot) {
			chownSync(configDir, nobody, nobody);
		}

		tally.add('runs');
		const requests = emulator.stats().requests;
		const login = await runBounded(['login', 'etsy', '--yes', '--redirect-uri', demo.etsy.redirectUris[0]!], {...env, MKT_WIZARD_CONFIG_DIR: configDir, BROWSER: browser}, asNobody);
		await tally.attempt('login with a config folder it cannot write', () => {
			assert.equal(login.hung, false, 'it did not wait for a consent that could never be saved');
			assert.equal(login.code, 1, login.stderr);
			const lines = login.stderr.split('\n').filter(line => line !== '');
			assert.equal(lines.length, 2, login.stderr);
			assert.equal(lines[0], `✖ Cannot write the config file ${path.join(configDir, 'config.json')} (permission denied).`);
			assert.match(lines[1]!, /writable by your user, or set MKT_WIZARD_CONFIG_DIR/);
			assert.equal(existsSync(opened), false, 'the browser never opened');
			assert.equal(emulator.stats().requests, requests, 'nothing was sent to Etsy');
		});

		tally.report(t, `${tally.counts.runs} runs`);
		tally.assertPassed({runs: 1});
	});
});

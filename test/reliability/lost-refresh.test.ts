import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {connectionKey} from '../../source/store/index.js';
import {type CliResult, runCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {configFile, expireToken, loginEtsy} from './setup.js';
import {Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

/** Exactly one `✖` line of cause, then one indented line of remedy. */
function causeAndRemedy(result: CliResult): {cause: string; remedy: string} {
	const lines = result.stderr.split('\n').filter(line => line !== '');
	assert.equal(lines.length, 2, `two lines on stderr, got:\n${result.stderr}`);
	assert.match(lines[0]!, /^✖ \S/);
	assert.match(lines[1]!, /^ {2}\S/);
	return {cause: lines[0]!.slice(2), remedy: lines[1]!.trim()};
}

describe('a refresh whose answer is lost after Etsy rotated the refresh token', () => {
	let emulator: Emulator;
	let configDir: string;
	let env: NodeJS.ProcessEnv;

	before(async () => {
		emulator = await startEmulator();
		configDir = tempDir('config');
		await loginEtsy({emulator, configDir});
		await loginEtsy({emulator, configDir, profile: 'shop-2'});
		env = testEnv({...emulator.env, MKT_WIZARD_CONFIG_DIR: configDir});
	});

	after(async () => {
		await emulator.close();
		removeTempDir(configDir);
	});

	test('says plainly the saved refresh token may be spent and which command authorises again (profile flags included); nothing is overwritten', async t => {
		const tally = new Tally('lost-refresh', 'a refresh answer lost after the provider rotated the token (emulator `reset-after` on the token endpoint), then the next call');
		for (const profile of ['default', 'shop-2']) {
			const flags = profile === 'default' ? [] : ['--profile', profile];
			const suffix = profile === 'default' ? '' : ` --profile ${profile}`;
			const key = connectionKey({provider: 'etsy', profile});
			await expireToken({configDir, key});
			const before = readFileSync(configFile(configDir));
			const refreshes = emulator.stats().etsy.refreshes;
			emulator.faults.set('etsy.token', {kind: 'reset-after'}, {times: 1});

			tally.add('commands');
			const lost = await runCli(['token', 'etsy', ...flags], env);
			await tally.attempt(`${profile}: the lost answer`, () => {
				assert.equal(lost.code, 1);
				assert.equal(lost.stdout, '');
				assert.equal(emulator.stats().etsy.refreshes - refreshes, 1, 'Etsy did rotate the token');
				const {cause, remedy} = causeAndRemedy(lost);
				assert.match(cause, /connection to Etsy .* was cut during the token refresh/);
				assert.match(remedy, /saved refresh token may already be spent/);
				assert.ok(remedy.includes(`\`mkt-wizard login etsy${suffix}\``), remedy);
				assert.deepEqual(readFileSync(configFile(configDir)), before, 'config.json is byte for byte the same');
			});

			// The saved token was spent: the next call says so, names the same command, and still writes nothing.
			tally.add('commands');
			const next = await runCli(['token', 'etsy', ...flags], env);
			await tally.attempt(`${profile}: the call after it`, () => {
				assert.equal(next.code, 1);
				assert.equal(next.stdout, '');
				const {cause, remedy} = causeAndRemedy(next);
				assert.match(cause, /already used, expired, or revoked/);
				assert.equal(remedy, `Run \`mkt-wizard login etsy${suffix}\` to authorise again.`);
				assert.deepEqual(readFileSync(configFile(configDir)), before, 'config.json is byte for byte the same');
			});
		}

		tally.report(t, `${tally.counts.commands} commands, 2 profiles`);
		tally.assertPassed({commands: 1});
	});
});

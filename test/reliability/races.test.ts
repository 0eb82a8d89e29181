import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {getAccessToken} from '../../source/index.js';
import {type CliResult, runCli, startCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {etsyTokenWorks, expireToken, lockFile, loginEtsy, readIfExists, savedConnection, waitFor} from './setup.js';
import {sized, Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

describe('races: parallel callers on an expired Etsy token, single-use refresh tokens', () => {
	let emulator: Emulator;
	let configDir: string;
	let env: NodeJS.ProcessEnv;
	const savedProcessEnv = {...process.env};

	before(async () => {
		emulator = await startEmulator();
		configDir = tempDir('config');
		await loginEtsy({emulator, configDir});
		env = testEnv({...emulator.env, MKT_WIZARD_CONFIG_DIR: configDir});
		// getAccessToken in this process reads the endpoint overrides from process.env.
		Object.assign(process.env, emulator.env);
	});

	after(async () => {
		process.env = savedProcessEnv;
		await emulator.close();
		removeTempDir(configDir);
	});

	test('every process and in-process caller gets the one new token; one refresh per round; the newest refresh token is saved', {timeout: 600_000}, async t => {
		const processes = sized(8, 32);
		const inProcess = sized(4, 8);
		const rounds = sized(3, 20);
		const tally = new Tally('races', '`mkt-wizard token etsy` processes and in-process `getAccessToken` callers at once on an expired token, single-use refresh tokens');
		for (let round = 1; round <= rounds; round++) {
			await expireToken({configDir});
			const previous = savedConnection(configDir)!.user!.token;
			const refreshesBefore = emulator.stats().etsy.refreshes;
			const [results, calls] = await Promise.all([
				Promise.all(Array.from({length: processes}, async () => runCli(['token', 'etsy'], env))),
				Promise.all(Array.from({length: inProcess}, async () => getAccessToken('etsy', {configDir}).then(
					token => ({token}),
					(error: unknown) => ({error: error instanceof Error ? `${error.name}: ${error.message}` : String(error)}),
				))),
			]);
			tally.add('rounds');
			const saved = savedConnection(configDir)!.user!.token;
			const printed = new Set<string>();
			for (const [index, result] of results.entries()) {
				tally.add('processes');
				await tally.attempt(`round ${round} process ${index}`, () => checkProcess(result, saved.accessToken, printed));
			}

			for (const [index, call] of calls.entries()) {
				tally.add('in-process calls');
				await tally.attempt(`round ${round} in-process call ${index}`, () => {
					assert.ok('token' in call, 'error' in call ? call.error : 'no token');
					assert.equal(call.token, saved.accessToken);
				});
			}

			await tally.attempt(`round ${round}`, async () => {
				assert.equal(emulator.stats().etsy.refreshes - refreshesBefore, 1, 'refreshes in this round');
				assert.notEqual(saved.accessToken, previous.accessToken, 'a new access token was saved');
				assert.notEqual(saved.refreshToken, previous.refreshToken, 'the rotated refresh token was saved');
				assert.ok(saved.expiresAt > Date.now(), 'the saved token is not expired');
				assert.ok(await etsyTokenWorks(emulator, saved.accessToken), 'the emulator accepts the token');
				assert.equal(readIfExists(lockFile(configDir)), undefined, 'no lock is left behind');
			});
		}

		// The saved refresh token is the newest: the emulator has revoked every older one, so one more refresh proves it.
		await tally.attempt('final refresh with the saved refresh token', async () => {
			const result = await runCli(['token', 'etsy', '--min-valid', '999999'], env);
			assert.equal(result.code, 0, result.stderr);
			assert.equal(result.stdout, `${savedConnection(configDir)!.user!.token.accessToken}\n`);
		});

		const total = tally.counts.processes! + tally.counts['in-process calls']!;
		tally.report(t, `${processes} processes + ${inProcess} in-process callers × ${rounds} rounds (${total} calls)`);
		tally.assertPassed();
	});

	test('a token process killed mid-refresh leaves its lock behind; the next call takes it over and succeeds', {timeout: 120_000}, async t => {
		const trials = sized(2, 10);
		const tally = new Tally('killed-holder', '`token` process killed (SIGKILL) while holding the lock mid-refresh; the next call takes the lock over');
		for (let trial = 1; trial <= trials; trial++) {
			tally.add('trials');
			await tally.attempt(`trial ${trial}`, async () => {
				await expireToken({configDir});
				const seen = emulator.stats().endpoints['etsy.token'];
				// The refresh request hangs in the emulator (never answered while this test runs) with the lock held.
				emulator.faults.set('etsy.token', {kind: 'slow', delayMs: 600_000}, {times: 1});
				const killed = startCli(['token', 'etsy'], env);
				await waitFor(() => emulator.stats().endpoints['etsy.token'] > seen, 'the refresh request');
				const held = readIfExists(lockFile(configDir));
				assert.ok(held, 'the process holds the lock while refreshing');
				killed.kill('SIGKILL');
				const outcome = await killed.done;
				assert.equal(outcome.code, null, 'killed by the signal');
				assert.equal(readIfExists(lockFile(configDir)), held, 'the dead process\'s lock is left behind');

				const next = await runCli(['token', 'etsy'], env);
				assert.equal(next.code, 0, next.stderr);
				const saved = savedConnection(configDir)!.user!.token;
				assert.equal(next.stdout, `${saved.accessToken}\n`);
				assert.ok(await etsyTokenWorks(emulator, saved.accessToken));
				assert.equal(readIfExists(lockFile(configDir)), undefined, 'the taken-over lock is released');
			});
		}

		tally.report(t, `${trials} kills mid-refresh`);
		tally.assertPassed();
	});
});

function checkProcess(result: CliResult, savedAccess: string, printed: Set<string>): void {
	assert.equal(result.code, 0, result.stderr);
	assert.equal(result.stderr, '');
	assert.match(result.stdout, /^\S+\n$/);
	printed.add(result.stdout.trim());
	assert.equal(result.stdout, `${savedAccess}\n`, 'prints the token that is saved');
	assert.equal(printed.size, 1, 'every process printed the same token');
}

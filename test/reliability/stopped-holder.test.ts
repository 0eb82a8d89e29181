import assert from 'node:assert/strict';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {MktError} from '../../source/errors.js';
import {startEmulator} from '../../source/emulator/index.js';
import {connectionKey, openStore} from '../../source/store/index.js';
import {connectionFor, holderScript, runScript, storeModule, tempRoot} from '../store/helpers.js';
import {runCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {expireToken, loginEtsy} from './setup.js';
import {sized, Tally} from './tally.js';

scanCliRunsForSecrets();

const key = connectionKey({provider: 'etsy'});

describe('a lock holder stopped with SIGSTOP (a suspended laptop, Ctrl+Z) is never taken over (issue 12 item 9)', () => {
	let temp: ReturnType<typeof tempRoot>;

	before(() => {
		temp = tempRoot();
		mkdirSync(temp.configDir, {mode: 0o700});
	});

	after(() => {
		temp.cleanup();
	});

	test('the waiter says it waits for that pid, times out naming it, and the holder, resumed, finishes its save', {timeout: 120_000}, async t => {
		const rounds = sized(3, 10);
		const tally = new Tally('stopped-holder', 'a lock holder stopped with SIGSTOP for longer than the staleness limit, a second caller waiting, then the holder resumed');
		const store = openStore({configDir: temp.configDir});
		for (let round = 1; round <= rounds; round++) {
			tally.add('rounds');
			await store.withLock(async () => {
				store.update(key, () => connectionFor(key, `before ${round}`));
			});
			const releaseFile = path.join(temp.root, `release-${round}`);
			// The holder touches its lock every 50 ms while it runs: stopped, it looks stale after 150 ms.
			const holder = runScript(holderScript(await storeModule(), temp.configDir, {staleMs: 150, releaseFile}), {readyLine: 'locked'});
			await holder.ready;
			holder.kill('SIGSTOP');
			const waitedFor: number[] = [];
			let ran = false;
			const waited = await store.withLock(async () => {
				ran = true;
			}, {staleMs: 150, timeoutMs: 1500, onWait: pid => waitedFor.push(pid)}).then(() => undefined, (error: unknown) => error);
			holder.kill('SIGCONT');
			writeFileSync(releaseFile, '');
			const result = await holder.done;
			await tally.attempt(`round ${round}`, () => {
				assert.equal(ran, false, 'the second caller never ran while the holder held the lock');
				assert.deepEqual(waitedFor, [holder.pid], 'told once which pid it waits for');
				assert.ok(waited instanceof MktError, String(waited));
				assert.equal(waited.code, 'lock_timeout');
				assert.match(waited.message, new RegExp(`^Waited 1\\.5 s for mkt-wizard process ${holder.pid}, which holds the config lock .*config\\.json\\.lock and is still running\\.$`));
				assert.ok(waited.remedy.includes(`kill -CONT ${holder.pid}`), waited.remedy);
				assert.equal(result.code, 0, `the resumed holder finished: ${result.stderr}`);
				assert.equal(store.get(key)?.clientId, 'written by the holder', 'its save landed');
				assert.throws(() => readFileSync(path.join(temp.configDir, 'config.json.lock')), {code: 'ENOENT'});
			});
		}

		tally.report(t, `${rounds} stopped holders`);
		tally.assertPassed();
	});

	test('through the CLI: `token etsy` says which process it waits for, then gives up naming it (the default 15 s and 30 s)', {timeout: 180_000}, async () => {
		const emulator = await startEmulator();
		const config = tempRoot();
		try {
			await loginEtsy({emulator, configDir: config.configDir});
			await expireToken({configDir: config.configDir});
			const releaseFile = path.join(config.root, 'release');
			const holder = runScript(holderScript(await storeModule(), config.configDir, {staleMs: 150, releaseFile}), {readyLine: 'locked'});
			await holder.ready;
			holder.kill('SIGSTOP');
			const result = await runCli(['token', 'etsy'], testEnv({...emulator.env, MKT_WIZARD_CONFIG_DIR: config.configDir}));
			holder.kill('SIGCONT');
			writeFileSync(releaseFile, '');
			await holder.done;
			assert.equal(result.code, 1);
			assert.equal(result.stdout, '');
			const lines = result.stderr.split('\n').filter(line => line !== '');
			assert.deepEqual(lines.slice(0, 1), [`… Waiting for mkt-wizard process ${holder.pid}, which holds the config lock but has not touched it for 15 s (stopped or suspended?).`]);
			assert.match(lines[1]!, new RegExp(`^✖ Waited 30 s for mkt-wizard process ${holder.pid}, which holds the config lock `));
			assert.match(lines[2]!, new RegExp(`kill -CONT ${holder.pid}`));
		} finally {
			await emulator.close();
			config.cleanup();
		}
	});
});

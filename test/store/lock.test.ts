import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {MktError} from '../../source/errors.js';
import {connectionKey, openStore, type ConnectionStore} from '../../source/store/index.js';
import {connectionFor, holderScript, runScript, runScriptOk, storeModule, tempRoot} from './helpers.js';

const key = connectionKey({provider: 'etsy'});

async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', '0'], {stdio: 'ignore'});
	await new Promise(resolve => child.on('exit', resolve));
	return child.pid!;
}

// Outside the describe below, whose beforeEach would give each subtest a store of its own. Each process is a subtest:
// its end is progress the runner's no-progress watchdog sees, since 320 fsynced saves behind one lock can take
// minutes on a loaded machine.
test('32 processes doing read-modify-write under the lock lose no update', {concurrency: 32}, async t => {
	const temp = tempRoot();
	const store = openStore({configDir: temp.configDir});
	const lockPath = `${store.path}.lock`;
	t.after(() => {
		temp.cleanup();
	});
	await store.withLock(async () => {
		store.update(key, () => ({...connectionFor(key), updatedAt: 0}));
	});
	const script = `
		import {setTimeout as sleep} from 'node:timers/promises';
		import {openStore, connectionKey} from ${JSON.stringify(await storeModule())};
		const store = openStore({configDir: ${JSON.stringify(temp.configDir)}});
		const key = connectionKey({provider: 'etsy'});
		for (let i = 0; i < 10; i++) {
			// 320 saves, each fsynced, queue behind one lock: on a loaded machine a waiter can need more than the default 30 s.
			await store.withLock(async () => {
				const {updatedAt} = store.get(key);
				await sleep(Math.random() * 3);
				store.update(key, current => ({...current, updatedAt: updatedAt + 1}));
			}, {timeoutMs: 300_000});
		}
	`;
	await Promise.all(Array.from({length: 32}, async (_, index) => t.test(`process ${index + 1} of 32`, async () => {
		await runScriptOk(script);
	})));
	assert.equal(store.get(key)!.updatedAt, 320);
	assert.equal(existsSync(lockPath), false);
	assert.deepEqual(readdirSync(temp.configDir).filter(name => name !== 'config.json'), [], 'no lock or temp files left behind');
});

describe('withLock', () => {
	let temp: ReturnType<typeof tempRoot>;
	let store: ConnectionStore;
	let lockPath: string;

	beforeEach(() => {
		temp = tempRoot();
		store = openStore({configDir: temp.configDir});
		lockPath = `${store.path}.lock`;
	});

	afterEach(() => {
		temp.cleanup();
	});

	test('a lock left by a killed process is taken over (its pid is dead)', async () => {
		const holder = runScript(holderScript(await storeModule(), temp.configDir, {staleMs: 60_000}), {readyLine: 'locked'});
		await holder.ready;
		assert.equal(JSON.parse(readFileSync(lockPath, 'utf8')).pid, holder.pid);
		holder.kill('SIGKILL');
		assert.equal((await holder.done).signal, 'SIGKILL');
		assert.ok(existsSync(lockPath), 'the killed holder left its lock');
		let ran = false;
		await store.withLock(async () => {
			ran = true;
			assert.equal(JSON.parse(readFileSync(lockPath, 'utf8')).pid, process.pid);
		}, {staleMs: 60_000, timeoutMs: 10_000});
		assert.equal(ran, true);
		assert.equal(existsSync(lockPath), false);
	});

	test('a live holder makes the waiter wait — past staleMs, since it keeps its lock fresh — until it releases', async () => {
		await store.withLock(async () => {
			store.update(key, () => connectionFor(key, 'before'));
		});
		const releaseFile = path.join(temp.root, 'release');
		const holder = runScript(holderScript(await storeModule(), temp.configDir, {staleMs: 150, releaseFile}), {readyLine: 'locked'});
		await holder.ready;
		try {
			const waiter = store.withLock(async () => store.get(key)!.clientId, {staleMs: 150, timeoutMs: 20_000});
			await sleep(600);
			writeFileSync(releaseFile, '');
			assert.equal(await waiter, 'written by the holder');
			assert.equal((await holder.done).code, 0);
		} finally {
			writeFileSync(releaseFile, '');
			await holder.done;
		}
	});

	test('a live holder times the waiter out with lock_timeout naming the lock file and the holder\'s pid', async () => {
		const releaseFile = path.join(temp.root, 'release');
		const holder = runScript(holderScript(await storeModule(), temp.configDir, {staleMs: 60_000, releaseFile}), {readyLine: 'locked'});
		await holder.ready;
		try {
			let ran = false;
			await assert.rejects(store.withLock(async () => {
				ran = true;
			}, {timeoutMs: 200}), (error: unknown) => {
				assert.ok(error instanceof MktError);
				assert.equal(error.code, 'lock_timeout');
				assert.ok(error.message.includes(lockPath), error.message);
				assert.ok(error.message.includes(`mkt-wizard process ${holder.pid}`), error.message);
				assert.ok(error.remedy.includes(`kill -CONT ${holder.pid}`), error.remedy);
				return true;
			});
			assert.equal(ran, false);
			assert.equal(JSON.parse(readFileSync(lockPath, 'utf8')).pid, holder.pid, 'the holder keeps its lock');
		} finally {
			writeFileSync(releaseFile, '');
			await holder.done;
		}
	});

	test('a lock from another host is waited for while fresh and taken over once older than staleMs', async () => {
		mkdirSync(temp.configDir, {mode: 0o700});
		const foreign = JSON.stringify({pid: 1, hostname: `not-${os.hostname()}`, createdAt: Date.now(), nonce: 'foreign'});
		writeFileSync(lockPath, foreign, {mode: 0o600});
		await assert.rejects(store.withLock(async () => {}, {timeoutMs: 150, staleMs: 60_000}), {code: 'lock_timeout'});
		assert.equal(readFileSync(lockPath, 'utf8'), foreign);
		const old = new Date(Date.now() - 120_000);
		utimesSync(lockPath, old, old);
		let ran = false;
		await store.withLock(async () => {
			ran = true;
		}, {timeoutMs: 5000, staleMs: 60_000});
		assert.equal(ran, true);
		assert.equal(existsSync(lockPath), false);
	});

	test('an unreadable lock file counts as stale only by its age', async () => {
		mkdirSync(temp.configDir, {mode: 0o700});
		writeFileSync(lockPath, 'garbage', {mode: 0o600});
		await assert.rejects(store.withLock(async () => {}, {timeoutMs: 150}), {code: 'lock_timeout'});
		const old = new Date(Date.now() - 20_000);
		utimesSync(lockPath, old, old);
		await store.withLock(async () => {}, {timeoutMs: 5000});
		assert.equal(existsSync(lockPath), false);
	});

	test('many waiters in one process racing to take over a dead holder\'s lock still run one at a time', async () => {
		mkdirSync(temp.configDir, {mode: 0o700});
		writeFileSync(lockPath, JSON.stringify({pid: await deadPid(), hostname: os.hostname(), createdAt: Date.now(), nonce: 'dead'}), {mode: 0o600});
		let inside = 0;
		let most = 0;
		let runs = 0;
		await Promise.all(Array.from({length: 16}, async () => openStore({configDir: temp.configDir}).withLock(async () => {
			inside++;
			most = Math.max(most, inside);
			await sleep(2);
			runs++;
			inside--;
		}, {timeoutMs: 20_000})));
		assert.equal(runs, 16);
		assert.equal(most, 1);
		assert.deepEqual(readdirSync(temp.configDir), [], 'no lock, temp or stale files left behind');
	});

	test('withLock inside withLock on the same config runs at once instead of waiting for itself', async () => {
		const other = openStore({configDir: temp.configDir});
		const result = await store.withLock(async () => other.withLock(async () => {
			other.update(key, () => connectionFor(key));
			return 'nested';
		}, {timeoutMs: 200}), {timeoutMs: 200});
		assert.equal(result, 'nested');
		assert.equal(existsSync(lockPath), false);
	});

	test('an error in the task is passed on and the lock released', async () => {
		await assert.rejects(store.withLock(async () => {
			assert.ok(existsSync(lockPath));
			throw new Error('task failed');
		}), /task failed/);
		assert.equal(existsSync(lockPath), false);
		await store.withLock(async () => {}, {timeoutMs: 200});
	});

	test('release leaves alone a lock file that is no longer ours', async () => {
		const replacement = JSON.stringify({pid: process.pid, hostname: os.hostname(), createdAt: Date.now(), nonce: 'someone-else'});
		await store.withLock(async () => {
			writeFileSync(lockPath, replacement);
		});
		assert.equal(readFileSync(lockPath, 'utf8'), replacement);
	});

	test('the lock file is private and says who holds it', async () => {
		await store.withLock(async () => {
			const record = JSON.parse(readFileSync(lockPath, 'utf8')) as Record<string, unknown>;
			assert.equal(record.pid, process.pid);
			assert.equal(record.hostname, os.hostname());
			assert.equal(typeof record.createdAt, 'number');
			assert.match(String(record.nonce), /^[\da-f-]{36}$/);
			assert.equal(statSync(lockPath).mode & 0o777, 0o600);
		});
	});
});

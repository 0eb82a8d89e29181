import assert from 'node:assert/strict';
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {MktError} from '../../source/errors.js';
import {connectionKey, openStore, type ConnectionStore} from '../../source/store/index.js';
import {connectionFor, otherUser, runScript, storeModule, tempRoot} from './helpers.js';

const key = connectionKey({provider: 'etsy'});
const now = Date.UTC(2026, 10, 23, 12, 34, 56, 789);
const movedName = 'config.json.corrupt-2026-11-23T12-34-56.789Z';

type Case = {name: string; content: string; problem: RegExp};

const valid = JSON.stringify({version: 1, profiles: {default: {etsy: connectionFor(key)}}});
const cases: Case[] = [
	{name: 'an empty file', content: '', problem: /is empty/},
	{name: 'a file of blanks', content: ' \n\t\n', problem: /is empty/},
	{name: 'truncated JSON', content: valid.slice(0, 60), problem: /not valid JSON/},
	{name: 'a JSON array', content: '[]', problem: /not hold a JSON object/},
	{name: 'JSON null', content: 'null', problem: /not hold a JSON object/},
	{name: 'an object without a version', content: '{"profiles": {}}', problem: /format version 1/},
	{name: 'version "1" as a string', content: '{"version": "1", "profiles": {}}', problem: /format version 1/},
	{name: 'profiles that are a list', content: '{"version": 1, "profiles": []}', problem: /"profiles"/},
];

function assertMovedAside(error: unknown, options: {code: string; file: string; problem?: RegExp}): string {
	assert.ok(error instanceof MktError, `expected an MktError, got ${String(error)}`);
	assert.equal(error.code, options.code);
	const moved = path.join(path.dirname(options.file), movedName);
	assert.ok(error.message.includes(options.file), error.message);
	assert.ok(error.message.includes(moved), error.message);
	assert.ok(error.remedy.includes(moved), error.remedy);
	assert.match(error.remedy, /mkt-wizard login/);
	if (options.problem) {
		assert.match(error.message, options.problem);
	}

	assert.ok(!error.message.includes('shared-secret') && !error.message.includes('12345.'), 'no secret in the message');
	return moved;
}

describe('a config file that cannot be used is moved aside, never reset', () => {
	let temp: ReturnType<typeof tempRoot>;
	let store: ConnectionStore;

	beforeEach(() => {
		temp = tempRoot();
		mkdirSync(temp.configDir, {mode: 0o700});
		store = openStore({configDir: temp.configDir, now: () => now});
	});

	afterEach(() => {
		temp.cleanup();
	});

	for (const item of cases) {
		test(`${item.name}: config_corrupt, the bytes kept in the moved-aside file, the next open starts empty`, () => {
			writeFileSync(store.path, item.content, {mode: 0o600});
			let thrown: unknown;
			try {
				store.get(key);
			} catch (error) {
				thrown = error;
			}

			const moved = assertMovedAside(thrown, {code: 'config_corrupt', file: store.path, problem: item.problem});
			assert.equal(readFileSync(moved, 'utf8'), item.content);
			assert.equal(existsSync(store.path), false);
			const fresh = openStore({configDir: temp.configDir});
			assert.equal(fresh.get(key), undefined);
			assert.deepEqual(fresh.list(), []);
		});
	}

	test('list() and update() meet it the same way, and update() writes nothing', async () => {
		writeFileSync(store.path, '{"version": 1, "profiles": {"default": {"etsy": ', {mode: 0o600});
		assert.throws(() => store.list(), (error: unknown) => Boolean(assertMovedAside(error, {code: 'config_corrupt', file: store.path})));
		writeFileSync(store.path, '{"oops"', {mode: 0o600});
		let called = false;
		await store.withLock(async () => {
			assert.throws(() => store.update(key, () => {
				called = true;
				return connectionFor(key);
			}), {code: 'config_corrupt'});
		});
		assert.equal(called, false);
		assert.equal(existsSync(store.path), false);
		const aside = readdirSync(temp.configDir).filter(name => name.startsWith('config.json.corrupt-')).sort();
		assert.deepEqual(aside, [movedName, `${movedName}-2`]);
		assert.equal(readFileSync(path.join(temp.configDir, aside[1]!), 'utf8'), '{"oops"');
	});

	test('a folder where config.json should be: config_corrupt, the folder and its contents moved aside', () => {
		mkdirSync(store.path);
		writeFileSync(path.join(store.path, 'inside.txt'), 'kept');
		let thrown: unknown;
		try {
			store.get(key);
		} catch (error) {
			thrown = error;
		}

		const moved = assertMovedAside(thrown, {code: 'config_corrupt', file: store.path, problem: /is a folder/});
		assert.equal(readFileSync(path.join(moved, 'inside.txt'), 'utf8'), 'kept');
		assert.equal(openStore({configDir: temp.configDir}).get(key), undefined);
	});

	test('a UTF-8 byte-order mark is not corruption, and the next write drops it', async () => {
		writeFileSync(store.path, `\uFEFF${valid}`, {mode: 0o600});
		assert.deepEqual(store.get(key), connectionFor(key));
		await store.withLock(async () => {
			store.update(key, current => ({...current!, clientId: 'after-bom'}));
		});
		const text = readFileSync(store.path, 'utf8');
		assert.ok(!text.startsWith('\uFEFF'));
		assert.equal(store.get(key)!.clientId, 'after-bom');
	});

	test('a file where the config folder should be: config_unreadable, nothing moved', () => {
		const blocked = openStore({configDir: path.join(temp.configDir, 'file')});
		writeFileSync(path.join(temp.configDir, 'file'), 'not a folder');
		assert.throws(() => blocked.get(key), (error: unknown) => {
			assert.ok(error instanceof MktError);
			assert.equal(error.code, 'config_unreadable');
			assert.ok(error.message.includes(blocked.path), error.message);
			assert.match(error.remedy, /Make .*file a folder/);
			return true;
		});
		assert.equal(readFileSync(path.join(temp.configDir, 'file'), 'utf8'), 'not a folder');
	});

	test('a file from a newer mkt-wizard is left in place: config_newer_version', () => {
		const newer = '{"version": 2, "accounts": []}';
		writeFileSync(store.path, newer, {mode: 0o600});
		assert.throws(() => store.get(key), (error: unknown) => {
			assert.ok(error instanceof MktError);
			assert.equal(error.code, 'config_newer_version');
			assert.ok(error.message.includes(store.path));
			assert.match(error.remedy, /Upgrade mkt-wizard/);
			return true;
		});
		assert.equal(readFileSync(store.path, 'utf8'), newer);
	});
});

describe('permissions', () => {
	let temp: ReturnType<typeof tempRoot>;

	beforeEach(() => {
		temp = tempRoot();
		mkdirSync(temp.configDir, {mode: 0o700});
	});

	afterEach(() => {
		temp.cleanup();
	});

	async function inChild(body: string, user: {uid?: number; gid?: number}): Promise<Record<string, unknown>> {
		const child = runScript(`
			import {openStore, connectionKey} from ${JSON.stringify(await storeModule())};
			const store = openStore({configDir: ${JSON.stringify(temp.configDir)}, now: () => ${now}});
			const key = connectionKey({provider: 'etsy'});
			try {
				${body}
				console.log(JSON.stringify({ok: true}));
			} catch (error) {
				console.log(JSON.stringify({code: error.code, message: error.message, remedy: error.remedy}));
			}
		`, user);
		const result = await child.done;
		assert.equal(result.code, 0, result.stderr);
		return JSON.parse(result.stdout) as Record<string, unknown>;
	}

	test('a file this user cannot read: config_unreadable, moved aside with its bytes, the next open starts empty', async () => {
		const file = path.join(temp.configDir, 'config.json');
		writeFileSync(file, valid, {mode: 0o600});
		const user = otherUser(temp);
		if (user.uid === undefined) {
			chmodSync(file, 0o000);
		}

		const outcome = await inChild('store.get(key);', user);
		if (user.uid !== undefined) {
			// As root, the file belongs to root inside the other user's folder: not theirs, so refused and left in place (issue 12 item 1).
			assert.equal(outcome.code, 'config_unsafe');
			assert.ok(String(outcome.message).includes(file), String(outcome.message));
			assert.match(String(outcome.message), /owned by root \(uid 0\), not by you \(nobody, uid 65534\); its mode is 0600/);
			assert.match(String(outcome.remedy), /chown nobody/);
			assert.equal(readFileSync(file, 'utf8'), valid);
			return;
		}

		assert.equal(outcome.code, 'config_unreadable');
		assert.match(String(outcome.message), /permission denied/);
		const moved = path.join(temp.configDir, movedName);
		assert.ok(String(outcome.message).includes(file) && String(outcome.message).includes(moved), String(outcome.message));
		assert.ok(String(outcome.remedy).includes(moved));
		chmodSync(moved, 0o600);
		assert.equal(readFileSync(moved, 'utf8'), valid);
		assert.deepEqual(await inChild('if (store.get(key) !== undefined) throw new Error("not empty");', user), {ok: true});
	});

	test('a folder this user cannot write: config_not_writable naming the path and MKT_WIZARD_CONFIG_DIR', async () => {
		const user = otherUser(temp);
		chmodSync(temp.configDir, 0o500);
		const outcome = await inChild(`
			await store.withLock(async () => {
				store.update(key, () => ({provider: 'etsy', environment: 'production', clientId: 'k', updatedAt: 1}));
			});
		`, user);
		assert.equal(outcome.code, 'config_not_writable');
		assert.ok(String(outcome.message).includes(temp.configDir), String(outcome.message));
		assert.match(String(outcome.message), /permission denied/);
		assert.match(String(outcome.remedy), /MKT_WIZARD_CONFIG_DIR/);
		assert.equal(existsSync(path.join(temp.configDir, 'config.json')), false);
	});

	test('a config folder that cannot be created: config_not_writable', async () => {
		const user = otherUser(temp);
		chmodSync(temp.configDir, 0o500);
		const nested = path.join(temp.configDir, 'sub');
		const child = runScript(`
			import {openStore} from ${JSON.stringify(await storeModule())};
			const store = openStore({configDir: ${JSON.stringify(nested)}});
			try {
				await store.withLock(async () => {});
			} catch (error) {
				console.log(JSON.stringify({code: error.code, message: error.message}));
			}
		`, user);
		const result = await child.done;
		const outcome = JSON.parse(result.stdout) as {code: string; message: string};
		assert.equal(outcome.code, 'config_not_writable');
		assert.ok(outcome.message.includes(nested), outcome.message);
		assert.equal(statSync(temp.configDir).mode & 0o777, 0o500);
	});
});

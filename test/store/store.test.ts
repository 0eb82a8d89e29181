import assert from 'node:assert/strict';
import {chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {checkFileModes, connectionKey, openStore, type ConnectionStore} from '../../source/store/index.js';
import {connectionFor, runScriptOk, storeModule, tempRoot} from './helpers.js';

const keys = [
	connectionKey({provider: 'etsy'}),
	connectionKey({provider: 'ebay'}),
	connectionKey({provider: 'ebay', environment: 'sandbox'}),
	connectionKey({provider: 'etsy', profile: 'shop-2'}),
	connectionKey({provider: 'ebay', profile: 'shop-2', environment: 'sandbox'}),
	connectionKey({provider: 'etsy', profile: '__proto__'}),
];

function modeOf(target: string): number {
	return statSync(target).mode & 0o777;
}

describe('ConnectionStore', () => {
	let temp: ReturnType<typeof tempRoot>;
	let store: ConnectionStore;

	beforeEach(() => {
		temp = tempRoot();
		store = openStore({configDir: temp.configDir});
	});

	afterEach(() => {
		temp.cleanup();
	});

	test('opening and reading create nothing on disk', () => {
		assert.equal(store.path, path.join(temp.configDir, 'config.json'));
		assert.equal(store.get(keys[0]!), undefined);
		assert.deepEqual(store.list(), []);
		assert.equal(existsSync(temp.configDir), false);
	});

	test('connections of several profiles, providers and environments round-trip through the file', async () => {
		await store.withLock(async () => {
			for (const [index, key] of keys.entries()) {
				assert.deepEqual(store.update(key, () => connectionFor(key, `client-${index}`)), connectionFor(key, `client-${index}`));
			}
		});
		const reopened = openStore({configDir: temp.configDir});
		for (const [index, key] of keys.entries()) {
			assert.deepEqual(reopened.get(key), connectionFor(key, `client-${index}`));
		}

		const file = JSON.parse(readFileSync(store.path, 'utf8')) as {version: number; profiles: Record<string, Record<string, {clientId: string}>>};
		assert.equal(file.version, 1);
		assert.deepEqual(Object.keys(file.profiles.default!), ['etsy', 'ebay-production', 'ebay-sandbox']);
		assert.equal(file.profiles['shop-2']!['ebay-sandbox']!.clientId, 'client-4');
		assert.equal(Object.getPrototypeOf({}), Object.prototype, 'a profile named __proto__ does not touch any prototype');
	});

	test('list() returns every connection with its key, the default profile first', async () => {
		await store.withLock(async () => {
			for (const key of [...keys].reverse()) {
				store.update(key, () => connectionFor(key));
			}
		});
		const listed = store.list();
		assert.equal(listed.length, keys.length);
		assert.deepEqual(listed[0]!.key, {provider: 'etsy', profile: 'default', environment: 'production'});
		assert.deepEqual(listed.map(({key}) => key.profile), ['default', 'default', 'default', '__proto__', 'shop-2', 'shop-2']);
		for (const {key, connection} of listed) {
			assert.deepEqual(connection, connectionFor(key));
		}
	});

	test('update() passes the current value and saves what it returns', async () => {
		const key = keys[1]!;
		await store.withLock(async () => {
			store.update(key, current => {
				assert.equal(current, undefined);
				return connectionFor(key);
			});
			store.update(key, current => ({...current!, clientId: 'changed'}));
		});
		assert.equal(openStore({configDir: temp.configDir}).get(key)!.clientId, 'changed');
	});

	test('update() returning undefined deletes the connection, and an emptied profile with it', async () => {
		const [etsy, , , shop2] = keys;
		await store.withLock(async () => {
			store.update(etsy!, () => connectionFor(etsy!));
			store.update(shop2!, () => connectionFor(shop2!));
			assert.equal(store.update(shop2!, () => undefined), undefined);
		});
		assert.equal(store.get(shop2!), undefined);
		assert.deepEqual(store.get(etsy!), connectionFor(etsy!));
		const file = JSON.parse(readFileSync(store.path, 'utf8')) as {profiles: Record<string, unknown>};
		assert.deepEqual(Object.keys(file.profiles), ['default']);
	});

	test('keys this version does not know are kept through updates', async () => {
		mkdirSync(temp.configDir, {mode: 0o700});
		const extra = {version: 1, note: 'kept', profiles: {default: {etsy: connectionFor(keys[0]!), 'future-slot': {x: 1}}}};
		writeFileSync(store.path, JSON.stringify(extra), {mode: 0o600});
		await store.withLock(async () => {
			store.update(keys[1]!, () => connectionFor(keys[1]!));
			store.remove(keys[0]!);
		});
		const file = JSON.parse(readFileSync(store.path, 'utf8')) as Record<string, unknown>;
		assert.deepEqual(file, {version: 1, note: 'kept', profiles: {default: {'future-slot': {x: 1}, 'ebay-production': connectionFor(keys[1]!)}}});
	});

	test('remove() deletes one connection and says whether there was one', async () => {
		const [etsy, ebay] = keys;
		await store.withLock(async () => {
			store.update(etsy!, () => connectionFor(etsy!));
			store.update(ebay!, () => connectionFor(ebay!));
			assert.equal(store.remove(etsy!), true);
			assert.equal(store.remove(etsy!), false);
		});
		assert.equal(store.get(etsy!), undefined);
		assert.deepEqual(store.get(ebay!), connectionFor(ebay!));
	});

	test('reads are never cached: another process\'s write is seen by the next get()', async () => {
		const key = keys[0]!;
		await store.withLock(async () => {
			store.update(key, () => connectionFor(key, 'first'));
		});
		assert.equal(store.get(key)!.clientId, 'first');
		await runScriptOk(`
			import {openStore, connectionKey} from ${JSON.stringify(await storeModule())};
			const store = openStore({configDir: ${JSON.stringify(temp.configDir)}});
			const key = connectionKey({provider: 'etsy'});
			await store.withLock(async () => { store.update(key, current => ({...current, clientId: 'second'})); });
		`);
		assert.equal(store.get(key)!.clientId, 'second');
		assert.equal(store.list()[0]!.connection.clientId, 'second');
	});

	test('update() and remove() outside withLock are refused, so no write can lose another process\'s update', () => {
		const key = keys[0]!;
		assert.throws(() => store.update(key, () => connectionFor(key)), /inside store\.withLock/);
		assert.throws(() => store.remove(key), /inside store\.withLock/);
		assert.equal(existsSync(store.path), false);
	});

	test('a connection saved under the wrong key is refused before anything is written', async () => {
		await store.withLock(async () => {
			assert.throws(() => store.update(keys[0]!, () => connectionFor(keys[1]!)), /cannot be saved as etsy/);
			assert.throws(() => store.update(keys[1]!, () => connectionFor(keys[2]!)), /cannot be saved as ebay production/);
		});
		assert.equal(existsSync(store.path), false);
	});

	test('folder 0700 and file 0600 from the very first write, even with umask 000', async () => {
		const output = await runScriptOk(`
			import {openStore, connectionKey} from ${JSON.stringify(await storeModule())};
			process.umask(0);
			const store = openStore({configDir: ${JSON.stringify(temp.configDir)}});
			const key = connectionKey({provider: 'etsy'});
			await store.withLock(async () => {
				store.update(key, () => ({provider: 'etsy', environment: 'production', clientId: 'k', updatedAt: 1}));
			});
			console.log(process.umask().toString(8));
		`);
		assert.equal(output.trim(), '0');
		assert.equal(modeOf(temp.configDir), 0o700);
		assert.equal(modeOf(store.path), 0o600);
		assert.deepEqual(checkFileModes(store.path), {fileMode: 0o600, dirMode: 0o700, tooOpen: false});
	});

	test('a config file and folder open to others are tightened to 0600 / 0700 when opened for writing', async () => {
		const key = keys[0]!;
		await store.withLock(async () => {
			store.update(key, () => connectionFor(key));
		});
		chmodSync(store.path, 0o644);
		chmodSync(temp.configDir, 0o755);
		assert.deepEqual(checkFileModes(store.path), {fileMode: 0o644, dirMode: 0o755, tooOpen: true});
		assert.deepEqual(store.get(key), connectionFor(key), 'reading leaves modes to the doctor');
		assert.equal(modeOf(store.path), 0o644);
		await store.withLock(async () => {});
		assert.deepEqual(checkFileModes(store.path), {fileMode: 0o600, dirMode: 0o700, tooOpen: false});
	});

	test('checkFileModes reports a missing file and folder', () => {
		assert.deepEqual(checkFileModes(store.path), {tooOpen: false});
		writeFileSync(path.join(temp.root, 'config.json'), '{}', {mode: 0o640});
		chmodSync(path.join(temp.root, 'config.json'), 0o640);
		assert.deepEqual(checkFileModes(path.join(temp.root, 'config.json')), {fileMode: 0o640, dirMode: 0o700, tooOpen: true});
	});
});

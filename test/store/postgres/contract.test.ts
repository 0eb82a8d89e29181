// The ConnectionStore contract both stores keep, asserted on each the same way: the file
// store in a temporary config folder, the PostgreSQL store on a real server, and the tests'
// in-memory store.
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {after, before, describe, test} from 'node:test';
import {connectionKey, openStore, type ConnectionStore} from '../../../source/store/index.js';
import {openPostgresStoreFromUrl} from '../../../source/store/postgres/index.js';
import {memoryStore} from '../../helpers/memory-store.js';
import {startPostgres, type PostgresServer} from '../../helpers/postgres.js';
import {connectionFor, tempRoot} from '../helpers.js';

const etsy = connectionKey({provider: 'etsy'});
const ebay = connectionKey({provider: 'ebay'});
const ebaySandbox = connectionKey({provider: 'ebay', environment: 'sandbox'});
const shopEtsy = connectionKey({provider: 'etsy', profile: 'shop-2'});
const alphaEbay = connectionKey({provider: 'ebay', profile: 'alpha'});

let server: PostgresServer;
const folders: Array<ReturnType<typeof tempRoot>> = [];
const opened: ConnectionStore[] = [];

before(async () => {
	server = await startPostgres();
});

after(async () => {
	for (const store of opened) {
		await store.close?.();
	}

	await server?.close();
	for (const folder of folders) {
		folder.cleanup();
	}
});

type Kind = {
	readonly name: string;
	/** A new, empty store, and a second handle on the same storage (another process's view). */
	make(): Promise<{store: ConnectionStore; reopen: () => Promise<ConnectionStore>}>;
};

const kinds: Kind[] = [
	{
		// The commands' table tests run on it, so it keeps the contract too (its second handle is itself).
		name: 'in-memory test store',
		async make() {
			const store = memoryStore();
			return {store, reopen: async () => store};
		},
	},
	{
		name: 'file store',
		async make() {
			const folder = tempRoot();
			folders.push(folder);
			const open = async () => openStore({configDir: folder.configDir, env: {}});
			return {store: await open(), reopen: open};
		},
	},
	{
		name: 'PostgreSQL store',
		async make() {
			const folder = tempRoot();
			folders.push(folder);
			const url = server.url(await server.createDatabase());
			const env = {MKT_WIZARD_STORE_KEY: randomBytes(32).toString('base64')};
			const open = async () => {
				const store = await openPostgresStoreFromUrl({url, env, configDir: folder.configDir});
				opened.push(store);
				return store;
			};

			return {store: await open(), reopen: open};
		},
	},
];

for (const kind of kinds) {
	describe(`ConnectionStore contract: ${kind.name}`, () => {
		test('update() and remove() outside withLock are refused, and nothing is saved', async () => {
			const {store, reopen} = await kind.make();
			assert.throws(() => store.update(etsy, () => connectionFor(etsy)), /update\(\) must run inside store\.withLock\(\)/);
			assert.throws(() => store.remove(etsy), /remove\(\) must run inside store\.withLock\(\)/);
			assert.deepEqual((await reopen()).list(), []);
		});

		test('remove() says whether there was a connection; update() to undefined deletes it', async () => {
			const {store, reopen} = await kind.make();
			await store.withLock(async () => {
				store.update(etsy, () => connectionFor(etsy));
				store.update(ebay, () => connectionFor(ebay));
			});
			await store.withLock(async () => {
				assert.equal(store.remove(etsy), true);
				assert.equal(store.remove(etsy), false);
				assert.equal(store.update(ebay, () => undefined), undefined);
			});
			assert.deepEqual((await reopen()).list(), []);
		});

		test('list(): the default profile first, then by name; Etsy, eBay production, eBay sandbox', async () => {
			const {store, reopen} = await kind.make();
			await store.withLock(async () => {
				for (const key of [shopEtsy, ebaySandbox, alphaEbay, ebay, etsy]) {
					store.update(key, () => connectionFor(key, `${key.profile}-${key.provider}-${key.environment}`));
				}
			});
			const expected = [etsy, ebay, ebaySandbox, alphaEbay, shopEtsy];
			for (const view of [store, await reopen()]) {
				assert.deepEqual(view.list().map(({key}) => key), expected);
				assert.deepEqual(view.list().map(({connection}) => connection.clientId), expected.map(key => `${key.profile}-${key.provider}-${key.environment}`));
			}
		});

		test('a connection of another provider or environment than its key is refused', async () => {
			const {store} = await kind.make();
			await store.withLock(async () => {
				assert.throws(() => store.update(etsy, () => connectionFor(ebay)), /cannot be saved as etsy production/);
				assert.throws(() => store.update(ebay, () => connectionFor(ebaySandbox)), /cannot be saved as ebay production/);
			});
			assert.deepEqual(store.list(), []);
		});

		test('tasks run one at a time, and a caller outside them is refused while one runs', async () => {
			const {store} = await kind.make();
			let running = 0;
			let most = 0;
			let release!: () => void;
			const holding = new Promise<void>(resolve => {
				release = resolve;
			});
			const task = async () => {
				running++;
				most = Math.max(most, running);
				await holding;
				running--;
			};
			const tasks = [store.withLock(task), store.withLock(task)];
			await new Promise(resolve => setTimeout(resolve, 50));
			assert.throws(() => store.update(etsy, () => connectionFor(etsy)), /update\(\) must run inside store\.withLock\(\)/);
			release();
			await Promise.all(tasks);
			assert.equal(most, 1);
		});

		test('what a task saved before it threw is kept, and the error is the task\'s', async () => {
			const {store, reopen} = await kind.make();
			await assert.rejects(store.withLock(async () => {
				store.update(etsy, () => connectionFor(etsy, 'saved-before-the-throw'));
				throw new Error('the task failed');
			}), /the task failed/);
			assert.equal((await reopen()).get(etsy)?.clientId, 'saved-before-the-throw');
		});
	});
}

test('the PostgreSQL store: inside withLock for one key, another key is refused', async () => {
	const {store} = await kinds.find(kind => kind.name === 'PostgreSQL store')!.make();
	await store.withLock(async () => {
		assert.throws(() => store.update(ebay, () => connectionFor(ebay)), /update\(\) of another connection than the one withLock\(\) holds/);
		assert.throws(() => store.remove(ebay), /remove\(\) of another connection than the one withLock\(\) holds/);
		store.update(etsy, () => connectionFor(etsy));
	}, {key: etsy});
	assert.deepEqual(store.list().map(({key}) => key), [etsy]);
});

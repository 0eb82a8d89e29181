import assert from 'node:assert/strict';
import {createRequire} from 'node:module';
import {test} from 'node:test';
import {connectionKey, openStore} from '../../source/store/index.js';
import {connectionFor, tempRoot} from './helpers.js';

// conf is ESM but loads ajv (CommonJS), which shows in require.cache: a cheap witness of conf being loaded.
const loadedAjvModules = (): number => Object.keys(createRequire(import.meta.url).cache).filter(name => name.includes('/node_modules/ajv/')).length;

test('reads never load conf (the `mkt-wizard token` fast path); the first withLock does', async () => {
	const temp = tempRoot();
	try {
		const key = connectionKey({provider: 'etsy'});
		const store = openStore({configDir: temp.configDir});
		assert.equal(store.get(key), undefined);
		assert.deepEqual(store.list(), []);
		assert.equal(loadedAjvModules(), 0);
		await store.withLock(async () => {
			store.update(key, () => connectionFor(key));
		});
		assert.ok(loadedAjvModules() > 0);
		assert.deepEqual(openStore({configDir: temp.configDir}).get(key), connectionFor(key));
	} finally {
		temp.cleanup();
	}
});

// A ConnectionStore held in memory, for tests of code that takes a store: no file, no lock file.
// Its path names a folder that is never created, so the config checks the commands run
// before anything else find nothing to report.
import {AsyncLocalStorage} from 'node:async_hooks';
import os from 'node:os';
import path from 'node:path';
import {assertKeyMatches, listOrder, slotOf} from '../../source/store/connection-key.js';
import {outsideLock} from '../../source/store/store-errors.js';
import type {ConnectionKey, ConnectionStore, DamagedConnection, StoredConnection} from '../../source/store/types.js';

export type MemoryStore = ConnectionStore & {
	/** Every saved connection, in list() order: what a test compares after a command ran. */
	readonly saved: () => StoredConnection[];
};

let opened = 0;

const idOf = (key: ConnectionKey) => `${key.profile}\u0000${slotOf(key)}`;

export function memoryStore(seed: readonly StoredConnection[] = [], options: {damaged?: readonly DamagedConnection[]} = {}): MemoryStore {
	const connections = new Map<string, StoredConnection>(seed.map(stored => [idOf(stored.key), stored]));
	// Tasks run one after another, as under the file store's lock; update() and remove() outside one are
	// refused as the real stores refuse them, so a command that drops its lock fails its tests here too.
	// Whether a caller is inside a task is its async context's, as in lock.ts: a parallel caller waits its turn.
	let queue: Promise<unknown> = Promise.resolve();
	const insideTask = new AsyncLocalStorage<true>();
	const requireLock = (operation: string) => {
		if (!insideTask.getStore()) {
			throw outsideLock(operation);
		}
	};

	const list = () => [...connections.values()].sort((a, b) => listOrder()(a.key, b.key));
	return {
		path: path.join(os.tmpdir(), `mkt-wizard-memory-store-${process.pid}-${++opened}`, 'config.json'),
		get: key => connections.get(idOf(key))?.connection,
		list,
		saved: list,
		update(key, change) {
			requireLock('update');
			const next = change(connections.get(idOf(key))?.connection);
			if (next === undefined) {
				connections.delete(idOf(key));
				return undefined;
			}

			assertKeyMatches(key, next);
			connections.set(idOf(key), {key, connection: next});
			return next;
		},
		remove(key) {
			requireLock('remove');
			return connections.delete(idOf(key));
		},
		async withLock<T>(task: () => Promise<T>): Promise<T> {
			if (insideTask.getStore()) {
				// withLock inside a task runs at once, as the file store's does for the process holding the lock.
				return task();
			}

			const run = queue.then(async () => insideTask.run(true, task));
			queue = run.catch(() => undefined);
			return run;
		},
		...(options.damaged ? {damaged: () => [...options.damaged!]} : {}),
	};
}


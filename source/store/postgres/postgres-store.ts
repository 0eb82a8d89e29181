import {configPaths} from '../config-location.js';
import {removeThroughUpdate} from '../connection-key.js';
import type {ConnectionKey, ConnectionStore, LockOptions} from '../types.js';
import {listRows, openRow} from './row-cache.js';
import {requireHeld, runLocked, updateHeld} from './row-lock.js';
import {openSession, type PostgresStoreOptions} from './session.js';

export type {PostgresStoreOptions} from './session.js';

/**
 * The connections in PostgreSQL, behind the same ConnectionStore the file
 * store offers. Reads come from the rows read when the store opened (one
 * round trip, no lock). withLock runs its task in a transaction holding the
 * connection's row (`SELECT … FOR UPDATE`; every row, for a task not tied to
 * one key), re-read; the task's updates are written and committed before
 * withLock returns, so a renewed token is in the database before anyone sees it.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<ConnectionStore> {
	const session = await openSession(options);
	const update: ConnectionStore['update'] = (key, change) => updateHeld(session, key, change);
	// One transaction at a time on this session.
	let queue: Promise<unknown> = Promise.resolve();
	return {
		path: configPaths(options.configDir).file,
		location: `PostgreSQL at ${session.label}`,
		get: key => openRow(session.rows, key),
		list: () => listRows(session.rows),
		update,
		remove(key: ConnectionKey): boolean {
			requireHeld(session, 'remove', key);
			return removeThroughUpdate(update, key);
		},
		async withLock<T>(task: () => Promise<T>, lockOptions?: LockOptions): Promise<T> {
			if (session.held.getStore()) {
				return task();
			}

			const run = queue.then(async () => runLocked(session, task, lockOptions?.key));
			queue = run.catch(() => undefined);
			return run;
		},
		async close() {
			await session.db.close();
		},
	};
}

import {AsyncLocalStorage} from 'node:async_hooks';
import fs from '../node-fs.js';
import {configPaths} from '../config-location.js';
import {withFileLock} from '../lock.js';
import type {ConnectionKey} from '../types.js';
import {connectDb, type Db, type DbTimeouts} from './db.js';
import {completePending} from './kept-saves.js';
import {pendingFile} from './pending-saves.js';
import {loadRows, newRowCache, type RowCache} from './row-cache.js';
import {openSchema} from './schema.js';
import type {PostgresTarget} from './store-url.js';

export type PostgresStoreOptions = {
	readonly target: PostgresTarget;
	readonly storeKey: string;
	/** This machine's config folder: where a save the database did not take waits for the next run. */
	readonly configDir: string;
	readonly timeouts: DbTimeouts;
};

/** What a withLock task holds: its rows, locked in the transaction, and what it wrote. */
export type HeldRows = {
	/** The one key this lock holds, or undefined for every row. */
	readonly key: ConnectionKey | undefined;
	/** Row text when locked, per rowId: what a pending save is based on. */
	readonly lockedText: Map<string, string | undefined>;
	/** Sealed text to write (null: delete), per rowId, in order. */
	readonly writes: Map<string, {key: ConnectionKey; text: string | null}>;
};

/** What the PostgreSQL store's parts share: the database session, the rows read, the lock held. */
export type PostgresSession = {
	readonly db: Db;
	/** `host:port/db`, for messages. */
	readonly label: string;
	readonly timeouts: DbTimeouts;
	/** This machine's config folder. */
	readonly configDir: string;
	/** Where saves the database did not take wait for the next run. */
	readonly pendingFile: string;
	readonly rows: RowCache;
	/** The rows the current async context holds, inside withLock. */
	readonly held: AsyncLocalStorage<HeldRows>;
};

/**
 * Connects, opens (or creates) the schema, reads every row, and writes the
 * saves an earlier run kept on this machine; closes the connection when any of it fails.
 */
export async function openSession(options: PostgresStoreOptions): Promise<PostgresSession> {
	const {target, storeKey, timeouts, configDir} = options;
	const {label} = target;
	const db = await connectDb(target, timeouts);
	const pending = pendingFile(configDir, label);
	try {
		const schema = await openSchema(db, storeKey, label);
		const rows = newRowCache(schema.cipherKey, label);
		loadRows(rows, schema.rows);
		const session: PostgresSession = {db, label, timeouts, configDir, pendingFile: pending, rows, held: new AsyncLocalStorage()};
		if (fs.existsSync(pending)) {
			await withFileLock(configPaths(configDir).lock, async () => completePending(session));
		}

		return session;
	} catch (error) {
		await db.close();
		throw error;
	}
}

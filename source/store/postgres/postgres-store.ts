import {AsyncLocalStorage} from 'node:async_hooks';
import fs from 'node:fs';
import {MktError} from '../../errors.js';
import {loginCommand} from '../../flows/commands-text.js';
import {isProviderId} from '../../providers/index.js';
import {configPaths} from '../config-location.js';
import {ensurePrivateDir} from '../file-modes.js';
import {withFileLock} from '../lock.js';
import {assertKeyMatches, connectionKey, listOrder} from '../connection-key.js';
import type {Connection, ConnectionKey, ConnectionStore, LockOptions, StoredConnection} from '../types.js';
import {connectDb, type DbTimeouts} from './db.js';
import {codeOf, isConnectionLost, rowLockTimeout} from './db-errors.js';
import {digestOf, keepPending, pendingFile, readPending, writePending, type PendingSave} from './pending-saves.js';
import {openSchema, selectRows, tableLockId, type ConnectionRow} from './schema.js';
import {openConnection, sealConnection} from './sealed-connection.js';
import {wrongKey} from './seal.js';
import type {PostgresTarget} from './store-url.js';

export type PostgresStoreOptions = {
	readonly target: PostgresTarget;
	readonly storeKey: string;
	/** This machine's config folder: where a save the database did not take waits for the next run. */
	readonly configDir: string;
	readonly timeouts: DbTimeouts;
};

type Entry = {
	/** The row's jsonb text as last read or written (sealed). */
	text: string;
	opened?: Connection;
};

function id(key: ConnectionKey): string {
	return `${key.provider}\u0000${key.environment}\u0000${key.profile}`;
}

function keyOfRow(row: ConnectionRow): ConnectionKey | undefined {
	if (!isProviderId(row.provider)) {
		return undefined;
	}

	if (row.environment !== 'production' && row.environment !== 'sandbox') {
		return undefined;
	}

	const key = connectionKey({provider: row.provider, profile: row.profile, environment: row.environment});
	return key.environment === row.environment ? key : undefined;
}

const whereKey = 'WHERE provider = $1 AND environment = $2 AND profile = $3';
const upsert = `INSERT INTO mkt_wizard_connections (provider, environment, profile, connection, updated_at) VALUES ($1, $2, $3, $4::jsonb, now())
	ON CONFLICT (provider, environment, profile) DO UPDATE SET connection = EXCLUDED.connection, updated_at = now()`;

/**
 * The connections in PostgreSQL, behind the same ConnectionStore the file
 * store offers. Reads come from the rows read when the store opened (one
 * round trip, no lock). withLock runs its task in a transaction holding the
 * connection's row (`SELECT … FOR UPDATE`; every row, for a task not tied to
 * one key), re-read; the task's updates are written and committed before
 * withLock returns, so a renewed token is in the database before anyone sees it.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<ConnectionStore> {
	const {target, storeKey, timeouts} = options;
	const {label} = target;
	const db = await connectDb(target, timeouts);
	let cipherKey: Buffer;
	const entries = new Map<string, Entry>();
	const keys = new Map<string, ConnectionKey>();
	const pending = pendingFile(options.configDir, label);
	try {
		const schema = await openSchema(db, storeKey, label);
		cipherKey = schema.cipherKey;
		load(schema.rows);
		if (fs.existsSync(pending)) {
			await withFileLock(configPaths(options.configDir).lock, completePending);
		}
	} catch (error) {
		await db.close();
		throw error;
	}

	function load(rows: readonly ConnectionRow[], replaceAll = true): void {
		if (replaceAll) {
			entries.clear();
			keys.clear();
		}

		for (const row of rows) {
			const key = keyOfRow(row);
			if (key) {
				entries.set(id(key), {text: row.connection});
				keys.set(id(key), key);
			}
		}
	}

	function open(key: ConnectionKey): Connection | undefined {
		const entry = entries.get(id(key));
		if (!entry) {
			return undefined;
		}

		if (!entry.opened) {
			const result = openConnection(cipherKey, key, JSON.parse(entry.text));
			if (!result.ok) {
				throw result.problem === 'key'
					? wrongKey(label)
					: new MktError('store_corrupt', `The ${key.provider} ${key.environment} connection of profile "${key.profile}" in PostgreSQL at ${label} ${result.detail}.`, `Log in again (\`${loginCommand(key)}\`) to replace it.`);
			}

			entry.opened = result.connection;
		}

		return entry.opened;
	}

	/** Writes the saves an earlier run could not, where their row has not changed since. */
	async function completePending(): Promise<void> {
		// A save whose row changed since is dropped: the newer row wins. Written ones now match no row, so a rerun skips them.
		for (const save of readPending(pending)) {
			await transaction(async () => {
				const [row] = await db.query(`SELECT connection::text AS connection FROM mkt_wizard_connections ${whereKey} FOR UPDATE`, keyValues(save.key));
				if (digestOf(row?.connection ?? undefined) !== save.basedOn) {
					return;
				}

				await write(save.key, save.connection);
			});
		}

		writePending(pending, label, []);
		const rows = await db.query(selectRows);
		load(rows as ConnectionRow[]);
	}

	async function write(key: ConnectionKey, text: string | null): Promise<void> {
		if (text === null) {
			await db.query(`DELETE FROM mkt_wizard_connections ${whereKey}`, keyValues(key));
		} else {
			await db.query(upsert, [...keyValues(key), text]);
		}
	}

	async function transaction(task: () => Promise<void>): Promise<void> {
		await db.query('BEGIN');
		try {
			await task();
			await db.query('COMMIT');
		} catch (error) {
			await db.query('ROLLBACK').catch(() => undefined);
			throw error;
		}
	}

	type Held = {
		/** The one key this lock holds, or undefined for every row. */
		readonly key: ConnectionKey | undefined;
		/** Row text when locked, per id: what a pending save is based on. */
		readonly lockedText: Map<string, string | undefined>;
		/** Sealed text to write (null: delete), per id, in order. */
		readonly writes: Map<string, {key: ConnectionKey; text: string | null}>;
	};
	const held = new AsyncLocalStorage<Held>();
	let queue: Promise<unknown> = Promise.resolve();

	const requireLock = (operation: string, key: ConnectionKey): Held => {
		const current = held.getStore();
		if (!current) {
			throw new Error(`ConnectionStore.${operation}() must run inside store.withLock(), so parallel processes never lose each other's updates.`);
		}

		if (current.key && id(current.key) !== id(key)) {
			throw new Error(`ConnectionStore.${operation}() of another connection than the one withLock() holds.`);
		}

		return current;
	};

	const update: ConnectionStore['update'] = (key, change) => {
		const lock = requireLock('update', key);
		const current = open(key);
		const next = change(current);
		if (next === undefined) {
			if (current !== undefined) {
				entries.delete(id(key));
				lock.writes.set(id(key), {key, text: null});
			}

			return undefined;
		}

		assertKeyMatches(key, next);

		const text = JSON.stringify(sealConnection(cipherKey, key, next));
		entries.set(id(key), {text, opened: next});
		keys.set(id(key), key);
		lock.writes.set(id(key), {key, text});
		return next;
	};

	async function locked<T>(task: () => Promise<T>, key: ConnectionKey | undefined): Promise<T> {
		const lock: Held = {key, lockedText: new Map(), writes: new Map()};
		// SET LOCAL lock_timeout is the connection's; the session-level one set at connect applies.
		await db.query('BEGIN');
		let result: T;
		let failure: {error: unknown} | undefined;
		try {
			if (key) {
				const rows = await db.query(`${selectRows} ${whereKey} FOR UPDATE`, keyValues(key));
				entries.delete(id(key));
				load(rows as ConnectionRow[], false);
				lock.lockedText.set(id(key), rows[0]?.connection ?? undefined);
			} else {
				await db.query('SELECT pg_advisory_xact_lock($1)', [tableLockId]);
				const rows = await db.query(`${selectRows} FOR UPDATE`);
				load(rows as ConnectionRow[]);
				for (const row of rows as ConnectionRow[]) {
					const rowKey = keyOfRow(row);
					if (rowKey) {
						lock.lockedText.set(id(rowKey), row.connection);
					}
				}
			}
		} catch (error) {
			await db.query('ROLLBACK').catch(() => undefined);
			throw codeOf((error as MktError).cause) === '55P03' ? rowLockTimeout(error, label, timeouts.lockWaitMs) : error;
		}

		try {
			result = await held.run(lock, task);
		} catch (error) {
			failure = {error};
		}

		try {
			for (const {key: written, text} of lock.writes.values()) {
				await write(written, text);
			}

			await db.query('COMMIT');
		} catch (error) {
			await db.query('ROLLBACK').catch(() => undefined);
			if (lock.writes.size === 0) {
				throw failure?.error ?? error;
			}

			throw await keptLocally(lock, error);
		}

		if (failure) {
			throw failure.error;
		}

		return result!;
	}

	/** The database did not take what the task saved: keep it beside the config, sealed, for the next run. */
	async function keptLocally(lock: Held, error: unknown): Promise<MktError> {
		const saves: PendingSave[] = [...lock.writes.entries()].map(([entryId, {key, text}]) => ({
			key,
			basedOn: digestOf(lock.lockedText.get(entryId)),
			connection: text,
		}));
		const raw = (error as {cause?: unknown}).cause ?? error;
		const reason = isConnectionLost(raw) ? 'the connection was lost: the server restarted, stopped or was cut off' : (error instanceof MktError ? error.code : 'an error');
		try {
			// Under the config folder's lock: two processes of this machine may keep saves at once.
			const paths = configPaths(options.configDir);
			ensurePrivateDir(paths.dir, pending);
			await withFileLock(paths.lock, async () => {
				keepPending(pending, label, saves);
			});
		} catch {
			return new MktError(
				'store_save_lost',
				`PostgreSQL at ${label} did not take the renewed tokens (${reason}), and they could not be kept on this machine either.`,
				'Log in again for this connection once the database is back (`mkt-wizard login <etsy|ebay>`).',
				{cause: error},
			);
		}

		return new MktError(
			'store_save_pending',
			`PostgreSQL at ${label} did not take the renewed tokens (${reason}); they are kept, encrypted, in ${pending}.`,
			'Run the command again once the database is back: it saves them there first, and nothing is lost.',
			{cause: error},
		);
	}

	return {
		path: configPaths(options.configDir).file,
		location: `PostgreSQL at ${label}`,
		get: open,
		list(): StoredConnection[] {
			const all = [...keys.entries()].filter(([entryId]) => entries.has(entryId)).map(([, key]) => key);
			// The file store's order: profile default first, then by name; Etsy, eBay production, eBay sandbox.
			all.sort(listOrder());
			return all.map(key => ({key, connection: open(key)!}));
		},
		update,
		remove(key: ConnectionKey): boolean {
			requireLock('remove', key);
			const existed = entries.has(id(key));
			update(key, () => undefined);
			return existed;
		},
		async withLock<T>(task: () => Promise<T>, lockOptions?: LockOptions): Promise<T> {
			if (held.getStore()) {
				return task();
			}

			// One transaction at a time on this session.
			const run = queue.then(async () => locked(task, lockOptions?.key));
			queue = run.catch(() => undefined);
			return run;
		},
		async close() {
			await db.close();
		},
	};
}

function keyValues(key: ConnectionKey): string[] {
	return [key.provider, key.environment, key.profile];
}

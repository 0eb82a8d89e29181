import type {MktError} from '../../errors.js';
import {assertKeyMatches} from '../connection-key.js';
import {outsideLock} from '../store-errors.js';
import type {Connection, ConnectionKey} from '../types.js';
import {codeOf, rowLockTimeout} from './db-errors.js';
import {keepLocally} from './kept-saves.js';
import {forgetRow, keyOfRow, loadRows, openRow, rowId, sealRow} from './row-cache.js';
import {selectRows, tableLockId, type ConnectionRow} from './schema.js';
import type {HeldRows, PostgresSession} from './session.js';
import {keyValues, whereKey, writeRow} from './statements.js';

/**
 * Runs `task` in a transaction holding the key's row (`SELECT … FOR UPDATE`,
 * re-read), or every row when there is no key; writes what it updated and
 * commits before returning, so a renewed token is in the database before
 * anyone sees it.
 */
export async function runLocked<T>(session: PostgresSession, task: () => Promise<T>, key: ConnectionKey | undefined): Promise<T> {
	const lock: HeldRows = {key, lockedText: new Map(), writes: new Map()};
	// SET LOCAL lock_timeout is the connection's; the session-level one set at connect applies.
	await session.db.query('BEGIN');
	await lockRows(session, lock);
	let outcome: {readonly ok: true; readonly value: T} | {readonly ok: false; readonly error: unknown};
	try {
		outcome = {ok: true, value: await session.held.run(lock, task)};
	} catch (error) {
		outcome = {ok: false, error};
	}

	await commitWrites(session, lock, outcome.ok ? undefined : outcome);
	if (!outcome.ok) {
		throw outcome.error;
	}

	return outcome.value;
}

/** Locks and re-reads the held rows, noting the text each had: what a save kept locally is based on. */
async function lockRows(session: PostgresSession, lock: HeldRows): Promise<void> {
	const {db, rows: cache} = session;
	try {
		if (lock.key) {
			const rows = await db.query(`${selectRows} ${whereKey} FOR UPDATE`, keyValues(lock.key));
			forgetRow(cache, lock.key);
			loadRows(cache, rows as ConnectionRow[], false);
			lock.lockedText.set(rowId(lock.key), rows[0]?.connection ?? undefined);
		} else {
			await db.query('SELECT pg_advisory_xact_lock($1)', [tableLockId]);
			const rows = await db.query(`${selectRows} FOR UPDATE`);
			loadRows(cache, rows as ConnectionRow[]);
			for (const row of rows as ConnectionRow[]) {
				const rowKey = keyOfRow(row);
				if (rowKey) {
					lock.lockedText.set(rowId(rowKey), row.connection);
				}
			}
		}
	} catch (error) {
		await db.query('ROLLBACK').catch(() => undefined);
		throw codeOf((error as MktError).cause) === '55P03' ? rowLockTimeout(error, session.label, session.timeouts.lockWaitMs) : error;
	}
}

/** Writes the task's updates and commits; what the database does not take is kept on this machine. */
async function commitWrites(session: PostgresSession, lock: HeldRows, failure: {readonly error: unknown} | undefined): Promise<void> {
	const {db} = session;
	try {
		for (const {key, text} of lock.writes.values()) {
			await writeRow(db, key, text);
		}

		await db.query('COMMIT');
	} catch (error) {
		await db.query('ROLLBACK').catch(() => undefined);
		if (lock.writes.size === 0) {
			throw failure?.error ?? error;
		}

		throw await keepLocally(session, lock, error);
	}
}

/** The lock the caller holds; throws outside withLock, or for a key other than the one withLock holds. */
export function requireHeld(session: PostgresSession, operation: string, key: ConnectionKey): HeldRows {
	const current = session.held.getStore();
	if (!current) {
		throw outsideLock(operation);
	}

	if (current.key && rowId(current.key) !== rowId(key)) {
		throw new Error(`ConnectionStore.${operation}() of another connection than the one withLock() holds.`);
	}

	return current;
}

/** ConnectionStore.update: changes the cached row and notes the write, made when withLock commits. */
export function updateHeld(session: PostgresSession, key: ConnectionKey, change: (current: Connection | undefined) => Connection | undefined): Connection | undefined {
	const lock = requireHeld(session, 'update', key);
	const current = openRow(session.rows, key);
	const next = change(current);
	if (next === undefined) {
		if (current !== undefined) {
			forgetRow(session.rows, key);
			lock.writes.set(rowId(key), {key, text: null});
		}

		return undefined;
	}

	assertKeyMatches(key, next);
	const text = sealRow(session.rows, key, next);
	lock.writes.set(rowId(key), {key, text});
	return next;
}

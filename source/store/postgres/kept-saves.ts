import {MktError} from '../../errors.js';
import {configPaths} from '../config-location.js';
import {ensurePrivateDir} from '../file-modes.js';
import {withFileLock} from '../lock.js';
import {isConnectionLost} from './db-errors.js';
import {digestOf, keepPending, readPending, writePending, type PendingSave} from './pending-saves.js';
import {loadRows} from './row-cache.js';
import {selectRows, type ConnectionRow} from './schema.js';
import type {HeldRows, PostgresSession} from './session.js';
import {inTransaction, keyValues, whereKey, writeRow} from './statements.js';

/** Writes the saves an earlier run could not, where their row has not changed since; then reads every row again. */
export async function completePending(session: PostgresSession): Promise<void> {
	const {db, pendingFile, label} = session;
	// A save whose row changed since is dropped: the newer row wins. Written ones now match no row, so a rerun skips them.
	for (const save of readPending(pendingFile)) {
		await inTransaction(db, async () => {
			const [row] = await db.query(`SELECT connection::text AS connection FROM mkt_wizard_connections ${whereKey} FOR UPDATE`, keyValues(save.key));
			if (digestOf(row?.connection ?? undefined) !== save.basedOn) {
				return;
			}

			await writeRow(db, save.key, save.connection);
		});
	}

	writePending(pendingFile, label, []);
	const rows = await db.query(selectRows);
	loadRows(session.rows, rows as ConnectionRow[]);
}

/** The database did not take what the task saved: keep it beside the config, sealed, for the next run. */
export async function keepLocally(session: PostgresSession, lock: HeldRows, error: unknown): Promise<MktError> {
	const {label, pendingFile} = session;
	const saves: PendingSave[] = [...lock.writes.entries()].map(([entryId, {key, text}]) => ({
		key,
		basedOn: digestOf(lock.lockedText.get(entryId)),
		connection: text,
	}));
	const raw = (error as {cause?: unknown}).cause ?? error;
	const reason = isConnectionLost(raw) ? 'the connection was lost: the server restarted, stopped or was cut off' : (error instanceof MktError ? error.code : 'an error');
	try {
		// Under the config folder's lock: two processes of this machine may keep saves at once.
		const paths = configPaths(session.configDir);
		ensurePrivateDir(paths.dir, pendingFile);
		await withFileLock(paths.lock, async () => {
			keepPending(pendingFile, label, saves);
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
		`PostgreSQL at ${label} did not take the renewed tokens (${reason}); they are kept, encrypted, in ${pendingFile}.`,
		'Run the command again once the database is back: it saves them there first, and nothing is lost.',
		{cause: error},
	);
}

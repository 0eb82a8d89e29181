import type {ConnectionKey} from '../types.js';
import type {Db} from './db.js';

/** The WHERE clause of one connection's row; its values come from keyValues. */
export const whereKey = 'WHERE provider = $1 AND environment = $2 AND profile = $3';
const upsert = `INSERT INTO mkt_wizard_connections (provider, environment, profile, connection, updated_at) VALUES ($1, $2, $3, $4::jsonb, now())
	ON CONFLICT (provider, environment, profile) DO UPDATE SET connection = EXCLUDED.connection, updated_at = now()`;

export function keyValues(key: ConnectionKey): string[] {
	return [key.provider, key.environment, key.profile];
}

/** Writes the row's sealed JSON text, or deletes the row (null). */
export async function writeRow(db: Db, key: ConnectionKey, text: string | null): Promise<void> {
	if (text === null) {
		await db.query(`DELETE FROM mkt_wizard_connections ${whereKey}`, keyValues(key));
	} else {
		await db.query(upsert, [...keyValues(key), text]);
	}
}

/** Runs `task` between BEGIN and COMMIT; rolls back when it throws. */
export async function inTransaction(db: Db, task: () => Promise<void>): Promise<void> {
	await db.query('BEGIN');
	try {
		await task();
		await db.query('COMMIT');
	} catch (error) {
		await db.query('ROLLBACK').catch(() => undefined);
		throw error;
	}
}

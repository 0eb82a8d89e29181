import {MktError} from '../../errors.js';
import {codeOf} from './db-errors.js';
import type {Db} from './db.js';
import {deriveKey, newSalt, seal, tryOpen, wrongKey} from './seal.js';

/** The schema this mkt-wizard writes and reads; a database with a higher one is refused, never altered. */
export const schemaVersion = 1;

export const connectionsTable = 'mkt_wizard_connections';

const keyCheckText = 'mkt-wizard store key check';
const keyCheckContext = 'mkt-wizard:key-check';
// pg_advisory_xact_lock keys: any fixed numbers, the same on every machine.
export const schemaLockId = 7_412_001;
export const tableLockId = 7_412_002;

/** A stored connection row, its connection still sealed, as PostgreSQL returns it (jsonb as text). */
export type ConnectionRow = {
	readonly provider: string;
	readonly environment: string;
	readonly profile: string;
	readonly connection: string;
};

export const selectRows = `SELECT provider, environment, profile, connection::text AS connection FROM ${connectionsTable}`;
const selectSchema = 'SELECT version::text AS version, key_salt, key_check FROM mkt_wizard_schema ORDER BY version DESC LIMIT 1';

const createStatements = [
	`CREATE TABLE IF NOT EXISTS mkt_wizard_schema (
		version integer NOT NULL,
		key_salt text NOT NULL,
		key_check text NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now()
	)`,
	`CREATE TABLE IF NOT EXISTS ${connectionsTable} (
		provider text NOT NULL,
		environment text NOT NULL,
		profile text NOT NULL,
		connection jsonb NOT NULL,
		updated_at timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (provider, environment, profile)
	)`,
];

export type OpenedSchema = {
	/** The AES-256 key for this database's sealed values. */
	readonly cipherKey: Buffer;
	/** Every row, read in the same round trip as the schema (no lock). */
	readonly rows: ConnectionRow[];
};

type SchemaRow = {version: string; key_salt: string; key_check: string};

/**
 * Reads the schema version, the key salt and every row in one round trip;
 * creates the tables on first use (under an advisory lock, so two machines
 * starting at once create them once). The key check sealed at creation tells
 * a wrong MKT_WIZARD_STORE_KEY before anything is read or written.
 */
export async function openSchema(db: Db, storeKey: string, label: string): Promise<OpenedSchema> {
	let found: {schema: SchemaRow | undefined; rows: ConnectionRow[]};
	try {
		found = await readAll(db);
	} catch (error) {
		if (codeOf((error as MktError).cause) !== '42P01') {
			throw error;
		}

		await createSchema(db, storeKey);
		found = await readAll(db);
	}

	if (!found.schema) {
		await createSchema(db, storeKey);
		found = await readAll(db);
	}

	const schema = found.schema!;
	const version = Number(schema.version);
	if (version > schemaVersion) {
		throw new MktError(
			'store_newer_schema',
			`The mkt-wizard tables in PostgreSQL at ${label} have schema version ${version}, newer than this mkt-wizard knows (${schemaVersion}); they were left as they are.`,
			'Upgrade mkt-wizard on this machine (`npx mkt-wizard@latest`) to the version the other machines use.',
		);
	}

	const cipherKey = deriveKey(storeKey, Buffer.from(schema.key_salt, 'base64'));
	if (tryOpen(cipherKey, schema.key_check, keyCheckContext) !== keyCheckText) {
		throw wrongKey(label);
	}

	return {cipherKey, rows: found.rows};
}

async function readAll(db: Db): Promise<{schema: SchemaRow | undefined; rows: ConnectionRow[]}> {
	const [schemaRows, rows] = await db.batch(`${selectSchema}; ${selectRows}`);
	return {schema: schemaRows![0] as SchemaRow | undefined, rows: (rows ?? []) as ConnectionRow[]};
}

async function createSchema(db: Db, storeKey: string): Promise<void> {
	const salt = newSalt();
	const check = seal(deriveKey(storeKey, salt), keyCheckText, keyCheckContext);
	await db.query('BEGIN');
	try {
		await db.query('SELECT pg_advisory_xact_lock($1)', [schemaLockId]);
		for (const statement of createStatements) {
			await db.query(statement);
		}

		await db.query(
			'INSERT INTO mkt_wizard_schema (version, key_salt, key_check) SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM mkt_wizard_schema)',
			[schemaVersion, salt.toString('base64'), check],
		);
		await db.query('COMMIT');
	} catch (error) {
		await db.query('ROLLBACK').catch(() => undefined);
		throw error;
	}
}

import {readFileSync} from 'node:fs';
import pg from 'pg';
import {MktError} from '../../errors.js';
import {describeDbError} from './db-errors.js';
import type {PostgresTarget} from './store-url.js';

/** One database session: each statement's rows as plain strings (no type parsing: our columns are text). */
export type Db = {
	query(text: string, values?: readonly unknown[]): Promise<Array<Record<string, string | null>>>;
	/** Several statements, no parameters, one round trip: each statement's rows. */
	batch(text: string): Promise<Array<Array<Record<string, string | null>>>>;
	close(): Promise<void>;
};

export type DbTimeouts = {
	/** Connecting, and the whole of each statement. */
	readonly connectMs: number;
	/** Waiting for a row lock. */
	readonly lockWaitMs: number;
};

const rawText = {getTypeParser: () => (value: string) => value};

function caFrom(target: PostgresTarget): string | undefined {
	if (!target.caFile) {
		return undefined;
	}

	try {
		return readFileSync(target.caFile, 'utf8');
	} catch {
		throw new MktError('store_tls', `The sslrootcert file ${target.caFile} named in MKT_WIZARD_STORE cannot be read.`, 'Point sslrootcert at a readable PEM file with the server\'s CA.');
	}
}

export async function connectDb(target: PostgresTarget, timeouts: DbTimeouts): Promise<Db> {
	const ca = caFrom(target);
	const client = new pg.Client({
		host: target.host,
		port: target.port,
		database: target.database,
		...(target.user === undefined ? {} : {user: target.user}),
		...(target.password === undefined ? {} : {password: target.password}),
		ssl: target.ssl === false ? false : {...target.ssl, ...(ca === undefined ? {} : {ca})},
		application_name: 'mkt-wizard',
		connectionTimeoutMillis: timeouts.connectMs,
		lock_timeout: timeouts.lockWaitMs,
		statement_timeout: timeouts.lockWaitMs + timeouts.connectMs,
		// A holder that hangs (stopped, not killed) gives its row lock back after this.
		idle_in_transaction_session_timeout: (timeouts.lockWaitMs * 2) + timeouts.connectMs,
		types: rawText,
	});
	// A session the server ends while idle emits 'error': the next query reports it.
	let lost: unknown;
	client.on('error', error => {
		lost ??= error;
	});
	try {
		await client.connect();
	} catch (error) {
		await client.end().catch(() => undefined);
		throw describeDbError(error, target);
	}

	const failed = (error: unknown) => describeDbError(lost ?? error, target, {lockWaitMs: timeouts.lockWaitMs});
	return {
		async query(text, values) {
			try {
				const result = await client.query(text, values as unknown[] | undefined);
				return result.rows as Array<Record<string, string | null>>;
			} catch (error) {
				throw failed(error);
			}
		},
		async batch(text) {
			try {
				const results = await client.query(text) as unknown as pg.QueryResult | pg.QueryResult[];
				return (Array.isArray(results) ? results : [results]).map(result => result.rows as Array<Record<string, string | null>>);
			} catch (error) {
				throw failed(error);
			}
		},
		async close() {
			const ended = client.end().catch(() => undefined);
			// The goodbye is written; waiting for the server to close the socket would only delay the exit.
			(client as unknown as {connection?: {stream?: {unref?: () => void}}}).connection?.stream?.unref?.();
			await Promise.race([ended, new Promise(resolve => {
				setImmediate(resolve);
			})]);
		},
	};
}

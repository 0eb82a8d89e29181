import {MktError} from '../../errors.js';
import type {PostgresTarget} from './store-url.js';

/** A PostgreSQL error's SQLSTATE, or a socket error's code. */
export function codeOf(error: unknown): string | undefined {
	const code = (error as {code?: unknown} | undefined)?.code;
	return typeof code === 'string' ? code : undefined;
}

const lostConnection = /terminat|ECONNRESET|EPIPE|closed|ended|not queryable|connection timeout|timeout expired/i;

/** True when the database session is gone (server restarted or stopped, network cut): nothing in flight was committed. */
export function isConnectionLost(error: unknown): boolean {
	const code = codeOf(error);
	if (code === '57P01' || code === '57P02' || code === '57P03' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNREFUSED') {
		return true;
	}

	return code === undefined && error instanceof Error && lostConnection.test(error.message);
}

function seconds(milliseconds = 0): number {
	return Math.round(milliseconds / 100) / 10;
}

/** The wait for a connection's row ended: another caller has been renewing its token for longer than the wait. */
export function rowLockTimeout(error: unknown, label: string, lockWaitMs: number): MktError {
	return new MktError(
		'store_lock_timeout',
		`Another process, on this machine or another, has held this connection's row in PostgreSQL at ${label} for more than ${seconds(lockWaitMs)} s (it is renewing the token).`,
		'Try again; if it keeps happening, look for a stuck mkt-wizard session in pg_stat_activity (application_name mkt-wizard), or raise MKT_WIZARD_HTTP_TIMEOUT_MS (the wait is twice it).',
		{cause: error},
	);
}

const checkServer = (label: string) => `Check that the PostgreSQL server at ${label} is running and reachable from this machine, then try again.`;

/**
 * One cause and one remedy for what node-postgres or the server said. Never
 * the raw message: it may quote the URL, and the user's password with it.
 */
export function describeDbError(error: unknown, target: PostgresTarget, context: {lockWaitMs?: number; what?: string} = {}): MktError {
	if (error instanceof MktError) {
		return error;
	}

	const {label} = target;
	const where = `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
	const code = codeOf(error);
	const message = error instanceof Error ? error.message : '';
	const make = (id: string, cause: string, remedy: string) => new MktError(id, cause, remedy, {cause: error});
	switch (code) {
		case 'ECONNREFUSED': {
			return make('store_unreachable', `PostgreSQL at ${where} refused the connection (no server listening there).`, checkServer(label));
		}

		case 'ENOTFOUND':
		case 'EAI_AGAIN': {
			return make('store_unreachable', `The PostgreSQL host ${target.host} was not found (DNS).`, 'Check the host name in MKT_WIZARD_STORE and this machine\'s network.');
		}

		case 'ETIMEDOUT':
		case 'EHOSTUNREACH':
		case 'ENETUNREACH': {
			return make('store_unreachable', `PostgreSQL at ${where} could not be reached (${code}).`, checkServer(label));
		}

		case '28P01':
		case '28000': {
			return make('store_auth_failed', `PostgreSQL at ${label} refused the user name or password in MKT_WIZARD_STORE.`, 'Check the user and password in MKT_WIZARD_STORE (characters such as @ : / in the password must be percent-encoded).');
		}

		case '3D000': {
			return make('store_no_database', `PostgreSQL at ${where} has no database "${target.database}".`, `Create it (\`createdb ${target.database}\`) or correct the database name in MKT_WIZARD_STORE.`);
		}

		case '42501': {
			return make('store_no_rights', `The PostgreSQL user in MKT_WIZARD_STORE may not ${context.what ?? 'use'} mkt-wizard's tables in ${label}.`, 'Grant the user CREATE on the schema (for the first run) and SELECT, INSERT, UPDATE, DELETE on the mkt_wizard_ tables.');
		}

		case '53300': {
			return make('store_busy', `PostgreSQL at ${label} has no free connection slots.`, 'Try again shortly; if it persists, raise max_connections or put a pooler (PgBouncer, session mode) in front.');
		}

		case '55P03': {
			return make(
				'store_lock_timeout',
				`Another session held a lock on mkt-wizard's tables in PostgreSQL at ${label} for more than ${seconds(context.lockWaitMs)} s (a migration or VACUUM FULL?); nothing was changed.`,
				'Try again; if it keeps happening, find the session holding the lock in pg_stat_activity.',
			);
		}

		case '57014': {
			return make('store_timeout', `A statement in PostgreSQL at ${label} ran past its time limit and was cancelled; nothing was changed.`, 'Try again; if it keeps happening, check the server\'s load and its statement_timeout.');
		}

		default: {
			break;
		}
	}

	if (isConnectionLost(error)) {
		return make('store_connection_lost', `The connection to PostgreSQL at ${label} was lost (the server restarted, stopped or was cut off); nothing was changed.`, checkServer(label));
	}

	if (/ssl|tls|certificate|self[- ]signed/i.test(message) || /^(?:ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code ?? '')) {
		return make('store_tls', `The TLS connection to PostgreSQL at ${where} failed (${code ?? 'the server does not offer TLS, or its certificate is not trusted'}).`, 'Check sslmode in MKT_WIZARD_STORE; for a private CA add sslrootcert=/path/to/ca.pem (or NODE_EXTRA_CA_CERTS).');
	}

	return make('store_failed', `PostgreSQL at ${label} answered with an error${code ? ` (SQLSTATE ${code})` : ''}.`, 'Try again; run with MKT_WIZARD_DEBUG=1 for details, and check the server\'s log.');
}

import {UsageError} from '../../errors.js';

/** What node-postgres is given: parsed here, so the bundle needs no connection-string parser. */
export type PostgresTarget = {
	readonly host: string;
	readonly port: number;
	readonly database: string;
	readonly user: string | undefined;
	readonly password: string | undefined;
	/** `false`: plain TCP; otherwise TLS, verifying the server's certificate unless `rejectUnauthorized` is false. */
	readonly ssl: false | {readonly rejectUnauthorized: boolean; readonly ca?: string};
	/** The `sslrootcert` file to read the CA from, when the URL names one. */
	readonly caFile: string | undefined;
	/** `host:port/database`: what messages, `status` and `doctor` show (never the user's password). */
	readonly label: string;
};

const sslModes = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify']);

function badStore(problem: string): UsageError {
	return new UsageError(
		`MKT_WIZARD_STORE ${problem}.`,
		'Set it to postgres://user:password@host:port/database (or leave it unset to keep connections in the config file).',
	);
}

/**
 * Reads a `postgres://` or `postgresql://` URL. `sslmode`: `disable` (or none)
 * is plain TCP; `require`, `verify-ca` and `verify-full` (and `prefer`/`allow`,
 * which node-postgres cannot try-then-fall-back) use TLS and verify the
 * server's certificate against Node's CAs, NODE_EXTRA_CA_CERTS or
 * `sslrootcert`; `no-verify` uses TLS without verifying. Stricter than libpq's
 * `require` on purpose (tokens cross the link sealed, but the login may not).
 */
export function parseStoreUrl(value: string): PostgresTarget {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw badStore('is not a valid URL');
	}

	const query = url.searchParams;
	// `?host=/run/postgresql` names a Unix socket folder, as libpq allows.
	const host = query.get('host') ?? decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1');
	if (!host) {
		throw badStore('names no host');
	}

	const port = url.port === '' ? 5432 : Number(url.port);
	const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
	if (!database || database.includes('/')) {
		throw badStore('names no database (postgres://…/database)');
	}

	const mode = query.get('sslmode') ?? 'disable';
	if (!sslModes.has(mode)) {
		throw badStore(`has sslmode=${mode}, which is not one of ${[...sslModes].join(', ')}`);
	}

	const caFile = query.get('sslrootcert') ?? undefined;
	return {
		host,
		port,
		database,
		user: url.username === '' ? undefined : decodeURIComponent(url.username),
		password: url.password === '' ? undefined : decodeURIComponent(url.password),
		ssl: mode === 'disable' ? false : {rejectUnauthorized: mode !== 'no-verify'},
		caFile,
		label: `${host.includes(':') ? `[${host}]` : host}:${port}/${database}`,
	};
}

// MKT_WIZARD_STORE as node-postgres is given it, and the words each database failure ends in.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {MktError, UsageError} from '../../../source/errors.js';
import {describeDbError} from '../../../source/store/postgres/db-errors.js';
import {parseStoreUrl} from '../../../source/store/postgres/store-url.js';

test('a postgres:// URL: host, port, database, percent-decoded user and password; the label shows no password', () => {
	const target = parseStoreUrl('postgresql://team%40ops:p%40ss%3Aword@db.internal:6543/mkt_tokens');
	assert.deepEqual({...target}, {
		host: 'db.internal',
		port: 6543,
		database: 'mkt_tokens',
		user: 'team@ops',
		password: 'p@ss:word',
		ssl: false,
		caFile: undefined,
		label: 'db.internal:6543/mkt_tokens',
	});
	assert.equal(parseStoreUrl('postgres://u@[::1]/db').label, '[::1]:5432/db');
	assert.equal(parseStoreUrl('postgres://u@[::1]/db').host, '::1');
	assert.equal(parseStoreUrl('postgres:///db?host=/run/postgresql').host, '/run/postgresql');
});

test('sslmode: disable (or none) plain; require and the verify modes check the certificate; no-verify does not; sslrootcert read from a file', () => {
	assert.equal(parseStoreUrl('postgres://u@h/db').ssl, false);
	assert.equal(parseStoreUrl('postgres://u@h/db?sslmode=disable').ssl, false);
	for (const mode of ['prefer', 'require', 'verify-ca', 'verify-full']) {
		assert.deepEqual(parseStoreUrl(`postgres://u@h/db?sslmode=${mode}`).ssl, {rejectUnauthorized: true}, mode);
	}

	assert.deepEqual(parseStoreUrl('postgres://u@h/db?sslmode=no-verify').ssl, {rejectUnauthorized: false});
	assert.equal(parseStoreUrl('postgres://u@h/db?sslmode=verify-full&sslrootcert=/etc/ca.pem').caFile, '/etc/ca.pem');
});

test('a URL that names no host or database, or an unknown sslmode: a usage error that never quotes the password', () => {
	for (const [url, problem] of [
		['postgres://user:hunter2@/db', /is not a valid URL/],
		['postgres:///db', /names no host/],
		['postgres://user:hunter2@host', /names no database/],
		['postgres://user:hunter2@host/db?sslmode=sometimes', /sslmode=sometimes/],
	] as const) {
		assert.throws(() => parseStoreUrl(url), (error: unknown) => {
			assert.ok(error instanceof UsageError);
			assert.match(error.message, problem);
			assert.ok(!error.message.includes('hunter2') && !error.remedy.includes('hunter2'));
			return true;
		}, url);
	}
});

test('each failure the server or the network reports: one cause naming the store, one remedy, never the raw message', () => {
	const target = parseStoreUrl('postgres://u:hunter2@db.internal:5433/tokens');
	const cases: Array<[unknown, RegExp, string]> = [
		[Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'}), /^PostgreSQL at db\.internal:5433 refused the connection/, 'store_unreachable'],
		[Object.assign(new Error('getaddrinfo'), {code: 'ENOTFOUND'}), /The PostgreSQL host db\.internal was not found/, 'store_unreachable'],
		[Object.assign(new Error('password authentication failed for user "u" hunter2'), {code: '28P01'}), /refused the user name or password/, 'store_auth_failed'],
		[Object.assign(new Error('database "tokens" does not exist'), {code: '3D000'}), /has no database "tokens"/, 'store_no_database'],
		[Object.assign(new Error('canceling statement due to statement timeout'), {code: '57014'}), /ran past its time limit and was cancelled; nothing was changed/, 'store_timeout'],
		[Object.assign(new Error('terminating connection due to administrator command'), {code: '57P01'}), /connection to PostgreSQL at db\.internal:5433\/tokens was lost/, 'store_connection_lost'],
		[new Error('Connection terminated unexpectedly'), /was lost/, 'store_connection_lost'],
		[Object.assign(new Error('permission denied for schema public'), {code: '42501'}), /may not use mkt-wizard's tables/, 'store_no_rights'],
		[Object.assign(new Error('sorry, too many clients already'), {code: '53300'}), /no free connection slots/, 'store_busy'],
		[new Error('The server does not support SSL connections'), /TLS connection to PostgreSQL at db\.internal:5433 failed/, 'store_tls'],
	];
	for (const [raw, cause, code] of cases) {
		const described = describeDbError(raw, target, {lockWaitMs: 30_000});
		assert.ok(described instanceof MktError);
		assert.match(described.message, cause);
		assert.equal(described.code, code);
		assert.ok(!`${described.message} ${described.remedy}`.includes('hunter2'));
		assert.ok(!described.message.includes((raw as Error).message));
	}

	const lock = describeDbError(Object.assign(new Error('canceling statement due to lock timeout'), {code: '55P03'}), target, {lockWaitMs: 30_000});
	assert.match(lock.message, /Another session held a lock on mkt-wizard's tables in PostgreSQL at db\.internal:5433\/tokens for more than 30 s/);
});

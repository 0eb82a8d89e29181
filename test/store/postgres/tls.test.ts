// MKT_WIZARD_STORE's sslmode against a real server speaking TLS with a self-signed certificate.
import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {runCli} from '../../helpers/cli.js';
import {scanCliRunsForSecrets} from '../../helpers/secret-scan.js';
import {startPostgres, type PostgresServer} from '../../helpers/postgres.js';
import {selfSignedCertificate, type Certificate} from '../../reliability/servers.js';
import {machine, newStoreKey} from './setup.js';
import {tempDir} from '../../helpers/temp-dir.js';

scanCliRunsForSecrets();

describe('PostgreSQL over TLS', () => {
	let certificate: Certificate;
	let server: PostgresServer;
	let folder: string;
	let database: string;
	const storeKey = newStoreKey();

	before(async () => {
		certificate = selfSignedCertificate(['127.0.0.1']);
		server = await startPostgres({tls: {cert: certificate.cert, key: certificate.key}});
		database = await server.createDatabase();
		folder = tempDir('config');
	});

	after(async () => {
		await server?.close();
		certificate?.cleanup();
	});

	const statusWith = async (query: string) => {
		const on = machine({server, database, storeKey, configDir: path.join(folder, 'config')});
		return runCli(['status'], {...on.env, MKT_WIZARD_STORE: `${server.url(database)}?${query}`});
	};

	test('verify-full with the server\'s CA in sslrootcert: connected', async () => {
		const result = await statusWith(`sslmode=verify-full&sslrootcert=${encodeURIComponent(certificate.certFile)}`);
		assert.match(result.stderr, /No saved connections in PostgreSQL at 127\.0\.0\.1:\d+\/db1/);
	});

	test('require with a certificate nothing vouches for: refused, saying which setting to change', async () => {
		const result = await statusWith('sslmode=require');
		assert.equal(result.code, 1);
		assert.match(result.stderr, /The TLS connection to PostgreSQL at 127\.0\.0\.1:\d+ failed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
		assert.match(result.stderr, /sslrootcert=/);
	});

	test('no-verify: encrypted without checking the certificate', async () => {
		const result = await statusWith('sslmode=no-verify');
		assert.match(result.stderr, /No saved connections in PostgreSQL/);
	});
});

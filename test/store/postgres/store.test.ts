// The PostgreSQL store against a real server: choosing it, sealed secrets, reading and
// renewing through the CLI, and every key and schema failure.
import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../../source/emulator/index.js';
import {getAccessToken} from '../../../source/index.js';
import {runCli} from '../../helpers/cli.js';
import {scanCliRunsForSecrets} from '../../helpers/secret-scan.js';
import {startPostgres, type PostgresServer} from '../../helpers/postgres.js';
import {ebaySandboxKey, etsyTokenWorks} from '../../reliability/setup.js';
import {expireInDatabase, loginEtsyInto, machine, newStoreKey, rowsText, savedIn, type Machine} from './setup.js';
import {tempDir} from '../../helpers/temp-dir.js';

scanCliRunsForSecrets();

describe('the PostgreSQL store', () => {
	let server: PostgresServer;
	let emulator: Emulator;
	let folder: string;
	let database: string;
	const storeKey = newStoreKey();
	let first: Machine;
	let second: Machine;

	before(async () => {
		[server, emulator] = await Promise.all([startPostgres(), startEmulator()]);
		folder = tempDir('config');
		database = await server.createDatabase();
		first = machine({server, database, storeKey, emulator, configDir: path.join(folder, 'first')});
		second = machine({server, database, storeKey, emulator, configDir: path.join(folder, 'second')});
		await loginEtsyInto(first, emulator);
	});

	after(async () => {
		await emulator?.close();
		await server?.close();
	});

	test('a login saved on one machine is what `token etsy` prints on another (its own config folder)', async () => {
		const saved = await savedIn(first);
		const result = await runCli(['token', 'etsy'], second.env);
		assert.equal(result.code, 0, result.stderr);
		assert.equal(result.stdout, `${saved!.user!.token.accessToken}\n`);
	});

	test('status names the store by host, port and database, never the password', async () => {
		const result = await runCli(['status'], second.env);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, new RegExp(`Saved in PostgreSQL at 127\\.0\\.0\\.1:${server.port}/${database}`));
		assert.match(result.stdout, /Etsy · profile default/);
		assert.ok(!`${result.stdout}${result.stderr}`.includes(server.password));
		const json = await runCli(['status', '--json'], second.env);
		assert.equal(JSON.parse(json.stdout).store, `PostgreSQL at 127.0.0.1:${server.port}/${database}`);
	});

	test('pg_dump shows no client secret, access or refresh token; scopes and expiry stay readable', async () => {
		const saved = (await savedIn(first))!;
		const dump = await server.dump(database);
		for (const secret of [saved.clientSecret!, saved.user!.token.accessToken, saved.user!.token.refreshToken!]) {
			assert.ok(secret.length >= 16);
			assert.ok(!dump.includes(secret), `the dump holds a secret ending …${secret.slice(-4)}`);
		}

		assert.match(dump, /"scopes": \["shops_r"\]/);
		assert.match(dump, new RegExp(`"expiresAt": ${saved.user!.token.expiresAt}`));
		assert.match(dump, /"clientSecret": "mkt1\./);
	});

	test('an expired token is refreshed once, and the successor is in the database before it is printed', async () => {
		await expireInDatabase(server, database);
		const before = (await savedIn(first))!.user!.token;
		const refreshes = emulator.stats().etsy.refreshes;
		const result = await runCli(['token', 'etsy'], second.env);
		assert.equal(result.code, 0, result.stderr);
		const after = (await savedIn(first))!.user!.token;
		assert.equal(result.stdout, `${after.accessToken}\n`);
		assert.notEqual(after.refreshToken, before.refreshToken);
		assert.equal(emulator.stats().etsy.refreshes - refreshes, 1);
		assert.ok(await etsyTokenWorks(emulator, after.accessToken));
	});

	test('a wrong MKT_WIZARD_STORE_KEY: exit 1 naming it, nothing read or changed', async () => {
		await expireInDatabase(server, database);
		const rows = await rowsText(server, database);
		const wrong = machine({server, database, storeKey: newStoreKey(), emulator, configDir: second.configDir});
		for (const args of [['token', 'etsy'], ['status'], ['logout', 'etsy']]) {
			const result = await runCli(args, wrong.env);
			assert.equal(result.code, 1, `${args.join(' ')}: ${result.stderr}`);
			assert.match(result.stderr, /MKT_WIZARD_STORE_KEY does not decrypt/);
			assert.equal(result.stdout, '');
		}

		assert.equal(await rowsText(server, database), rows, 'the rows are unchanged');
	});

	test('MKT_WIZARD_STORE_KEY missing or shorter than 32 characters: exit 2 saying so', async () => {
		const missing = await runCli(['token', 'etsy'], {...second.env, MKT_WIZARD_STORE_KEY: ''});
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /MKT_WIZARD_STORE_KEY is not set/);
		const short = await runCli(['token', 'etsy'], {...second.env, MKT_WIZARD_STORE_KEY: 'x'.repeat(31)});
		assert.equal(short.code, 2);
		assert.match(short.stderr, /MKT_WIZARD_STORE_KEY is 31 characters long; the PostgreSQL store needs at least 32/);
	});

	test('MKT_WIZARD_STORE that is not a PostgreSQL URL: exit 2; unset: the config file, as before', async () => {
		const other = await runCli(['token', 'etsy'], {...second.env, MKT_WIZARD_STORE: 'mysql://x@y/z'});
		assert.equal(other.code, 2);
		assert.match(other.stderr, /MKT_WIZARD_STORE is not a postgres:\/\/ or postgresql:\/\/ URL/);
		const unset = await runCli(['status'], {...second.env, MKT_WIZARD_STORE: undefined});
		assert.equal(unset.code, 1, 'nothing saved in the file: status exits 1, as gh auth status');
		assert.match(unset.stderr, new RegExp(`No saved connections in ${second.configDir}/config.json`));
	});

	test('a wrong password, a missing database and a server that is down: one cause naming host and port, one remedy, no password', async () => {
		const cases = [
			{url: server.url(database, {password: 'not-the-password'}), cause: /refused the user name or password in MKT_WIZARD_STORE/},
			{url: server.url('no_such_db'), cause: new RegExp(`PostgreSQL at 127\\.0\\.0\\.1:${server.port} has no database "no_such_db"`)},
			{url: 'postgresql://mkt:secret-pw@127.0.0.1:1/db', cause: /PostgreSQL at 127\.0\.0\.1:1 refused the connection/},
		];
		for (const {url, cause} of cases) {
			const result = await runCli(['token', 'etsy'], {...second.env, MKT_WIZARD_STORE: url});
			assert.equal(result.code, 1, result.stderr);
			assert.match(result.stderr, cause);
			assert.equal(result.stderr.split('\n').filter(Boolean).length, 2, result.stderr);
			assert.ok(!result.stderr.includes('secret-pw') && !result.stderr.includes(server.password));
		}
	});

	test('doctor names the store and checks it is reachable, its schema version and that the key opens every connection', async () => {
		const storeCheck = async (env: NodeJS.ProcessEnv) => {
			const result = await runCli(['doctor', '--offline', '--json'], env);
			const report = JSON.parse(result.stdout) as {checks: Array<{id: string; status: string; detail: string; fix?: string}>};
			assert.ok(!result.stdout.includes(server.password));
			return {code: result.code, check: report.checks.find(check => check.id === 'store')!};
		};

		const good = await storeCheck(second.env);
		assert.equal(good.check.status, 'ok');
		assert.equal(good.check.detail, `PostgreSQL at 127.0.0.1:${server.port}/${database} (MKT_WIZARD_STORE): reachable, schema version 1, MKT_WIZARD_STORE_KEY opens 1 connection.`);
		const wrong = await storeCheck({...second.env, MKT_WIZARD_STORE_KEY: newStoreKey()});
		assert.equal(wrong.code, 1);
		assert.equal(wrong.check.status, 'fail');
		assert.match(wrong.check.detail, /MKT_WIZARD_STORE_KEY does not decrypt/);
		const down = await storeCheck({...second.env, MKT_WIZARD_STORE: 'postgres://mkt:pw@127.0.0.1:1/db'});
		assert.equal(down.check.status, 'fail');
		assert.match(down.check.detail, /PostgreSQL at 127\.0\.0\.1:1 refused the connection/);
	});

	test('`login ebay --grant app` without a terminal saves into the database, sealed', async () => {
		const env = {...second.env, EBAY_CLIENT_ID: demo.ebay.sandbox.clientId, EBAY_CLIENT_SECRET: demo.ebay.sandbox.clientSecret};
		const login = await runCli(['login', 'ebay', '--grant', 'app', '--env', 'sandbox'], env);
		assert.equal(login.code, 0, login.stderr);
		const saved = (await savedIn(first, ebaySandboxKey))!;
		assert.equal(saved.clientSecret, demo.ebay.sandbox.clientSecret);
		assert.ok(!(await server.dump(database)).includes(saved.app!.token.accessToken));
		const token = await runCli(['token', 'ebay', '--env', 'sandbox', '--grant', 'app'], first.env);
		assert.equal(token.stdout, `${saved.app!.token.accessToken}\n`);
		const logout = await runCli(['logout', 'ebay', '--env', 'sandbox', '--all'], first.env);
		assert.equal(logout.code, 0, logout.stderr);
		assert.equal(await savedIn(second, ebaySandboxKey), undefined);
	});

	test('getAccessToken() in a script honours MKT_WIZARD_STORE too', async () => {
		const saved = process.env;
		process.env = {...second.env};
		try {
			const token = await getAccessToken('etsy');
			assert.equal(token, (await savedIn(first))!.user!.token.accessToken);
		} finally {
			process.env = saved;
		}
	});

	test('a table lock held by another session (a migration) past the wait: one cause, one remedy, nothing changed', async () => {
		const holder = server.sql(database, 'BEGIN; LOCK TABLE mkt_wizard_connections IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(600)').catch(() => 'cancelled');
		const lockedBy = async () => server.sql(database, "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'mkt_wizard_connections' AND l.mode = 'AccessExclusiveLock' AND l.granted");
		while ((await lockedBy()).trim() !== '1') {
			await new Promise(resolve => {
				setTimeout(resolve, 20);
			});
		}

		try {
			const result = await runCli(['token', 'etsy'], {...second.env, MKT_WIZARD_HTTP_TIMEOUT_MS: '300'});
			assert.equal(result.code, 1);
			assert.equal(result.stdout, '');
			assert.match(result.stderr, /Another session held a lock on mkt-wizard's tables in PostgreSQL at \S+ for more than 0\.6 s \(a migration or VACUUM FULL\?\); nothing was changed/);
		} finally {
			await server.sql('postgres', "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()");
			assert.equal(await holder, 'cancelled');
		}
	});

	test('a row that is not a connection mkt-wizard wrote: exit 1 naming it, with the command that replaces it', async () => {
		await server.sql(database, `INSERT INTO mkt_wizard_connections (provider, environment, profile, connection) VALUES ('etsy', 'production', 'mangled', '{"provider": "etsy", "clientId": "x", "user": {"scopes": []}}')`);
		const result = await runCli(['token', 'etsy', '--profile', 'mangled'], second.env);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /The etsy production connection of profile "mangled" in PostgreSQL at \S+ is not a connection mkt-wizard wrote\./);
		assert.match(result.stderr, /`mkt-wizard login etsy --profile mangled`/);
		await server.sql(database, "DELETE FROM mkt_wizard_connections WHERE profile = 'mangled'");
	});

	test('a schema newer than this mkt-wizard knows is refused and left as it is', async () => {
		const newer = await server.createDatabase();
		const on = machine({server, database: newer, storeKey, emulator, configDir: second.configDir});
		assert.match((await runCli(['status'], on.env)).stderr, /No saved connections in PostgreSQL/, 'tables created on first use');
		await server.sql(newer, 'UPDATE mkt_wizard_schema SET version = 2');
		const result = await runCli(['token', 'etsy'], on.env);
		assert.equal(result.code, 1);
		assert.match(result.stderr, /have schema version 2, newer than this mkt-wizard knows \(1\); they were left as they are/);
		assert.equal(await server.sql(newer, 'SELECT version FROM mkt_wizard_schema'), '2\n');
	});
});

// `mkt-wizard store copy --to URL / --from URL` between config.json and a real PostgreSQL.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {startEmulator, type Emulator} from '../../../source/emulator/index.js';
import {openStore} from '../../../source/store/index.js';
import {runCli} from '../../helpers/cli.js';
import {scanCliRunsForSecrets} from '../../helpers/secret-scan.js';
import {startPostgres, type PostgresServer} from '../../helpers/postgres.js';
import {ebaySandboxKey, etsyKey, loginEbay, loginEtsy} from '../../reliability/setup.js';
import {machine, newStoreKey, rowsText, savedIn, type Machine} from './setup.js';
import {tempDir} from '../../helpers/temp-dir.js';

scanCliRunsForSecrets();

describe('store copy', () => {
	let server: PostgresServer;
	let emulator: Emulator;
	let folder: string;
	let database: string;
	let url: string;
	const storeKey = newStoreKey();
	/** The machine that logged in with the file store. */
	let origin: Machine;
	let configText: string;

	before(async () => {
		[server, emulator] = await Promise.all([startPostgres(), startEmulator()]);
		folder = tempDir('config');
		database = await server.createDatabase();
		url = server.url(database);
		origin = machine({server, database, storeKey, emulator, configDir: path.join(folder, 'origin'), extra: {MKT_WIZARD_STORE: undefined}});
		await loginEtsy({emulator, configDir: origin.configDir});
		await loginEbay({emulator, configDir: origin.configDir});
		configText = readFileSync(path.join(origin.configDir, 'config.json'), 'utf8');
	});

	after(async () => {
		await emulator?.close();
		await server?.close();
	});

	test('--to URL: every connection into PostgreSQL, sealed; the config file untouched', async () => {
		const result = await runCli(['store', 'copy', '--to', url], origin.env);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stderr, new RegExp(`✔ Copied 2 connections from ${origin.configDir}/config\\.json to PostgreSQL at 127\\.0\\.0\\.1:${server.port}/${database}: Etsy \\(profile default\\), eBay sandbox \\(profile default\\)\\.`));
		assert.match(result.stderr, /Nothing was deleted from .*Use one store from now on/);
		assert.ok(!result.stderr.includes(server.password));
		assert.equal(readFileSync(path.join(origin.configDir, 'config.json'), 'utf8'), configText);

		const shared = machine({server, database, storeKey, emulator, configDir: path.join(folder, 'shared')});
		const file = openStore({configDir: origin.configDir});
		for (const key of [etsyKey, ebaySandboxKey]) {
			assert.deepEqual(await savedIn(shared, key), file.get(key));
		}

		const dump = await server.dump(database);
		const etsy = file.get(etsyKey)!;
		const ebay = file.get(ebaySandboxKey)!;
		for (const secret of [etsy.clientSecret!, etsy.user!.token.accessToken, etsy.user!.token.refreshToken!, ebay.clientSecret!, ebay.user!.token.refreshToken!, ebay.app!.token.accessToken]) {
			assert.ok(!dump.includes(secret), `the dump holds a secret ending …${secret.slice(-4)}`);
		}

		const token = await runCli(['token', 'etsy'], shared.env);
		assert.equal(token.stdout, `${etsy.user!.token.accessToken}\n`);
	});

	test('--to again: what the database holds is left as it is, and said so', async () => {
		const rows = await rowsText(server, database);
		const result = await runCli(['store', 'copy', '--to', url], origin.env);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stderr, /^Left as they are, already in PostgreSQL at \S+: Etsy \(profile default\), eBay sandbox \(profile default\)/);
		assert.equal(await rowsText(server, database), rows);
	});

	test('--from URL: back into another machine\'s config file, decrypted for it; the database untouched', async () => {
		const rows = await rowsText(server, database);
		const other = machine({server, database, storeKey, emulator, configDir: path.join(folder, 'other'), extra: {MKT_WIZARD_STORE: undefined}});
		const result = await runCli(['store', 'copy', '--from', url], other.env);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stderr, /✔ Copied 2 connections from PostgreSQL at \S+ to .*other\/config\.json/);
		const copied = openStore({configDir: other.configDir});
		const original = openStore({configDir: origin.configDir});
		assert.deepEqual(copied.list(), original.list());
		assert.equal(await rowsText(server, database), rows);
	});

	test('a wrong key: nothing copied either way', async () => {
		const wrong = {...origin.env, MKT_WIZARD_STORE_KEY: newStoreKey(), MKT_WIZARD_CONFIG_DIR: path.join(folder, 'wrong')};
		for (const direction of ['--to', '--from']) {
			const result = await runCli(['store', 'copy', direction, url], wrong);
			assert.equal(result.code, 1, result.stderr);
			assert.match(result.stderr, /MKT_WIZARD_STORE_KEY does not decrypt/);
		}
	});

	test('usage: an action, one of --to and --from, a PostgreSQL URL', async () => {
		for (const [args, message] of [
			[['store'], /`mkt-wizard store` needs an action: copy/],
			[['store', 'move', '--to', url], /Unknown store action "move"/],
			[['store', 'copy'], /needs --to URL .* or --from URL/],
			[['store', 'copy', '--to', url, '--from', url], /needs --to URL .* or --from URL/],
			[['store', 'copy', '--to', '/tmp/x'], /--to must be a postgres:\/\/ or postgresql:\/\/ URL/],
		] as const) {
			const result = await runCli([...args], origin.env);
			assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
			assert.match(result.stderr, message);
		}
	});
});

// Several machines sharing one connection in PostgreSQL, against the emulator's single-use
// refresh tokens: one refresh per expiry whoever asks, a killed lock holder, a database restarted
// mid-refresh, a row held too long. `npm run stress` runs the fleet at the size.
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {startEmulator, type Emulator} from '../../../source/emulator/index.js';
import {type CliResult, runCli, startCli} from '../../helpers/cli.js';
import {scanCliRunsForSecrets} from '../../helpers/secret-scan.js';
import {startPostgres, type PostgresServer} from '../../helpers/postgres.js';
import {etsyTokenWorks} from '../../reliability/setup.js';
import {sized, Tally} from '../../reliability/tally.js';
import {startGate, type Gate} from './gate.js';
import {expireInDatabase, loginEtsyInto, machine, newStoreKey, savedIn, type Machine} from './setup.js';
import {tempDir} from '../../helpers/temp-dir.js';

scanCliRunsForSecrets();

describe('several machines, one Etsy connection in PostgreSQL', () => {
	let server: PostgresServer;
	let emulator: Emulator;
	let gate: Gate;
	let folder: string;
	let database: string;
	const storeKey = newStoreKey();
	let machines: Machine[];
	/** The same machines, their refreshes through the gate. */
	let gated: Machine[];

	before(async () => {
		[server, emulator] = await Promise.all([startPostgres(), startEmulator()]);
		gate = await startGate(emulator.url);
		folder = tempDir('config');
		database = await server.createDatabase();
		const on = (name: string, extra: Record<string, string> = {}) => machine({server, database, storeKey, emulator, configDir: path.join(folder, name), extra});
		machines = [on('first'), on('second')];
		const tokenUrl = {MKT_WIZARD_ETSY_TOKEN_URL: `${gate.url}/etsy/v3/public/oauth/token`};
		gated = [on('first', tokenUrl), on('second', tokenUrl)];
		await loginEtsyInto(machines[0]!, emulator);
	});

	after(async () => {
		gate?.drop();
		await gate?.stop();
		await emulator?.close();
		await server?.close();
	});

	test('2 machines × parallel `token etsy` × expiries: one refresh per expiry, every caller the new token, no spent token reused', {timeout: 600_000}, async t => {
		const perMachine = sized(4, 16);
		const expiries = sized(2, 5);
		const tally = new Tally('postgres-fleet', '2 machines (own config folders) × parallel `mkt-wizard token etsy` through one PostgreSQL store × expiries, single-use refresh tokens');
		for (let expiry = 1; expiry <= expiries; expiry++) {
			await expireInDatabase(server, database);
			const previous = (await savedIn(machines[0]!))!.user!.token;
			const before = emulator.stats();
			const results = await Promise.all(machines.flatMap(on => Array.from({length: perMachine}, async () => runCli(['token', 'etsy'], on.env))));
			tally.add('expiries');
			const saved = (await savedIn(machines[1]!))!.user!.token;
			for (const [index, result] of results.entries()) {
				tally.add('calls');
				await tally.attempt(`expiry ${expiry} call ${index}`, () => checkCall(result, saved.accessToken));
			}

			await tally.attempt(`expiry ${expiry}`, async () => {
				const stats = emulator.stats();
				assert.equal(stats.etsy.refreshes - before.etsy.refreshes, 1, 'refreshes for this expiry');
				assert.equal(stats.endpoints['etsy.token'] - before.endpoints['etsy.token'], 1, 'token requests for this expiry (a reused refresh token would be one more, refused)');
				assert.notEqual(saved.refreshToken, previous.refreshToken, 'the rotated refresh token was saved');
				assert.ok(saved.expiresAt > Date.now());
				assert.ok(await etsyTokenWorks(emulator, saved.accessToken));
			});
		}

		tally.report(t, `2 machines × ${perMachine} processes × ${expiries} expiries (${tally.counts.calls} calls)`);
		assert.deepEqual(tally.failures, []);
	});

	test('a caller killed (SIGKILL) while it holds the row lock: the database ends its session, the next caller on the other machine succeeds', {timeout: 120_000}, async () => {
		await expireInDatabase(server, database);
		const refreshesBefore = emulator.stats().etsy.refreshes;
		gate.close();
		const killed = startCli(['token', 'etsy'], gated[0]!.env);
		await gate.held();
		await assert.rejects(server.sql(database, 'SELECT 1 FROM mkt_wizard_connections FOR UPDATE NOWAIT'), /could not obtain lock on row/, 'the caller holds the row while the provider is asked');
		killed.kill('SIGKILL');
		assert.equal((await killed.done).code, null);
		gate.drop();
		gate.open();
		const next = await runCli(['token', 'etsy'], gated[1]!.env);
		assert.equal(next.code, 0, next.stderr);
		const saved = (await savedIn(machines[1]!))!.user!.token;
		assert.equal(next.stdout, `${saved.accessToken}\n`);
		assert.equal(emulator.stats().etsy.refreshes - refreshesBefore, 1, 'the killed caller\'s request never reached the provider');
		assert.ok(await etsyTokenWorks(emulator, saved.accessToken));
	});

	test('the database restarted while the provider is asked: a clear error, the successor kept encrypted on that machine, and the next call saves it, nothing lost', {timeout: 120_000}, async () => {
		await expireInDatabase(server, database);
		const spent = (await savedIn(machines[0]!))!.user!.token;
		const refreshesBefore = emulator.stats().etsy.refreshes;
		gate.close();
		const caller = startCli(['token', 'etsy'], gated[0]!.env);
		await gate.held();
		await server.restart();
		gate.open();
		const failed = await caller.done;
		assert.equal(failed.code, 1);
		assert.equal(failed.stdout, '');
		assert.match(failed.stderr, new RegExp(`PostgreSQL at 127\\.0\\.0\\.1:${server.port}/${database} did not take the renewed tokens \\(the connection was lost`));
		assert.match(failed.stderr, /kept, encrypted, in .*pending-postgres-[\da-f]{12}\.json/);
		assert.match(failed.stderr, /Run the command again once the database is back/);
		assert.equal(emulator.stats().etsy.refreshes - refreshesBefore, 1, 'the provider rotated the refresh token');
		const pending = readdirSync(machines[0]!.configDir).filter(name => name.startsWith('pending-postgres-'));
		assert.equal(pending.length, 1);
		const kept = readFileSync(path.join(machines[0]!.configDir, pending[0]!), 'utf8');
		assert.ok(!kept.includes(spent.refreshToken!.slice(-12)), 'no token in plain text');

		const next = await runCli(['token', 'etsy'], machines[0]!.env);
		assert.equal(next.code, 0, next.stderr);
		const saved = (await savedIn(machines[1]!))!.user!.token;
		assert.equal(next.stdout, `${saved.accessToken}\n`);
		assert.notEqual(saved.refreshToken, spent.refreshToken, 'the successor reached the database');
		assert.equal(emulator.stats().etsy.refreshes - refreshesBefore, 1, 'no second refresh: the kept successor was used');
		assert.ok(await etsyTokenWorks(emulator, saved.accessToken));
		assert.equal(existsSync(path.join(machines[0]!.configDir, pending[0]!)), false, 'the kept save is gone once written');
		// The saved refresh token is live: one more refresh with it works.
		const forced = await runCli(['token', 'etsy', '--min-valid', '999999'], machines[1]!.env);
		assert.equal(forced.code, 0, forced.stderr);
	});

	test('a row held longer than the wait (twice MKT_WIZARD_HTTP_TIMEOUT_MS): the waiter says how long and that another process holds it; nothing changes', {timeout: 120_000}, async () => {
		await expireInDatabase(server, database);
		gate.close();
		const holder = startCli(['token', 'etsy'], gated[0]!.env);
		await gate.held();
		const impatient = {...gated[1]!.env, MKT_WIZARD_HTTP_TIMEOUT_MS: '400'};
		const waited = await runCli(['token', 'etsy'], impatient);
		assert.equal(waited.code, 1);
		assert.equal(waited.stdout, '');
		assert.match(waited.stderr, /Another process, on this machine or another, has held this connection's row in PostgreSQL at \S+ for more than 0\.8 s \(it is renewing the token\)/);
		gate.open();
		const held = await holder.done;
		assert.equal(held.code, 0, held.stderr);
		const after = await runCli(['token', 'etsy'], impatient);
		assert.equal(after.code, 0, after.stderr);
		assert.equal(after.stdout, held.stdout, 'the waiter finds the holder\'s fresh token');
	});
});

function checkCall(result: CliResult, savedAccess: string): void {
	assert.equal(result.code, 0, result.stderr);
	assert.equal(result.stderr, '');
	assert.equal(result.stdout, `${savedAccess}\n`, 'prints the token that is saved');
}

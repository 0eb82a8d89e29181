import assert from 'node:assert/strict';
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {type CliResult, runCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {configFile, loginEbay, loginEtsy} from './setup.js';
import {Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

/** One `✖` cause and one indented remedy, after any `⚠` notices. */
function causeAndRemedy(result: CliResult): {cause: string; remedy: string} {
	const lines = result.stderr.split('\n').filter(line => line !== '' && !line.startsWith('⚠'));
	assert.equal(lines.length, 2, `one cause and one remedy, got:\n${result.stderr}`);
	assert.match(lines[0]!, /^✖ \S/);
	return {cause: lines[0]!.slice(2), remedy: lines[1]!.trim()};
}

type Damage = {
	name: string;
	/** Where in the saved config the damage goes: profile and slot. */
	profile: string;
	slot: 'etsy' | 'ebay-sandbox';
	/** Turns the connection's JSON text into the damaged one (text, so 1e400 stays 1e400 in the file). */
	damage: (connection: Record<string, any>) => string;
	/** The problem as the messages put it. */
	problem: RegExp;
	token: string[];
};

const damages: Damage[] = [
	{name: 'one field of an eBay connection deleted (clientId)', profile: 'default', slot: 'ebay-sandbox', damage: ({clientId: _gone, ...rest}) => JSON.stringify(rest), problem: /has no client id/, token: ['token', 'ebay', '--env', 'sandbox']},
	{name: 'clientSecret: 42', profile: 'default', slot: 'ebay-sandbox', damage: connection => JSON.stringify({...connection, clientSecret: 42}), problem: /has a client secret or redirect that is not text/, token: ['token', 'ebay', '--env', 'sandbox']},
	{name: 'refreshExpiresAt: "never"', profile: 'shop-2', slot: 'etsy', damage: connection => JSON.stringify({...connection, user: {...connection.user, token: {...connection.user.token, refreshExpiresAt: 'never'}}}), problem: /has a user grant that has a refresh expiry or issue time that is not a time/, token: ['token', 'etsy', '--profile', 'shop-2']},
	{name: 'expiresAt: 1e400', profile: 'shop-2', slot: 'etsy', damage: connection => JSON.stringify({...connection, user: {...connection.user, token: {...connection.user.token, expiresAt: 123}}}).replace('"expiresAt":123', '"expiresAt":1e400'), problem: /has a user grant that has no access token with an expiry/, token: ['token', 'etsy', '--profile', 'shop-2']},
];

describe('one damaged connection: named, left as it is, and every other connection keeps working (issue 12 items 4 and 5)', () => {
	let emulator: Emulator;
	let seed: string;
	let seedDir: string;
	let configDir: string;
	let env: NodeJS.ProcessEnv;

	before(async () => {
		emulator = await startEmulator();
		seedDir = tempDir('config');
		await loginEtsy({emulator, configDir: seedDir});
		await loginEtsy({emulator, configDir: seedDir, profile: 'shop-2'});
		await loginEbay({emulator, configDir: seedDir});
		seed = readFileSync(configFile(seedDir), 'utf8');
		configDir = tempDir('config');
		env = testEnv({...emulator.env, MKT_WIZARD_CONFIG_DIR: configDir});
	});

	after(async () => {
		await emulator.close();
		removeTempDir(seedDir);
		removeTempDir(configDir);
	});

	type Saved = {profiles: Record<string, Record<string, unknown>>};

	/** The seed with one connection replaced by its damaged text, written as config.json; returns the file's text and the damaged part. */
	function writeDamaged(item: Damage): {text: string; damaged: string} {
		const original = JSON.stringify((JSON.parse(seed) as Saved).profiles[item.profile]![item.slot]);
		const damaged = item.damage(JSON.parse(original) as Record<string, any>);
		const text = seed.replace(original, damaged);
		assert.notEqual(text, seed);
		writeFileSync(configFile(configDir), text, {mode: 0o600});
		return {text, damaged};
	}

	test('status, doctor and token name it; the others keep working; read-only commands rewrite nothing; a save keeps it byte for byte', {timeout: 300_000}, async t => {
		const tally = new Tally('damaged-connection', 'one connection damaged by hand (a field deleted, a number for a string, "never" for a time, 1e400), then status, status --json, doctor, its token, and a renewal of another connection');
		const file = configFile(configDir);
		for (const item of damages) {
			tally.add('damages');
			const {text, damaged} = writeDamaged(item);

			tally.add('commands');
			const status = await runCli(['status'], env);
			await tally.attempt(`${item.name}: status`, () => {
				assert.equal(status.code, 0, status.stderr);
				assert.doesNotMatch(status.stderr, /TypeError|RangeError/);
				const [cause, remedy] = status.stderr.split('\n');
				assert.ok(cause!.startsWith('✖ The saved '), cause);
				assert.ok(cause!.includes(`of profile "${item.profile}" in ${file} `), cause);
				assert.match(cause!, item.problem);
				assert.match(remedy!, /^ {2}Run `mkt-wizard login /);
				assert.equal((status.stdout.match(/· profile /g) ?? []).length, 2, `the two other connections are listed:\n${status.stdout}`);
			});

			tally.add('commands');
			const json = await runCli(['status', '--json'], env);
			await tally.attempt(`${item.name}: status --json`, () => {
				const report = JSON.parse(json.stdout) as {connections: unknown[]; damaged: Array<{profile: string; problem: string}>};
				assert.equal(report.connections.length, 2);
				assert.equal(report.damaged.length, 1);
				assert.equal(report.damaged[0]!.profile, item.profile);
			});

			tally.add('commands');
			const doctor = await runCli(['doctor', '--offline'], env);
			await tally.attempt(`${item.name}: doctor`, () => {
				assert.equal(doctor.code, 1);
				assert.doesNotMatch(doctor.stdout + doctor.stderr, /TypeError|RangeError/);
				assert.ok(doctor.stdout.split('\n').some(entry => entry.includes('Saved connection')), doctor.stdout);
				assert.match(doctor.stdout, item.problem);
			});

			tally.add('commands');
			const broken = await runCli(item.token, env);
			await tally.attempt(`${item.name}: ${item.token.join(' ')}`, () => {
				assert.equal(broken.code, 1);
				assert.equal(broken.stdout, '');
				const {cause, remedy} = causeAndRemedy(broken);
				assert.match(cause, item.problem);
				assert.match(cause, /so it cannot be used; mkt-wizard leaves it as it is\.$/);
				assert.match(remedy, /your other connections are not affected\.$/);
			});

			await tally.attempt(`${item.name}: nothing rewritten so far`, () => {
				assert.equal(readFileSync(file, 'utf8'), text, 'byte for byte');
				assert.deepEqual(readdirSync(configDir).filter(name => name.startsWith('config.json.')), []);
			});

			// Another connection renews, which saves the file: the damaged one stays exactly as it was.
			tally.add('commands');
			const renewed = await runCli(['token', 'etsy', '--min-valid', '99999999'], env);
			await tally.attempt(`${item.name}: token etsy renews and saves`, () => {
				assert.equal(renewed.code, 0, renewed.stderr);
				assert.match(renewed.stdout, /^\S+\n$/);
				const after = readFileSync(file, 'utf8');
				assert.notEqual(after, text, 'saved');
				assert.ok(after.includes(damaged), 'the damaged connection is in the file byte for byte');
			});

			// The next case starts from the live Etsy tokens (Etsy's refresh tokens are single-use).
			const next = JSON.parse(seed) as Saved;
			next.profiles.default!.etsy = (JSON.parse(readFileSync(file, 'utf8')) as Saved).profiles.default!.etsy;
			seed = JSON.stringify(next);
		}

		tally.report(t, `${tally.counts.damages} damages, ${tally.counts.commands} commands`);
		tally.assertPassed({damages: 1, commands: 1});
	});

	test('a file that cannot be parsed: status and doctor leave it; a command that writes moves it aside; every later command names the moved file until it is dealt with', {timeout: 120_000}, async () => {
		const file = configFile(configDir);
		rmSync(file, {force: true});
		writeFileSync(file, '{"version": 1, "profiles": {', {mode: 0o600});
		for (const command of [['status'], ['doctor', '--offline']]) {
			const result = await runCli(command, env);
			assert.equal(result.code, 1, result.stderr);
			assert.equal(readFileSync(file, 'utf8'), '{"version": 1, "profiles": {', `${command[0]!} leaves it`);
		}

		const token = await runCli(['token', 'etsy'], env);
		assert.equal(token.code, 1);
		const [aside] = readdirSync(configDir).filter(name => name.startsWith('config.json.corrupt-'));
		assert.ok(aside, 'moved aside by a command that writes');
		const moved = path.join(configDir, aside);
		assert.ok(token.stderr.includes(moved), token.stderr);
		for (const command of [['token', 'etsy'], ['status'], ['logout', 'etsy'], ['doctor', '--offline']]) {
			const result = await runCli(command, env);
			assert.ok((result.stdout + result.stderr).includes(`moved aside to ${moved}`), `${command.join(' ')} names the moved file:\n${result.stdout}${result.stderr}`);
		}

		rmSync(moved);
		const settled = await runCli(['status'], env);
		assert.doesNotMatch(settled.stderr, /moved aside/);
	});
});

import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {expireToken, loginEtsy, runBounded} from './setup.js';
import {Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

const runningAsRoot = process.getuid?.() === 0;

/** The second local user of the attacks: `cloudsdk` here, else nobody. */
function otherUser(): {uid: number; name: string} {
	for (const name of ['cloudsdk', 'nobody']) {
		try {
			return {uid: Number(execFileSync('id', ['-u', name], {encoding: 'utf8'}).trim()), name};
		} catch {}
	}

	return {uid: 65_534, name: 'nobody'};
}

type Case = {
	name: string;
	/** Builds the hostile config folder under `root`; returns MKT_WIZARD_CONFIG_DIR and the path the refusal must name. */
	prepare: (root: string) => {configDir: string; names: string; untouched?: string};
	/** The refusal's first sentence must match this (after the path). */
	problem: RegExp;
};

describe('a config folder or file another local user controls, or that is not a regular file (issue 12 items 1 and 10)', {skip: runningAsRoot ? false : 'needs root to create files owned by another user'}, () => {
	let emulator: Emulator;
	let scratch: string;
	let seedExpired: string;
	let env: NodeJS.ProcessEnv;
	const other = otherUser();

	before(async () => {
		emulator = await startEmulator();
		scratch = tempDir('hostile');
		chmodSync(scratch, 0o755);
		const seedDir = path.join(scratch, 'seed');
		await loginEtsy({emulator, configDir: seedDir});
		await expireToken({configDir: seedDir});
		seedExpired = readFileSync(path.join(seedDir, 'config.json'), 'utf8');
		env = testEnv({...emulator.env, ETSY_API_KEY: demo.etsy.keystring, ETSY_SHARED_SECRET: demo.etsy.sharedSecret});
	});

	after(async () => {
		await emulator.close();
		removeTempDir(scratch);
	});

	/** Our own private folder holding the expired login, for the cases about what sits inside it. */
	function ownFolder(root: string): string {
		const configDir = path.join(root, 'config');
		mkdirSync(configDir, {mode: 0o700});
		return configDir;
	}

	const cases: Case[] = [
		{
			name: `a config folder ${other.name} created (0700), empty`,
			prepare(root) {
				const configDir = path.join(root, 'theirs');
				mkdirSync(configDir, {mode: 0o700});
				chownSync(configDir, other.uid, other.uid);
				return {configDir, names: `config folder ${configDir}`};
			},
			problem: new RegExp(`^it is owned by ${other.name} \\(uid ${other.uid}\\), not by you \\(root, uid 0\\); its mode is 0700\\.$`),
		},
		{
			name: `a config folder ${other.name} created (0777) holding their config.json`,
			prepare(root) {
				const configDir = path.join(root, 'theirs');
				mkdirSync(configDir);
				chmodSync(configDir, 0o777);
				writeFileSync(path.join(configDir, 'config.json'), seedExpired, {mode: 0o644});
				chownSync(path.join(configDir, 'config.json'), other.uid, other.uid);
				chownSync(configDir, other.uid, other.uid);
				return {configDir, names: `config folder ${configDir}`, untouched: path.join(configDir, 'config.json')};
			},
			problem: new RegExp(`^it is owned by ${other.name} \\(uid ${other.uid}\\), not by you \\(root, uid 0\\); its mode is 0777\\.$`),
		},
		{
			name: `a config.json of ${other.name}'s in our own folder`,
			prepare(root) {
				const configDir = ownFolder(root);
				const file = path.join(configDir, 'config.json');
				writeFileSync(file, seedExpired, {mode: 0o600});
				chownSync(file, other.uid, other.uid);
				return {configDir, names: `config file ${file}`, untouched: file};
			},
			problem: new RegExp(`^it is owned by ${other.name} \\(uid ${other.uid}\\), not by you \\(root, uid 0\\); its mode is 0600\\.$`),
		},
		{
			name: 'config.json a symbolic link to a file outside the folder',
			prepare(root) {
				const configDir = ownFolder(root);
				const outside = path.join(root, 'outside.json');
				writeFileSync(outside, seedExpired, {mode: 0o644});
				symlinkSync(outside, path.join(configDir, 'config.json'));
				return {configDir, names: `config file ${path.join(configDir, 'config.json')}`, untouched: outside};
			},
			problem: /^it is a symbolic link, not a regular file \(owned by root \(uid 0\), mode 0777\)\.$/,
		},
		{
			name: 'config.json a symbolic link to /dev/zero',
			prepare(root) {
				const configDir = ownFolder(root);
				symlinkSync('/dev/zero', path.join(configDir, 'config.json'));
				return {configDir, names: `config file ${path.join(configDir, 'config.json')}`};
			},
			problem: /^it is a symbolic link, not a regular file/,
		},
		{
			name: 'config.json a FIFO',
			prepare(root) {
				const configDir = ownFolder(root);
				execFileSync('mkfifo', ['-m', '600', path.join(configDir, 'config.json')]);
				return {configDir, names: `config file ${path.join(configDir, 'config.json')}`};
			},
			problem: /^it is a FIFO, not a regular file \(owned by root \(uid 0\), mode 0600\)\.$/,
		},
		{
			name: 'config.json of 600 MB (sparse)',
			prepare(root) {
				const configDir = ownFolder(root);
				const file = path.join(configDir, 'config.json');
				writeFileSync(file, seedExpired, {mode: 0o600});
				truncateSync(file, 600 * 1024 * 1024);
				return {configDir, names: `config file ${file}`};
			},
			problem: /^it is 600 MB, larger than the 4 MB a config file can be\.$/,
		},
		{
			name: 'the config lock a FIFO, with a login to renew',
			prepare(root) {
				const configDir = ownFolder(root);
				writeFileSync(path.join(configDir, 'config.json'), seedExpired, {mode: 0o600});
				execFileSync('mkfifo', ['-m', '600', path.join(configDir, 'config.json.lock')]);
				return {configDir, names: `config lock ${path.join(configDir, 'config.json.lock')}`};
			},
			problem: /^it is a FIFO, not a regular file/,
		},
	];

	const commands = [['token', 'etsy'], ['status'], ['logout', 'etsy'], ['doctor', '--offline'], ['login', 'etsy', '--yes', '--no-browser', '--redirect-uri', demo.etsy.redirectUris[0]!]];

	test('every command refuses before any network call, naming the path, its owner and mode and the fix; nothing is written, followed or hung on', {timeout: 600_000}, async t => {
		const tally = new Tally('hostile-config', 'a config folder or file another local user owns (0700, 0777, with their config.json), config.json a symlink (to a file, to /dev/zero), a FIFO or 600 MB, the lock a FIFO; through every command');
		for (const item of cases) {
			tally.add('conditions');
			for (const command of commands) {
				const root = tempDir('case', scratch);
				chmodSync(root, 0o755);
				const setup = item.prepare(root);
				const untouched = setup.untouched === undefined ? undefined : {text: readFileSync(setup.untouched, 'utf8'), mode: lstatSync(setup.untouched).mode};
				const requests = emulator.stats().requests;
				tally.add('commands');
				const result = await runBounded(command, {...env, MKT_WIZARD_CONFIG_DIR: setup.configDir});
				await tally.attempt(`${item.name}: ${command.join(' ')}`, () => {
					assert.equal(result.hung, false, 'the command hung');
					assert.equal(result.code, 1, result.stderr);
					assert.equal(emulator.stats().requests, requests, 'no request reached the provider');
					if (command[0] === 'doctor') {
						const line = result.stdout.split('\n').find(text => text.includes('Config ownership'));
						assert.ok(line, result.stdout);
						assert.ok(result.stdout.includes(`Refusing to use the ${setup.names}`) || result.stdout.includes(`Refusing to read the ${setup.names}`), result.stdout);
					} else {
						const lines = result.stderr.split('\n').filter(text => text !== '');
						assert.equal(lines.length, 2, `one cause and one remedy:\n${result.stderr}`);
						const prefix = `✖ Refusing to ${item.problem.source.includes('MB') ? 'read' : 'use'} the ${setup.names}: `;
						assert.ok(lines[0]!.startsWith(prefix), `${lines[0]!}\nexpected to start with ${prefix}`);
						assert.match(lines[0]!.slice(prefix.length), item.problem);
						assert.match(lines[1]!, /chown|chmod|Remove|Move|MKT_WIZARD_CONFIG_DIR/);
					}

					if (untouched) {
						assert.equal(readFileSync(setup.untouched!, 'utf8'), untouched.text, 'the other file is not rewritten');
						assert.equal(lstatSync(setup.untouched!).mode, untouched.mode, 'nor chmod-ed');
					}

					if (item.name.endsWith('empty')) {
						assert.equal(existsSync(path.join(setup.configDir, 'config.json')), false, 'no config.json written into their folder');
					}
				});
			}
		}

		tally.report(t, `${tally.counts.conditions} conditions × ${commands.length} commands`);
		tally.assertPassed({conditions: 1});
	});
});

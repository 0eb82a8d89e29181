import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {type CliOptions, type CliResult, runCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {expireToken, loginEtsy} from './setup.js';
import {Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

const nobody = 65_534;
const runningAsRoot = process.getuid?.() === 0;

/** Exactly one `✖` line of cause, then one indented line of remedy. */
function causeAndRemedy(result: CliResult): {cause: string; remedy: string} {
	const lines = result.stderr.split('\n').filter(line => line !== '');
	assert.equal(lines.length, 2, `one cause and one remedy line, got:\n${result.stderr}`);
	assert.match(lines[0]!, /^✖ \S/);
	assert.match(lines[1]!, /^ {2}\S/);
	return {cause: lines[0]!.slice(2), remedy: lines[1]!.trim()};
}

/** Whether this machine lets us mount a read-only tmpfs in a private mount namespace (root, or where unprivileged namespaces are allowed). */
function mountNamespace(): string[] | undefined {
	for (const prefix of [['unshare', '-m'], ['unshare', '-rm']]) {
		const probe = spawnSync(prefix[0]!, [...prefix.slice(1), 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o ro,size=64k mktw "$d"'], {stdio: 'ignore'});
		if (probe.status === 0) {
			return prefix;
		}
	}

	return undefined;
}

type Setup = {
	/** MKT_WIZARD_CONFIG_DIR; undefined leaves it unset. */
	configDir: string | undefined;
	env?: Record<string, string | undefined>;
	options?: CliOptions;
	/** What the config file or folder looked like, to compare with the moved-aside copy. */
	original?: string;
};

type Condition = {
	name: string;
	prepare: (root: string) => Setup;
	/** How each command must end. */
	expect: (result: CliResult, setup: Setup, command: string[]) => void;
	commands?: string[][];
};

const commands = [['token', 'etsy'], ['status'], ['logout', 'etsy'], ['login', 'etsy', '--yes', '--no-browser', '--redirect-uri', 'http://127.0.0.1:9/callback']];

describe('bad config files and environments, through the CLI', () => {
	let emulator: Emulator;
	let seed: string;
	let seedExpired: string;
	let scratch: string;
	let baseEnv: NodeJS.ProcessEnv;

	before(async () => {
		emulator = await startEmulator();
		scratch = tempDir('bad-config');
		chmodSync(scratch, 0o755);
		const seedDir = path.join(scratch, 'seed');
		await loginEtsy({emulator, configDir: seedDir});
		seed = readFileSync(path.join(seedDir, 'config.json'), 'utf8');
		await expireToken({configDir: seedDir});
		seedExpired = readFileSync(path.join(seedDir, 'config.json'), 'utf8');
		baseEnv = testEnv({...emulator.env, ETSY_API_KEY: demo.etsy.keystring, ETSY_SHARED_SECRET: demo.etsy.sharedSecret});
	});

	after(async () => {
		await emulator.close();
		removeTempDir(scratch);
	});

	/** A config folder holding `content` as config.json. */
	function withFile(root: string, content: string): Setup {
		const configDir = path.join(root, 'config');
		mkdirSync(configDir, {mode: 0o700});
		writeFileSync(path.join(configDir, 'config.json'), content, {mode: 0o600});
		return {configDir, original: content};
	}

	/**
	 * The problem file is moved aside with its bytes, never reset; one cause and one remedy naming both paths.
	 * `status` only looks: it names the problem and leaves the file where it is (issue 12 item 4).
	 */
	function movedAside(problem: RegExp): Condition['expect'] {
		return (result: CliResult, setup: Setup, command: string[]) => {
			assert.equal(result.code, 1);
			assert.equal(result.stdout, '');
			const {cause, remedy} = causeAndRemedy(result);
			const file = path.join(setup.configDir!, 'config.json');
			assert.ok(cause.startsWith(`The config file ${file} `), cause);
			assert.match(cause, problem);
			const aside = readdirSync(setup.configDir!).filter(name => name.startsWith('config.json.corrupt-'));
			if (command[0] === 'status') {
				assert.deepEqual(aside, [], 'status moves nothing');
				assert.ok(existsSync(file), 'status leaves the file in place');
				assert.ok(remedy.includes(`Fix or move ${file}`), remedy);
				return;
			}

			assert.equal(aside.length, 1, `one moved-aside copy: ${aside.join(', ')}`);
			const moved = path.join(setup.configDir!, aside[0]!);
			assert.ok(cause.includes(moved) && remedy.includes(moved), `${cause} / ${remedy}`);
			assert.match(remedy, /mkt-wizard login/);
			assert.equal(existsSync(file), false, 'never reset: no new config.json');
			if (setup.original !== undefined) {
				assert.equal(readFileSync(moved, 'utf8'), setup.original, 'the bytes are kept');
			}
		};
	}

	const conditions: Condition[] = [
		{name: 'an empty file', prepare: root => withFile(root, ''), expect: movedAside(/is empty/)},
		{name: 'truncated JSON', prepare: root => withFile(root, seed.slice(0, Math.floor(seed.length / 2))), expect: movedAside(/is not valid JSON/)},
		{
			name: 'valid JSON of the wrong shape (a connection without its client id): named, left as it is',
			commands: [['token', 'etsy'], ['status'], ['logout', 'etsy']],
			prepare: root => withFile(root, '{"version":1,"profiles":{"default":{"etsy":{"provider":"etsy","token":"x"}}}}'),
			expect(result, setup) {
				assert.equal(result.code, 1);
				assert.equal(result.stdout, '');
				const {cause, remedy} = causeAndRemedy(result);
				const file = path.join(setup.configDir!, 'config.json');
				assert.equal(cause, `The saved Etsy connection of profile "default" in ${file} has no client id, so it cannot be used; mkt-wizard leaves it as it is.`);
				assert.match(remedy, /^Run `mkt-wizard login etsy` to replace it/);
				assert.equal(readFileSync(file, 'utf8'), setup.original, 'left untouched');
				assert.deepEqual(readdirSync(setup.configDir!).filter(name => name.startsWith('config.json.corrupt-')), []);
			},
		},
		{name: 'a JSON array', prepare: root => withFile(root, '[{"version":1}]'), expect: movedAside(/does not hold a JSON object/)},
		{
			name: 'a folder where the file should be',
			prepare(root) {
				const configDir = path.join(root, 'config');
				mkdirSync(configDir, {mode: 0o700});
				mkdirSync(path.join(configDir, 'config.json'), {mode: 0o755});
				writeFileSync(path.join(configDir, 'config.json', 'inside.txt'), 'kept');
				return {configDir};
			},
			expect(result, setup, command) {
				movedAside(/is a folder, not a file/)(result, setup, command);
				if (command[0] === 'status') {
					return;
				}

				const [aside] = readdirSync(setup.configDir!).filter(name => name.startsWith('config.json.corrupt-'));
				const moved = path.join(setup.configDir!, aside!);
				assert.equal(readFileSync(path.join(moved, 'inside.txt'), 'utf8'), 'kept');
				assert.equal(statSync(moved).mode & 0o777, 0o755, 'the folder\'s own mode is kept, so its owner can still open it');
			},
		},
		{
			name: 'a file this user may not read',
			prepare(root) {
				const setup = withFile(root, seed);
				if (runningAsRoot) {
					// Root reads anything: the CLI runs as nobody, in a folder nobody owns, on a file root owns.
					chmodSync(root, 0o755);
					chownSync(setup.configDir!, nobody, nobody);
					return {...setup, options: {uid: nobody, gid: nobody}};
				}

				chmodSync(path.join(setup.configDir!, 'config.json'), 0o000);
				return setup;
			},
			expect(result, setup) {
				assert.equal(result.code, 1);
				const {cause, remedy} = causeAndRemedy(result);
				if (runningAsRoot) {
					// root's file in nobody's folder is not nobody's: refused, named with its owner and mode, left in place (issue 12 item 1).
					assert.equal(cause, `Refusing to use the config file ${path.join(setup.configDir!, 'config.json')}: it is owned by root (uid 0), not by you (nobody, uid 65534); its mode is 0600.`);
					assert.match(remedy, /chown nobody/);
					assert.equal(readFileSync(path.join(setup.configDir!, 'config.json'), 'utf8'), seed);
					return;
				}

				assert.match(cause, /could not be read \(permission denied\), so it was moved aside to /);
				assert.match(remedy, /make .* readable by your user and move it back/);
				const [aside] = readdirSync(setup.configDir!).filter(name => name.startsWith('config.json.corrupt-'));
				assert.ok(aside, 'moved aside');
				assert.equal(readFileSync(path.join(setup.configDir!, aside), 'utf8'), seed, 'the bytes are kept');
				assert.equal(existsSync(path.join(setup.configDir!, 'config.json')), false, 'never reset');
			},
		},
		{
			name: 'a file where a folder of the config path should be (ENOTDIR)',
			prepare(root) {
				writeFileSync(path.join(root, 'blocker'), 'a file');
				return {configDir: path.join(root, 'blocker', 'mkt-wizard')};
			},
			expect(result, setup) {
				assert.equal(result.code, 1);
				const {cause, remedy} = causeAndRemedy(result);
				assert.ok(cause.includes(path.join(setup.configDir!, 'config.json')), cause);
				assert.match(cause, /part of the path is not a folder/);
				assert.ok(remedy.startsWith(`Make ${path.dirname(setup.configDir!)} a folder (a file is in its place)`), remedy);
				assert.equal(readFileSync(path.dirname(setup.configDir!), 'utf8'), 'a file', 'the file in the way is left alone');
			},
		},
		{
			name: 'HOME (and XDG_CONFIG_HOME, MKT_WIZARD_CONFIG_DIR) unset',
			prepare: () => ({configDir: undefined, env: {HOME: undefined, XDG_CONFIG_HOME: undefined}}),
			expect(result) {
				assert.equal(result.code, 1);
				const {cause, remedy} = causeAndRemedy(result);
				assert.match(cause, /no home directory to keep the config in/);
				assert.match(remedy, /Set MKT_WIZARD_CONFIG_DIR/);
			},
		},
		{
			name: 'a config file and folder other users can read',
			commands: [['token', 'etsy'], ['status'], ['logout', 'etsy']],
			prepare(root) {
				const setup = withFile(root, seed);
				chmodSync(setup.configDir!, 0o755);
				chmodSync(path.join(setup.configDir!, 'config.json'), 0o644);
				return setup;
			},
			expect(result, setup) {
				assert.equal(result.code, 0, result.stderr);
				const warnings = result.stderr.split('\n').filter(line => line.startsWith('⚠'));
				assert.deepEqual(warnings, [
					`⚠ The config folder ${setup.configDir} was open to other users (mode 0755); it is now 0700.`,
					`⚠ The config file ${path.join(setup.configDir!, 'config.json')} was open to other users (mode 0644); it is now 0600.`,
				]);
				assert.equal(statSync(setup.configDir!).mode & 0o777, 0o700);
				assert.equal(statSync(path.join(setup.configDir!, 'config.json')).mode & 0o777, 0o600);
			},
		},
	];

	const namespace = mountNamespace();
	if (namespace) {
		conditions.push({
			name: 'a config folder on a read-only file system (tmpfs mounted ro in a private mount namespace)',
			commands: [['token', 'etsy'], ['logout', 'etsy'], ['status']],
			prepare(root) {
				const configDir = path.join(root, 'readonly');
				mkdirSync(configDir);
				const seedFile = path.join(root, 'seed.json');
				writeFileSync(seedFile, seedExpired, {mode: 0o600});
				const script = 'mount -t tmpfs -o size=256k,mode=0700 mktw "$MKT_WIZARD_CONFIG_DIR" && cp "$SEED" "$MKT_WIZARD_CONFIG_DIR/config.json" '
					+ '&& chmod 600 "$MKT_WIZARD_CONFIG_DIR/config.json" && mount -o remount,ro "$MKT_WIZARD_CONFIG_DIR" && exec "$@"';
				return {configDir, env: {SEED: seedFile}, options: {wrap: [...namespace, 'sh', '-c', script, 'sh']}};
			},
			expect(result, _setup, command) {
				if (command[0] === 'status') {
					// Reading needs no writing: status works and shows the saved (expired) login.
					assert.equal(result.code, 0, result.stderr);
					assert.match(result.stdout, /Etsy · profile default/);
					return;
				}

				assert.equal(result.code, 1);
				assert.equal(result.stdout, '');
				const {cause, remedy} = causeAndRemedy(result);
				assert.match(cause, /^Cannot write the config (lock|file) .* \(read-only file system\)\.$/);
				assert.match(remedy, /MKT_WIZARD_CONFIG_DIR/);
			},
		});
	}

	test('each ends in one cause and one remedy (or, for open modes, a warning and a fix); a bad file is moved aside, never reset', {timeout: 300_000}, async t => {
		const tally = new Tally('bad-config', 'bad config files and environments: empty, truncated, wrong shape, folder, unreadable, ENOTDIR, read-only file system, HOME unset, too-open modes');
		if (!namespace) {
			t.diagnostic('no private mount namespace here: the read-only file system case was not run');
		}

		for (const condition of conditions) {
			tally.add('conditions');
			for (const command of condition.commands ?? commands) {
				const root = tempDir('case', scratch);
				const setup = condition.prepare(root);
				tally.add('cases');
				const env: NodeJS.ProcessEnv = {...baseEnv, MKT_WIZARD_CONFIG_DIR: setup.configDir, ...setup.env};
				for (const [name, value] of Object.entries(env)) {
					if (value === undefined) {
						delete env[name];
					}
				}

				const result = await runCli(command, env, '', setup.options);
				await tally.attempt(`${condition.name}: ${command.join(' ')}`, () => {
					condition.expect(result, setup, command);
				});
			}
		}

		tally.report(t, `${tally.counts.conditions} conditions, ${tally.counts.cases} command runs${namespace ? '' : ' (no read-only file system here)'}`);
		tally.assertPassed({conditions: 1, cases: 1});
	});
});

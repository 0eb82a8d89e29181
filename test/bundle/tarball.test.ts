// The package as people get it: `npm pack`, installed into an empty prefix with no
// node_modules of ours in reach, then used as a command and as a library.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {testEnv} from '../helpers/cli.js';
import {startPostgres} from '../helpers/postgres.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const {version} = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string};

describe('the packed tarball, installed into an empty prefix', () => {
	let work: string;
	let prefix: string;
	let bin: string;
	let packed: Array<{path: string}>;
	let emulator: Emulator;
	let env: NodeJS.ProcessEnv;
	const sandbox = demo.ebay.sandbox;

	before(async () => {
		work = tempDir('tarball');
		prefix = path.join(work, 'prefix');
		mkdirSync(prefix);
		// npm's own cache and settings stay in the temporary folder too.
		const npmEnv = {...process.env, HOME: work, npm_config_cache: path.join(work, 'npm-cache'), npm_config_update_notifier: 'false'};
		const {stdout} = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {cwd: root, env: npmEnv});
		const [info] = JSON.parse(stdout) as Array<{filename: string; files: Array<{path: string}>}>;
		packed = info!.files;
		await run('npm', ['install', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(work, info!.filename)], {cwd: work, env: npmEnv});
		bin = path.join(prefix, 'node_modules', '.bin', 'mkt-wizard');
		emulator = await startEmulator();
		env = testEnv({
			...emulator.env,
			MKT_WIZARD_CONFIG_DIR: path.join(work, 'config'),
			XDG_CACHE_HOME: path.join(work, 'cache'),
			EBAY_CLIENT_ID: sandbox.clientId,
			EBAY_CLIENT_SECRET: sandbox.clientSecret,
		});
	});

	after(async () => {
		await emulator?.close();
		removeTempDir(work);
	});

	test('holds the bundles, maps and declarations only, and installs nothing beside itself', () => {
		const files = packed.map(file => file.path);
		assert.ok(files.includes('dist/cli.cjs') && files.includes('dist/core.cjs') && files.includes('dist/index.js') && files.includes('dist/types/index.d.ts'), files.join(' '));
		assert.deepEqual(files.filter(file => !/^(dist\/|package\.json$|readme\.md$|LICENSE)/i.test(file)), []);
		assert.deepEqual(files.filter(file => file.startsWith('dist/.cache')), []);
		assert.deepEqual(readdirSync(path.join(prefix, 'node_modules')).filter(name => !name.startsWith('.')), ['mkt-wizard']);
		assert.equal(existsSync(path.join(prefix, 'node_modules', 'mkt-wizard', 'node_modules')), false);
	});

	test('`mkt-wizard --version` runs from the install', async () => {
		const {stdout} = await run(bin, ['--version'], {env, cwd: work});
		assert.equal(stdout, `${version}\n`);
	});

	test('`login` and `token` work against the emulator, and the library reads the same login', async () => {
		await run(bin, ['login', 'ebay', '--grant', 'app', '--env', 'sandbox'], {env, cwd: work});
		const {stdout: token} = await run(bin, ['token', 'ebay', '--env', 'sandbox', '--grant', 'app'], {env, cwd: work});
		assert.match(token, /^\S{20,}\n$/);

		const script = path.join(prefix, 'use-library.mjs');
		writeFileSync(script, [
			'import {getAccessToken, MktError} from \'mkt-wizard\';',
			'const token = await getAccessToken(\'ebay\', {environment: \'sandbox\', grant: \'app\'});',
			'const missing = await getAccessToken(\'etsy\').catch(error => error);',
			'console.log(JSON.stringify({token, missing: missing instanceof MktError ? missing.code : String(missing)}));',
		].join('\n'));
		const {stdout} = await run(process.execPath, [script], {env, cwd: prefix});
		assert.deepEqual(JSON.parse(stdout), {token: token.trim(), missing: 'not_logged_in'});
	});

	test('with MKT_WIZARD_STORE a PostgreSQL URL, the installed command keeps its logins there (dist/vendor/pg.cjs, no node_modules)', async () => {
		assert.ok(packed.some(file => file.path === 'dist/vendor/pg.cjs'));
		const server = await startPostgres();
		try {
			const database = await server.createDatabase();
			const pgEnv = {...env, MKT_WIZARD_CONFIG_DIR: path.join(work, 'config-pg'), MKT_WIZARD_STORE: server.url(database), MKT_WIZARD_STORE_KEY: 'tarball-store-key-0123456789abcdefghij'};
			await run(bin, ['login', 'ebay', '--grant', 'app', '--env', 'sandbox'], {env: pgEnv, cwd: work});
			const {stdout: token} = await run(bin, ['token', 'ebay', '--env', 'sandbox', '--grant', 'app'], {env: pgEnv, cwd: work});
			assert.match(token, /^\S{20,}\n$/);
			assert.ok(!(await server.dump(database)).includes(token.trim()), 'the token is stored encrypted');
		} finally {
			await server.close();
		}
	});
});

describe('`npm pack` from a fresh clone, before any build', () => {
	test('builds first (prepack) and ships dist/', async () => {
		const work = tempDir('fresh-pack');
		try {
			// What a clone holds, without dist/; node_modules as `npm ci` leaves it.
			const clone = path.join(work, 'clone');
			for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'readme.md', 'source', 'test/tools']) {
				cpSync(path.join(root, entry), path.join(clone, entry), {recursive: true});
			}

			symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
			assert.equal(existsSync(path.join(clone, 'dist')), false);
			const npmEnv = {...process.env, HOME: work, npm_config_cache: path.join(work, 'npm-cache'), npm_config_update_notifier: 'false'};
			const {stdout} = await run('npm', ['pack', '--json', '--dry-run'], {cwd: clone, env: npmEnv});
			const [info] = JSON.parse(stdout) as Array<{files: Array<{path: string}>}>;
			const files = info!.files.map(file => file.path);
			for (const shipped of ['dist/cli.cjs', 'dist/core.cjs', 'dist/index.js', 'dist/vendor/ui.cjs', 'dist/types/index.d.ts']) {
				assert.ok(files.includes(shipped), `${shipped} missing from: ${files.join(' ')}`);
			}
		} finally {
			removeTempDir(work);
		}
	});
});

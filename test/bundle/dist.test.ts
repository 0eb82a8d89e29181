// The built package (dist/, from `npm run build`): what it contains, what each command
// evaluates, its source maps, and its code cache in real runs.
import assert from 'node:assert/strict';
import {accessSync, constants, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {builtinModules, SourceMap} from 'node:module';
import path from 'node:path';
import {after, afterEach, before, describe, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {cliPath, runCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {killAll, spawnCli} from '../helpers/pty.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';
import {assertDistCurrent} from '../helpers/dist.js';

scanCliRunsForSecrets();

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = path.join(root, 'dist');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	bin: Record<string, string>;
	dependencies?: Record<string, string>;
	exports: {'.': {types: string; default: string}};
	files: string[];
};

function bundles(): string[] {
	const found: string[] = [];
	const walk = (folder: string) => {
		for (const entry of readdirSync(folder, {withFileTypes: true})) {
			const full = path.join(folder, entry.name);
			if (entry.isDirectory() && entry.name !== 'types' && !entry.name.startsWith('.')) {
				walk(full);
			} else if (/\.c?js$/.test(entry.name)) {
				found.push(full);
			}
		}
	};

	walk(dist);
	return found;
}

// What is read from dist/ here must have been built from this source/.
before(assertDistCurrent);

describe('the package', () => {
	test('has no runtime dependencies: every require() in dist is a built-in or a file of dist', () => {
		assert.equal(packageJson.dependencies, undefined);
		const builtins = new Set([...builtinModules, ...builtinModules.map(name => `node:${name}`)]);
		for (const file of bundles()) {
			const text = readFileSync(file, 'utf8');
			for (const [, id] of text.matchAll(/\brequire\("([^"]+)"\)/g)) {
				assert.ok(builtins.has(id!) || id!.startsWith('./'), `${path.relative(dist, file)} requires ${id}`);
				if (id!.startsWith('./')) {
					assert.ok(existsSync(path.join(path.dirname(file), id!)), `${path.relative(dist, file)} requires missing ${id}`);
				}
			}
		}
	});

	test('the bin is the executable CommonJS loader, and the exports name files that exist', () => {
		assert.deepEqual(packageJson.bin, {'mkt-wizard': 'dist/cli.cjs'});
		assert.equal(path.join(root, packageJson.bin['mkt-wizard']!), cliPath);
		accessSync(cliPath, constants.X_OK);
		assert.match(readFileSync(cliPath, 'utf8'), /^#!\/usr\/bin\/env node\n/);
		assert.ok(existsSync(path.join(root, packageJson.exports['.'].default)));
		assert.ok(existsSync(path.join(root, packageJson.exports['.'].types)));
		assert.ok(packageJson.files.includes('!dist/.cache'), 'a code cache written beside the bundles is never packed');
	});

	test('the library loads from dist and throws its own MktError', async () => {
		const configDir = tempDir('config');
		try {
			const library = await import(path.join(dist, 'index.js')) as typeof import('../../source/index.js');
			await assert.rejects(library.getAccessToken('etsy', {configDir}), (error: unknown) => {
				assert.ok(error instanceof library.MktError);
				assert.equal((error as InstanceType<typeof library.MktError>).code, 'not_logged_in');
				return true;
			});
		} finally {
			removeTempDir(configDir);
		}
	});
});

describe('what each command evaluates', () => {
	let work: string;
	let tracer: string;
	let configDir: string;

	before(() => {
		work = tempDir('dist');
		configDir = tempDir('config');
		tracer = path.join(work, 'trace.cjs');
		// Records every bundle the loader compiles and every built-in Node loaded, at exit.
		writeFileSync(tracer, [
			'const vm = require("node:vm");',
			'const before = new Set(process.moduleLoadList);',
			'const bundles = [];',
			'const Script = vm.Script;',
			'vm.Script = class extends Script { constructor(code, options) { super(code, options); bundles.push(require("node:path").relative(process.env.TRACE_DIST, options.filename)); } };',
			'process.on("exit", () => require("node:fs").writeFileSync(process.env.TRACE_FILE, JSON.stringify({bundles, builtins: process.moduleLoadList.filter(name => !before.has(name) && name.startsWith("NativeModule ")).map(name => name.slice(13))})));',
		].join('\n'));
		const now = Date.now();
		writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({version: 1, profiles: {default: {etsy: {
			provider: 'etsy',
			environment: 'production',
			clientId: 'abcdefghijklmnopqrstuvwx',
			clientSecret: 'secret0secret',
			updatedAt: now,
			user: {scopes: ['shops_r'], verifiedAt: now, token: {accessToken: '12345678.valid-access-token', tokenType: 'Bearer', expiresAt: now + 3_600_000, refreshToken: '12345678.refresh', obtainedAt: now}},
		}}}}), {mode: 0o600});
	});

	after(() => {
		removeTempDir(work);
		removeTempDir(configDir);
	});

	async function trace(args: string[]): Promise<{bundles: string[]; builtins: string[]; stdout: string}> {
		const traceFile = path.join(work, `trace-${args.join('-')}.json`);
		const env = testEnv({MKT_WIZARD_CONFIG_DIR: configDir, XDG_CACHE_HOME: path.join(work, 'cache'), TRACE_FILE: traceFile, TRACE_DIST: dist, NODE_OPTIONS: `--require ${tracer}`});
		const result = await runCli(args, env);
		assert.ok(existsSync(traceFile), `no trace for ${args.join(' ')}: ${result.stderr}`);
		return {...JSON.parse(readFileSync(traceFile, 'utf8')) as {bundles: string[]; builtins: string[]}, stdout: result.stdout};
	}

	test('`token` with a valid token: the core only; no got, no conf, no Ink, no crypto, no HTTP', async () => {
		const {bundles: loaded, builtins, stdout} = await trace(['token', 'etsy']);
		assert.equal(stdout, '12345678.valid-access-token\n');
		assert.deepEqual(loaded, ['core.cjs']);
		for (const builtin of ['crypto', 'http', 'https', 'child_process']) {
			assert.ok(!builtins.includes(builtin), `token loaded node:${builtin}`);
		}
	});

	for (const args of [['--help'], ['--version'], ['status'], ['doctor', '--offline'], ['logout', 'etsy', '--profile', 'nobody']]) {
		test(`\`${args.join(' ')}\` never loads Ink or React`, async () => {
			const {bundles: loaded} = await trace(args);
			assert.equal(loaded[0], 'core.cjs');
			assert.ok(!loaded.includes(path.join('vendor', 'ui.cjs')), loaded.join(' '));
			if (['--help', '--version', 'status'].includes(args[0]!)) {
				assert.deepEqual(loaded, ['core.cjs']);
			}
		});
	}
});

describe('source maps', () => {
	test('dist/core.cjs maps back to the TypeScript in source/, without shipping its text', () => {
		const map = JSON.parse(readFileSync(path.join(dist, 'core.cjs.map'), 'utf8')) as {sources: string[]; sourcesContent?: unknown};
		assert.equal(map.sourcesContent, undefined);
		assert.ok(map.sources.includes('../source/cli.ts'), map.sources.slice(0, 5).join(' '));
		const code = readFileSync(path.join(dist, 'core.cjs'), 'utf8');
		const at = code.indexOf('Unexpected argument');
		assert.ok(at > 0);
		const line = code.slice(0, at).split('\n').length - 1;
		const column = at - (code.lastIndexOf('\n', at) + 1);
		const entry = new SourceMap(map as ConstructorParameters<typeof SourceMap>[0]).findEntry(line, column) as {originalSource?: string};
		assert.match(entry.originalSource ?? '', /source\/args\.ts$/);
	});

	test('with MKT_WIZARD_DEBUG, an unexpected error\'s stack names source/ files', async () => {
		const work = tempDir('maps');
		try {
			// Makes the CLI fail in a way no MktError covers: writing to stdout throws.
			const breaker = path.join(work, 'break-stdout.cjs');
			writeFileSync(breaker, 'process.stdout.write = () => { throw new TypeError("stdout is gone"); };\n');
			const result = await runCli(['--version'], testEnv({MKT_WIZARD_DEBUG: '1', NODE_OPTIONS: `--require ${breaker}`}));
			assert.equal(result.code, 1);
			assert.match(result.stderr, /failed unexpectedly \(TypeError\)/);
			assert.match(result.stderr, /source\/cli\.ts:\d+:\d+/);
		} finally {
			removeTempDir(work);
		}
	});
});

describe('the code cache in real runs', () => {
	let cacheHome: string;

	before(() => {
		cacheHome = tempDir('cache');
	});

	afterEach(async () => {
		await killAll();
	});

	after(() => {
		removeTempDir(cacheHome);
	});

	const cacheFolder = () => path.join(cacheHome, 'mkt-wizard');
	// Finished cache files only: one being written is a .tmp beside them.
	const cacheFiles = () => (existsSync(cacheFolder()) ? readdirSync(cacheFolder()).filter(name => name.endsWith('.v8cache')) : []);

	test('the wizard\'s caches are written once its first frame is out, while it still runs', async () => {
		const run = spawnCli([], {env: {XDG_CACHE_HOME: cacheHome}});
		await run.waitForScreen(/mkt-wizard ·/);
		const deadline = Date.now() + 5000;
		while (!cacheFiles().some(name => name.startsWith('vendor-ui-')) && Date.now() < deadline) {
			await sleep(20);
		}

		assert.ok(cacheFiles().some(name => name.startsWith('vendor-ui-')), cacheFiles().join(' '));
		assert.ok(cacheFiles().some(name => name.startsWith('core-')), cacheFiles().join(' '));
		assert.ok(cacheFiles().every(name => name.endsWith(`-${process.version}-${process.arch}.v8cache`)), cacheFiles().join(' '));
		run.press('\u001B');
		await run.exit;
	});

	test('a partial core cache, written by a plain command, is made complete by the next wizard run', async () => {
		rmSync(cacheFolder(), {recursive: true, force: true});
		await runCli(['--version'], testEnv({XDG_CACHE_HOME: cacheHome}));
		const partial = cacheFiles().filter(name => name.startsWith('core-'));
		assert.equal(partial.length, 1);
		assert.match(partial[0]!, /\.partial\.v8cache$/);
		const partialSize = statSync(path.join(cacheFolder(), partial[0]!)).size;

		const run = spawnCli([], {env: {XDG_CACHE_HOME: cacheHome}});
		await run.waitForScreen(/mkt-wizard ·/);
		const complete = partial[0]!.replace('.partial.v8cache', '.v8cache');
		const deadline = Date.now() + 5000;
		while (!cacheFiles().includes(complete) && Date.now() < deadline) {
			await sleep(20);
		}

		run.press('\u001B');
		await run.exit;
		assert.deepEqual(cacheFiles().filter(name => name.startsWith('core-')), [complete], 'the complete cache replaced the partial one');
		assert.ok(statSync(path.join(cacheFolder(), complete)).size > partialSize, 'with the wizard\'s code in it');
	});

	test('corrupt and unwritable caches never stop the CLI', async () => {
		rmSync(cacheFolder(), {recursive: true, force: true});
		await runCli(['--version'], testEnv({XDG_CACHE_HOME: cacheHome}));
		assert.ok(cacheFiles().some(name => name.startsWith('core-')), 'a first run wrote the core\'s cache');
		for (const name of cacheFiles()) {
			writeFileSync(path.join(cacheFolder(), name), 'garbage');
		}

		const corrupt = await runCli(['--version'], testEnv({XDG_CACHE_HOME: cacheHome}));
		assert.equal(corrupt.code, 0);
		assert.match(corrupt.stdout, /^\d+\.\d+\.\d+\n$/);
		assert.ok(cacheFiles().every(name => readFileSync(path.join(cacheFolder(), name), 'utf8') !== 'garbage'), `the corrupt cache was rewritten: ${cacheFiles().map(name => `${name}=${readFileSync(path.join(cacheFolder(), name)).length}`).join(' ')} ${corrupt.stderr}`);

		const blocked = path.join(cacheHome, 'blocked');
		writeFileSync(blocked, 'a file where the cache folder would go');
		const unwritable = await runCli(['--version'], testEnv({XDG_CACHE_HOME: blocked}));
		assert.equal(unwritable.code, 0);
		assert.match(unwritable.stdout, /^\d+\.\d+\.\d+\n$/);
		assert.equal(unwritable.stderr, '');
	});
});

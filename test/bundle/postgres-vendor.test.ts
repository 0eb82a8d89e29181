// node-postgres in dist/vendor/pg.cjs: its Client alone, loaded only when MKT_WIZARD_STORE is a
// PostgreSQL URL. The file store's `token` never loads it (dist.test.ts: core.cjs alone).
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {runCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {startPostgres, type PostgresServer} from '../helpers/postgres.js';
import {newStoreKey} from '../store/postgres/setup.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';
import {assertDistCurrent} from '../helpers/dist.js';

scanCliRunsForSecrets();

const run = promisify(execFile);
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

// What is read from dist/ here must have been built from this source/.
before(assertDistCurrent);

describe('dist/vendor/pg.cjs', () => {
	let server: PostgresServer;
	let work: string;

	before(async () => {
		server = await startPostgres();
		work = tempDir('pg-vendor');
	});

	after(async () => {
		await server?.close();
		removeTempDir(work);
	});

	test('holds node-postgres\'s Client and none of the parts mkt-wizard leaves out', () => {
		const code = readFileSync(path.join(dist, 'vendor', 'pg.cjs'), 'utf8');
		assert.match(code, /SCRAM-SHA-256/);
		for (const absent of ['pg-native', 'PGPASSFILE', 'uselibpqcompat', 'array dimension not balanced', 'Called end on pool']) {
			assert.ok(!code.includes(absent), `the bundle holds ${absent}`);
		}
	});

	test('loads no HTTP client as it loads (its Cloudflare check is patched out: test/tools/patches.js)', async () => {
		const probe = path.join(work, 'probe.cjs');
		writeFileSync(probe, [
			'const before = new Set(process.moduleLoadList);',
			`require(${JSON.stringify(path.join(dist, 'vendor', 'pg.cjs'))});`,
			'console.log(JSON.stringify(process.moduleLoadList.filter(name => !before.has(name) && name.startsWith("NativeModule ")).map(name => name.slice(13))));',
		].join('\n'));
		const {stdout} = await run(process.execPath, [probe]);
		const loaded = JSON.parse(stdout) as string[];
		assert.ok(loaded.includes('crypto'), loaded.join(' '));
		for (const module of ['http', 'http2', 'zlib', 'tls', 'worker_threads']) {
			assert.ok(!loaded.includes(module), `pg.cjs loaded node:${module}`);
		}
	});

	test('`status` with a PostgreSQL store loads the core and pg.cjs, nothing else', async () => {
		const database = await server.createDatabase();
		const tracer = path.join(work, 'trace.cjs');
		const traceFile = path.join(work, 'trace.json');
		writeFileSync(tracer, [
			'const vm = require("node:vm");',
			'const bundles = [];',
			'const Script = vm.Script;',
			'vm.Script = class extends Script { constructor(code, options) { super(code, options); bundles.push(require("node:path").relative(process.env.TRACE_DIST, options.filename)); } };',
			'process.on("exit", () => require("node:fs").writeFileSync(process.env.TRACE_FILE, JSON.stringify(bundles)));',
		].join('\n'));
		const env = testEnv({
			MKT_WIZARD_CONFIG_DIR: path.join(work, 'config'),
			XDG_CACHE_HOME: path.join(work, 'cache'),
			MKT_WIZARD_STORE: server.url(database),
			MKT_WIZARD_STORE_KEY: newStoreKey(),
			TRACE_FILE: traceFile,
			TRACE_DIST: dist,
			NODE_OPTIONS: `--require ${tracer}`,
		});
		const result = await runCli(['status'], env);
		// Nothing is saved in the fresh database: status says so and exits 1, as gh auth status does.
		assert.equal(result.code, 1, result.stderr);
		assert.match(result.stderr, /No saved connections in PostgreSQL/);
		assert.ok(existsSync(traceFile));
		assert.deepEqual(JSON.parse(readFileSync(traceFile, 'utf8')), ['core.cjs', path.join('vendor', 'pg.cjs')]);
	});
});

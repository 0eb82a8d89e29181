// The code cache on the Node version running this test (CI runs it on Node 20, 22 and 24): the
// built CLI's second start hands V8 the cache the first wrote, and V8 takes it. A version whose
// V8 rejected or never got the cache would compile on every start without saying so.
import assert from 'node:assert/strict';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {runCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

type Compiled = {file: string; cached: boolean; rejected: boolean};

describe(`the code cache on Node ${process.version}`, () => {
	let work: string;
	let tracer: string;

	before(() => {
		work = tempDir('cache-node');
		tracer = path.join(work, 'trace.cjs');
		// Records every vm.Script the loader compiles: which file, with cache data or not, and V8's verdict.
		writeFileSync(tracer, [
			'const vm = require("node:vm");',
			'const compiled = [];',
			'const Script = vm.Script;',
			'vm.Script = class extends Script { constructor(code, options) { super(code, options); compiled.push({file: require("node:path").basename(options.filename), cached: Boolean(options.cachedData), rejected: this.cachedDataRejected === true}); } };',
			'process.on("exit", () => require("node:fs").writeFileSync(process.env.TRACE_FILE, JSON.stringify(compiled)));',
		].join('\n'));
	});

	after(() => {
		removeTempDir(work);
	});

	async function start(run: number): Promise<Compiled[]> {
		const traceFile = path.join(work, `trace-${run}.json`);
		const result = await runCli(['--version'], testEnv({XDG_CACHE_HOME: path.join(work, 'cache'), TRACE_FILE: traceFile, NODE_OPTIONS: `--require ${tracer}`}));
		assert.equal(result.code, 0, result.stderr);
		return JSON.parse(readFileSync(traceFile, 'utf8')) as Compiled[];
	}

	test('the first start writes a cache for this version; the second hands it to V8, which takes it', async () => {
		const first = await start(1);
		assert.deepEqual(first, [{file: 'core.cjs', cached: false, rejected: false}]);
		const written = readdirSync(path.join(work, 'cache', 'mkt-wizard'));
		assert.ok(written.some(name => name.startsWith('core-') && name.includes(`-${process.version}-${process.arch}`)), written.join(' '));

		const second = await start(2);
		assert.deepEqual(second, [{file: 'core.cjs', cached: true, rejected: false}]);
	});
});

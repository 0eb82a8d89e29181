// The build's stand-ins for modules loaded on first use (test/tools/lazy-modules.js):
// nothing loads before a property is read, and what is read is the real thing.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {build, type Plugin} from 'esbuild';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const tools = await import(path.join(root, 'test/tools/lazy-modules.js')) as {
	lazyBuiltinsPlugin(builtins: string[]): Plugin;
	lazySourcesPlugin(files: string[], root: string): Plugin;
};

let work: string;

before(() => {
	work = tempDir('lazy');
});

after(() => {
	removeTempDir(work);
});

/** Bundles `files` (entry first) as the build does, runs the result, returns its JSON output. */
async function bundleAndRun(files: Record<string, string>, plugins: (folder: string) => Plugin[]): Promise<unknown> {
	const folder = tempDir('case', work);
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(folder, name)), {recursive: true});
		writeFileSync(path.join(folder, name), text);
	}

	const outfile = path.join(folder, 'out.cjs');
	await build({entryPoints: [path.join(folder, Object.keys(files)[0]!)], bundle: true, format: 'cjs', platform: 'node', outfile, logLevel: 'silent', plugins: plugins(folder)});
	const {stdout} = await run(process.execPath, [outfile]);
	return JSON.parse(stdout) as unknown;
}

const loadedNow = 'process.moduleLoadList.includes("NativeModule crypto")';

test('a built-in loads on the first property read; functions, classes and the default export are the real ones', async () => {
	const result = await bundleAndRun({
		'entry.ts': [
			'import crypto, {createHash, Hash, constants} from \'node:crypto\';',
			`const before = ${loadedNow};`,
			'const digest = createHash(\'sha256\').update(\'x\').digest(\'hex\');',
			`const after = ${loadedNow};`,
			'const real = require(\'node:crypto\');',
			'console.log(JSON.stringify({before, after, digest, same: crypto.createHash === real.createHash, classIsReal: Hash === real.Hash, instance: createHash(\'md5\') instanceof Hash, constants: constants.RSA_PKCS1_PADDING === real.constants.RSA_PKCS1_PADDING}));',
		].join('\n'),
	}, () => [tools.lazyBuiltinsPlugin(['crypto'])]);
	const digest = (await import('node:crypto')).createHash('sha256').update('x').digest('hex');
	assert.deepEqual(result, {before: false, after: true, digest, same: true, classIsReal: true, instance: true, constants: true});
});

test('a module of ours behind a stand-in initialises on first use, and a class extending a built-in works', async () => {
	const result = await bundleAndRun({
		'entry.ts': [
			'import {Tunnel} from \'./agents.js\';',
			'const before = Boolean((globalThis as {agentsLoaded?: boolean}).agentsLoaded);',
			'const tunnel = new Tunnel();',
			'const after = Boolean((globalThis as {agentsLoaded?: boolean}).agentsLoaded);',
			'console.log(JSON.stringify({before, after, isAgent: tunnel instanceof require(\'node:https\').Agent, isTunnel: tunnel instanceof Tunnel}));',
		].join('\n'),
		'agents.ts': [
			'import https from \'node:https\';',
			'export class Tunnel extends https.Agent {}',
			'(globalThis as {agentsLoaded?: boolean}).agentsLoaded = true;',
		].join('\n'),
	}, folder => [tools.lazySourcesPlugin([path.relative(root, path.join(folder, 'agents.ts'))], root)]);
	assert.deepEqual(result, {before: false, after: true, isAgent: true, isTunnel: true});
});

test('the build fails when a module listed as lazy is never imported', async () => {
	await assert.rejects(
		bundleAndRun({'entry.ts': 'console.log("{}");'}, () => [tools.lazySourcesPlugin(['source/no-such-module.ts'], root)]),
		/never imported/,
	);
});

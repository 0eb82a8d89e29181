// The V8 code-cache loader (source/bundle/code-cache.ts) on small bundles of its own:
// where caches go, that V8 takes them, and that a stale, corrupt or unwritable cache
// never stops a bundle from running.
import assert from 'node:assert/strict';
import {cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {cacheDirOf, cacheFileName, createLoader} from '../../source/bundle/code-cache.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

let work: string;
let dist: string;
let cacheHome: string;

function cacheFolder(): string {
	return path.join(cacheHome, 'mkt-wizard');
}

let copies = 0;

/**
 * A loader over a fresh copy of the bundles: V8 keeps scripts it compiled in memory,
 * by file name, and would answer a second load from there without looking at the cache.
 */
function loader(hashes = {core: 'aaaaaaaaaaaa', 'vendor/extra': 'bbbbbbbbbbbb'}, {dir = dist} = {}) {
	copies++;
	const copy = path.join(work, `copy-${copies}`);
	cpSync(dir, copy, {recursive: true});
	return createLoader({dir: copy, hashes, env: {XDG_CACHE_HOME: cacheHome, HOME: path.join(work, 'home')}});
}


type Core = {answer: number; extra(): {name: string}; where(): string};

beforeEach(() => {
	work = tempDir('code-cache');
	dist = path.join(work, 'dist');
	cacheHome = path.join(work, 'cache');
	mkdirSync(path.join(dist, 'vendor'), {recursive: true});
	writeFileSync(path.join(dist, 'core.cjs'), [
		'#!/usr/bin/env node',
		'function where() { return new Error("here").stack.split("\\n")[1]; }',
		'module.exports = {answer: 6 * 7, extra: () => require("./vendor/extra.cjs"), where};',
		'',
	].join('\n'));
	writeFileSync(path.join(dist, 'vendor', 'extra.cjs'), 'module.exports = {name: require("node:path").basename(__filename)};\n');
});

afterEach(() => {
	removeTempDir(work);
});

function cacheFiles(folder = cacheFolder()): string[] {
	try {
		return readdirSync(folder).sort();
	} catch {
		return [];
	}
}

describe('code cache', () => {
	test('a first run compiles and writes one cache per bundle, keyed on hash, length, Node and arch (partial, at a plain exit)', () => {
		const first = loader();
		const core = first.load('core') as Core;
		assert.equal(core.answer, 42);
		assert.equal(core.extra().name, 'extra.cjs');
		assert.equal(first.cacheUse('core'), 'none');
		assert.equal(first.cacheUse('vendor/extra'), 'none');
		assert.deepEqual(cacheFiles(), [], 'nothing is written before writeCaches (the exit, or the first frame)');
		first.writeCaches();
		const coreLength = readFileSync(path.join(dist, 'core.cjs'), 'utf8').length;
		assert.deepEqual(cacheFiles(), [
			cacheFileName({bundle: 'core', hash: 'aaaaaaaaaaaa', length: coreLength}, {partial: true}),
			cacheFileName({bundle: 'vendor/extra', hash: 'bbbbbbbbbbbb', length: readFileSync(path.join(dist, 'vendor/extra.cjs'), 'utf8').length}, {partial: true}),
		].sort());
		assert.match(cacheFiles()[0]!, new RegExp(`^core-aaaaaaaaaaaa-${coreLength}-${process.version.replaceAll('.', '\\.')}-${process.arch}\\.partial\\.v8cache$`));
		assert.equal(statSync(path.join(cacheFolder(), cacheFiles()[0]!)).mode & 0o777, 0o600);
		assert.equal(statSync(cacheFolder()).mode & 0o777, 0o700);

		const second = loader();
		assert.equal((second.load('core') as Core).extra().name, 'extra.cjs');
		assert.equal(second.cacheUse('core'), 'accepted');
		assert.equal(second.cacheUse('vendor/extra'), 'accepted');
	});

	test('a partial cache (a plain command\'s) is replaced by a complete one once a run has drawn, and only then', () => {
		const plain = loader();
		(plain.load('core') as Core).extra();
		plain.writeCaches();
		assert.deepEqual(cacheFiles().map(name => name.replace(/^.*?(\.partial)?\.v8cache$/, '$1')), ['.partial', '.partial']);
		const partialSize = statSync(path.join(cacheFolder(), cacheFiles().find(name => name.startsWith('core-'))!)).size;

		const plainAgain = loader();
		plainAgain.load('core');
		assert.equal(plainAgain.cacheUse('core'), 'accepted');
		plainAgain.writeCaches();
		assert.ok(cacheFiles().every(name => name.endsWith('.partial.v8cache')), 'a run that never drew leaves the partial caches');

		const wizard = loader();
		const core = wizard.load('core') as Core;
		assert.equal(wizard.cacheUse('core'), 'accepted');
		core.where(); // Code the plain runs never compiled.
		wizard.writeCaches({afterFirstOutput: true});
		const coreCaches = cacheFiles().filter(name => name.startsWith('core-'));
		assert.deepEqual(coreCaches, [cacheFileName({bundle: 'core', hash: 'aaaaaaaaaaaa', length: readFileSync(path.join(dist, 'core.cjs'), 'utf8').length})], 'the complete cache replaces the partial one');
		assert.ok(statSync(path.join(cacheFolder(), coreCaches[0]!)).size > partialSize, 'it holds what the drawing run compiled');
		assert.ok(cacheFiles().some(name => name.startsWith('vendor-extra-') && name.endsWith('.partial.v8cache')), 'a bundle the drawing run never loaded keeps its partial cache');

		const next = loader();
		next.load('core');
		assert.equal(next.cacheUse('core'), 'accepted');
		const before = cacheFiles();
		next.writeCaches({afterFirstOutput: true});
		assert.deepEqual(cacheFiles(), before, 'a complete cache is taken as it is');
	});

	test('a rejected complete cache is replaced even by a run that never draws', () => {
		const wizard = loader();
		wizard.load('core');
		wizard.writeCaches({afterFirstOutput: true});
		const [complete] = cacheFiles();
		writeFileSync(path.join(cacheFolder(), complete!), 'not a cache');
		const plain = loader();
		plain.load('core');
		assert.equal(plain.cacheUse('core'), 'rejected');
		plain.writeCaches();
		assert.deepEqual(cacheFiles(), [complete!.replace('.v8cache', '.partial.v8cache')], 'the bad complete cache is gone, a partial one took its place');
		const next = loader();
		next.load('core');
		assert.equal(next.cacheUse('core'), 'accepted');
	});

	test('bundles loaded after the first frame are written complete at the exit', () => {
		const wizard = loader();
		wizard.load('core');
		wizard.writeCaches({afterFirstOutput: true});
		(wizard.load('core') as Core).extra();
		wizard.writeCaches();
		assert.ok(cacheFiles().every(name => !name.endsWith('.partial.v8cache')), cacheFiles().join(' '));
	});

	test('stack traces keep the file\'s own line numbers (the wrapper and the #! line shift nothing)', () => {
		const core = loader().load('core') as Core;
		assert.match(core.where(), /core\.cjs:2:\d+\)$/);
	});

	test('a corrupt or truncated cache file is rejected, the bundle still runs, and the file is replaced', () => {
		const first = loader();
		first.load('core');
		first.writeCaches();
		const [name] = cacheFiles();
		const file = path.join(cacheFolder(), name!);
		const good = readFileSync(file);
		for (const bad of [Buffer.from('not a cache'), good.subarray(0, good.length >> 1), Buffer.alloc(good.length, 0x5A), Buffer.alloc(0)]) {
			writeFileSync(file, bad);
			const run = loader();
			assert.equal((run.load('core') as Core).answer, 42);
			assert.equal(run.cacheUse('core'), 'rejected');
			run.writeCaches();
			assert.notDeepEqual(readFileSync(file), bad);
			const next = loader();
			next.load('core');
			assert.equal(next.cacheUse('core'), 'accepted');
		}
	});

	test('a rebuilt bundle gets a cache of its own; old ones are removed, keeping the newest few', () => {
		const folder = cacheFolder();
		mkdirSync(folder, {recursive: true});
		const old = ['core-000000000001-10-v20.0.0-x64.v8cache', 'core-000000000002-10-v20.0.0-x64.v8cache', 'core-000000000003-10-v20.0.0-x64.v8cache', 'core-000000000004-10-v20.0.0-x64.v8cache'];
		old.forEach((name, index) => {
			writeFileSync(path.join(folder, name), 'old');
			const time = new Date(Date.now() - ((10 - index) * 60_000));
			utimesSync(path.join(folder, name), time, time);
		});
		writeFileSync(path.join(folder, 'core-leftover.v8cache.123.tmp'), 'partial');
		utimesSync(path.join(folder, 'core-leftover.v8cache.123.tmp'), new Date(0), new Date(0));
		writeFileSync(path.join(folder, 'vendor-extra-000000000009-10-v20.0.0-x64.v8cache'), 'other bundle');
		writeFileSync(path.join(folder, 'unrelated.txt'), 'not ours');

		const run = loader({core: 'cccccccccccc', 'vendor/extra': 'dddddddddddd'});
		run.load('core');
		run.writeCaches();
		const left = cacheFiles();
		assert.ok(left.some(name => name.startsWith('core-cccccccccccc-')), left.join(' '));
		assert.deepEqual(left.filter(name => name.startsWith('core-') && !name.startsWith('core-cccccccccccc-')), [old[2], old[3]], 'the two newest old caches stay, for another installed version');
		assert.ok(left.includes('vendor-extra-000000000009-10-v20.0.0-x64.v8cache'), 'another bundle\'s cache is left alone');
		assert.ok(left.includes('unrelated.txt'));
		assert.ok(!left.includes('core-leftover.v8cache.123.tmp'), 'a stale temporary file is removed');
	});

	test('an unwritable cache folder leaves runs uncached, never broken', () => {
		writeFileSync(path.join(work, 'cache'), 'a file where the cache folder should be');
		const run = loader();
		assert.equal((run.load('core') as Core).answer, 42);
		assert.doesNotThrow(() => run.writeCaches());
		const again = loader();
		assert.equal((again.load('core') as Core).answer, 42);
		assert.equal(again.cacheUse('core'), 'none');
	});

	test('with no home to find a cache folder in, the cache goes beside the bundles', () => {
		const run = createLoader({dir: dist, hashes: {core: 'aaaaaaaaaaaa'}, env: {}});
		run.load('core');
		run.writeCaches();
		assert.ok(cacheFiles(path.join(dist, '.cache')).some(name => name.startsWith('core-aaaaaaaaaaaa-')));
	});

	test('a cache path that cannot be read (a folder sits there) is treated as missing, and not written over', () => {
		const first = loader();
		first.load('core');
		first.writeCaches();
		const [name] = cacheFiles();
		const file = path.join(cacheFolder(), name!);
		rmSync(file);
		mkdirSync(file);
		const run = loader();
		assert.equal((run.load('core') as Core).answer, 42);
		assert.equal(run.cacheUse('core'), 'none');
		assert.doesNotThrow(() => run.writeCaches());
		assert.ok(statSync(file).isDirectory());
	});
});

describe('where caches live', () => {
	test('XDG_CACHE_HOME, else ~/.cache, on Linux; never the config folder', () => {
		assert.equal(cacheDirOf({XDG_CACHE_HOME: '/x/cache', HOME: '/home/u', XDG_CONFIG_HOME: '/x/config', MKT_WIZARD_CONFIG_DIR: '/x/mkt'}, 'linux'), '/x/cache/mkt-wizard');
		assert.equal(cacheDirOf({HOME: '/home/u', XDG_CONFIG_HOME: '/x/config'}, 'linux'), '/home/u/.cache/mkt-wizard');
		assert.equal(cacheDirOf({XDG_CACHE_HOME: 'relative', HOME: '/home/u'}, 'linux'), '/home/u/.cache/mkt-wizard', 'a relative XDG_CACHE_HOME is ignored, as the spec says');
		assert.equal(cacheDirOf({}, 'linux'), undefined);
	});

	test('the platform\'s own cache folder on macOS and Windows', () => {
		assert.equal(cacheDirOf({HOME: '/Users/u'}, 'darwin'), path.join('/Users/u', 'Library', 'Caches', 'mkt-wizard'));
		assert.equal(cacheDirOf({LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local'}, 'win32'), path.join('C:\\Users\\u\\AppData\\Local', 'mkt-wizard', 'Cache'));
	});
});

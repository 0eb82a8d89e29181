import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {connectionKey, openStore} from '../../source/store/index.js';
import {connectionFor} from '../store/helpers.js';
import {fillDisk} from './setup.js';
import {Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

const key = connectionKey({provider: 'etsy'});

function mountTmpfs(dir: string, size: string): boolean {
	return process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'mktw', dir], {stdio: 'ignore'}).status === 0;
}

describe('saves are atomic whatever the environment says: SNAP set and a save that fails half-way (issue 12 item 3)', () => {
	let scratch: string;
	let mounted = false;

	before(() => {
		scratch = tempDir('snap');
		mounted = mountTmpfs(scratch, '64k');
	});

	after(() => {
		if (mounted) {
			spawnSync('umount', ['-l', scratch], {stdio: 'ignore'});
		}

		removeTempDir(scratch);
	});

	test('a save larger than the space left, with SNAP set, leaves config.json exactly as it was', {timeout: 60_000}, async t => {
		if (!mounted) {
			t.skip('needs root to mount a small tmpfs');
			return;
		}

		const tally = new Tally('snap-full-disk', 'with SNAP set (a snap-packaged terminal), a save that runs out of disk space half-way');
		const snap = process.env.SNAP;
		process.env.SNAP = '/snap/mkt-wizard-test/1';
		try {
			for (const growth of [6000, 20_000, 40_000]) {
				tally.add('saves');
				const configDir = path.join(scratch, `config-${growth}`);
				const store = openStore({configDir});
				await store.withLock(async () => {
					store.update(key, () => connectionFor(key));
				});
				const file = path.join(configDir, 'config.json');
				const before = fs.readFileSync(file, 'utf8');
				await tally.attempt(`a save ${growth} bytes larger`, async () => {
					await assert.rejects(store.withLock(async () => {
						// Full once the lock is held: the save itself is what runs out of space.
						fillDisk(scratch);
						store.update(key, current => ({...current!, redirect: 'x'.repeat(growth)}));
					}), {code: 'config_not_writable'});
					assert.equal(fs.readFileSync(file, 'utf8'), before, 'config.json is not emptied or cut short');
					assert.deepEqual(store.get(key), connectionFor(key));
				});
				for (const name of fs.readdirSync(scratch).filter(entry => entry.startsWith('filler-'))) {
					fs.rmSync(path.join(scratch, name));
				}
			}
		} finally {
			if (snap === undefined) {
				delete process.env.SNAP;
			} else {
				process.env.SNAP = snap;
			}
		}

		tally.report(t, `${tally.counts.saves} saves`);
		tally.assertPassed({saves: 1});
	});
});

import fs from 'node:fs';
import path from 'node:path';
import type {ConfigPaths} from './config-location.js';
import {isOrphanedLockFile} from './lock.js';

/** conf's writer (atomically) names its temporary file `config.json.tmp-<10 digits><6 hex>`. */
const configTemporary = /^config\.json\.tmp-\d{10}[\da-f]{6}$/;
const lockTemporary = /^config\.json\.lock\.(?:(?:\d+-)?[\da-f-]{36}\.tmp|stale-[\da-f-]{36})$/;

/**
 * Removes what killed processes left beside the config: half-written copies
 * of it (they hold tokens and secrets, and nothing else would ever delete
 * them) and the temporary files of the lock. Runs holding the lock: config
 * writes happen only under it, so every temporary copy found then is an orphan.
 */
export function removeOrphans(paths: ConfigPaths): void {
	let names: string[];
	try {
		names = fs.readdirSync(paths.dir);
	} catch {
		return;
	}

	for (const name of names) {
		const full = path.join(paths.dir, name);
		if (configTemporary.test(name) || (lockTemporary.test(name) && isOrphanedLockFile(full))) {
			try {
				fs.unlinkSync(full);
			} catch {}
		}
	}
}

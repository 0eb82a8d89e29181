import fs from './node-fs.js';
import path from 'node:path';
import {syncFolder} from './atomic-write.js';
import type {ConfigPaths} from './config-location.js';
import {parseConfig} from './config-shape.js';
import {isOrphanedLockFile} from './lock.js';
import {judgePath, maxConfigBytes} from './safe-path.js';

/** The writer's temporary copy, `config.json.tmp-<10 digits><6 hex>` (the shape conf's writer used too). */
export const configTemporary = /^config\.json\.tmp-\d{10}[\da-f]{6}$/;
const lockTemporary = /^config\.json\.lock\.(?:(?:\d+-)?[\da-f-]{36}\.tmp|stale-[\da-f-]{36})$/;

/** The text of a temporary copy when it holds a whole config (its writer was killed after writing it, before the rename). */
function wholeConfig(file: string): string | undefined {
	try {
		const stat = fs.lstatSync(file);
		if (judgePath(file, 'temporary config file', stat) || stat.size > maxConfigBytes) {
			return undefined;
		}

		const text = fs.readFileSync(file, 'utf8');
		return parseConfig(text).ok ? text : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Deals with what killed processes left beside the config. Runs holding the
 * lock: config writes happen only under it, so every temporary copy found then
 * is an orphan, and the newest one that holds a whole config is the last save
 * its writer had finished writing (a renewal's new tokens, for instance): it is
 * renamed into place. Half-written copies (they hold tokens and secrets, and
 * nothing else would ever delete them), a renewal's reservation that was never
 * filled, and the lock's temporary files are removed.
 */
export function removeOrphans(paths: ConfigPaths): void {
	let names: string[];
	try {
		names = fs.readdirSync(paths.dir);
	} catch {
		return;
	}

	const copies = names.filter(name => configTemporary.test(name)).map(name => path.join(paths.dir, name))
		.map(file => ({file, mtime: fs.lstatSync(file, {throwIfNoEntry: false})?.mtimeMs ?? 0}))
		.sort((a, b) => b.mtime - a.mtime);
	const whole = copies.find(({file}) => wholeConfig(file) !== undefined);
	const current = fs.lstatSync(paths.file, {throwIfNoEntry: false})?.mtimeMs ?? 0;
	if (whole && whole.mtime >= current) {
		try {
			fs.renameSync(whole.file, paths.file);
			syncFolder(paths.dir);
		} catch {}
	}

	for (const {file} of copies) {
		try {
			fs.unlinkSync(file);
		} catch {}
	}

	for (const name of names.filter(entry => lockTemporary.test(entry))) {
		const full = path.join(paths.dir, name);
		if (isOrphanedLockFile(full)) {
			try {
				fs.unlinkSync(full);
			} catch {}
		}
	}
}

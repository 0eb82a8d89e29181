import fs from './node-fs.js';
import {MktError} from '../errors.js';
import {errorCode} from '../guards.js';
import path from 'node:path';
import {emptyConfig, parseConfig, type ConfigData, type ProfileData} from './config-shape.js';
import type {DamagedConnection} from './types.js';
import {readConfigText} from './safe-path.js';
import {readOrUndefined} from './read-if-present.js';
import {corrupt, newerVersion, unreadable} from './store-errors.js';

/** Null-prototype copies, so a profile named `__proto__` is an ordinary key. */
function withoutPrototypes(data: ConfigData): ConfigData {
	const profiles: Record<string, ProfileData> = Object.create(null) as Record<string, ProfileData>;
	for (const [name, profile] of Object.entries(data.profiles)) {
		profiles[name] = Object.assign(Object.create(null) as ProfileData, profile);
	}

	return {...data, profiles};
}

export type ConfigContents = {
	readonly data: ConfigData;
	/** Connections that cannot be used; they stay in `data` untouched. */
	readonly damaged: readonly DamagedConnection[];
	/** The file's text as read ('' when there was none): a save copies damaged connections from it byte for byte. */
	readonly text: string;
};

/**
 * Reads config.json afresh (another process may have written it since), through
 * readConfigText's checks (ours, a regular file, not too large). Missing means empty.
 * A file that cannot be parsed is never reset: with `moveAside` (commands that
 * write) it is moved to `config.json.corrupt-<time>` where possible, and the
 * MktError names both paths; without (status, doctor) it is only reported.
 */
export function readConfigFile(file: string, now: number, options: {moveAside: boolean} = {moveAside: true}): ConfigContents {
	const aside = (expected?: string): string | undefined => (options.moveAside ? moveAside(file, now, expected) : undefined);
	let text: string;
	try {
		text = readConfigText(file);
	} catch (error) {
		const code = errorCode(error);
		if (code === 'ENOENT') {
			return {data: withoutPrototypes(emptyConfig()), damaged: [], text: ''};
		}

		if (code === 'EISDIR') {
			throw corrupt(file, 'is a folder, not a file', aside());
		}

		if (code === undefined || error instanceof MktError) {
			throw error;
		}

		// Permission problems: keep the file out of the way so a new login can start.
		// Anything else (EIO, EMFILE, ENOTDIR…) may pass or needs a human: only report.
		const moved = code === 'EACCES' || code === 'EPERM' ? aside() : undefined;
		throw unreadable(file, error, moved);
	}

	const parsed = parseConfig(text);
	if (parsed.ok) {
		return {data: withoutPrototypes(parsed.data), damaged: parsed.damaged, text};
	}

	if (parsed.newerVersion !== undefined) {
		throw newerVersion(file, parsed.newerVersion);
	}

	throw corrupt(file, parsed.problem, aside(text));
}

/** The names in `folder`; none when it cannot be read. */
export function folderNames(folder: string): string[] {
	try {
		return fs.readdirSync(folder);
	} catch {
		return [];
	}
}

/**
 * Files an earlier run moved aside (`config.json.corrupt-*`) and nobody has dealt with yet, oldest first.
 * `names`: the folder's entries when the caller has already read it.
 */
export function movedAsideFiles(file: string, names: readonly string[] = folderNames(path.dirname(file))): string[] {
	const folder = path.dirname(file);
	const prefix = `${path.basename(file)}.corrupt-`;
	return names.filter(name => name.startsWith(prefix)).sort().map(name => path.join(folder, name));
}

/**
 * Renames `file` to a free `<file>.corrupt-<ISO time, ':' as '-'>` name.
 * When `expected` is given and the renamed file turns out to hold something
 * else (another process replaced it meanwhile), it is put back.
 * Returns the new path, or undefined when the file could not be moved.
 */
function moveAside(file: string, now: number, expected?: string): string | undefined {
	const stamp = new Date(now).toISOString().replaceAll(':', '-');
	for (let attempt = 1; attempt <= 100; attempt++) {
		const target = `${file}.corrupt-${stamp}${attempt === 1 ? '' : `-${attempt}`}`;
		if (fs.existsSync(target)) {
			continue;
		}

		try {
			fs.renameSync(file, target);
		} catch {
			return undefined;
		}

		if (expected !== undefined && readOrUndefined(target) !== expected) {
			putBack(target, file);
			return undefined;
		}

		return target;
	}

	return undefined;
}

function putBack(moved: string, file: string): void {
	try {
		fs.linkSync(moved, file);
		fs.unlinkSync(moved);
	} catch {}
}

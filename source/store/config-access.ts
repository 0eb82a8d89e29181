import {readConfigFile, type ConfigContents} from './config-file.js';
import type {ConfigPaths} from './config-location.js';
import {configText} from './config-edit.js';
import type {ConfigData} from './config-shape.js';
import {writeFileAtomic} from './atomic-write.js';
import {holdsLock} from './lock.js';
import {judgePath, statPath, unsafeError} from './safe-path.js';
import {notWritable, outsideLock} from './store-errors.js';

/** What the file store's methods share: where the config is, and how it is read. */
export type ConfigAccess = {
	readonly paths: ConfigPaths;
	readonly env: NodeJS.ProcessEnv;
	/** Clock for the names of moved-aside files and the times saved. */
	readonly now: () => number;
	/** A file that cannot be parsed is reported, never moved aside. */
	readonly readOnly: boolean;
};

/** The config as it is on disk now, after the config folder's ownership and mode checks. */
export function readConfig(access: ConfigAccess): ConfigContents {
	const {paths} = access;
	// A file where the folder should be is left to the read, whose message says which part of the path to make a folder.
	const folder = statPath(paths.dir, 'config folder');
	const unsafe = folder?.isDirectory() ? judgePath(paths.dir, 'config folder', folder) : undefined;
	if (unsafe) {
		throw unsafeError(unsafe);
	}

	return readConfigFile(paths.file, access.now(), {moveAside: !access.readOnly});
}

/** Replaces the config file atomically with `data` (damaged connections copied from `from` as they were). */
export function writeConfig(access: ConfigAccess, data: ConfigData, from: ConfigContents): void {
	const text = configText(access.paths.file, data, from);
	try {
		writeFileAtomic(access.paths.file, text);
	} catch (error) {
		throw notWritable(access.paths.file, error);
	}
}

export function requireConfigLock(access: ConfigAccess, operation: string): void {
	if (!holdsLock(access.paths.lock)) {
		throw outsideLock(operation);
	}
}

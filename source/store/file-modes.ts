import fs from './node-fs.js';
import type {MktError} from '../errors.js';
import path from 'node:path';
import {configPaths, type ConfigPaths} from './config-location.js';
import {judgePath, statPath, unsafeError, type PathRole, type UnsafePath} from './safe-path.js';
import {notWritable} from './store-errors.js';

/** Permission bits for group and others: none of them belong on the config. */
const groupOrOther = 0o077;

export type FileModes = {
	/** Permission bits of config.json; absent when there is no file. */
	readonly fileMode?: number;
	/** Permission bits of its folder; absent when there is no folder. */
	readonly dirMode?: number;
	/** True when the file or the folder grants anything to group or others. */
	readonly tooOpen: boolean;
};

/** Permission bits of a folder, or of a regular file that is not a link; undefined for anything else. */
function modeOf(target: string, kind?: 'file' | 'folder'): number | undefined {
	try {
		const stat = kind === 'folder' ? fs.statSync(target) : fs.lstatSync(target);
		if ((kind === 'file' && !stat.isFile()) || (kind === 'folder' && !stat.isDirectory())) {
			return undefined;
		}

		return stat.mode & 0o777;
	} catch {
		return undefined;
	}
}

/** For the doctor: the config file's and its folder's permission bits. */
export function checkFileModes(file: string): FileModes {
	const fileMode = modeOf(file);
	const dirMode = modeOf(path.dirname(file), 'folder');
	return {
		...(fileMode === undefined ? {} : {fileMode}),
		...(dirMode === undefined ? {} : {dirMode}),
		tooOpen: ((fileMode ?? 0) & groupOrOther) !== 0 || ((dirMode ?? 0) & groupOrOther) !== 0,
	};
}

/**
 * Throws config_unsafe for a path that is not ours or not of its type (a link,
 * a FIFO, a device…). Ours but open to others: made private (0700 folder, 0600
 * file) first, as nobody else can have changed what a folder of ours held while
 * we were the only one able to write it. (A file planted while it was open is
 * someone else's, or a link, and is refused.)
 */
function secure(target: string, role: PathRole): void {
	const stat = statPath(target, role);
	if (!stat) {
		return;
	}

	let unsafe = judgePath(target, role, stat);
	const rightType = role === 'config folder' ? stat.isDirectory() : stat.isFile();
	if (rightType && (!unsafe || unsafe.problem === 'writable-by-others') && (stat.mode & groupOrOther) !== 0) {
		tryChmod(target, role === 'config folder' ? 0o700 : 0o600);
		const after = statPath(target, role);
		unsafe = after && judgePath(target, role, after);
	}

	if (unsafe) {
		throw unsafeError(unsafe);
	}
}

/**
 * Before anything is written or sent: the config folder exists (created 0700),
 * and the folder, config.json and the lock are ours, private and of their type.
 */
export function securePaths(paths: ConfigPaths): void {
	ensurePrivateDir(paths.dir, paths.file);
	secure(paths.file, 'config file');
	secure(paths.lock, 'config lock');
}

/**
 * Creates `dir` 0700 (parents as needed), tightens it when it is ours and open,
 * and refuses it (config_unsafe) when it is someone else's; `file` is what the
 * error names when the folder cannot be made.
 */
export function ensurePrivateDir(dir: string, file: string): void {
	try {
		fs.mkdirSync(dir, {recursive: true, mode: 0o700});
		if (!fs.statSync(dir).isDirectory()) {
			throw Object.assign(new Error('not a folder'), {code: 'ENOTDIR'});
		}
	} catch (error) {
		throw notWritable(file, error);
	}

	secure(dir, 'config folder');
}

type JudgedPath = {
	readonly target: string;
	readonly role: PathRole;
	/** undefined when it cannot be looked at (missing). */
	readonly stat: fs.Stats | undefined;
	readonly unsafe: UnsafePath | undefined;
};

/** The folder, config.json and the lock, each looked at once (statPath) and judged (judgePath), in that order. */
function judgeConfigPaths(paths: ConfigPaths): [folder: JudgedPath, file: JudgedPath, lock: JudgedPath] {
	const judge = (target: string, role: PathRole): JudgedPath => {
		const stat = statPath(target, role);
		return {target, role, stat, unsafe: stat && judgePath(target, role, stat)};
	};

	return [judge(paths.dir, 'config folder'), judge(paths.file, 'config file'), judge(paths.lock, 'config lock')];
}

/** For the doctor: the same checks without creating or changing anything, one config_unsafe error per path that fails. */
export function unsafeConfigPaths(paths: ConfigPaths): MktError[] {
	return judgeConfigPaths(paths).flatMap(({unsafe}) => (unsafe ? [unsafeError(unsafe)] : []));
}

export type ModeChange = {
	/** The config file or its folder. */
	readonly path: string;
	readonly kind: 'file' | 'folder';
	readonly before: number;
	/** The mode afterwards: still `before` when it could not be changed (read-only disk). */
	readonly after: number;
};

/**
 * Takes group and others' access away from an existing config file (0600)
 * and its folder (0700), and says what it found open, so the commands can
 * warn: a token file readable by others may already have been copied.
 * Throws config_unsafe, changing nothing, when either (or the lock) is not
 * ours or not of its type: chmod would follow a link to someone else's file.
 */
export function tightenFileModes(file: string): ModeChange[] {
	const [folder, config, lock] = judgeConfigPaths(configPaths(path.dirname(file)));
	for (const {unsafe} of [folder, config, lock]) {
		if (unsafe && unsafe.problem !== 'writable-by-others') {
			throw unsafeError(unsafe);
		}
	}

	const changes: ModeChange[] = [];
	for (const [{target, stat}, kind, mode] of [[folder, 'folder', 0o700], [config, 'file', 0o600]] as const) {
		// What modeOf gives: permission bits of a folder, or of a regular file that is not a link.
		const before = stat && (kind === 'folder' ? stat.isDirectory() : stat.isFile()) ? stat.mode & 0o777 : undefined;
		if (before !== undefined && (before & groupOrOther) !== 0) {
			tryChmod(target, mode);
			changes.push({path: target, kind, before, after: modeOf(target, kind) ?? before});
		}
	}

	return changes;
}

/** Best effort: a read-only disk fails later with a clear error, or shows up in the doctor. */
function tryChmod(target: string, mode: number): void {
	try {
		fs.chmodSync(target, mode);
	} catch {}
}

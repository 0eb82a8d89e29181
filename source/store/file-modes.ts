import fs from 'node:fs';
import path from 'node:path';
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

function modeOf(target: string, kind?: 'file' | 'folder'): number | undefined {
	try {
		const stat = fs.statSync(target);
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
	const dirMode = modeOf(path.dirname(file));
	return {
		...(fileMode === undefined ? {} : {fileMode}),
		...(dirMode === undefined ? {} : {dirMode}),
		tooOpen: ((fileMode ?? 0) & groupOrOther) !== 0 || ((dirMode ?? 0) & groupOrOther) !== 0,
	};
}

/**
 * Creates the config folder 0700 (parents as needed), or tightens an existing
 * one that is open to group or others. A folder we cannot chmod (not ours) is
 * left as it is: the doctor reports it.
 */
export function ensurePrivateDir(dir: string, file: string): void {
	try {
		fs.mkdirSync(dir, {recursive: true, mode: 0o700});
		const stat = fs.statSync(dir);
		if (!stat.isDirectory()) {
			throw Object.assign(new Error('not a folder'), {code: 'ENOTDIR'});
		}

		if ((stat.mode & groupOrOther) !== 0) {
			tryChmod(dir, 0o700);
		}
	} catch (error) {
		throw notWritable(file, error);
	}
}

/** Tightens config.json to 0600 when it is open to group or others. */
export function ensurePrivateFile(file: string): void {
	// Only a regular file: a folder in its place is moved aside by the next read, and 0600 would lock its owner out of it.
	const mode = modeOf(file, 'file');
	if (mode !== undefined && (mode & groupOrOther) !== 0) {
		tryChmod(file, 0o600);
	}
}

export type ModeChange = {
	/** The config file or its folder. */
	readonly path: string;
	readonly kind: 'file' | 'folder';
	readonly before: number;
	/** The mode afterwards: still `before` when it could not be changed (not ours, read-only disk). */
	readonly after: number;
};

/**
 * Takes group and others' access away from an existing config file (0600)
 * and its folder (0700), and says what it found open, so the commands can
 * warn: a token file readable by others may already have been copied.
 */
export function tightenFileModes(file: string): ModeChange[] {
	const changes: ModeChange[] = [];
	for (const [target, kind, mode] of [[path.dirname(file), 'folder', 0o700], [file, 'file', 0o600]] as const) {
		const before = modeOf(target, kind);
		if (before !== undefined && (before & groupOrOther) !== 0) {
			tryChmod(target, mode);
			changes.push({path: target, kind, before, after: modeOf(target, kind) ?? before});
		}
	}

	return changes;
}

/** Best effort: a file that is not ours, or a read-only disk, fails later with a clear error, or shows up in the doctor. */
function tryChmod(target: string, mode: number): void {
	try {
		fs.chmodSync(target, mode);
	} catch {}
}

import fs from './node-fs.js';
import path from 'node:path';
import {MktError} from '../errors.js';
import {errorCode} from '../guards.js';
import {loginCommand} from '../flows/commands-text.js';
import {getProvider, namesEnvironment} from '../providers/index.js';
import type {ConnectionKey, DamagedConnection} from './types.js';

const reasons: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	EROFS: 'read-only file system',
	ENOSPC: 'no space left on the disk',
	EDQUOT: 'disk quota exceeded',
	ENOTDIR: 'part of the path is not a folder',
	EISDIR: 'it is a folder, not a file',
	EEXIST: 'a file is in the way',
	EIO: 'input/output error',
	ELOOP: 'too many symbolic links',
};

/** A short plain-words reason for a file-system error: never the raw message. */
export function reasonOf(error: unknown): string {
	const code = errorCode(error);
	return (code && reasons[code]) ?? (code ? `error ${code}` : 'unexpected error');
}

/**
 * For ENOTDIR: the first part of the path to `file` that exists but is a
 * file, not a folder — the thing to move, which may be several levels up.
 */
export function fileInTheWay(file: string): string | undefined {
	const folders: string[] = [];
	for (let current = path.dirname(path.resolve(file)); ; current = path.dirname(current)) {
		folders.unshift(current);
		if (path.dirname(current) === current) {
			break;
		}
	}

	for (const folder of folders) {
		try {
			if (!fs.statSync(folder).isDirectory()) {
				return folder;
			}
		} catch {
			return undefined;
		}
	}

	return undefined;
}

/** What to do about a write that failed with `error`, for the folder holding `file`. */
export function writeRemedy(file: string, error: unknown): string {
	const code = errorCode(error);
	const blocker = code === 'ENOTDIR' || code === 'EEXIST' ? fileInTheWay(file) : undefined;
	if (blocker) {
		return `Make ${blocker} a folder (a file is in its place), or set MKT_WIZARD_CONFIG_DIR to a folder you can write to.`;
	}

	switch (code) {
		case 'ENOSPC':
		case 'EDQUOT': {
			return `Free some space on the disk that holds ${path.dirname(file)}, or set MKT_WIZARD_CONFIG_DIR to a folder on another disk.`;
		}

		case 'EIO': {
			return `Check the disk that holds ${path.dirname(file)}, or set MKT_WIZARD_CONFIG_DIR to a folder on another disk.`;
		}

		case 'EROFS': {
			return `Remount the disk that holds ${path.dirname(file)} read-write, or set MKT_WIZARD_CONFIG_DIR to a folder you can write to.`;
		}

		default: {
			return `Make ${path.dirname(file)} writable by your user, or set MKT_WIZARD_CONFIG_DIR to a folder you can write to.`;
		}
	}
}

export function notWritable(file: string, error: unknown, what = 'the config file'): MktError {
	return new MktError('config_not_writable', `Cannot write ${what} ${file} (${reasonOf(error)}).`, writeRemedy(file, error), {cause: error});
}

/** A store method that reads, modifies and writes was called outside withLock: a programming error, in either store. */
export function outsideLock(operation: string): Error {
	return new Error(`ConnectionStore.${operation}() must run inside store.withLock(), so parallel processes never lose each other's updates.`);
}

/** `the Etsy connection of profile "shop-2"`, `the eBay sandbox connection …`, `profile "x"` for a damaged profile as a whole. */
export function describeDamaged(damaged: Pick<DamagedConnection, 'profile' | 'key'>): string {
	const profile = `profile "${damaged.profile}"`;
	if (!damaged.key) {
		return profile;
	}

	const provider = getProvider(damaged.key.provider);
	return `the ${provider.displayName}${namesEnvironment(damaged.key.provider) ? ` ${damaged.key.environment}` : ''} connection of ${profile}`;
}

/** get() of a connection that does not have the shape mkt-wizard writes. */
export function damagedConnection(file: string, damaged: DamagedConnection, key: ConnectionKey | undefined = damaged.key): MktError {
	const command = key ? loginCommand(key) : `mkt-wizard login <provider>${damaged.profile === 'default' ? '' : ` --profile ${damaged.profile}`}`;
	return new MktError(
		'connection_damaged',
		`The saved ${describeDamaged(damaged).replace(/^the /, '')} in ${file} ${damaged.problem}, so it cannot be used; mkt-wizard leaves it as it is.`,
		`Run \`${command}\` to replace it, or fix it in ${file} by hand; your other connections are not affected.`,
	);
}

const loginAgain = 'Run `mkt-wizard login <etsy|ebay>` to connect again';

export function corrupt(file: string, problem: string, movedTo: string | undefined): MktError {
	return movedTo
		? new MktError(
			'config_corrupt',
			`The config file ${file} ${problem}, so it was moved aside to ${movedTo}.`,
			`${loginAgain}; your old file is kept at ${movedTo}.`,
		)
		: new MktError(
			'config_corrupt',
			`The config file ${file} ${problem}.`,
			`Fix or move ${file}, then run \`mkt-wizard login <etsy|ebay>\` to connect again.`,
		);
}

export function unreadable(file: string, error: unknown, movedTo: string | undefined): MktError {
	return movedTo
		? new MktError(
			'config_unreadable',
			`The config file ${file} could not be read (${reasonOf(error)}), so it was moved aside to ${movedTo}.`,
			`${loginAgain}, or make ${movedTo} readable by your user and move it back to ${file}.`,
			{cause: error},
		)
		: new MktError(
			'config_unreadable',
			`The config file ${file} could not be read (${reasonOf(error)}).`,
			unreadableRemedy(file, error),
			{cause: error},
		);
}

function unreadableRemedy(file: string, error: unknown): string {
	switch (errorCode(error)) {
		case 'EACCES':
		case 'EPERM': {
			return 'Make it readable by your user (check its owner and permissions), or set MKT_WIZARD_CONFIG_DIR to another folder.';
		}

		case 'ENOTDIR': {
			return `Make ${fileInTheWay(file) ?? path.dirname(file)} a folder (a file is in its place), or set MKT_WIZARD_CONFIG_DIR to another folder.`;
		}

		default: {
			return 'Try again; if it keeps failing, check the disk, or set MKT_WIZARD_CONFIG_DIR to another folder.';
		}
	}
}

export function newerVersion(file: string, version: number): MktError {
	return new MktError(
		'config_newer_version',
		`The config file ${file} was written by a newer mkt-wizard (format version ${version}).`,
		'Upgrade mkt-wizard (`npx mkt-wizard@latest`), or set MKT_WIZARD_CONFIG_DIR to keep this version\'s config in another folder.',
	);
}

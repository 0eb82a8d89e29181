import path from 'node:path';
import {MktError} from '../errors.js';
import {loginCommand} from '../flows/commands-text.js';
import {reserve} from './atomic-write.js';
import {readConfig, requireConfigLock, writeConfig, type ConfigAccess} from './config-access.js';
import {connectionIn, damageOf, withConnection} from './config-edit.js';
import {folderNames, movedAsideFiles, type ConfigContents} from './config-file.js';
import {configPaths, resolveConfigDir} from './config-location.js';
import {allSlots, compareProfiles, keyOfSlot, removeThroughUpdate, slotOf} from './connection-key.js';
import {completeRecoveries, prepareRenewal} from './file-renewal.js';
import {securePaths} from './file-modes.js';
import {withFileLock} from './lock.js';
import {removeOrphans} from './orphans.js';
import {interruptedRenewals, pendingRecoveries} from './recovery.js';
import {damagedConnection, describeDamaged, notWritable} from './store-errors.js';
import type {Connection, ConnectionKey, ConnectionStore, LockOptions, StoredConnection} from './types.js';

export type OpenStoreOptions = {
	/** Config folder. @default resolveConfigDir(env) */
	readonly configDir?: string;
	/** @default process.env */
	readonly env?: NodeJS.ProcessEnv;
	/** Clock for the names of moved-aside files. @default Date.now */
	readonly now?: () => number;
	/** For commands that only look (status, doctor): a file that cannot be parsed is reported, never moved aside. */
	readonly readOnly?: boolean;
};

/** What every command mentions until it is dealt with: config files moved aside, tokens waiting in a recovery file. */
export function configNotices(file: string, env: NodeJS.ProcessEnv = process.env): string[] {
	const paths = configPaths(path.dirname(file));
	// The config folder is read once, for all three checks.
	const names = folderNames(paths.dir);
	const moved = movedAsideFiles(file, names).map(aside => `An earlier ${file} that could not be read was moved aside to ${aside}; the logins in it are not used until you fix it and move it back, or delete it.`);
	const waiting = pendingRecoveries(paths, env, names).map(({path: kept}) => `New tokens that could not be saved wait in ${kept}; the next mkt-wizard command that can write ${file} saves them.`);
	const interrupted = interruptedRenewals(paths, names).map(mark => {
		const key = keyOfSlot(mark.profile, mark.slot);
		return `A token renewal of ${describeDamaged({profile: mark.profile, key})} by process ${mark.pid} was interrupted at ${new Date(mark.startedAt).toISOString()} before its answer was saved; if the provider had answered, the saved refresh token is spent and \`${loginCommand(key)}\` is needed.`;
	});
	return [...moved, ...waiting, ...interrupted];
}

/** The saved connection, or undefined when there is none or it is damaged: what a login starts from (it replaces a damaged one). */
export function savedForLogin(store: Pick<ConnectionStore, 'get'>, key: ConnectionKey): Connection | undefined {
	try {
		return store.get(key);
	} catch (error) {
		if (error instanceof MktError && error.code === 'connection_damaged') {
			return undefined;
		}

		throw error;
	}
}

/**
 * The file store. Opening it touches nothing on disk; reads go to the file
 * every time, through the ownership, type and size checks of safe-path.ts;
 * writes (only inside withLock) create the folder 0700 and replace the file
 * atomically (private temporary file, fsync, rename, fsync of the folder).
 */
export function openStore(options: OpenStoreOptions = {}): ConnectionStore {
	const env = options.env ?? process.env;
	const access: ConfigAccess = {
		paths: configPaths(options.configDir ?? resolveConfigDir(env)),
		env,
		now: options.now ?? Date.now,
		readOnly: options.readOnly ?? false,
	};
	const {paths} = access;
	const update: ConnectionStore['update'] = (key, change) => updateConnection(access, key, change);
	return {
		path: paths.file,
		get: key => getConnection(access, key),
		list: () => listConnections(readConfig(access)),
		damaged: () => [...readConfig(access).damaged],
		update,
		remove(key: ConnectionKey): boolean {
			requireConfigLock(access, 'remove');
			return removeThroughUpdate(update, key);
		},
		prepareRenewal: (key, grant) => prepareRenewal(access, key, grant),
		checkWritable(): void {
			securePaths(paths);
			try {
				reserve(paths.file, 0).release();
			} catch (error) {
				throw notWritable(paths.file, error);
			}
		},
		async withLock<T>(task: () => Promise<T>, lockOptions?: LockOptions): Promise<T> {
			securePaths(paths);
			return withFileLock(paths.lock, async () => {
				removeOrphans(paths);
				completeRecoveries(access);
				return task();
			}, lockOptions);
		},
	};
}

function getConnection(access: ConfigAccess, key: ConnectionKey): Connection | undefined {
	const contents = readConfig(access);
	const damage = damageOf(contents.damaged, key);
	if (damage) {
		throw damagedConnection(access.paths.file, damage, key);
	}

	return contents.data.profiles[key.profile]?.[slotOf(key)];
}

function listConnections(contents: ConfigContents): StoredConnection[] {
	const names = Object.keys(contents.data.profiles).sort(compareProfiles);
	return names.flatMap(profile => allSlots().flatMap(slot => {
		const key = keyOfSlot(profile, slot);
		const connection = connectionIn(contents, key);
		return connection ? [{key, connection}] : [];
	}));
}

function updateConnection(access: ConfigAccess, key: ConnectionKey, change: (current: Connection | undefined) => Connection | undefined): Connection | undefined {
	requireConfigLock(access, 'update');
	const contents = readConfig(access);
	const next = change(connectionIn(contents, key));
	if (next === undefined && contents.data.profiles[key.profile]?.[slotOf(key)] === undefined) {
		return undefined;
	}

	writeConfig(access, withConnection(contents.data, key, next), contents);
	return next;
}

import fs from 'node:fs';
import path from 'node:path';
import {MktError} from '../errors.js';
import {loginCommand} from '../flows/commands-text.js';
import {reserve, saveMargin, writeFileAtomic, type Reservation} from './atomic-write.js';
import {configPaths, resolveConfigDir} from './config-location.js';
import {folderNames, movedAsideFiles, readConfigFile, type ConfigContents} from './config-file.js';
import {connectionProblem, type ConfigData, type ProfileData} from './config-shape.js';
import {allSlots, assertKeyMatches, compareProfiles, keyOfSlot, slotOf} from './connection-key.js';
import {securePaths} from './file-modes.js';
import {holdsLock, withFileLock} from './lock.js';
import {removeOrphans} from './orphans.js';
import {rawSpans} from './raw-spans.js';
import {interruptedRenewals, keepRecovery, pendingRecoveries, renewalHeader, type RecoveryRecord} from './recovery.js';
import {judgePath, maxConfigBytes, statPath, unsafeError} from './safe-path.js';
import {damagedConnection, describeDamaged, errorCode, notWritable, reasonOf, writeRemedy} from './store-errors.js';
import type {Connection, ConnectionKey, ConnectionStore, DamagedConnection, GrantRecord, PreparedRenewal, RenewalOutcome, StoredConnection} from './types.js';

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

/** JSON.stringify(data), with each damaged connection (or profile) that is still there written as the file had it. */
function withDamagedAsRead(data: ConfigData, from: ConfigContents): string {
	if (from.damaged.length === 0) {
		return JSON.stringify(data);
	}

	const spans = rawSpans(from.text);
	const marker = `\u0000mkt-wizard-damaged-${Math.random().toString(36).slice(2)}-`;
	const copies = new Map<string, string>();
	const profiles = {...data.profiles};
	for (const damaged of from.damaged) {
		const slot = damaged.key && slotOf(damaged.key);
		const id = `${damaged.profile}\0${slot ?? ''}`;
		const raw = spans.get(id);
		const holder = profiles[damaged.profile];
		if (raw === undefined || holder === undefined) {
			continue;
		}

		const placeholder = `${marker}${copies.size}`;
		copies.set(JSON.stringify(placeholder), raw);
		if (slot === undefined) {
			if (!isObject(holder)) {
				profiles[damaged.profile] = placeholder as unknown as ProfileData;
			}
		} else if (isObject(holder) && holder[slot] !== undefined && connectionProblem(slot, holder[slot]) !== undefined) {
			profiles[damaged.profile] = Object.assign(Object.create(null) as ProfileData, holder, {[slot]: placeholder});
		}
	}

	let text = JSON.stringify({...data, profiles});
	for (const [placeholder, raw] of copies) {
		text = text.replace(placeholder, () => raw);
	}

	return text;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function damageOf(damaged: readonly DamagedConnection[], key: ConnectionKey): DamagedConnection | undefined {
	return damaged.find(entry => entry.profile === key.profile && (entry.key === undefined || slotOf(entry.key) === slotOf(key)));
}

/**
 * The file store. Opening it touches nothing on disk; reads go to the file
 * every time, through the ownership, type and size checks of safe-path.ts;
 * writes (only inside withLock) create the folder 0700 and replace the file
 * atomically (private temporary file, fsync, rename, fsync of the folder).
 */
export function openStore(options: OpenStoreOptions = {}): ConnectionStore {
	const env = options.env ?? process.env;
	const paths = configPaths(options.configDir ?? resolveConfigDir(env));
	const now = options.now ?? Date.now;

	const read = (): ConfigContents => {
		// A file where the folder should be is left to the read, whose message says which part of the path to make a folder.
		const folder = statPath(paths.dir, 'config folder');
		const unsafe = folder?.isDirectory() ? judgePath(paths.dir, 'config folder', folder) : undefined;
		if (unsafe) {
			throw unsafeError(unsafe);
		}

		return readConfigFile(paths.file, now(), {moveAside: !options.readOnly});
	};

	/** JSON for the file; damaged connections still in `data` are copied from the file's text as they were. */
	const serialize = (data: ConfigData, from?: ConfigContents): string => {
		const text = from ? withDamagedAsRead(data, from) : JSON.stringify(data);
		if (Buffer.byteLength(text) > maxConfigBytes) {
			throw new MktError('config_too_large', `Refusing to save ${paths.file}: it would be larger than the ${maxConfigBytes / 1024 / 1024} MB a config file can be.`, 'Remove profiles you no longer use with `mkt-wizard logout <etsy|ebay> --all --profile NAME`.');
		}

		return text;
	};

	/** `data` with `next` in the key's slot (a damaged entry there is replaced); undefined deletes it. */
	const withConnection = (data: ConfigData, key: ConnectionKey, next: Connection | undefined): ConfigData => {
		const slot = slotOf(key);
		if (next !== undefined) {
			assertKeyMatches(key, next);
			const problem = connectionProblem(slot, JSON.parse(JSON.stringify(next)));
			if (problem) {
				// Never write what the next read would refuse.
				throw new Error(`Refusing to save a ${slot} connection that ${problem}.`);
			}
		}

		const existing = data.profiles[key.profile];
		const profile: ProfileData = isObject(existing) ? existing as ProfileData : Object.create(null) as ProfileData;
		if (next === undefined) {
			delete profile[slot];
		} else {
			profile[slot] = next;
		}

		if (Object.keys(profile).length === 0) {
			delete data.profiles[key.profile];
		} else {
			data.profiles[key.profile] = profile;
		}

		return data;
	};

	const write = (data: ConfigData, from: ConfigContents): void => {
		const text = serialize(data, from);
		try {
			writeFileAtomic(paths.file, text);
		} catch (error) {
			throw notWritable(paths.file, error);
		}
	};

	const requireLock = (operation: string): void => {
		if (!holdsLock(paths.lock)) {
			throw new Error(`ConnectionStore.${operation}() must run inside store.withLock(), so parallel processes never lose each other's updates.`);
		}
	};

	const current = ({data, damaged}: ConfigContents, key: ConnectionKey): Connection | undefined =>
		(damageOf(damaged, key) ? undefined : data.profiles[key.profile]?.[slotOf(key)]);

	const update: ConnectionStore['update'] = (key, change) => {
		requireLock('update');
		const contents = read();
		const before = current(contents, key);
		const next = change(before);
		if (next === undefined && contents.data.profiles[key.profile]?.[slotOf(key)] === undefined) {
			return undefined;
		}

		write(withConnection(contents.data, key, next), contents);
		return next;
	};

	/** Writes the recoveries earlier runs could not save, while their grant is still the one they replace. */
	const completeRecoveries = (): void => {
		for (const {path: file, record} of pendingRecoveries(paths, env)) {
			const key = keyOfSlot(record.profile, record.slot);
			try {
				const contents = read();
				const connection = current(contents, key);
				if (connection && connection[record.grant]?.token.obtainedAt === record.replacesObtainedAt) {
					write(withConnection(contents.data, key, {...connection, [record.grant]: record.record, updatedAt: record.keptAt}), contents);
				}
			} catch {
				// Still cannot be saved: it waits for the next run.
				continue;
			}

			fs.rmSync(file, {force: true});
		}
	};

	const prepareRenewal = (key: ConnectionKey, grant: 'user' | 'app'): PreparedRenewal => {
		requireLock('prepareRenewal');
		const replacesObtainedAt = current(read(), key)?.[grant]?.token.obtainedAt;
		let size = 0;
		try {
			size = fs.lstatSync(paths.file).size;
		} catch {}

		let reservation: Reservation;
		try {
			reservation = reserve(paths.file, size + saveMargin, renewalHeader({pid: process.pid, startedAt: now(), profile: key.profile, slot: slotOf(key)}));
		} catch (error) {
			throw new MktError(
				'config_not_writable',
				`Cannot make room to save new tokens in ${paths.file} (${reasonOf(error)}), so nothing was sent to the provider and the saved tokens still work.`,
				writeRemedy(paths.file, error),
				{cause: error},
			);
		}

		return {
			commit(next: GrantRecord): RenewalOutcome {
				let failure: unknown;
				try {
					const contents = read();
					const connection = current(contents, key);
					if (!connection) {
						reservation.release();
						return {kept: 'config'};
					}

					reservation.commit(serialize(withConnection(contents.data, key, {...connection, [grant]: next, updatedAt: now()}), contents));
					return {kept: 'config'};
				} catch (error) {
					failure = error;
					reservation.release();
				}

				const record: RecoveryRecord = {mktWizardRecovery: 1, configPath: paths.file, profile: key.profile, slot: slotOf(key), grant, replacesObtainedAt, record: next, keptAt: now()};
				const reason = failure instanceof MktError ? failure.message : reasonOf(failure);
				try {
					return {kept: 'recovery', path: keepRecovery(paths, env, record), reason};
				} catch (keepError) {
					throw new MktError(
						'renewal_not_saved',
						`The provider issued new tokens, but they could be saved neither in ${paths.file} (${reason}) nor beside it (${reasonOf(keepError)}), so the saved refresh token may now be spent.`,
						`${writeRemedy(paths.file, errorCode(failure) ? failure : keepError).replace(/\.$/, '')}, then run \`${loginCommand(key)}\` to authorise again.`,
						{cause: failure},
					);
				}
			},
			release: () => {
				reservation.release();
			},
		};
	};

	return {
		path: paths.file,
		get(key: ConnectionKey): Connection | undefined {
			const contents = read();
			const damage = damageOf(contents.damaged, key);
			if (damage) {
				throw damagedConnection(paths.file, damage, key);
			}

			return contents.data.profiles[key.profile]?.[slotOf(key)];
		},
		list(): StoredConnection[] {
			const contents = read();
			const {profiles} = contents.data;
			const names = Object.keys(profiles).sort(compareProfiles);
			return names.flatMap(profile => allSlots().flatMap(slot => {
				const key = keyOfSlot(profile, slot);
				const connection = current(contents, key);
				return connection ? [{key, connection}] : [];
			}));
		},
		damaged(): DamagedConnection[] {
			return [...read().damaged];
		},
		update,
		remove(key: ConnectionKey): boolean {
			requireLock('remove');
			let existed = false;
			update(key, before => {
				existed = before !== undefined;
				return undefined;
			});
			return existed;
		},
		prepareRenewal,
		checkWritable(): void {
			securePaths(paths);
			try {
				reserve(paths.file, 0).release();
			} catch (error) {
				throw notWritable(paths.file, error);
			}
		},
		async withLock<T>(task: () => Promise<T>, lockOptions?: Parameters<ConnectionStore['withLock']>[1]): Promise<T> {
			securePaths(paths);
			return withFileLock(paths.lock, async () => {
				removeOrphans(paths);
				completeRecoveries();
				return task();
			}, lockOptions);
		},
	};
}

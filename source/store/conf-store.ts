import type Conf from 'conf';
import {configPaths, resolveConfigDir} from './config-location.js';
import {readConfigFile} from './config-file.js';
import {parseConfig, type ConfigData, type ProfileData} from './config-shape.js';
import {allSlots, keyOfSlot, slotOf} from './connection-key.js';
import {ensurePrivateDir, ensurePrivateFile} from './file-modes.js';
import {holdsLock, withFileLock} from './lock.js';
import {removeOrphans} from './orphans.js';
import {notWritable} from './store-errors.js';
import type {Connection, ConnectionKey, ConnectionStore, LockOptions, StoredConnection} from './types.js';

export type OpenStoreOptions = {
	/** Config folder. @default resolveConfigDir(env) */
	readonly configDir?: string;
	/** @default process.env */
	readonly env?: NodeJS.ProcessEnv;
	/** Clock for the names of moved-aside files. @default Date.now */
	readonly now?: () => number;
};

// conf (and ajv under it) is loaded by the first withLock, never by a read:
// `mkt-wizard token` with a valid token reads the file and exits without it.
let confClass: typeof Conf | undefined;

async function loadConf(): Promise<typeof Conf> {
	confClass ??= (await import('conf')).default;
	return confClass;
}

function forgivingParse(text: string): ConfigData {
	try {
		return JSON.parse(text.replace(/^\uFEFF/, '')) as ConfigData;
	} catch {
		return {} as ConfigData;
	}
}

/**
 * The config store. Opening it touches nothing on disk; reads go to the file
 * every time; writes (only inside withLock) create the folder 0700 and the
 * file 0600 and replace the file atomically through conf.
 */
export function openStore(options: OpenStoreOptions = {}): ConnectionStore {
	const paths = configPaths(options.configDir ?? resolveConfigDir(options.env ?? process.env));
	const now = options.now ?? Date.now;
	let conf: Conf<ConfigData> | undefined;

	const read = (): ConfigData => readConfigFile(paths.file, now());

	const write = (data: ConfigData): void => {
		const text = JSON.stringify(data);
		const check = parseConfig(text);
		if (!check.ok) {
			// Never write what the next read would move aside as corrupt.
			throw new Error(`Refusing to save a config that ${check.problem}.`);
		}

		ensurePrivateDir(paths.dir, paths.file);
		ensurePrivateFile(paths.file);
		try {
			conf ??= new confClass!<ConfigData>({
				projectName: 'mkt-wizard',
				cwd: paths.dir,
				configName: 'config',
				configFileMode: 0o600,
				clearInvalidConfig: false,
				// conf reads the file on its own (when constructed, and before each write). Those reads
				// decide nothing here — readConfigFile did, just before — so they must not throw on a BOM.
				deserialize: forgivingParse,
			});
			conf.store = JSON.parse(text) as ConfigData;
		} catch (error) {
			throw notWritable(paths.file, error);
		}
	};

	const requireLock = (operation: string): void => {
		if (!holdsLock(paths.lock) || !confClass) {
			throw new Error(`ConnectionStore.${operation}() must run inside store.withLock(), so parallel processes never lose each other's updates.`);
		}
	};

	const update: ConnectionStore['update'] = (key, change) => {
		requireLock('update');
		const data = read();
		const slot = slotOf(key);
		const profile: ProfileData | undefined = data.profiles[key.profile];
		const current = profile?.[slot];
		const next = change(current);
		if (next === undefined) {
			if (current !== undefined) {
				delete profile![slot];
				if (Object.keys(profile!).length === 0) {
					delete data.profiles[key.profile];
				}

				write(data);
			}

			return undefined;
		}

		if (next.provider !== key.provider || (next.environment ?? key.environment) !== key.environment) {
			throw new Error(`A ${next.provider} ${next.environment} connection cannot be saved as ${key.provider} ${key.environment}.`);
		}

		data.profiles[key.profile] = Object.assign(profile ?? Object.create(null) as ProfileData, {[slot]: next});
		write(data);
		return next;
	};

	return {
		path: paths.file,
		get(key: ConnectionKey): Connection | undefined {
			return read().profiles[key.profile]?.[slotOf(key)];
		},
		list(): StoredConnection[] {
			const {profiles} = read();
			const names = Object.keys(profiles).sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
			return names.flatMap(profile => allSlots().flatMap(slot => {
				const connection = profiles[profile]![slot];
				return connection ? [{key: keyOfSlot(profile, slot), connection}] : [];
			}));
		},
		update,
		remove(key: ConnectionKey): boolean {
			requireLock('remove');
			let existed = false;
			update(key, current => {
				existed = current !== undefined;
				return undefined;
			});
			return existed;
		},
		async withLock<T>(task: () => Promise<T>, lockOptions?: LockOptions): Promise<T> {
			ensurePrivateDir(paths.dir, paths.file);
			ensurePrivateFile(paths.file);
			await loadConf();
			return withFileLock(paths.lock, async () => {
				removeOrphans(paths);
				return task();
			}, lockOptions);
		},
	};
}

import {UsageError} from '../errors.js';
import {resolveConfigDir} from './config-location.js';
import {openStore} from './file-store.js';
import type {ConnectionStore} from './types.js';

export type ChooseStoreOptions = {
	/** @default process.env */
	readonly env?: NodeJS.ProcessEnv;
	/** This machine's config folder. @default resolveConfigDir(env) */
	readonly configDir?: string;
	/** The store to use instead of MKT_WIZARD_STORE (`store copy --to/--from`). */
	readonly url?: string;
	/** For commands that only look (status, doctor): the config file is never moved aside or rewritten. */
	readonly readOnly?: boolean;
};

/** MKT_WIZARD_STORE, when it names a store other than the config file. */
export function storeUrlOf(env: NodeJS.ProcessEnv): string | undefined {
	const value = env.MKT_WIZARD_STORE?.trim();
	return value === undefined || value === '' ? undefined : value;
}

export function isPostgresUrl(value: string): boolean {
	return /^postgres(?:ql)?:\/\//i.test(value);
}

/**
 * The connection store this run uses: PostgreSQL when MKT_WIZARD_STORE is a
 * postgres:// URL (node-postgres is loaded only then), else config.json.
 * Close it with store.close?.() when done.
 */
export async function chooseStore(options: ChooseStoreOptions = {}): Promise<ConnectionStore> {
	const env = options.env ?? process.env;
	const url = options.url ?? storeUrlOf(env);
	const configDir = options.configDir ?? resolveConfigDir(env);
	if (url === undefined) {
		return openStore({configDir, env, ...(options.readOnly ? {readOnly: true} : {})});
	}

	if (!isPostgresUrl(url)) {
		throw new UsageError(
			'MKT_WIZARD_STORE is not a postgres:// or postgresql:// URL.',
			'Set it to postgres://user:password@host:port/database, or unset it to keep connections in the config file.',
		);
	}

	const {openPostgresStoreFromUrl} = await import('./postgres/index.js');
	return openPostgresStoreFromUrl({url, env, configDir});
}

/** Runs `use` with the chosen store and closes it afterwards, whatever happens. */
export async function withChosenStore<T>(options: ChooseStoreOptions, use: (store: ConnectionStore) => Promise<T>): Promise<T> {
	const store = await chooseStore(options);
	try {
		return await use(store);
	} finally {
		await store.close?.();
	}
}

import {randomBytes} from 'node:crypto';
import type {Emulator} from '../../../source/emulator/index.js';
import {withChosenStore} from '../../../source/store/choose-store.js';
import type {Connection, ConnectionKey, ConnectionStore} from '../../../source/store/index.js';
import {testEnv} from '../../helpers/cli.js';
import type {PostgresServer} from '../../helpers/postgres.js';
import {etsyKey, loginEtsy} from '../../reliability/setup.js';

/** A random store key, as `openssl rand -base64 32` makes one. */
export function newStoreKey(): string {
	return randomBytes(32).toString('base64');
}

/** One simulated machine: its own config folder, the shared database and key. */
export type Machine = {
	readonly configDir: string;
	readonly env: NodeJS.ProcessEnv;
};

export function machine(options: {server: PostgresServer; database: string; storeKey: string; configDir: string; emulator?: Emulator; extra?: Record<string, string | undefined>}): Machine {
	return {
		configDir: options.configDir,
		env: testEnv({
			...options.emulator?.env,
			MKT_WIZARD_CONFIG_DIR: options.configDir,
			MKT_WIZARD_STORE: options.server.url(options.database),
			MKT_WIZARD_STORE_KEY: options.storeKey,
			...options.extra,
		}),
	};
}

export async function withStore<T>(on: Machine, use: (store: ConnectionStore) => Promise<T> | T): Promise<T> {
	return withChosenStore({env: on.env}, async store => use(store));
}

/** A real Etsy login against the emulator, saved through `on`'s store. */
export async function loginEtsyInto(on: Machine, emulator: Emulator): Promise<Connection> {
	return withStore(on, async store => loginEtsy({emulator, configDir: on.configDir, store}));
}

export async function savedIn(on: Machine, key: ConnectionKey = etsyKey): Promise<Connection | undefined> {
	return withStore(on, store => store.get(key));
}

/** Makes the saved access token expired with plain SQL: expiry times are readable columns' JSON. */
export async function expireInDatabase(server: PostgresServer, database: string, key: ConnectionKey = etsyKey, grant: 'user' | 'app' = 'user'): Promise<void> {
	await server.sql(database, `UPDATE mkt_wizard_connections SET connection = jsonb_set(connection, '{${grant},token,expiresAt}', to_jsonb(${Date.now() - 1000}::bigint)) WHERE provider = '${key.provider}' AND environment = '${key.environment}' AND profile = '${key.profile}'`);
}

/** Every stored row as text, to compare before and after. */
export async function rowsText(server: PostgresServer, database: string): Promise<string> {
	return server.sql(database, 'SELECT provider, environment, profile, connection::text, updated_at FROM mkt_wizard_connections ORDER BY 1, 2, 3');
}

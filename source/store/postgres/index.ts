// Loaded only when MKT_WIZARD_STORE is a PostgreSQL URL (through import() in ../choose-store.ts),
// so the file store's start-up never initialises node-postgres.
import type {ConnectionStore} from '../types.js';
import {openPostgresStore} from './postgres-store.js';
import {storeKeyFrom} from './seal.js';
import {parseStoreUrl} from './store-url.js';

export {parseStoreUrl} from './store-url.js';
export {minKeyLength} from './seal.js';
export {schemaVersion} from './schema.js';

/** Provider round trips take at most this long (MKT_WIZARD_HTTP_TIMEOUT_MS, as the HTTP client reads it). */
function httpTimeoutMs(env: NodeJS.ProcessEnv): number {
	const value = Number(env.MKT_WIZARD_HTTP_TIMEOUT_MS);
	return Number.isInteger(value) && value > 0 ? value : 15_000;
}

/**
 * The PostgreSQL store named by `url`. A row lock is waited for twice the
 * HTTP time-out: long enough for the holder's own provider round trip.
 */
export async function openPostgresStoreFromUrl(options: {url: string; env: NodeJS.ProcessEnv; configDir: string}): Promise<ConnectionStore> {
	const target = parseStoreUrl(options.url);
	const storeKey = storeKeyFrom(options.env);
	const timeoutMs = httpTimeoutMs(options.env);
	// Connecting gets at least 5 s: a busy server's fork and authentication are no reason to give up.
	return openPostgresStore({target, storeKey, configDir: options.configDir, timeouts: {connectMs: Math.max(timeoutMs, 5000), lockWaitMs: timeoutMs * 2}});
}

import {MktError} from '../../errors.js';
import {loginCommand} from '../../flows/commands-text.js';
import {isProviderId} from '../../providers/index.js';
import {connectionKey, listOrder} from '../connection-key.js';
import type {Connection, ConnectionKey, StoredConnection} from '../types.js';
import type {ConnectionRow} from './schema.js';
import {openConnection, sealConnection} from './sealed-connection.js';
import {wrongKey} from './seal.js';

type Entry = {
	/** The row's jsonb text as last read or written (sealed). */
	text: string;
	opened?: Connection;
};

/** The rows as last read or written, by rowId; each connection opened (unsealed) on first use. */
export type RowCache = {
	/** The AES-256 key of this database's sealed values. */
	readonly cipherKey: Buffer;
	/** `host:port/db`, for messages. */
	readonly label: string;
	readonly entries: Map<string, Entry>;
	readonly keys: Map<string, ConnectionKey>;
};

export function newRowCache(cipherKey: Buffer, label: string): RowCache {
	return {cipherKey, label, entries: new Map(), keys: new Map()};
}

export function rowId(key: ConnectionKey): string {
	return `${key.provider}\u0000${key.environment}\u0000${key.profile}`;
}

/** The row's key; undefined for a row of a provider or environment this version does not know. */
export function keyOfRow(row: ConnectionRow): ConnectionKey | undefined {
	if (!isProviderId(row.provider)) {
		return undefined;
	}

	if (row.environment !== 'production' && row.environment !== 'sandbox') {
		return undefined;
	}

	const key = connectionKey({provider: row.provider, profile: row.profile, environment: row.environment});
	return key.environment === row.environment ? key : undefined;
}

/** Takes `rows` in; with `replaceAll`, they are the only ones afterwards. */
export function loadRows(cache: RowCache, rows: readonly ConnectionRow[], replaceAll = true): void {
	if (replaceAll) {
		cache.entries.clear();
		cache.keys.clear();
	}

	for (const row of rows) {
		const key = keyOfRow(row);
		if (key) {
			cache.entries.set(rowId(key), {text: row.connection});
			cache.keys.set(rowId(key), key);
		}
	}
}

/** The key's connection, unsealed; throws when it cannot be opened (another store key, a damaged row). */
export function openRow(cache: RowCache, key: ConnectionKey): Connection | undefined {
	const entry = cache.entries.get(rowId(key));
	if (!entry) {
		return undefined;
	}

	if (!entry.opened) {
		const result = openConnection(cache.cipherKey, key, JSON.parse(entry.text));
		if (!result.ok) {
			throw result.problem === 'key'
				? wrongKey(cache.label)
				: new MktError('store_corrupt', `The ${key.provider} ${key.environment} connection of profile "${key.profile}" in PostgreSQL at ${cache.label} ${result.detail}.`, `Log in again (\`${loginCommand(key)}\`) to replace it.`);
		}

		entry.opened = result.connection;
	}

	return entry.opened;
}

/** Puts `next` in the cache, sealed; returns the sealed JSON text to write. */
export function sealRow(cache: RowCache, key: ConnectionKey, next: Connection): string {
	const text = JSON.stringify(sealConnection(cache.cipherKey, key, next));
	cache.entries.set(rowId(key), {text, opened: next});
	cache.keys.set(rowId(key), key);
	return text;
}

/** Every connection there is, opened, in the file store's list order. */
export function listRows(cache: RowCache): StoredConnection[] {
	const all = [...cache.keys.entries()].filter(([entryId]) => cache.entries.has(entryId)).map(([, key]) => key);
	all.sort(listOrder());
	return all.flatMap(key => {
		const connection = openRow(cache, key);
		return connection ? [{key, connection}] : [];
	});
}

/** Takes the key's row out of the cache (it is being deleted). */
export function forgetRow(cache: RowCache, key: ConnectionKey): void {
	cache.entries.delete(rowId(key));
}

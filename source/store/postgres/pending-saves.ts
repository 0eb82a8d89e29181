import {createHash} from 'node:crypto';
import fs from '../node-fs.js';
import path from 'node:path';
import {writeFileAtomic} from '../atomic-write.js';
import {ensurePrivateDir} from '../file-modes.js';
import type {ConnectionKey} from '../types.js';

/**
 * A save PostgreSQL did not take (the session was lost after the provider had
 * answered): the connection as it was to be written, its secrets sealed as in
 * the database, and a digest of the row it replaces. The next run writes it if
 * the row is still that one; a row that changed meanwhile wins.
 */
export type PendingSave = {
	readonly key: ConnectionKey;
	/** sha256 of the row's jsonb text when it was locked; null when there was no row. */
	readonly basedOn: string | null;
	/** The sealed connection's JSON text. */
	readonly connection: string | null;
};

type PendingFile = {
	readonly store: string;
	readonly saves: readonly PendingSave[];
};

export function digestOf(text: string | undefined): string | null {
	return text === undefined ? null : createHash('sha256').update(text).digest('hex');
}

/** `pending-postgres-<digest of host:port/db>.json` beside config.json: one file per database. */
export function pendingFile(configDir: string, label: string): string {
	return path.join(configDir, `pending-postgres-${createHash('sha256').update(label).digest('hex').slice(0, 12)}.json`);
}

export function readPending(file: string): PendingSave[] {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		return [];
	}

	try {
		return [...((JSON.parse(text) as PendingFile).saves ?? [])];
	} catch {
		return [];
	}
}

/** Adds `saves` (replacing any for the same connection), written 0600 and atomically. */
export function keepPending(file: string, label: string, saves: readonly PendingSave[]): void {
	const same = (a: ConnectionKey, b: ConnectionKey) => a.provider === b.provider && a.environment === b.environment && a.profile === b.profile;
	const kept = readPending(file).filter(old => !saves.some(save => same(save.key, old.key)));
	writePending(file, label, [...kept, ...saves]);
}

export function writePending(file: string, label: string, saves: readonly PendingSave[]): void {
	if (saves.length === 0) {
		fs.rmSync(file, {force: true});
		return;
	}

	ensurePrivateDir(path.dirname(file), file);
	// A private (0600) temporary file beside it, fsynced, renamed over it; removed when that fails.
	writeFileAtomic(file, `${JSON.stringify({store: label, saves} satisfies PendingFile)}\n`);
}

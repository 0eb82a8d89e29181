import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {isMktError} from '../errors.js';
import {chooseStore, storeUrlOf} from '../store/choose-store.js';
import {resolveConfigDir} from '../store/config-location.js';
import type {Check} from './checks/types.js';
import type {ConfigProbe} from './probes.js';

const title = 'Connection store';

/** Saves a lost database session left on this machine for the next run (see store/postgres/pending-saves.ts). */
function pendingSaves(env: NodeJS.ProcessEnv): string[] {
	try {
		const dir = resolveConfigDir(env);
		return existsSync(dir) ? readdirSync(dir).filter(name => /^pending-postgres-[\da-f]{12}\.json$/.test(name)).map(name => path.join(dir, name)) : [];
	} catch {
		return [];
	}
}

/**
 * With MKT_WIZARD_STORE set, the doctor checks the shared store instead of
 * config.json: reachable, its schema version one this mkt-wizard knows, and
 * every connection opening with MKT_WIZARD_STORE_KEY. Undefined without it.
 */
export async function probeSharedStore(env: NodeJS.ProcessEnv): Promise<ConfigProbe | undefined> {
	if (storeUrlOf(env) === undefined) {
		return undefined;
	}

	const checks: Check[] = [];
	let connections: ConfigProbe['connections'] = [];
	try {
		const store = await chooseStore({env});
		try {
			connections = store.list();
			const {schemaVersion} = await import('../store/postgres/index.js');
			checks.push({
				id: 'store',
				title,
				status: 'ok',
				detail: `${store.location ?? store.path} (MKT_WIZARD_STORE): reachable, schema version ${schemaVersion}, MKT_WIZARD_STORE_KEY opens ${connections.length} connection${connections.length === 1 ? '' : 's'}.`,
			});
		} finally {
			await store.close?.();
		}
	} catch (error) {
		if (!isMktError(error)) {
			throw error;
		}

		checks.push({id: 'store', title, status: 'fail', detail: error.message, fix: error.remedy});
	}

	for (const file of pendingSaves(env)) {
		checks.push({
			id: 'store-pending',
			title: 'Tokens waiting for the store',
			status: 'warn',
			detail: `${file} holds renewed tokens (encrypted) the database did not take.`,
			fix: 'Run `mkt-wizard token <etsy|ebay>` once the database is reachable: it saves them there first.',
		});
	}

	return {checks, connections};
}

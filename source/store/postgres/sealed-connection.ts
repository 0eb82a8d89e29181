import {parseConfig} from '../config-shape.js';
import {slotOf} from '../connection-key.js';
import type {Connection, ConnectionKey, GrantRecord} from '../types.js';
import {isSealed, seal, tryOpen} from './seal.js';

/** Associated data of one secret: the connection's key and the field, so no sealed value can be moved to another. */
export function sealContext(key: ConnectionKey, field: string): string {
	return `mkt-wizard:${key.provider}:${key.environment}:${key.profile}:${field}`;
}

type Secrets = {
	accessToken?: string;
	refreshToken?: string;
};

const grants = ['user', 'app'] as const;

function mapGrant(record: GrantRecord | undefined, grant: string, map: (value: string, field: string) => string): GrantRecord | undefined {
	if (!record) {
		return undefined;
	}

	const token: Secrets & GrantRecord['token'] = {...record.token, accessToken: map(record.token.accessToken, `${grant}.accessToken`)};
	if (record.token.refreshToken !== undefined) {
		token.refreshToken = map(record.token.refreshToken, `${grant}.refreshToken`);
	}

	return {...record, token};
}

function mapSecrets(connection: Connection, map: (value: string, field: string) => string): Connection {
	const mapped: Record<string, unknown> = {...connection};
	if (connection.clientSecret !== undefined) {
		mapped.clientSecret = map(connection.clientSecret, 'clientSecret');
	}

	for (const grant of grants) {
		const record = mapGrant(connection[grant], grant, map);
		if (record) {
			mapped[grant] = record;
		}
	}

	return mapped as Connection;
}

/**
 * The connection as PostgreSQL keeps it: the client secret and every access and
 * refresh token sealed (AES-256-GCM); scopes, expiry times, identity and the
 * client id left readable for `status` and for whoever runs the database.
 */
export function sealConnection(cipherKey: Buffer, key: ConnectionKey, connection: Connection): Connection {
	return mapSecrets(connection, (value, field) => seal(cipherKey, value, sealContext(key, field)));
}

/** The row's problem in words (completes "The … connection in PostgreSQL …"), for a row that is not ours to read. */
export type OpenResult = {readonly ok: true; readonly connection: Connection} | {readonly ok: false; readonly problem: 'key' | 'shape'; readonly detail: string};

/** Enough of a connection's shape to walk its secrets; the full check follows once they are open. */
function looksLikeConnection(value: unknown): value is Connection {
	if (typeof value !== 'object' || value === null) {
		return false;
	}

	const {user, app} = value as Partial<Connection>;
	return [user, app].every(grant => grant === undefined || (typeof grant === 'object' && grant !== null && typeof grant.token === 'object' && grant.token !== null));
}

/** Opens every sealed field; a field that does not open means a wrong key (or a tampered row). */
export function openConnection(cipherKey: Buffer, key: ConnectionKey, stored: unknown): OpenResult {
	let failed: string | undefined;
	if (!looksLikeConnection(stored)) {
		return {ok: false, problem: 'shape', detail: 'is not a connection mkt-wizard wrote'};
	}

	const opened = mapSecrets(stored, (value, field) => {
		if (!isSealed(value)) {
			failed ??= field;
			return value;
		}

		const plain = tryOpen(cipherKey, value, sealContext(key, field));
		if (plain === undefined) {
			failed ??= field;
			return '';
		}

		return plain;
	});
	if (failed) {
		return {ok: false, problem: 'key', detail: failed};
	}

	// The same checks as a connection in config.json gets.
	const check = parseConfig(JSON.stringify({version: 1, profiles: {[key.profile]: {[slotOf(key)]: opened}}}));
	return check.ok ? {ok: true, connection: opened} : {ok: false, problem: 'shape', detail: check.problem.replace(/^has a "[^"]*" \S+ connection that /, '')};
}

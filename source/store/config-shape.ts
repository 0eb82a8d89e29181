import {isJsonObject} from '../guards.js';
import {allSlots, keyOfSlot, type Slot} from './connection-key.js';
import type {Connection, DamagedConnection} from './types.js';

/** One profile as saved: a connection per slot. Unknown keys are kept as they are. */
export type ProfileData = Partial<Record<Slot, Connection>> & Record<string, unknown>;

/** config.json: `{"version": 1, "profiles": {"<profile>": {"etsy": …, "ebay-production": …, "ebay-sandbox": …}}}`. */
export type ConfigData = {
	version: 1;
	profiles: Record<string, ProfileData>;
	[other: string]: unknown;
};

export type ParsedConfig =
	/** `damaged` lists the connections that cannot be used; they stay in `data` as they were, so a save keeps them. */
	| {readonly ok: true; readonly data: ConfigData; readonly damaged: readonly DamagedConnection[]}
	/** `problem` completes "The config file at <path> …"; it never quotes the file's values. */
	| {readonly ok: false; readonly problem: string; readonly newerVersion?: number};

export function emptyConfig(): ConfigData {
	return {version: 1, profiles: {}};
}

/** Epoch milliseconds that `new Date()` accepts (±8.64e15): 1e400, NaN and "never" are not times. */
export function isTime(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e15;
}

function isOptional(value: unknown, check: (value: unknown) => boolean): boolean {
	return value === undefined || check(value);
}

const isString = (value: unknown): value is string => typeof value === 'string';

function tokenProblem(token: unknown): string | undefined {
	if (!isJsonObject(token) || !isString(token.accessToken) || !isTime(token.expiresAt)) {
		return 'has no access token with an expiry';
	}

	if (!isOptional(token.tokenType, isString) || !isOptional(token.refreshToken, isString)) {
		return 'has a token type or refresh token that is not text';
	}

	if (!isOptional(token.refreshExpiresAt, isTime) || !isOptional(token.obtainedAt, isTime)) {
		return 'has a refresh expiry or issue time that is not a time';
	}

	return undefined;
}

function grantProblem(grant: unknown): string | undefined {
	if (!isJsonObject(grant)) {
		return 'is not an object';
	}

	if (!Array.isArray(grant.scopes) || !grant.scopes.every(scope => isString(scope))) {
		return 'has no list of scopes';
	}

	const problem = tokenProblem(grant.token);
	if (problem) {
		return problem;
	}

	const {identity} = grant;
	if (identity !== undefined && (!isJsonObject(identity) || !isString(identity.userId)
		|| !isOptional(identity.username, isString) || !isOptional(identity.shopId, isString))) {
		return 'has an identity whose ids are not text';
	}

	return isTime(grant.verifiedAt) ? undefined : 'has no verification time';
}

/** Why a connection cannot be used as saved, or undefined when every value has its type. */
export function connectionProblem(slot: Slot, connection: unknown): string | undefined {
	const expected = keyOfSlot('', slot);
	if (!isJsonObject(connection)) {
		return 'is not an object';
	}

	if (connection.provider !== expected.provider) {
		return `does not have provider "${expected.provider}"`;
	}

	if (!isString(connection.clientId)) {
		return 'has no client id';
	}

	if (connection.environment !== undefined && connection.environment !== expected.environment) {
		return `does not have environment "${expected.environment}"`;
	}

	if (!isOptional(connection.clientSecret, isString) || !isOptional(connection.redirect, isString)) {
		return 'has a client secret or redirect that is not text';
	}

	if (!isOptional(connection.updatedAt, isTime)) {
		return 'has an update time that is not a time';
	}

	for (const grant of ['user', 'app'] as const) {
		if (connection[grant] !== undefined) {
			const problem = grantProblem(connection[grant]);
			if (problem) {
				return `has a ${grant} grant that ${problem}`;
			}
		}
	}

	return undefined;
}

/** Parses and checks config.json's text; never throws. A damaged connection does not make the file unusable. */
export function parseConfig(text: string): ParsedConfig {
	const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
	if (body.trim() === '') {
		return {ok: false, problem: 'is empty'};
	}

	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch {
		return {ok: false, problem: 'is not valid JSON'};
	}

	if (!isJsonObject(value)) {
		return {ok: false, problem: 'does not hold a JSON object'};
	}

	if (value.version !== 1) {
		const newer = typeof value.version === 'number' && Number.isInteger(value.version) && value.version > 1;
		return newer
			? {ok: false, problem: `was written by a newer mkt-wizard (format version ${value.version as number})`, newerVersion: value.version as number}
			: {ok: false, problem: 'does not have format version 1'};
	}

	const profiles = value.profiles ?? {};
	if (!isJsonObject(profiles)) {
		return {ok: false, problem: 'has "profiles" that is not an object'};
	}

	const damaged: DamagedConnection[] = [];
	for (const [profile, entry] of Object.entries(profiles)) {
		if (!isJsonObject(entry)) {
			damaged.push({profile, problem: 'is not an object'});
			continue;
		}

		for (const slot of allSlots()) {
			if (entry[slot] !== undefined) {
				const problem = connectionProblem(slot, entry[slot]);
				if (problem) {
					damaged.push({profile, key: keyOfSlot(profile, slot), problem});
				}
			}
		}
	}

	return {ok: true, data: {...value, version: 1, profiles: profiles as Record<string, ProfileData>}, damaged};
}

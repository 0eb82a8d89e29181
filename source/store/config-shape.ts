import {allSlots, keyOfSlot, type Slot} from './connection-key.js';
import type {Connection} from './types.js';

/** One profile as saved: a connection per slot. Unknown keys are kept as they are. */
export type ProfileData = Partial<Record<Slot, Connection>> & Record<string, unknown>;

/** config.json: `{"version": 1, "profiles": {"<profile>": {"etsy": …, "ebay-production": …, "ebay-sandbox": …}}}`. */
export type ConfigData = {
	version: 1;
	profiles: Record<string, ProfileData>;
	[other: string]: unknown;
};

export type ParsedConfig =
	| {readonly ok: true; readonly data: ConfigData}
	/** `problem` completes "The config file at <path> …"; it never quotes the file's values. */
	| {readonly ok: false; readonly problem: string; readonly newerVersion?: number};

export function emptyConfig(): ConfigData {
	return {version: 1, profiles: {}};
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function grantProblem(grant: unknown): string | undefined {
	if (!isObject(grant)) {
		return 'is not an object';
	}

	if (!Array.isArray(grant.scopes) || !grant.scopes.every(scope => typeof scope === 'string')) {
		return 'has no list of scopes';
	}

	const {token} = grant;
	if (!isObject(token) || typeof token.accessToken !== 'string' || typeof token.expiresAt !== 'number') {
		return 'has no access token with an expiry';
	}

	return undefined;
}

function connectionProblem(slot: Slot, connection: unknown): string | undefined {
	const expected = keyOfSlot('', slot);
	if (!isObject(connection)) {
		return 'is not an object';
	}

	if (connection.provider !== expected.provider) {
		return `does not have provider "${expected.provider}"`;
	}

	if (typeof connection.clientId !== 'string') {
		return 'has no client id';
	}

	if (connection.environment !== undefined && connection.environment !== expected.environment) {
		return `does not have environment "${expected.environment}"`;
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

/** Parses and checks config.json's text; never throws. */
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

	if (!isObject(value)) {
		return {ok: false, problem: 'does not hold a JSON object'};
	}

	if (value.version !== 1) {
		const newer = typeof value.version === 'number' && Number.isInteger(value.version) && value.version > 1;
		return newer
			? {ok: false, problem: `was written by a newer mkt-wizard (format version ${value.version as number})`, newerVersion: value.version as number}
			: {ok: false, problem: 'does not have format version 1'};
	}

	const profiles = value.profiles ?? {};
	if (!isObject(profiles)) {
		return {ok: false, problem: 'has "profiles" that is not an object'};
	}

	for (const [profile, entry] of Object.entries(profiles)) {
		if (!isObject(entry)) {
			return {ok: false, problem: `has profile "${profile}" that is not an object`};
		}

		for (const slot of allSlots()) {
			if (entry[slot] !== undefined) {
				const problem = connectionProblem(slot, entry[slot]);
				if (problem) {
					return {ok: false, problem: `has a "${profile}" ${slot} connection that ${problem}`};
				}
			}
		}
	}

	return {ok: true, data: {...value, version: 1, profiles: profiles as Record<string, ProfileData>}};
}

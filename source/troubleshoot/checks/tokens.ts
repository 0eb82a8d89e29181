import {formatRelative} from '../../time.js';
import {loginCommand} from '../../flows/commands-text.js';
import {getProvider, namesEnvironment} from '../../providers/index.js';
import type {GrantKind} from '../../providers/types.js';
import type {ConnectionKey, GrantRecord, StoredConnection} from '../../store/types.js';
import type {Check} from './types.js';

/** An access token with less than this left is "expiring soon". */
export const expiringSoonMs = 5 * 60_000;
/** A refresh token with less than this left should be renewed by logging in again. */
export const refreshWarningMs = 7 * 24 * 60 * 60_000;

function connectionTitle(key: ConnectionKey): string {
	const provider = getProvider(key.provider);
	const environment = namesEnvironment(key.provider) ? ` ${key.environment}` : '';
	return `${provider.displayName}${environment} · ${key.profile}`;
}

function accessText(expiresAt: number, now: number): string {
	const left = expiresAt - now;
	if (left <= 0) {
		return `access token expired ${formatRelative(left)}`;
	}

	return left < expiringSoonMs ? `access token expiring soon (${formatRelative(left)})` : `access token valid, expires ${formatRelative(left)}`;
}

/** One grant of one saved connection: valid, expiring, renewable, or in need of a new login. */
export function grantCheck(input: {key: ConnectionKey; grant: GrantKind; record: GrantRecord; now: number}): Check {
	const {key, grant, record, now} = input;
	const {token} = record;
	const base = {
		id: `token:${key.provider}:${key.profile}:${key.environment}:${grant}`,
		title: `${connectionTitle(key)} · ${grant === 'app' ? 'app token' : 'user token'}`,
	};
	const access = accessText(token.expiresAt, now);
	const accessExpired = token.expiresAt <= now;
	const age = `obtained ${formatRelative(token.obtainedAt - now)}`;
	const relogin = loginCommand(key, grant);

	if (grant === 'app') {
		return {...base, status: 'ok', detail: accessExpired ? `${access}; a new one is minted on next use.` : `${access}.`};
	}

	if (token.refreshToken === undefined) {
		return accessExpired
			? {...base, status: 'fail', detail: `${access} and there is no refresh token (${age}).`, fix: relogin}
			: {...base, status: 'ok', detail: `${access}; no refresh token, so log in again once it expires.`};
	}

	const refreshExpiresAt = token.refreshExpiresAt;
	if (refreshExpiresAt !== undefined && refreshExpiresAt <= now) {
		return {...base, status: 'fail', detail: `${access}; refresh token expired ${formatRelative(refreshExpiresAt - now)} (${age}).`, fix: relogin};
	}

	const renews = accessExpired || token.expiresAt - now < expiringSoonMs ? '; renews on next use' : '';
	if (refreshExpiresAt !== undefined && refreshExpiresAt - now < refreshWarningMs) {
		return {
			...base,
			status: 'warn',
			detail: `${access}${renews}; refresh token expires ${formatRelative(refreshExpiresAt - now)} (${age}).`,
			fix: `Log in again before it lapses: ${relogin}`,
		};
	}

	const refresh = refreshExpiresAt === undefined ? 'refresh token saved' : `refresh token expires ${formatRelative(refreshExpiresAt - now)}`;
	return {...base, status: 'ok', detail: `${access}${renews}; ${refresh}.`};
}

export function tokenChecks(connections: readonly StoredConnection[], now: number): Check[] {
	const checks: Check[] = [];
	for (const {key, connection} of connections) {
		const grants = (['user', 'app'] as const).filter(grant => connection[grant] !== undefined);
		if (grants.length === 0) {
			checks.push({
				id: `token:${key.provider}:${key.profile}:${key.environment}`,
				title: connectionTitle(key),
				status: 'skip',
				detail: 'Credentials saved, no tokens (logged out).',
			});
		}

		for (const grant of grants) {
			checks.push(grantCheck({key, grant, record: connection[grant]!, now}));
		}
	}

	return checks;
}

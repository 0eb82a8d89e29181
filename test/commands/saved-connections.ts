// Saved connections for the command table tests: one Etsy and one eBay login at a fixed time.
import {connectionKey} from '../../source/store/index.js';
import type {Connection, GrantRecord, StoredConnection, TokenSet} from '../../source/store/types.js';

export const now = Date.parse('2026-03-01T12:00:00Z');
export const minute = 60_000;
export const day = 24 * 60 * minute;

export const etsyKey = connectionKey({provider: 'etsy'});
export const ebayKey = connectionKey({provider: 'ebay'});

export function grant(token: Partial<TokenSet> & {readonly expiresAt: number}, scopes: readonly string[] = ['shops_r', 'listings_r']): GrantRecord {
	return {
		scopes,
		token: {accessToken: '12345678.access-1', tokenType: 'Bearer', obtainedAt: now - (30 * minute), ...token},
		identity: {userId: '12345678', shopId: '555'},
		verifiedAt: now - (30 * minute),
	};
}

/** An Etsy login whose access token has 50 minutes left and whose refresh token has 80 days; a change to undefined leaves the field out. */
export function etsyConnection(changes: Partial<Connection> = {}): Connection {
	const connection: Connection = {
		provider: 'etsy',
		environment: 'production',
		clientId: 'keystring1',
		clientSecret: 'shared-secret-1',
		redirect: 'http://localhost:3000/callback',
		user: grant({expiresAt: now + (50 * minute), refreshToken: '12345678.refresh-1', refreshExpiresAt: now + (80 * day)}),
		updatedAt: now - (30 * minute),
		...changes,
	};
	return Object.fromEntries(Object.entries(connection).filter(([, value]) => value !== undefined)) as Connection;
}

export function savedEtsy(changes: Partial<Connection> = {}, profile = 'default'): StoredConnection {
	return {key: connectionKey({provider: 'etsy', profile}), connection: etsyConnection(changes)};
}

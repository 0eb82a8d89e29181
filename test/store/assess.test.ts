import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {assessGrant, connectionKey, maskSecret, type GrantRecord, type SessionState} from '../../source/store/index.js';

const now = Date.UTC(2026, 0, 1);
const minute = 60_000;

function grant(token: {expiresAt: number; refreshToken?: string; refreshExpiresAt?: number}): GrantRecord {
	return {scopes: ['shops_r'], token: {accessToken: '1.access', tokenType: 'Bearer', obtainedAt: now - minute, ...token}, verifiedAt: now - minute};
}

describe('assessGrant', () => {
	const rows: Array<{name: string; record: GrantRecord | undefined; minValidSeconds?: number; want: SessionState}> = [
		{name: 'nothing saved', record: undefined, want: 'none'},
		{name: 'an hour left', record: grant({expiresAt: now + (60 * minute)}), want: 'valid'},
		{name: 'exactly the default 5 minutes left', record: grant({expiresAt: now + (5 * minute)}), want: 'valid'},
		{name: '4 minutes left with a refresh token', record: grant({expiresAt: now + (4 * minute), refreshToken: '1.refresh'}), want: 'refresh'},
		{name: '4 minutes left, asked for 0 seconds', record: grant({expiresAt: now + (4 * minute)}), minValidSeconds: 0, want: 'valid'},
		{name: '4 minutes left, asked for 10 minutes', record: grant({expiresAt: now + (4 * minute), refreshToken: 'r'}), minValidSeconds: 600, want: 'refresh'},
		{name: 'expired, refresh token with unknown expiry', record: grant({expiresAt: now - minute, refreshToken: '1.refresh'}), want: 'refresh'},
		{name: 'expired, refresh token valid for a day', record: grant({expiresAt: now - minute, refreshToken: '1.refresh', refreshExpiresAt: now + (1440 * minute)}), want: 'refresh'},
		{name: 'expired, refresh token expired', record: grant({expiresAt: now - minute, refreshToken: '1.refresh', refreshExpiresAt: now - 1}), want: 'expired-refresh'},
		{name: 'expired, refresh token expiring this very moment', record: grant({expiresAt: now - minute, refreshToken: '1.refresh', refreshExpiresAt: now}), want: 'expired-refresh'},
		{name: 'expired, no refresh token (application token)', record: grant({expiresAt: now - minute}), want: 'expired-refresh'},
		{name: 'expired, empty refresh token', record: grant({expiresAt: now - minute, refreshToken: ''}), want: 'expired-refresh'},
		{name: 'still valid though the refresh token expired', record: grant({expiresAt: now + (60 * minute), refreshToken: 'r', refreshExpiresAt: now - 1}), want: 'valid'},
	];
	for (const row of rows) {
		test(`${row.name} → ${row.want}`, () => {
			assert.equal(assessGrant(row.record, now, row.minValidSeconds), row.want);
		});
	}
});

describe('maskSecret', () => {
	test('shows four dots and the last four characters of a long secret', () => {
		assert.equal(maskSecret('s3cr3t-value-1a2b'), '••••1a2b');
		assert.equal(maskSecret('123456789'), '••••6789');
	});

	test('shows only the dots for 8 characters or fewer', () => {
		assert.equal(maskSecret('12345678'), '••••');
		assert.equal(maskSecret('abc'), '••••');
		assert.equal(maskSecret(''), '••••');
	});

	test('is empty for a missing secret', () => {
		assert.equal(maskSecret(undefined), '');
	});
});

describe('connectionKey', () => {
	test('fills profile default and production', () => {
		assert.deepEqual(connectionKey({provider: 'ebay'}), {provider: 'ebay', profile: 'default', environment: 'production'});
		assert.deepEqual(connectionKey({provider: 'ebay', profile: 'shop-2', environment: 'sandbox'}), {provider: 'ebay', profile: 'shop-2', environment: 'sandbox'});
	});

	test('Etsy is always production', () => {
		assert.deepEqual(connectionKey({provider: 'etsy', environment: 'sandbox'}), {provider: 'etsy', profile: 'default', environment: 'production'});
	});
});

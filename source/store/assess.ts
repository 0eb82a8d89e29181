import type {GrantRecord} from './types.js';

/**
 * `valid`: the access token has at least `minValidSeconds` left.
 * `refresh`: it needs renewing and a usable refresh token exists (expiry in the future or unknown).
 * `expired-refresh`: it needs renewing and the refresh token is absent or past its expiry.
 * `none`: nothing saved.
 */
export type SessionState = 'valid' | 'refresh' | 'expired-refresh' | 'none';

export function assessGrant(grant: GrantRecord | undefined, now: number, minValidSeconds = 300): SessionState {
	if (!grant) {
		return 'none';
	}

	const {token} = grant;
	if (token.expiresAt - now >= minValidSeconds * 1000) {
		return 'valid';
	}

	const refreshUsable = token.refreshToken !== undefined && token.refreshToken !== ''
		&& (token.refreshExpiresAt === undefined || token.refreshExpiresAt > now);
	return refreshUsable ? 'refresh' : 'expired-refresh';
}

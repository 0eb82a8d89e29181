import type {EmulatorContext} from '../context.js';
import {etsyFacts} from '../tables.js';
import type {EtsyApp, EtsyUser} from '../types.js';

/** An authorize request waiting for the user's Allow or Deny. */
export type EtsyPendingConsent = {
	app: EtsyApp;
	redirectUri: string;
	state: string;
	scopes: string[];
	codeChallenge: string;
	/** Set by a wrong-path fault: where Allow sends the browser instead. */
	wrongPath: string | undefined;
	expiresAt: number;
};

export type EtsyCode = {
	clientId: string;
	redirectUri: string;
	scopes: string[];
	codeChallenge: string;
	userId: number;
	expiresAt: number;
	used: boolean;
};

export type EtsyGrantToken = {
	clientId: string;
	userId: number;
	scopes: string[];
	expiresAt: number;
};

export type EtsyRefreshToken = EtsyGrantToken & {
	/** Spent by a refresh (Etsy rotates refresh tokens). */
	revoked: boolean;
};

export type EtsyState = EmulatorContext & {
	apps: Map<string, EtsyApp>;
	user: EtsyUser;
	accessTokenTtlSeconds: number;
	consents: Map<string, EtsyPendingConsent>;
	codes: Map<string, EtsyCode>;
	accessTokens: Map<string, EtsyGrantToken>;
	refreshTokens: Map<string, EtsyRefreshToken>;
};

export const etsyRefreshTokenLifetimeSeconds = etsyFacts.refreshTokenLifetimeSeconds;

export function createEtsyState({context, apps, user, accessTokenTtlSeconds}: {
	context: EmulatorContext;
	apps: EtsyApp[];
	user: EtsyUser;
	accessTokenTtlSeconds: number;
}): EtsyState {
	return {
		...context,
		apps: new Map(apps.map(app => [app.keystring, app])),
		user,
		accessTokenTtlSeconds,
		consents: new Map(),
		codes: new Map(),
		accessTokens: new Map(),
		refreshTokens: new Map(),
	};
}

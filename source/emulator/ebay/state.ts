import type {EmulatorContext} from '../context.js';
import {ebayFacts} from '../tables.js';
import type {EbayApp, EbayRuName, EbayUser} from '../types.js';

/** A consent request waiting for the user's Agree or Deny. */
export type EbayPendingConsent = {
	app: EbayApp;
	ruName: EbayRuName;
	state: string | undefined;
	scopes: string[];
	/** Set by a wrong-path fault: where Agree sends the browser instead. */
	wrongPath: string | undefined;
	expiresAt: number;
};

export type EbayCode = {
	clientId: string;
	ruName: string;
	scopes: string[];
	expiresAt: number;
	used: boolean;
};

export type EbayAccessToken = {
	clientId: string;
	/** Application tokens (client credentials) carry no user. */
	kind: 'user' | 'application';
	scopes: string[];
	expiresAt: number;
};

export type EbayRefreshToken = {
	clientId: string;
	/** The consented scopes; a refresh may ask for these or fewer. */
	scopes: string[];
	expiresAt: number;
};

export type EbayState = EmulatorContext & {
	apps: Map<string, EbayApp>;
	user: EbayUser;
	accessTokenTtlSeconds: number;
	consents: Map<string, EbayPendingConsent>;
	codes: Map<string, EbayCode>;
	accessTokens: Map<string, EbayAccessToken>;
	refreshTokens: Map<string, EbayRefreshToken>;
};

/** 47,304,000 s ≈ 18 months, as eBay's token response says; it does not roll forward on refresh. */
export const ebayRefreshTokenLifetimeSeconds = ebayFacts.refreshTokenLifetimeSeconds;

export function createEbayState({context, apps, user, accessTokenTtlSeconds}: {
	context: EmulatorContext;
	apps: EbayApp[];
	user: EbayUser;
	accessTokenTtlSeconds: number;
}): EbayState {
	return {
		...context,
		apps: new Map(apps.map(app => [app.clientId, app])),
		user,
		accessTokenTtlSeconds,
		consents: new Map(),
		codes: new Map(),
		accessTokens: new Map(),
		refreshTokens: new Map(),
	};
}

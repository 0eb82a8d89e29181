import type {FaultController} from './faults.js';
import type {EmulatorStats} from './stats.js';

export type EtsyApp = {
	/** The OAuth client_id: 24 lowercase letters and digits. */
	keystring: string;
	sharedSecret: string;
	name: string;
	/** Callback URLs registered for the app, matched character for character. */
	redirectUris: string[];
};

export type EbayRuName = {
	ruName: string;
	/** Where eBay sends the browser after "Agree". `{emulator}` is replaced by the emulator's URL at start. */
	acceptUrl: string;
	/** Where eBay sends the browser after "Deny". `{emulator}` is replaced by the emulator's URL at start. */
	declineUrl: string;
};

export type EbayApp = {
	clientId: string;
	clientSecret: string;
	name: string;
	environment: 'production' | 'sandbox';
	ruNames: EbayRuName[];
	/** The OAuth scopes granted to this keyset. */
	scopes: string[];
};

export type EtsyUser = {userId: number; shopId: number; loginName: string};

export type EbayUser = {
	userId: string;
	username: string;
	accountType: string;
	registrationMarketplaceId: string;
	status: string;
};

export type EmulatorOptions = {
	/** Loopback port to listen on; 0 picks a free one. @default 0 */
	port?: number;
	/** @default [demo.etsy] */
	etsyApps?: EtsyApp[];
	/** @default [demo.ebay.production, demo.ebay.sandbox] */
	ebayApps?: EbayApp[];
	/** Access-token lifetimes. @default {etsy: 3600, ebay: 7200} */
	accessTokenTtlSeconds?: {etsy?: number; ebay?: number};
	/** Authorization-code lifetime. @default 300 */
	codeTtlSeconds?: number;
	/** The emulator's clock in epoch milliseconds, so tests can move time. @default Date.now */
	now?: () => number;
};

/** What the browser gets back: `location` is where it is redirected, if anywhere. */
export type ApproveResult = {status: number; location?: string; body: string};

export type Emulator = {
	/** `http://127.0.0.1:PORT` */
	url: string;
	/** The MKT_WIZARD_* endpoint overrides pointing at this emulator. */
	env: Record<string, string>;
	faults: FaultController;
	stats(): EmulatorStats;
	/** Does what a user's click on Allow (or Deny) on the consent page does. */
	approve(authorizeUrl: string, options?: {deny?: boolean}): Promise<ApproveResult>;
	/** Closes the server and every open socket. */
	close(): Promise<void>;
};

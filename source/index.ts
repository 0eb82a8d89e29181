import {ensureAccessToken, type AccessTokenDeps, type AccessTokenOptions} from './flows/access-token.js';
import {authHeaders} from './flows/auth-headers.js';
import type {Environment, GrantKind, ProviderId} from './providers/types.js';
import {withChosenStore} from './store/choose-store.js';
import {connectionKey} from './store/index.js';

export {MktError, UsageError, isMktError} from './errors.js';
export type {Environment, GrantKind, ProviderId} from './providers/types.js';

export type GetAccessTokenOptions = {
	/** Saved profile. @default 'default' */
	readonly profile?: string;
	/** eBay environment. @default 'production' */
	readonly environment?: Environment;
	/** eBay: the user token (consent) or the application token (client credentials). @default the user token; with only an application token saved, rejects (code `grant_required`) until `'app'` is asked for */
	readonly grant?: GrantKind;
	/** Renew the token when fewer seconds than this remain. @default 300 */
	readonly minValidSeconds?: number;
	/** Config folder. @default MKT_WIZARD_CONFIG_DIR, else the per-user config folder */
	readonly configDir?: string;
};

function accessTokenRequest(provider: ProviderId, options: GetAccessTokenOptions): AccessTokenOptions {
	return {
		key: connectionKey({provider, ...(options.profile ? {profile: options.profile} : {}), ...(options.environment ? {environment: options.environment} : {})}),
		...(options.grant ? {grant: options.grant} : {}),
		...(options.minValidSeconds === undefined ? {} : {minValidSeconds: options.minValidSeconds}),
	};
}

async function withTokenDeps<T>(options: GetAccessTokenOptions, use: (deps: AccessTokenDeps) => Promise<T>): Promise<T> {
	return withChosenStore(options.configDir ? {configDir: options.configDir} : {}, async store => use({
		store,
		http: async () => (await import('./oauth/http.js')).createHttpClient({env: process.env}),
		now: Date.now,
		env: process.env,
	}));
}

/**
 * A valid access token for a connection saved by `mkt-wizard login`,
 * refreshed or minted when needed. Parallel callers, in one process or many,
 * renew once. Rejects with an MktError whose `remedy` names the command that fixes it.
 * With MKT_WIZARD_STORE set to a postgres:// URL the connection is read and
 * renewed in that database, once for every machine (readme: "Several machines").
 *
 * @example
 * const token = await getAccessToken('ebay', {environment: 'sandbox'});
 * await fetch(url, {headers: {authorization: `Bearer ${token}`}});
 */
export async function getAccessToken(provider: ProviderId, options: GetAccessTokenOptions = {}): Promise<string> {
	const token = await withTokenDeps(options, async deps => ensureAccessToken(accessTokenRequest(provider, options), deps));
	return token.accessToken;
}

/**
 * Every header a request to the marketplace's API needs, from the saved login: `Authorization`
 * with a valid access token (as getAccessToken), and for Etsy `x-api-key` with the saved
 * keystring and shared secret, so a script needs no credentials of its own.
 *
 * @example
 * const response = await fetch('https://api.etsy.com/v3/application/users/me', {headers: await getAuthHeaders('etsy')});
 */
export async function getAuthHeaders(provider: ProviderId, options: GetAccessTokenOptions = {}): Promise<Record<string, string>> {
	const request = accessTokenRequest(provider, options);
	return withTokenDeps(options, async deps => {
		const token = await ensureAccessToken(request, deps);
		return authHeaders(request.key, token.accessToken, token.credentials);
	});
}

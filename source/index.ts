import {ensureAccessToken} from './flows/access-token.js';
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
	/** eBay: the user token (consent) or the application token (client credentials). @default the user token when one is saved */
	readonly grant?: GrantKind;
	/** Renew the token when fewer seconds than this remain. @default 300 */
	readonly minValidSeconds?: number;
	/** Config folder. @default MKT_WIZARD_CONFIG_DIR, else the per-user config folder */
	readonly configDir?: string;
};

/**
 * A valid access token for a connection saved by `mkt-wizard login`,
 * refreshed or minted when needed. Parallel callers, in one process or many,
 * renew once. Rejects with an MktError whose `remedy` names the command that fixes it.
 *
 * @example
 * const token = await getAccessToken('etsy');
 * await fetch(url, {headers: {authorization: `Bearer ${token}`, 'x-api-key': `${key}:${secret}`}});
 */
export async function getAccessToken(provider: ProviderId, options: GetAccessTokenOptions = {}): Promise<string> {
	const key = connectionKey({provider, ...(options.profile ? {profile: options.profile} : {}), ...(options.environment ? {environment: options.environment} : {})});
	const token = await withChosenStore(options.configDir ? {configDir: options.configDir} : {}, async store => ensureAccessToken({
		key,
		...(options.grant ? {grant: options.grant} : {}),
		...(options.minValidSeconds === undefined ? {} : {minValidSeconds: options.minValidSeconds}),
	}, {
		store,
		http: async () => (await import('./oauth/http.js')).createHttpClient({env: process.env}),
		now: Date.now,
		env: process.env,
	}));
	return token.accessToken;
}

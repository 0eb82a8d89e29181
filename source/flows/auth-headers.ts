import {MktError} from '../errors.js';
import {apiKeyHeaders} from '../oauth/token-client.js';
import {getProvider} from '../providers/index.js';
import type {Credentials} from './access-token.js';
import {loginCommand} from './commands-text.js';
import type {ConnectionKey} from '../store/types.js';

/**
 * The headers a request to the provider's API needs: `Authorization: Bearer …` with the access
 * token, and the provider's key header from the saved credentials where it wants one (Etsy's
 * `x-api-key: keystring:shared_secret`); both as ensureAccessToken read them.
 */
export function authHeaders(key: ConnectionKey, accessToken: string, credentials: Credentials): Record<string, string> {
	const provider = getProvider(key.provider);
	const headers: Record<string, string> = {Authorization: `Bearer ${accessToken}`};
	if (provider.apiKeyHeader?.on.includes('api')) {
		if (!credentials.clientSecret) {
			throw new MktError(
				'shared_secret_required',
				`No ${provider.displayName} ${provider.credentials.clientSecret.label.toLowerCase()} is saved with this login, and every ${provider.displayName} API call needs it in ${provider.apiKeyHeader.name}.`,
				`Run \`${loginCommand(key)}\` again with ${provider.credentials.clientSecret.envVar} set.`,
			);
		}

		Object.assign(headers, apiKeyHeaders(provider, 'api', credentials.clientId, credentials.clientSecret));
	}

	return headers;
}

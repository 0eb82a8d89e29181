import type {Endpoints, ProviderDefinition} from '../providers/types.js';

export type AuthorizeUrlOptions = {
	readonly provider: ProviderDefinition;
	readonly endpoints: Endpoints;
	readonly clientId: string;
	/** Etsy: the loopback callback URL. eBay: the RuName. */
	readonly redirectUri: string;
	readonly scopes: readonly string[];
	readonly state: string;
	/** Required when the provider uses PKCE. */
	readonly codeChallenge?: string;
	/** Ask the provider for a fresh sign-in (its `signInAgainParameters`, e.g. eBay prompt=login). */
	readonly signInAgain?: boolean;
};

/** The consent URL the browser opens. Any query already on the authorize URL is kept. */
export function buildAuthorizeUrl(options: AuthorizeUrlOptions): string {
	const {provider, endpoints, clientId, redirectUri, scopes, state, codeChallenge, signInAgain} = options;
	if (provider.pkce && !codeChallenge) {
		throw new Error(`buildAuthorizeUrl: ${provider.displayName} needs a PKCE code challenge`);
	}

	const url = new URL(endpoints.authorizeUrl);
	const parameters = url.searchParams;
	parameters.set('response_type', 'code');
	parameters.set('client_id', clientId);
	parameters.set('redirect_uri', redirectUri);
	parameters.set('scope', scopes.join(provider.scopeSeparator));
	parameters.set('state', state);
	if (provider.pkce && codeChallenge) {
		parameters.set('code_challenge', codeChallenge);
		parameters.set('code_challenge_method', 'S256');
	}

	if (signInAgain) {
		if (!provider.signInAgainParameters) {
			throw new Error(`buildAuthorizeUrl: ${provider.displayName} has no way to ask for a fresh sign-in`);
		}

		for (const [name, value] of Object.entries(provider.signInAgainParameters)) {
			parameters.set(name, value);
		}
	}

	// URLSearchParams writes a space as '+' and a literal '+' as %2B, so every
	// '+' left is a space: write it %20, as the providers' own examples do.
	url.search = parameters.toString().replaceAll('+', '%20');
	return url.href;
}

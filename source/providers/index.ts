import {ebay} from './ebay.js';
import {etsy} from './etsy.js';
import type {Endpoints, Environment, ProviderDefinition, ProviderId} from './types.js';

export type * from './types.js';

export const providers: Readonly<Record<ProviderId, ProviderDefinition>> = {etsy, ebay};

export function isProviderId(value: unknown): value is ProviderId {
	return value === 'etsy' || value === 'ebay';
}

export function getProvider(id: ProviderId): ProviderDefinition {
	return providers[id];
}

type Environ = Readonly<Record<string, string | undefined>>;

function trimSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

/**
 * The endpoints to use, after the `MKT_WIZARD_*` overrides in DESIGN.md.
 * eBay's token URL hangs off MKT_WIZARD_EBAY_API_URL, as it does off the real API host.
 */
export function resolveEndpoints(provider: ProviderDefinition, environment: Environment, env: Environ = process.env): Endpoints {
	const defaults = provider.endpoints[environment];
	if (provider.id === 'etsy') {
		return {
			authorizeUrl: env.MKT_WIZARD_ETSY_AUTHORIZE_URL || defaults.authorizeUrl,
			tokenUrl: env.MKT_WIZARD_ETSY_TOKEN_URL || defaults.tokenUrl,
			apiUrl: trimSlash(env.MKT_WIZARD_ETSY_API_URL || defaults.apiUrl),
			apizUrl: '',
		};
	}

	const apiOverride = env.MKT_WIZARD_EBAY_API_URL;
	return {
		authorizeUrl: env.MKT_WIZARD_EBAY_AUTHORIZE_URL || defaults.authorizeUrl,
		tokenUrl: apiOverride ? `${trimSlash(apiOverride)}/identity/v1/oauth2/token` : defaults.tokenUrl,
		apiUrl: trimSlash(apiOverride || defaults.apiUrl),
		apizUrl: trimSlash(env.MKT_WIZARD_EBAY_APIZ_URL || defaults.apizUrl),
	};
}

/** Each scope of `names` the provider does not know, for a clear usage error. */
export function unknownScopes(provider: ProviderDefinition, names: readonly string[]): string[] {
	const known = new Set(provider.scopes.map(scope => scope.name));
	return names.filter(name => !known.has(name));
}

/**
 * eBay scopes may be given short (`sell.inventory`) on the command line; expand
 * them to the full URI. Etsy scopes are returned unchanged.
 */
export function expandScope(provider: ProviderDefinition, name: string): string {
	if (provider.id !== 'ebay' || name.startsWith('https://')) {
		return name;
	}

	const base = provider.appScopes[0]!;
	return name === 'api_scope' ? base : `${base}/${name}`;
}

/** The user-grant scopes to request: the chosen ones plus what verification needs, in the provider's order. */
export function scopesToRequest(provider: ProviderDefinition, chosen: readonly string[]): string[] {
	const wanted = new Set([...chosen, ...provider.verificationScopes]);
	const ordered = provider.scopes.map(scope => scope.name).filter(name => wanted.has(name));
	const extra = [...wanted].filter(name => !ordered.includes(name));
	return [...ordered, ...extra];
}

/** eBay client IDs conventionally contain SBX or PRD: a hint, never a reason to refuse. */
export function environmentOfClientId(clientId: string): Environment | undefined {
	if (/-SBX-/i.test(clientId)) {
		return 'sandbox';
	}

	if (/-PRD-/i.test(clientId)) {
		return 'production';
	}

	return undefined;
}

import {ebay} from './ebay.js';
import {etsy} from './etsy.js';
import type {Endpoints, Environment, ProviderDefinition, ProviderId, Scope} from './types.js';
import {refuseInsecureOverrides} from '../oauth/endpoint-transport.js';

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
	refuseInsecureOverrides(provider.id, env);
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

function isScopeUri(name: string): boolean {
	return /^https:\/\//.test(name);
}

/**
 * Each scope of `names` (as typed: short or full) the provider does not know, for a clear usage error.
 * A full URI passes where the provider takes unlisted scopes as given; a short name must be listed.
 */
export function unknownScopes(provider: ProviderDefinition, names: readonly string[]): string[] {
	const known = new Set(provider.scopes.map(scope => scope.name));
	return names.filter(name => !known.has(expandScope(provider, name)) && !(provider.acceptsUnlistedScopes && isScopeUri(name)));
}

/** The scopes of `names` the provider has withdrawn, with their definitions. */
export function withdrawnScopes(provider: ProviderDefinition, names: readonly string[]): Scope[] {
	return provider.scopes.filter(scope => scope.status === 'withdrawn' && names.includes(scope.name));
}

/** The scopes a new login may ask for: all but the withdrawn ones. */
export function offeredScopes(provider: ProviderDefinition): Scope[] {
	return provider.scopes.filter(scope => scope.status !== 'withdrawn');
}

/** The scopes of `names` an application (client-credentials) token can never carry. */
export function userOnlyScopes(provider: ProviderDefinition, names: readonly string[]): string[] {
	return names.filter(name => {
		const listed = provider.scopes.find(scope => scope.name === name);
		if (listed) {
			return !(listed.grants ?? ['user']).includes('app');
		}

		return provider.userOnlyScopePattern?.test(name) ?? false;
	});
}

/**
 * Scopes may be given short on the command line (eBay `sell.inventory`,
 * `sell.edelivery`); expand them to the full name. Full URIs and names the
 * provider uses as they are come back unchanged.
 */
export function expandScope(provider: ProviderDefinition, name: string): string {
	if (isScopeUri(name)) {
		return name;
	}

	const listed = provider.scopes.find(scope => scope.name === name || scope.short === name);
	if (listed) {
		return listed.name;
	}

	return provider.scopeUriBase ? `${provider.scopeUriBase}/${name}` : name;
}

/** "limited release…" or "withdrawn by Etsy on …": the scope's status in words, when it is not simply current. */
export function scopeStatusNote(provider: ProviderDefinition, scope: Scope): string | undefined {
	if (scope.status === 'limited') {
		return `limited release: ${provider.displayName} must grant it to the app`;
	}

	if (scope.status === 'withdrawn') {
		return `withdrawn by ${provider.displayName}${scope.withdrawnOn ? ` on ${scope.withdrawnOn}` : ''}`;
	}

	return undefined;
}

/** The scope's meaning, with its status when it is not simply current. */
export function describeScope(provider: ProviderDefinition, scope: Scope): string {
	const note = scopeStatusNote(provider, scope);
	return note ? `${scope.description} (${note})` : scope.description;
}

/** What people call a scope: its short name, or the part after the provider's scope base. */
export function shortScopeName(provider: ProviderDefinition, name: string): string {
	const listed = provider.scopes.find(scope => scope.name === name);
	if (listed?.short) {
		return listed.short;
	}

	const base = provider.scopeUriBase;
	return base && name.startsWith(`${base}/`) ? name.slice(base.length + 1) : name;
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

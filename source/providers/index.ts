import {ebay} from './ebay.js';
import {etsy} from './etsy.js';
import type {Endpoints, Environment, ProviderDefinition, ProviderId, Scope} from './types.js';
import {refuseInsecureOverrides} from '../oauth/endpoint-transport.js';

export type * from './types.js';

const registry = new Map<ProviderId, ProviderDefinition>([[etsy.id, etsy], [ebay.id, ebay]]);

/** Adds a marketplace: everything about it is in its definition (tests register a generic OAuth 2.0 + PKCE one). */
export function registerProvider(definition: ProviderDefinition): void {
	registry.set(definition.id, definition);
}

export function listProviders(): ProviderDefinition[] {
	return [...registry.values()];
}

export function isProviderId(value: unknown): value is ProviderId {
	return typeof value === 'string' && registry.has(value);
}

export function getProvider(id: ProviderId): ProviderDefinition {
	const provider = registry.get(id);
	if (!provider) {
		throw new Error(`Unknown provider "${id}"`);
	}

	return provider;
}

/** The environment is worth naming only where the provider has more than one (eBay sandbox/production). */
export function namesEnvironment(id: ProviderId): boolean {
	return (registry.get(id)?.environments.length ?? 1) > 1;
}

type Environ = Readonly<Record<string, string | undefined>>;

function trimSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

/** The endpoints to use, after the provider's `MKT_WIZARD_*` overrides (docs/design.md, "Endpoint overrides"). */
export function resolveEndpoints(provider: ProviderDefinition, environment: Environment, env: Environ = process.env): Endpoints {
	refuseInsecureOverrides(provider, env);
	const defaults = provider.endpoints[environment];
	const names = provider.endpointOverrides ?? {};
	const override = (name: keyof Endpoints) => {
		const variable = names[name];
		return variable ? env[variable] || undefined : undefined;
	};

	const apiOverride = override('apiUrl');
	const tokenUrl = override('tokenUrl')
		?? (apiOverride && provider.tokenPathUnderApi ? `${trimSlash(apiOverride)}${provider.tokenPathUnderApi}` : defaults.tokenUrl);
	const apizUrl = override('apizUrl') ?? defaults.apizUrl;
	return {
		authorizeUrl: override('authorizeUrl') ?? defaults.authorizeUrl,
		tokenUrl,
		apiUrl: trimSlash(apiOverride ?? defaults.apiUrl),
		apizUrl: apizUrl ? trimSlash(apizUrl) : '',
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
		if (provider.scopes.some(scope => scope.name === name)) {
			return !provider.appScopes.includes(name);
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

/** The environment a client id's marker (eBay -SBX- / -PRD-) points to: a hint, never a reason to refuse. */
export function environmentOfClientId(clientId: string, provider: ProviderDefinition): Environment | undefined {
	const markers = provider.clientIdChecks?.environmentMarkers;
	if (!markers) {
		return undefined;
	}

	for (const [environment, marker] of Object.entries(markers) as Array<[Environment, string]>) {
		if (new RegExp(`-${marker}-`, 'i').test(clientId)) {
			return environment;
		}
	}

	return undefined;
}

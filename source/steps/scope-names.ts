import type {ProviderDefinition} from '../providers/types.js';

/** eBay scopes are URIs; the part after `…/oauth/api_scope/` is what people call them. */
export function shortScopeName(provider: ProviderDefinition, name: string): string {
	const base = provider.appScopes[0];
	if (provider.id !== 'ebay' || !base) {
		return name;
	}

	if (name === base) {
		return 'api_scope';
	}

	return name.startsWith(`${base}/`) ? name.slice(base.length + 1) : name;
}

export type ScopeDiff = {
	readonly added: string[];
	readonly removed: string[];
};

/** What a new choice adds to and removes from the granted scopes, each in its list's order. */
export function diffScopes({granted, chosen}: {granted: readonly string[]; chosen: readonly string[]}): ScopeDiff {
	const before = new Set(granted);
	const after = new Set(chosen);
	return {
		added: chosen.filter(name => !before.has(name)),
		removed: granted.filter(name => !after.has(name)),
	};
}

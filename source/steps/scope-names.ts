export {shortScopeName} from '../providers/index.js';

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

import {getProvider, listProviders, namesEnvironment} from '../providers/index.js';
import type {Environment, ProviderId} from '../providers/types.js';
import type {Connection, ConnectionKey, ConnectionStore} from './types.js';

/** Where a connection sits inside a profile in config.json: `etsy`, `ebay-production`, `ebay-sandbox`. */
export type Slot = string;

/** Every slot of the registered providers: the provider's id, or id-environment where it has several. */
export function allSlots(): Slot[] {
	return listProviders().flatMap(provider => (namesEnvironment(provider.id) ? provider.environments.map(environment => `${provider.id}-${environment}`) : [provider.id]));
}

/** Fills the defaults: profile `default`; a provider with one environment (Etsy) always that one; else production unless asked. */
export function connectionKey(input: {provider: ProviderId; profile?: string; environment?: Environment}): ConnectionKey {
	const {environments} = getProvider(input.provider);
	return {
		provider: input.provider,
		profile: input.profile ?? 'default',
		environment: environments.length === 1 ? environments[0]! : (input.environment ?? 'production'),
	};
}

export function slotOf(key: ConnectionKey): Slot {
	return namesEnvironment(key.provider) ? `${key.provider}-${key.environment}` : key.provider;
}

export function keyOfSlot(profile: string, slot: Slot): ConnectionKey {
	if (listProviders().some(provider => provider.id === slot)) {
		return connectionKey({provider: slot, profile});
	}

	const cut = slot.lastIndexOf('-');
	return {provider: slot.slice(0, cut), profile, environment: slot.slice(cut + 1) as Environment};
}

/** Both stores' order of profiles in list(): `default` first, then by name. */
export function compareProfiles(a: string, b: string): number {
	return a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b);
}

/** Both stores' list() order: by profile (compareProfiles), then by slot as allSlots gives them (Etsy, eBay production, eBay sandbox). */
export function listOrder(): (a: ConnectionKey, b: ConnectionKey) => number {
	const slots = allSlots();
	return (a, b) => (a.profile === b.profile ? slots.indexOf(slotOf(a)) - slots.indexOf(slotOf(b)) : compareProfiles(a.profile, b.profile));
}

/** Throws when `next` is a connection of another provider or environment than the key it is to be saved as. */
export function assertKeyMatches(key: ConnectionKey, next: Connection): void {
	if (next.provider !== key.provider || (next.environment ?? key.environment) !== key.environment) {
		throw new Error(`A ${next.provider} ${next.environment} connection cannot be saved as ${key.provider} ${key.environment}.`);
	}
}

/** Both stores' remove(): an update to nothing; true when there was a usable connection to remove. */
export function removeThroughUpdate(update: ConnectionStore['update'], key: ConnectionKey): boolean {
	let existed = false;
	update(key, before => {
		existed = before !== undefined;
		return undefined;
	});
	return existed;
}

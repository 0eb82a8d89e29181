import {getProvider, listProviders, namesEnvironment} from '../providers/index.js';
import type {Environment, ProviderId} from '../providers/types.js';
import type {ConnectionKey} from './types.js';

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

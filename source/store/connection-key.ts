import type {Environment, ProviderId} from '../providers/types.js';
import type {ConnectionKey} from './types.js';

/** Where a connection sits inside a profile in config.json. */
export type Slot = 'etsy' | 'ebay-production' | 'ebay-sandbox';

export const slots: readonly Slot[] = ['etsy', 'ebay-production', 'ebay-sandbox'];

/** Fills the defaults: profile `default`; Etsy always production; eBay production unless asked. */
export function connectionKey(input: {provider: ProviderId; profile?: string; environment?: Environment}): ConnectionKey {
	return {
		provider: input.provider,
		profile: input.profile ?? 'default',
		environment: input.provider === 'etsy' ? 'production' : (input.environment ?? 'production'),
	};
}

export function slotOf(key: ConnectionKey): Slot {
	return key.provider === 'etsy' ? 'etsy' : `ebay-${key.environment}`;
}

export function keyOfSlot(profile: string, slot: Slot): ConnectionKey {
	return slot === 'etsy'
		? {provider: 'etsy', profile, environment: 'production'}
		: {provider: 'ebay', profile, environment: slot === 'ebay-sandbox' ? 'sandbox' : 'production'};
}

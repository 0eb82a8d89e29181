import {endpointNames, type EndpointName} from './faults.js';

export type EmulatorStats = {
	etsy: {authorize: number; codeExchanges: number; refreshes: number; pings: number; me: number};
	ebay: {authorize: number; codeExchanges: number; refreshes: number; clientCredentials: number; identity: number; taxonomy: number};
	/** Every request to each faultable endpoint, whatever its outcome: faulted, refused and failed ones too. */
	endpoints: Record<EndpointName, number>;
	/** Every request except the /_emulator control routes. */
	requests: number;
};

export function createStats(): EmulatorStats {
	return {
		etsy: {authorize: 0, codeExchanges: 0, refreshes: 0, pings: 0, me: 0},
		ebay: {authorize: 0, codeExchanges: 0, refreshes: 0, clientCredentials: 0, identity: 0, taxonomy: 0},
		endpoints: Object.fromEntries(endpointNames.map(name => [name, 0])) as Record<EndpointName, number>,
		requests: 0,
	};
}

/** A copy, so callers can keep a snapshot and compare it with a later one. */
export function snapshotStats(stats: EmulatorStats): EmulatorStats {
	return {etsy: {...stats.etsy}, ebay: {...stats.ebay}, endpoints: {...stats.endpoints}, requests: stats.requests};
}

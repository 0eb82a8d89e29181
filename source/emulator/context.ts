import type {EmulatorStats} from './stats.js';

/** What every provider module shares: the clock and the counters. */
export type EmulatorContext = {
	/** Epoch milliseconds. */
	now: () => number;
	stats: EmulatorStats;
	codeTtlSeconds: number;
};

/** How long a consent page stays answerable. */
export const consentLifetimeMs = 60 * 60 * 1000;

import {approveConsent} from './approve.js';
import type {EmulatorContext} from './context.js';
import {controlRoutes} from './control.js';
import {demo, placeEbayApp} from './demo-apps.js';
import {ebayRoutes} from './ebay/index.js';
import {createEbayState} from './ebay/state.js';
import {etsyRoutes} from './etsy/index.js';
import {createEtsyState} from './etsy/state.js';
import {FaultTable} from './faults.js';
import {startServer} from './server.js';
import {ebayFacts, etsyFacts} from './tables.js';
import {createStats, snapshotStats} from './stats.js';
import type {Emulator, EmulatorOptions} from './types.js';

export type * from './types.js';
export type {EmulatorStats} from './stats.js';
export type {AuthorizeFault, EndpointName, Fault, FaultController, FaultOptions, TransportFault} from './faults.js';
export {endpointNames} from './faults.js';
export {demo, emulatorUrlPlaceholder} from './demo-apps.js';

/** The MKT_WIZARD_* overrides that point mkt-wizard at an emulator at `url` (see resolveEndpoints). */
export function emulatorEnv(url: string): Record<string, string> {
	return {
		MKT_WIZARD_ETSY_AUTHORIZE_URL: `${url}/etsy/oauth/connect`,
		MKT_WIZARD_ETSY_TOKEN_URL: `${url}/etsy/v3/public/oauth/token`,
		MKT_WIZARD_ETSY_API_URL: `${url}/etsy/v3`,
		MKT_WIZARD_EBAY_AUTHORIZE_URL: `${url}/ebay/oauth2/authorize`,
		MKT_WIZARD_EBAY_API_URL: `${url}/ebay`,
		MKT_WIZARD_EBAY_APIZ_URL: `${url}/ebay-apiz`,
	};
}

/**
 * Starts the Etsy and eBay emulator on a loopback port: the real providers'
 * OAuth and verification endpoints, as strict as providers.md describes them.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const stats = createStats();
	const faults = new FaultTable();
	const context: EmulatorContext = {now: options.now ?? Date.now, stats, codeTtlSeconds: options.codeTtlSeconds ?? 300};
	const etsy = createEtsyState({
		context,
		apps: options.etsyApps ?? [demo.etsy],
		user: demo.etsyUser,
		accessTokenTtlSeconds: options.accessTokenTtlSeconds?.etsy ?? etsyFacts.accessTokenLifetimeSeconds,
	});
	const ebayApps = options.ebayApps ?? [demo.ebay.production, demo.ebay.sandbox];
	// The apps' accept and decline URLs may name the emulator itself, whose port is known only once it listens.
	const ebay = createEbayState({context, apps: [], user: demo.ebayUser, accessTokenTtlSeconds: options.accessTokenTtlSeconds?.ebay ?? ebayFacts.accessTokenLifetimeSeconds});
	const server = await startServer({
		routes: [...etsyRoutes(etsy), ...ebayRoutes(ebay), ...controlRoutes({faults, stats})],
		faults,
		stats,
		port: options.port ?? 0,
	});
	for (const app of ebayApps) {
		ebay.apps.set(app.clientId, placeEbayApp(app, server.url));
	}

	return {
		url: server.url,
		env: emulatorEnv(server.url),
		faults: {
			set: (endpoint, fault, faultOptions) => {
				faults.set(endpoint, fault, faultOptions);
			},
			clear: endpoint => {
				faults.clear(endpoint);
			},
		},
		stats: () => snapshotStats(stats),
		approve: async (authorizeUrl, approveOptions = {}) => approveConsent({emulatorUrl: server.url, authorizeUrl, deny: approveOptions.deny ?? false}),
		close: async () => server.close(),
	};
}

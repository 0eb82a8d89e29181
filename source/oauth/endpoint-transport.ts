import {UsageError} from '../errors.js';
import type {ProviderDefinition} from '../providers/types.js';
import {terminalText} from '../terminal-text.js';
import {isLoopbackHost} from './loopback.js';

type Environ = Readonly<Record<string, string | undefined>>;

function refusal(name: string, value: string, remedy: string): UsageError | undefined {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return new UsageError(`${name} is not a URL: "${terminalText(value)}".`, remedy);
	}

	if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		return undefined;
	}

	// The host only: a URL may carry a user name and password.
	return new UsageError(
		`${name} is ${url.protocol}//${terminalText(url.host)}: only https is allowed there, since credentials and tokens would cross the network readable to anyone on the way.`,
		remedy,
	);
}

/**
 * Refuses endpoints that would send client secrets, codes or tokens in clear: anything but
 * https, except plain http to this machine (the built-in emulator, a local test server).
 * Checks each override variable the provider names (MKT_WIZARD_ETSY_TOKEN_URL, …) that is set,
 * and the provider's own defaults (a provider added with registerProvider).
 */
export function refuseInsecureOverrides(provider: Pick<ProviderDefinition, 'id' | 'endpoints' | 'endpointOverrides'>, env: Environ): void {
	for (const variable of Object.values(provider.endpointOverrides ?? {})) {
		const value = variable ? env[variable] : undefined;
		const refused = variable && value ? refusal(variable, value, `Use its https:// address (plain http:// is accepted only for this machine: 127.0.0.1, ::1 or localhost), or unset ${variable}.`) : undefined;
		if (refused) {
			throw refused;
		}
	}

	for (const [environment, endpoints] of Object.entries(provider.endpoints)) {
		for (const [field, value] of Object.entries(endpoints)) {
			const refused = value ? refusal(`The ${provider.id} ${environment} ${field}`, value, 'Give the provider definition https:// endpoints (plain http:// only for 127.0.0.1, ::1 or localhost).') : undefined;
			if (refused) {
				throw refused;
			}
		}
	}
}

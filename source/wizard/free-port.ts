// Another port for a redirect URI whose port is taken: the wizard offers it,
// with the reminder that the registration must change too; it never switches by itself.
import {isAbsentAddress, listenAddressesOf} from '../oauth/loopback.js';
import {checkPortBindable, type BindResult} from '../troubleshoot/loopback.js';

export type PortProbe = (port: number, address: string) => Promise<BindResult>;

const authorityPort = /^([a-z][a-z\d+.-]*:\/\/[^/?#]*:)(\d+)(?=[/?#]|$)/i;

/** The redirect URI as written, with `port` in place of its port; undefined when it names none. */
export function withPort(redirect: string, port: number): string | undefined {
	return authorityPort.test(redirect) ? redirect.replace(authorityPort, `$1${port}`) : undefined;
}

function addressesOf(redirect: string): string[] {
	return listenAddressesOf(new URL(redirect).hostname);
}

/** Only whether the port binds: who holds a busy one is not needed here. */
const bindOnly: PortProbe = async (port, address) => checkPortBindable(port, address, {findOwner: async () => undefined});

/** The port binds on every one of `addresses` this machine has (no IPv6: the callback server skips ::1 too), and on at least one. */
export async function portIsFree(port: number, addresses: readonly string[], probe: PortProbe = bindOnly): Promise<boolean> {
	const results = await Promise.all(addresses.map(async address => probe(port, address)));
	return results.every(result => result.ok || isAbsentAddress(result.code)) && results.some(result => result.ok);
}

/** The first port after the redirect's own that is free on every address it stands for, as the same URI with that port. */
export async function redirectWithFreePort(redirect: string, options: {probe?: PortProbe; tries?: number} = {}): Promise<string | undefined> {
	const {probe = bindOnly, tries = 20} = options;
	let url: URL;
	try {
		url = new URL(redirect);
	} catch {
		return undefined;
	}

	const start = Number(url.port || 80);
	const addresses = addressesOf(redirect);
	for (let port = start + 1; port <= Math.min(start + tries, 65_535); port++) {
		if (await portIsFree(port, addresses, probe)) {
			return withPort(redirect, port);
		}
	}

	return undefined;
}

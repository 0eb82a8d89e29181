import {UsageError} from '../errors.js';
import {terminalText} from '../terminal-text.js';

type Environ = Readonly<Record<string, string | undefined>>;

/** 127.0.0.0/8, ::1 and `localhost`: traffic that never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Refuses a provider endpoint override (`MKT_WIZARD_ETSY_TOKEN_URL`, …) that would send
 * client secrets, codes or tokens in clear: anything but https, except plain http to this
 * machine (the built-in emulator, a local test server). Checks every `MKT_WIZARD_<PROVIDER>_*_URL`
 * that is set, so a variable added later is covered without being listed here.
 */
export function refuseInsecureOverrides(providerId: string, env: Environ): void {
	const prefix = `MKT_WIZARD_${providerId.toUpperCase()}_`;
	for (const [name, value] of Object.entries(env)) {
		if (!name.startsWith(prefix) || !name.endsWith('_URL') || !value) {
			continue;
		}

		let url: URL;
		try {
			url = new URL(value);
		} catch {
			throw new UsageError(`${name} is not a URL: "${terminalText(value)}".`, `Set it to an https:// address, or unset it to use ${providerId}'s own.`);
		}

		if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
			continue;
		}

		throw new UsageError(
			`${name} is ${url.protocol}//${terminalText(url.host)}: only https is allowed there, since credentials and tokens would cross the network readable to anyone on the way.`,
			`Use its https:// address (plain http:// is accepted only for this machine: 127.0.0.1, ::1 or localhost), or unset ${name}.`,
		);
	}
}

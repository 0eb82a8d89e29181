import {MktError} from '../errors.js';

/** Where the loopback callback server listens: the redirect URI taken apart. */
export type LoopbackRedirect = {
	/** `localhost`, an IPv4 address in 127.0.0.0/8, or `::1` (no brackets). */
	readonly hostname: string;
	/** The exact port of the URI (80 when it names none). */
	readonly port: number;
	/** The path the provider redirects to, e.g. `/callback`. */
	readonly path: string;
};

const remedy = 'Register and use a loopback address such as http://localhost:3000/callback, or finish by pasting the redirected address (--paste).';

export function isLoopbackAddress(address: string): boolean {
	return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** `localhost`, 127.0.0.0/8 or ::1 (in any case, IPv6 with or without brackets): traffic that never leaves this machine. */
export function isLoopbackHostname(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|]$/g, '');
	return host === 'localhost' || isLoopbackAddress(host);
}

/**
 * Checks that the redirect URI is something this machine can receive:
 * http (a CLI cannot serve the provider a trusted certificate) on a loopback host.
 */
export function parseLoopbackRedirect(redirectUri: string): LoopbackRedirect {
	let url: URL;
	try {
		url = new URL(redirectUri.trim());
	} catch {
		throw new MktError('invalid_redirect_uri', 'The redirect URI is not a valid URL.', 'Enter it in full, for example http://localhost:3000/callback, exactly as registered with the provider.');
	}

	if (url.protocol !== 'http:') {
		throw new MktError(
			'redirect_not_loopback',
			`The redirect URI uses ${url.protocol.replace(/:$/, '')}, but mkt-wizard can receive the callback only on an http:// loopback address.`,
			remedy,
		);
	}

	const hostname = url.hostname.replace(/^\[(.*)]$/, '$1');
	if (!isLoopbackHostname(hostname)) {
		throw new MktError(
			'redirect_not_loopback',
			`The redirect URI's host ${url.hostname} is not this machine's loopback (localhost, 127.0.0.1 or [::1]), so mkt-wizard cannot receive the callback.`,
			remedy,
		);
	}

	return {hostname, port: url.port === '' ? 80 : Number(url.port), path: url.pathname};
}

// This machine's loopback, one rule per question, for the callback server, the
// redirect checks, the proxy bypass and the troubleshooter: is this address
// loopback traffic (isLoopbackAddress), does this host name loopback wherever it
// is resolved (isLoopbackName), is it surely this machine, one the callback
// server can listen on (isLoopbackHost), and is this redirect URI one we can
// listen on (parseLoopbackRedirect).
import {BlockList, isIP, isIPv4, isIPv6} from 'node:net';
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

// Built on first use: every command loads this module (through the endpoint rules), and
// BlockList pulls in two more of Node's internals at start-up.
let ranges: {readonly loopback: BlockList; readonly ipv6Loopback: BlockList} | undefined;

function loopbackRanges() {
	if (!ranges) {
		const loopback = new BlockList();
		loopback.addSubnet('127.0.0.0', 8, 'ipv4');
		loopback.addAddress('::1', 'ipv6');
		// BlockList matches an IPv4-mapped IPv6 address against the IPv4 rules; this one has none.
		const ipv6Loopback = new BlockList();
		ipv6Loopback.addAddress('::1', 'ipv6');
		ranges = {loopback, ipv6Loopback};
	}

	return ranges;
}

/** The two addresses `localhost` may stand for; the callback server listens on both. */
export const localhostAddresses: readonly string[] = ['127.0.0.1', '::1'];

function bare(host: string): string {
	return host.toLowerCase().replace(/^\[(.*)]$/, '$1');
}

/**
 * An IP address whose traffic stays on this machine: 127.0.0.0/8 or ::1, in
 * any spelling, IPv4-mapped ones too (`::ffff:127.0.0.1`, as a dual-stack
 * socket or a hosts file may give it). Brackets are allowed; names are not.
 */
export function isLoopbackAddress(address: string): boolean {
	const ip = bare(address);
	const family = isIP(ip);
	return family !== 0 && loopbackRanges().loopback.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * A host that is surely this machine, for a URL: `localhost` in any case, an
 * IPv4 address in 127.0.0.0/8, or ::1 (brackets allowed). This is what the
 * callback server can listen on, so the redirect checks and the plain-http
 * allowance use it. Not `*.localhost` (Node's resolver may ask DNS for it) and
 * not an IPv4-mapped address (nothing listens there).
 */
export function isLoopbackHost(host: string): boolean {
	const name = bare(urlHostname(host));
	if (name === 'localhost') {
		return true;
	}

	return isIPv4(name) ? loopbackRanges().loopback.check(name, 'ipv4') : isIPv6(name) && loopbackRanges().ipv6Loopback.check(name, 'ipv6');
}

/**
 * The host as a URL parser reads it (`127.0.0.01` and `127.1` are 127.0.0.1), since that is
 * where the callback server will listen for a redirect URI written so; as written when no URL
 * could hold it (a bare `::1`, an invalid address).
 */
function urlHostname(host: string): string {
	try {
		return new URL(`http://${host}/`).hostname;
	} catch {
		return host;
	}
}

/**
 * A host that means loopback to whoever resolves it: a loopback address, or
 * `localhost` and `*.localhost`, which RFC 6761 reserves for loopback. A proxy
 * would take any of them for its own loopback, so they never go through one.
 */
export function isLoopbackName(host: string): boolean {
	const name = bare(urlHostname(host));
	return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name);
}

/**
 * A bind error that says this machine lacks the address (no IPv6, no such
 * alias), not that the port is taken: the callback server listens on the
 * other address if one bound.
 */
export function isAbsentAddress(code: string | undefined): boolean {
	return code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT';
}

/** The addresses the callback server binds for a loopback host: both of localhostAddresses for `localhost`, else the address itself. */
export function listenAddressesOf(host: string): string[] {
	const name = bare(host);
	return name === 'localhost' ? [...localhostAddresses] : [name];
}

const remedy = 'Register and use a loopback address such as http://localhost:3000/callback, or finish by pasting the redirected address (--paste).';

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

	const hostname = bare(url.hostname);
	if (!isLoopbackHost(hostname)) {
		throw new MktError(
			'redirect_not_loopback',
			`The redirect URI's host ${url.hostname} is not this machine's loopback (localhost, 127.0.0.1 or [::1]), so mkt-wizard cannot receive the callback.`,
			remedy,
		);
	}

	return {hostname, port: url.port === '' ? 80 : Number(url.port), path: url.pathname};
}

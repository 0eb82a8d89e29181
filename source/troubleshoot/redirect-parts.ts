// Splits a redirect value into its parts exactly as written. WHATWG `URL` is
// not used on purpose: it lower-cases hosts, drops default ports and
// re-encodes paths, which hides the very differences a provider rejects.
import {isLoopbackHost} from '../oauth/loopback.js';

export type UrlParts = {
	/** As written: `http`, `HTTPS`… */
	readonly scheme: string;
	/** Text before `@` in the authority, when there is an `@`. */
	readonly userinfo: string | undefined;
	/** As written, brackets kept for IPv6: `localhost`, `127.0.0.1`, `[::1]`. */
	readonly host: string;
	/** Text after the host's `:`; undefined when there is no `:`, '' for a bare `:`. */
	readonly port: string | undefined;
	/** '' when the URL ends after the authority. */
	readonly path: string;
	/** Text after `?`; undefined when there is no `?`, '' for a bare `?`. */
	readonly query: string | undefined;
	/** Text after `#`; undefined when there is no `#`. */
	readonly fragment: string | undefined;
};

export type RedirectKind = 'url' | 'runame' | 'other';

const urlPattern = /^([A-Za-z][A-Za-z\d+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;

export function parseUrlParts(value: string): UrlParts | undefined {
	const match = urlPattern.exec(value);
	if (!match) {
		return undefined;
	}

	const [, scheme, authority, path, query, fragment] = match;
	const at = authority!.lastIndexOf('@');
	const userinfo = at === -1 ? undefined : authority!.slice(0, at);
	const hostPort = authority!.slice(at + 1);
	const hostEnd = hostPort.startsWith('[') ? hostPort.indexOf(']') + 1 : 0;
	const colon = hostPort.indexOf(':', hostEnd);
	return {
		scheme: scheme!,
		userinfo,
		host: colon === -1 ? hostPort : hostPort.slice(0, colon),
		port: colon === -1 ? undefined : hostPort.slice(colon + 1),
		path: path!,
		query: match[4] === undefined ? undefined : query,
		fragment: match[5] === undefined ? undefined : fragment,
	};
}

/** eBay RuNames look like `Jane_Doe-JaneDoeA-MyApp-abcdef`: word characters in dash-separated pieces, no scheme. */
export function looksLikeRuName(value: string): boolean {
	return /^\w+(?:-+\w+){2,}$/.test(value);
}

export function redirectKind(value: string): RedirectKind {
	if (parseUrlParts(value)) {
		return 'url';
	}

	return looksLikeRuName(value) ? 'runame' : 'other';
}

export function defaultPort(scheme: string): string | undefined {
	switch (scheme.toLowerCase()) {
		case 'http': {
			return '80';
		}

		case 'https': {
			return '443';
		}

		default: {
			return undefined;
		}
	}
}

/**
 * A redirect mkt-wizard can listen on as it is: `http`, a loopback host and an
 * explicit port, no fragment.
 */
export function isUsableLoopbackUrl(value: string): boolean {
	const parts = parseUrlParts(value);
	return parts !== undefined
		&& parts.scheme === 'http'
		&& parts.userinfo === undefined
		&& isLoopbackHost(parts.host)
		&& parts.port !== undefined
		&& /^\d{1,5}$/.test(parts.port)
		&& Number(parts.port) > 0
		&& Number(parts.port) < 65_536
		&& parts.fragment === undefined;
}

/** A guess from the text only: eBay does not document an environment marker in RuNames. */
export function ruNameEnvironmentHint(value: string): {environment: 'sandbox' | 'production'; marker: string} | undefined {
	const sandbox = /sandbox|sbx/i.exec(value);
	if (sandbox) {
		return {environment: 'sandbox', marker: sandbox[0]};
	}

	const production = /production|prd|prod/i.exec(value);
	return production ? {environment: 'production', marker: production[0]} : undefined;
}

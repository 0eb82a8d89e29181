/**
 * Which proxy a request goes through, from the environment, the way curl and
 * most CLIs read it: `https_proxy`/`HTTPS_PROXY` for https targets,
 * `http_proxy`/`HTTP_PROXY` for http ones, `all_proxy`/`ALL_PROXY` for both
 * (lower case first), and `no_proxy`/`NO_PROXY` for the exceptions.
 *
 * Loopback targets (isLoopbackName: localhost, *.localhost, 127.0.0.0/8, ::1)
 * always go direct, as in Go and many tools: a proxy's idea of 127.0.0.1 is
 * the proxy itself, and the built-in emulator and --demo must keep working
 * behind a corporate proxy.
 */
import {isLoopbackName} from './loopback.js';

function variable(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
	const value = env[name] ?? env[name.toUpperCase()];
	return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function defaultPort(url: URL): string {
	return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * True when `target` is in the NO_PROXY list: `*` (everything), a host name
 * (itself and its subdomains; a leading `.` or `*.` means the same), an IP
 * address, each optionally with `:port`. Separated by commas or blanks.
 */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
	if (noProxy === undefined) {
		return false;
	}

	const host = target.hostname.replace(/^\[|]$/g, '').toLowerCase().replace(/\.$/, '');
	const port = defaultPort(target);
	for (const raw of noProxy.split(/[\s,]+/)) {
		const entry = raw.trim().toLowerCase();
		if (entry === '') {
			continue;
		}

		if (entry === '*') {
			return true;
		}

		// `[::1]:8080`, `::1`, `example.com:8443`, `.example.com`
		const bracketed = /^\[([^\]]+)](?::(\d+))?$/.exec(entry);
		const withPort = /^([^:]+):(\d+)$/.exec(entry);
		const name = (bracketed?.[1] ?? (withPort ? withPort[1]! : entry)).replace(/^\*?\./, '').replace(/\.$/, '');
		const entryPort = bracketed?.[2] ?? withPort?.[2];
		if (entryPort !== undefined && entryPort !== port) {
			continue;
		}

		if (host === name || host.endsWith(`.${name}`)) {
			return true;
		}
	}

	return false;
}

/** A proxy setting mkt-wizard cannot use: the request fails with this code rather than going direct behind the user's back. */
export class ProxySettingError extends Error {
	override readonly name = 'ProxySettingError';
	readonly code = 'ERR_PROXY_SETTING';

	constructor(readonly problem: 'unreadable' | 'unsupported') {
		super(problem === 'unreadable' ? 'The proxy setting is not a URL' : 'Only http:// proxies are supported');
	}
}

/** The http:// proxy to use for `target`, or undefined to connect directly; throws ProxySettingError for a setting it cannot use. */
export function proxyFor(target: URL, env: Readonly<Record<string, string | undefined>>): URL | undefined {
	if (isLoopbackName(target.hostname)) {
		return undefined;
	}

	const scheme = target.protocol === 'https:' ? 'https_proxy' : (target.protocol === 'http:' ? 'http_proxy' : undefined);
	if (!scheme) {
		return undefined;
	}

	const configured = variable(env, scheme) ?? variable(env, 'all_proxy');
	if (configured === undefined || bypassesProxy(target, variable(env, 'no_proxy'))) {
		return undefined;
	}

	let proxy: URL;
	try {
		// `proxy.corp:3128` without a scheme means http, as curl reads it.
		proxy = new URL(/^[a-z][\w+.-]*:\/\//i.test(configured) ? configured : `http://${configured}`);
	} catch {
		throw new ProxySettingError('unreadable');
	}

	if (proxy.protocol !== 'http:' || proxy.hostname === '') {
		throw new ProxySettingError(proxy.protocol === 'http:' ? 'unreadable' : 'unsupported');
	}

	return proxy;
}

/** host:port of a proxy, for messages: never its user name or password. */
export function proxyHost(proxy: URL): string {
	return `${proxy.hostname.includes(':') && !proxy.hostname.startsWith('[') ? `[${proxy.hostname}]` : proxy.hostname}:${proxy.port || (proxy.protocol === 'https:' ? '443' : '80')}`;
}

import http from 'node:http';
import https from 'node:https';
import type {Duplex} from 'node:stream';
import tls from 'node:tls';

/** A proxy that answered its CONNECT (or an absolute-URI request) with something other than success. */
export class ProxyRefusedError extends Error {
	override readonly name = 'ProxyRefusedError';
	readonly code = 'ERR_PROXY_REFUSED';

	constructor(readonly status: number) {
		super(`The proxy answered HTTP ${status}`);
	}
}

function proxyAuthorization(proxy: URL): string | undefined {
	if (proxy.username === '' && proxy.password === '') {
		return undefined;
	}

	const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
	return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
}

function proxyPort(proxy: URL): number {
	return Number(proxy.port || 80);
}

type RequestWithPath = http.ClientRequest & {path: string};

/**
 * Plain http targets through an http proxy: the request goes to the proxy
 * with the absolute URI as its target (`POST http://host/path HTTP/1.1`), as
 * every proxy accepts (many refuse CONNECT to anything but port 443).
 */
class AbsoluteUriAgent extends http.Agent {
	readonly #proxy: URL;

	constructor(proxy: URL) {
		super({keepAlive: false});
		this.#proxy = proxy;
	}

	// Node's Agent calls addRequest for every request it is given (missing from @types/node).
	addRequest(request: http.ClientRequest, options: http.ClientRequestArgs): void {
		const target = request as RequestWithPath;
		const host = request.getHeader('host') ?? `${options.hostname ?? options.host ?? 'localhost'}${options.port ? `:${options.port}` : ''}`;
		target.path = `http://${String(host)}${target.path}`;
		const authorization = proxyAuthorization(this.#proxy);
		if (authorization) {
			request.setHeader('proxy-authorization', authorization);
		}

		// @ts-expect-error Node's Agent.addRequest is public at run time but missing from @types/node.
		super.addRequest(request, {...options, host: this.#proxy.hostname, hostname: this.#proxy.hostname, port: proxyPort(this.#proxy)});
	}
}

type ConnectionOptions = tls.ConnectionOptions & {host?: string; port?: number};

/**
 * https targets through an http proxy: a CONNECT tunnel to the target, then
 * TLS inside it, checked against the target's name as usual.
 */
class TunnelAgent extends https.Agent {
	readonly #proxy: URL;
	readonly #timeoutMs: number;

	constructor(proxy: URL, timeoutMs: number) {
		super({keepAlive: false});
		this.#proxy = proxy;
		this.#timeoutMs = timeoutMs;
	}

	// Answers through the callback instead of returning a socket: Node's Agent.createSocket supports both.
	override createConnection(options: ConnectionOptions, callback: (error: Error | null, socket?: Duplex) => void): undefined {
		const authority = `${options.host ?? 'localhost'}:${options.port ?? 443}`;
		const authorization = proxyAuthorization(this.#proxy);
		const connect = http.request({
			host: this.#proxy.hostname,
			port: proxyPort(this.#proxy),
			method: 'CONNECT',
			path: authority,
			setHost: false,
			headers: {host: authority, ...(authorization ? {'proxy-authorization': authorization} : {})},
			agent: false,
		});
		let settled = false;
		const settle = (error: Error | null, socket?: Duplex) => {
			if (!settled) {
				settled = true;
				callback(error, socket);
			}
		};

		connect.setTimeout(this.#timeoutMs, () => {
			connect.destroy(Object.assign(new Error('The proxy did not answer in time'), {code: 'ETIMEDOUT'}));
		});
		connect.once('connect', (response, socket) => {
			connect.setTimeout(0);
			if (response.statusCode !== 200) {
				socket.destroy();
				settle(new ProxyRefusedError(response.statusCode ?? 0));
				return;
			}

			settle(null, tls.connect({...options, socket}));
		});
		connect.once('error', error => {
			settle(error);
		});
		connect.end();
		return undefined;
	}
}

export type ProxyAgents = {readonly http: http.Agent; readonly https: https.Agent};

/** The agents that send requests through `proxy`: absolute-URI requests for http targets, CONNECT tunnels for https ones. */
export function proxyAgents(proxy: URL, timeoutMs: number): ProxyAgents {
	return {http: new AbsoluteUriAgent(proxy), https: new TunnelAgent(proxy, timeoutMs)};
}

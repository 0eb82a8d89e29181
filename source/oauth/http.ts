import {setTimeout as delay} from 'node:timers/promises';
import {Agent as HttpAgent} from 'node:http';
import {Agent as HttpsAgent} from 'node:https';
import got, {type Method, type Response} from 'got';
import {proxyAgents, ProxyRefusedError, type ProxyAgents} from './proxy-agents.js';
import {proxyFor, proxyHost} from './proxy.js';

// Defined by the build (esbuild `define`); absent when the sources run under tsx.
declare const MKT_WIZARD_VERSION: string | undefined;

export const USER_AGENT = typeof MKT_WIZARD_VERSION === 'string' ? `mkt-wizard/${MKT_WIZARD_VERSION}` : 'mkt-wizard';

export const DEFAULT_TIMEOUT_MS = 15_000;

export type HttpHeaders = Readonly<Record<string, string | string[] | undefined>>;

export type HttpResponse = {
	readonly status: number;
	readonly headers: HttpHeaders;
	readonly body: string;
	/** The body parsed, when it is valid JSON; undefined for HTML, invalid JSON and empty bodies. */
	readonly json: unknown;
};

export type HttpClient = {
	/**
	 * Never retried by default: an authorization code or a rotating refresh token is single-use.
	 * With `retryRateLimited`, a 429 that names its Retry-After (at most 5 s) is sent again after
	 * that wait, twice at most: the server refused it before doing anything.
	 */
	postForm(url: string, options: {form: Readonly<Record<string, string>>; headers?: Readonly<Record<string, string>>; retryRateLimited?: boolean}): Promise<HttpResponse>;
	/** With `retry`, a 5xx or 429 answer is retried twice after a short wait. */
	get(url: string, options?: {headers?: Readonly<Record<string, string>>; retry?: boolean}): Promise<HttpResponse>;
};

export type NetworkErrorKind = 'refused' | 'dns' | 'timeout' | 'reset' | 'tls' | 'other';

/**
 * A request that got no HTTP answer. Its message names only the host: the
 * underlying got error (whose message holds the URL and credentials) is not kept.
 */
export class NetworkError extends Error {
	override readonly name = 'NetworkError';

	constructor(
		readonly kind: NetworkErrorKind,
		/** Host and port, never a path or query. */
		readonly host: string,
		/** The system or TLS error code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`…). */
		readonly code: string | undefined,
		/** The time limit that ran out, for `timeout`. */
		readonly timeoutMs?: number,
		/** The proxy (host:port) the request went through, when it did. */
		readonly via?: {readonly proxy: string; readonly status?: number},
	) {
		super(`${describeKind(kind)} (${host}${code ? `, ${code}` : ''}${via ? ` via the proxy ${via.proxy}` : ''})`);
	}
}

function describeKind(kind: NetworkErrorKind): string {
	switch (kind) {
		case 'refused': {
			return 'Connection refused';
		}

		case 'dns': {
			return 'Host name not found';
		}

		case 'timeout': {
			return 'No answer in time';
		}

		case 'reset': {
			return 'Connection cut';
		}

		case 'tls': {
			return 'Certificate check failed';
		}

		case 'other': {
			return 'Request failed';
		}
	}
}

export type HttpClientOptions = {
	/** Per-attempt limit. @default MKT_WIZARD_HTTP_TIMEOUT_MS, else 15000 */
	readonly timeoutMs?: number;
	readonly env?: Readonly<Record<string, string | undefined>>;
	/** First wait before a GET retry when the server gives no Retry-After; doubled each time. @default 500 */
	readonly retryDelayMs?: number;
};

const maxRetries = 2;
const maxRetryAfterMs = 5000;

function timeoutFrom(options: HttpClientOptions): number {
	if (options.timeoutMs !== undefined) {
		return options.timeoutMs;
	}

	const fromEnv = Number((options.env ?? process.env).MKT_WIZARD_HTTP_TIMEOUT_MS);
	return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_TIMEOUT_MS;
}

function hostOf(url: string): string {
	try {
		return new URL(url).host || 'the configured address';
	} catch {
		return 'the configured address';
	}
}

const tlsCodes = new Set([
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'CERT_UNTRUSTED',
	'CERT_REJECTED',
]);

export function networkErrorKind(code: string | undefined, name?: string): NetworkErrorKind {
	if (name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
		return 'timeout';
	}

	if (code === undefined) {
		return 'other';
	}

	if (code === 'ECONNREFUSED') {
		return 'refused';
	}

	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') {
		return 'dns';
	}

	if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') {
		return 'reset';
	}

	if (tlsCodes.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.includes('CERT')) {
		return 'tls';
	}

	return 'other';
}

function toNetworkError(error: unknown, url: string, timeoutMs: number, proxy?: string): NetworkError {
	const {code, name} = (error ?? {}) as {code?: unknown; name?: unknown};
	const codeText = typeof code === 'string' ? code : undefined;
	const kind = networkErrorKind(codeText, typeof name === 'string' ? name : undefined);
	if (proxy === undefined) {
		return new NetworkError(kind, hostOf(url), codeText, kind === 'timeout' ? timeoutMs : undefined);
	}

	// Through a proxy, a refused connection or an unknown name is the proxy's.
	const host = kind === 'refused' || kind === 'dns' ? proxy : hostOf(url);
	// got wraps what the agent threw; the original is its cause.
	const refusal = [error, (error as {cause?: unknown} | undefined)?.cause].find(candidate => candidate instanceof ProxyRefusedError) as ProxyRefusedError | undefined;
	const status = refusal?.status;
	return new NetworkError(kind, host, codeText, kind === 'timeout' ? timeoutMs : undefined, {proxy, ...(status === undefined ? {} : {status})});
}

function parseJson(body: string): unknown {
	if (body.trim() === '') {
		return undefined;
	}

	try {
		return JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}
}

function toHttpResponse(response: Response<string>): HttpResponse {
	return {status: response.statusCode, headers: response.headers, body: response.body, json: parseJson(response.body)};
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), if present and readable. */
export function retryAfterMs(headers: HttpHeaders, now = Date.now()): number | undefined {
	const raw = headers['retry-after'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (value === undefined || value.trim() === '') {
		return undefined;
	}

	if (/^\s*\d+\s*$/.test(value)) {
		return Number(value) * 1000;
	}

	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isRetryable(status: number): boolean {
	return status === 429 || status >= 500;
}

type Route = {readonly proxy: string; readonly agents: ProxyAgents};

/** The proxy (from HTTPS_PROXY, HTTP_PROXY, NO_PROXY…) and its agents for a URL, agents made once per proxy; none for a direct connection. */
function proxyRouter(env: Readonly<Record<string, string | undefined>>, timeoutMs: number): (url: string) => Route | undefined {
	const agentsByProxy = new Map<string, ProxyAgents>();
	return url => {
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			return undefined;
		}

		const proxy = proxyFor(target, env);
		if (!proxy) {
			return undefined;
		}

		let agents = agentsByProxy.get(proxy.href);
		if (!agents) {
			agents = proxyAgents(proxy, timeoutMs);
			agentsByProxy.set(proxy.href, agents);
		}

		return {proxy: proxyHost(proxy), agents};
	};
}

type RequestExtras = {readonly form?: Readonly<Record<string, string>>; readonly headers?: Readonly<Record<string, string>>};
type Send = (method: Method, url: string, extra: RequestExtras) => Promise<HttpResponse>;

/** One request through got, the one place it is configured: no redirects, no retries, failures as NetworkError. */
function sender(env: Readonly<Record<string, string | undefined>>, timeoutMs: number): Send {
	const route = proxyRouter(env, timeoutMs);
	// Token requests never ride a kept-alive socket: a server closing it as idle just as the POST is written resets
	// the POST, and a code or a rotating refresh token cannot be sent twice (Node's global agent keeps sockets alive).
	const freshSockets = {http: new HttpAgent({keepAlive: false}), https: new HttpsAgent({keepAlive: false})};
	return async (method, url, extra) => {
		let via: Route | undefined;
		try {
			via = route(url);
		} catch (error) {
			throw toNetworkError(error, url, timeoutMs);
		}

		let response: Response<string>;
		try {
			response = await got(url, {
				method,
				...(via ? {agent: {http: via.agents.http, https: via.agents.https}} : (method === 'POST' ? {agent: freshSockets} : {})),
				...(extra.form ? {form: {...extra.form}} : {}),
				headers: {'user-agent': USER_AGENT, accept: 'application/json', ...extra.headers},
				responseType: 'text',
				throwHttpErrors: false,
				followRedirect: false,
				retry: {limit: 0},
				timeout: {request: timeoutMs},
			});
		} catch (error) {
			throw toNetworkError(error, url, timeoutMs, via?.proxy);
		}

		if (via && response.statusCode === 407) {
			// The proxy's answer, not the provider's: an http target's request went to the proxy as it is.
			throw toNetworkError(new ProxyRefusedError(407), url, timeoutMs, via.proxy);
		}

		return toHttpResponse(response);
	};
}

/** A POST sent again only while rate-limited, when asked to (a code or a refresh token is single-use), and only after a short Retry-After. */
async function postWithRetries(send: Send, url: string, options: Parameters<HttpClient['postForm']>[1]): Promise<HttpResponse> {
	const {form, headers, retryRateLimited = false} = options;
	let response = await send('POST', url, {form, headers});
	for (let attempt = 0; retryRateLimited && attempt < maxRetries && response.status === 429; attempt++) {
		const asked = retryAfterMs(response.headers);
		if (asked === undefined || asked > maxRetryAfterMs) {
			break;
		}

		await delay(asked);
		response = await send('POST', url, {form, headers});
	}

	return response;
}

/** A GET sent again on 429 and 5xx when asked to, after the Retry-After or a doubling delay. */
async function getWithRetries(send: Send, url: string, options: Parameters<HttpClient['get']>[1], retryDelayMs: number): Promise<HttpResponse> {
	const {headers, retry = false} = options ?? {};
	let response = await send('GET', url, {headers});
	for (let attempt = 0; retry && attempt < maxRetries && isRetryable(response.status); attempt++) {
		const asked = retryAfterMs(response.headers);
		if (asked !== undefined && asked > maxRetryAfterMs) {
			// Waiting that long in a CLI is worse than saying so: give the answer back.
			break;
		}

		await delay(asked ?? retryDelayMs * (2 ** attempt));
		response = await send('GET', url, {headers});
	}

	return response;
}

/** The one HTTP client: every caller goes through it. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
	const retryDelayMs = options.retryDelayMs ?? 500;
	const send = sender(options.env ?? process.env, timeoutFrom(options));
	return {
		postForm: async (url, postOptions) => postWithRetries(send, url, postOptions),
		get: async (url, getOptions) => getWithRetries(send, url, getOptions, retryDelayMs),
	};
}

import {randomBytes} from 'node:crypto';
import http, {type IncomingMessage, type Server, type ServerResponse, STATUS_CODES} from 'node:http';
import type {Duplex} from 'node:stream';
import {MktError} from '../errors.js';
import {errorCode} from '../guards.js';
import {formatDurationWords} from '../time.js';
import {type Page, pageHeaders, pages, renderPage} from './callback-pages.js';
import {type ConnectionCounts, describeSilentConnections} from './connection-guard.js';
import {consentLinks} from './consent-link.js';
import {listenOnLoopback} from './loopback-listen.js';
import {type LoopbackRedirect, parseLoopbackRedirect} from './loopback.js';
import {cleanProviderText, genericConsentError} from './provider-errors.js';
import {checkIssuer} from './issuer.js';
import {statesEqual} from './state.js';
import {terminalText} from '../terminal-text.js';

export type CallbackResult = {
	readonly code: string;
	/** Every parameter of the callback (eBay adds expires_in). */
	readonly params: URLSearchParams;
};

export type RequestOutcome = 'favicon' | 'wrong-path' | 'wrong-method' | 'state-mismatch' | 'missing-code' | 'after-finish';

export type CallbackEvent =
	| {readonly type: 'listening'; readonly addresses: readonly string[]}
	| {readonly type: 'self-test-ok'}
	| {readonly type: 'request'; readonly path: string; readonly outcome: RequestOutcome; readonly detail?: string}
	| {readonly type: 'callback-reached'}
	| {readonly type: 'provider-error'; readonly error: string; readonly description?: string};

export type CallbackServer = {
	/** Where it listens, e.g. `['127.0.0.1:3000', '[::1]:3000']`. */
	readonly addresses: readonly string[];
	/** Settles once: the code, or an MktError (provider error, timeout, cancelled). */
	readonly result: Promise<CallbackResult>;
	/** Requests the callback path on every bound address; rejects with `self_test_failed`. */
	selfTest(): Promise<void>;
	/** Stops listening and ends open connections; a pending result rejects with `callback_cancelled`. */
	close(): Promise<void>;
	/**
	 * A new single-use address on this server for the browser command, redirecting once to
	 * `consentUrl` (see consent-link.ts). Throws when no consentUrl was given.
	 */
	consentLink(): string;
};

export type CallbackServerOptions = {
	/** The registered redirect URI: http on a loopback host with the exact port. */
	readonly redirectUri: string;
	/** The state sent on the authorization request. */
	readonly state: string;
	/** Give up after this long (the result rejects with `callback_timeout`). */
	readonly timeoutMs: number;
	readonly onEvent?: (event: CallbackEvent) => void;
	/** Resolves a host name to addresses. @default dns.lookup with all: true */
	readonly lookup?: (host: string) => Promise<string[]>;
	/** Turns a provider `error=` into the MktError the result rejects with. */
	readonly explain?: (error: string, description: string | undefined) => MktError;
	/** The authorization server's issuer: an `iss` on the callback (RFC 9207) must equal it. */
	readonly expectedIssuer?: string;
	/** The provider's consent URL, served to the browser through single-use links (consentLink()). */
	readonly consentUrl?: string;
};

/** Query parameter of the self-test request: answered 204, never taken for a callback. */
export const SELF_TEST_PARAMETER = 'mkt_wizard_self_test';
const selfTestHeader = 'x-mkt-wizard-self-test';
const selfTestTimeoutMs = 3000;

type Seen = {readonly path: string; readonly outcome: RequestOutcome};

const outcomeNames: Record<RequestOutcome, string> = {
	favicon: 'the favicon',
	'wrong-path': 'wrong path',
	'wrong-method': 'wrong method',
	'state-mismatch': 'a state mismatch',
	'missing-code': 'no code',
	'after-finish': 'after finishing',
};

function describeSeen(seen: readonly Seen[]): string {
	if (seen.length === 0) {
		return 'no request at all';
	}

	const distinct = [...new Set(seen.map(({path, outcome}) => (outcome === 'wrong-path' ? `${outcomeNames[outcome]} ${path}` : outcomeNames[outcome])))];
	const listed = distinct.slice(0, 5).join(', ') + (distinct.length > 5 ? ', …' : '');
	return `${seen.length} request${seen.length === 1 ? '' : 's'} (${listed})`;
}

/** Past this many connections that sent nothing, they are not a browser's spare sockets but another program's. */
const crowdedConnections = 16;

function timeoutError(options: {timeoutMs: number; seen: readonly Seen[]; redirectUri: string; connections: ConnectionCounts}): MktError {
	const {timeoutMs, seen, redirectUri, connections} = options;
	const wrongPath = seen.find(entry => entry.outcome === 'wrong-path');
	const silent = describeSilentConnections(connections);
	let remedy: string;
	if (seen.length === 0 && (connections.shed > 0 || connections.opened - connections.withRequest >= crowdedConnections)) {
		remedy = 'Another program on this machine kept connections to the callback port open without sending anything, which can keep the browser out: find it (ss -tnp), then sign in again, or paste the redirected address by hand (--paste).';
	} else if (wrongPath) {
		remedy = `The browser came back to ${wrongPath.path}: register exactly ${redirectUri} with the provider, then sign in again.`;
	} else if (seen.some(entry => entry.outcome === 'state-mismatch')) {
		remedy = 'An answer from another sign-in arrived: start the sign-in again and approve in the newest browser tab.';
	} else if (seen.length === 0) {
		remedy = `The provider never redirected here: check that the redirect URI registered with it is exactly ${redirectUri}, or paste the redirected address by hand (--paste).`;
	} else {
		remedy = 'Start the sign-in again, or paste the redirected address by hand (--paste).';
	}

	return new MktError(
		'callback_timeout',
		`No callback arrived within ${formatDurationWords(timeoutMs)}; the callback server saw ${describeSeen(seen)}${silent ? `, and ${silent}` : ''}.`,
		remedy,
	);
}

/**
 * Node answers a request it cannot parse (431 for oversized headers, 400 for
 * garbage, 408 for headers that never end) with a bare status line. This
 * answer carries the security headers of every page, then closes.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
	if (error.code === 'ECONNRESET' || !socket.writable) {
		socket.destroy();
		return;
	}

	const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : (error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400);
	const headers = {...pageHeaders, 'content-length': '0', connection: 'close'};
	socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`);
}

/**
 * Listens on the redirect URI's loopback addresses and port (before it
 * returns) and waits for exactly one good callback: the right path, the
 * right state, then a code or a provider error. Everything else is answered
 * with an explaining page, reported through onEvent, and waited past.
 */
export async function startCallbackServer(options: CallbackServerOptions): Promise<CallbackServer> {
	const {redirectUri, state, timeoutMs, onEvent, lookup, explain = genericConsentError, consentUrl, expectedIssuer} = options;
	if (state === '') {
		throw new Error('startCallbackServer: state must not be empty');
	}

	const redirect: LoopbackRedirect = parseLoopbackRedirect(redirectUri);
	const selfTestToken = randomBytes(16).toString('base64url');
	const seen: Seen[] = [];
	let finished = false;
	let timer: NodeJS.Timeout | undefined;
	let settle: {resolve: (result: CallbackResult) => void; reject: (error: MktError) => void} | undefined;
	const result = new Promise<CallbackResult>((resolve, reject) => {
		settle = {resolve, reject};
	});
	// The caller may await only selfTest() or close(); a rejection then must not crash the process.
	result.catch(() => undefined);

	const emit = (event: CallbackEvent) => {
		try {
			onEvent?.(event);
		} catch {}
	};

	const send = (response: ServerResponse, status: number, page: Page | undefined, extraHeaders: Record<string, string> = {}) => {
		response.writeHead(status, {...pageHeaders, ...extraHeaders});
		response.end(page ? renderPage(page) : undefined);
	};

	const servers: Server[] = [];

	const stopListening = () => {
		for (const server of servers) {
			if (server.listening) {
				server.close();
			}

			server.closeIdleConnections();
		}
	};

	/** Settles the result once and stops listening (after `lastResponse` is flushed, if given). */
	const finish = (outcome: {result: CallbackResult} | {error: MktError}, lastResponse?: ServerResponse) => {
		if (finished) {
			return;
		}

		finished = true;
		clearTimeout(timer);
		if ('result' in outcome) {
			settle?.resolve(outcome.result);
		} else {
			settle?.reject(outcome.error);
		}

		if (lastResponse && !lastResponse.writableFinished) {
			// Closing now would destroy the socket before the page is flushed.
			lastResponse.once('finish', stopListening);
			lastResponse.once('close', stopListening);
		} else {
			stopListening();
		}
	};

	const links = consentUrl === undefined ? undefined : consentLinks({consentUrl, onReused: error => finish({error})});

	const request = (response: ServerResponse, entry: Seen & {detail?: string}, status: number, page: Page, headers?: Record<string, string>) => {
		seen.push({path: entry.path, outcome: entry.outcome});
		send(response, status, page, headers);
		emit({type: 'request', path: entry.path, outcome: entry.outcome, ...(entry.detail === undefined ? {} : {detail: entry.detail})});
	};

	const handle = (incoming: IncomingMessage, response: ServerResponse) => {
		let url: URL;
		try {
			url = new URL(incoming.url ?? '/', 'http://callback.invalid');
		} catch {
			url = new URL('http://callback.invalid/');
		}

		const {pathname: path, searchParams: params} = url;
		const method = incoming.method ?? 'GET';

		if (path === '/favicon.ico' && path !== redirect.path) {
			request(response, {path, outcome: 'favicon'}, 404, pages.notFound);
			return;
		}

		if (finished) {
			request(response, {path, outcome: 'after-finish'}, 200, pages.afterFinish, {connection: 'close'});
			return;
		}

		if (path !== redirect.path && links?.handle(incoming, response)) {
			return;
		}

		if (path !== redirect.path) {
			request(response, {path, outcome: 'wrong-path', detail: path}, 404, pages.wrongPath({path, expectedPath: redirect.path, redirectUri}));
			return;
		}

		if (method !== 'GET' && method !== 'HEAD') {
			request(response, {path, outcome: 'wrong-method', detail: cleanProviderText(method, 20)}, 405, pages.wrongMethod, {allow: 'GET, HEAD', connection: 'close'});
			return;
		}

		if (method === 'HEAD') {
			// A link preview or prefetch: it gets the headers of a page, and never the code's one use.
			send(response, 200, undefined);
			return;
		}

		if (params.has(SELF_TEST_PARAMETER)) {
			// Never a callback. The header proves to selfTest() that this server, not another program, answered.
			send(response, 204, undefined, params.get(SELF_TEST_PARAMETER) === selfTestToken ? {[selfTestHeader]: selfTestToken} : {});
			return;
		}

		// The state first: nothing else in an answer that is not ours is trusted.
		// Exactly one: a parameter sent twice (RFC 6749 §3.1 forbids it) is not the state we sent.
		const states = params.getAll('state');
		const receivedState = states.length === 1 ? states[0] : undefined;
		if (!statesEqual(state, receivedState)) {
			request(response, {path, outcome: 'state-mismatch', detail: states.length > 1 ? 'duplicated' : (receivedState ? 'different' : 'missing')}, 400, pages.stateMismatch);
			return;
		}

		const issuerProblem = checkIssuer(params, expectedIssuer);
		if (issuerProblem) {
			send(response, 400, pages.providerError({error: 'iss', description: undefined, message: issuerProblem.message, remedy: issuerProblem.remedy}), {connection: 'close'});
			finish({error: issuerProblem}, response);
			return;
		}

		const error = params.get('error');
		if (error !== null) {
			const description = params.get('error_description') ?? undefined;
			// Whoever sent the browser here wrote these: they reach the terminal only made safe.
			const cleanError = terminalText(cleanProviderText(error, 64));
			const cleanDescription = description === undefined ? undefined : terminalText(cleanProviderText(description));
			let explained: MktError;
			try {
				explained = explain(cleanError, cleanDescription);
			} catch {
				explained = genericConsentError(cleanError, cleanDescription);
			}

			send(response, 200, pages.providerError({error: cleanError, description: cleanDescription, message: explained.message, remedy: explained.remedy}), {connection: 'close'});
			emit({type: 'provider-error', error: cleanError, ...(cleanDescription === undefined ? {} : {description: cleanDescription})});
			finish({error: explained}, response);
			return;
		}

		if (params.getAll('code').length > 1) {
			request(response, {path, outcome: 'missing-code', detail: 'duplicated'}, 400, pages.duplicatedCode);
			return;
		}

		const code = params.get('code');
		if (!code) {
			request(response, {path, outcome: 'missing-code'}, 400, pages.missingCode);
			return;
		}

		send(response, 200, pages.success, {connection: 'close'});
		emit({type: 'callback-reached'});
		finish({result: {code, params}}, response);
	};

	const listeners = await listenOnLoopback({hostname: redirect.hostname, port: redirect.port, lookup, handler: handle});
	servers.push(...listeners.servers);
	for (const server of servers) {
		server.on('clientError', answerClientError);
	}

	const bound = listeners.addresses;

	timer = setTimeout(() => {
		finish({error: timeoutError({timeoutMs, seen, redirectUri, connections: listeners.connections})});
		for (const server of servers) {
			server.closeAllConnections();
		}
	}, timeoutMs);
	timer.unref();
	emit({type: 'listening', addresses: bound});

	const selfTestOne = async (address: string): Promise<void> => {
		const failed = (reason: string) => new MktError(
			'self_test_failed',
			`The callback server on ${address} did not answer its own test request (${reason}).`,
			'A firewall or security tool may be blocking connections to this machine\'s loopback address; allow them, or finish by pasting the redirected address (--paste).',
		);
		const hostname = address.startsWith('[') ? address.slice(1, address.indexOf(']')) : address.slice(0, address.lastIndexOf(':'));
		await new Promise<void>((resolve, reject) => {
			const outgoing = http.request({
				hostname,
				port: redirect.port,
				path: `${redirect.path}?${SELF_TEST_PARAMETER}=${selfTestToken}`,
				method: 'GET',
				agent: false,
				headers: {connection: 'close'},
				timeout: selfTestTimeoutMs,
			}, incoming => {
				incoming.resume();
				if (incoming.statusCode === 204 && incoming.headers[selfTestHeader] === selfTestToken) {
					resolve();
				} else {
					reject(failed(`another answer came back: HTTP ${incoming.statusCode ?? '?'}`));
				}
			});
			outgoing.on('timeout', () => {
				outgoing.destroy();
				reject(failed(`no answer within ${formatDurationWords(selfTestTimeoutMs)}`));
			});
			outgoing.on('error', error => {
				reject(failed(errorCode(error) ?? 'the connection failed'));
			});
			outgoing.end();
		});
	};

	return {
		addresses: bound,
		result,
		consentLink() {
			if (!links) {
				throw new Error('consentLink: the server was started without a consentUrl');
			}

			return links.issue(`http://${bound[0]!}`);
		},
		async selfTest() {
			for (const address of bound) {
				await selfTestOne(address);
			}

			emit({type: 'self-test-ok'});
		},
		async close() {
			finish({error: new MktError('callback_cancelled', 'The wait for the browser callback was cancelled.', 'Start the sign-in again when you are ready.')});
			stopListening();
			for (const server of servers) {
				server.closeAllConnections();
			}

			await listeners.closed;
		},
	};
}

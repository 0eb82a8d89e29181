import {randomBytes} from 'node:crypto';
import {type IncomingMessage, type Server, type ServerResponse, STATUS_CODES} from 'node:http';
import type {Duplex} from 'node:stream';
import {MktError} from '../errors.js';
import {type Page, pageHeaders, pages, renderPage} from './callback-pages.js';
import {type CallbackVerdict, classifyCallbackRequest, type Refusal, type RequestOutcome} from './callback-request.js';
import {selfTestAddress, selfTestHeader} from './callback-self-test.js';
import {type Seen, timeoutError} from './callback-timeout.js';
import {type ConsentLinks, consentLinks} from './consent-link.js';
import {type LoopbackListeners, listenOnLoopback} from './loopback-listen.js';
import {type LoopbackRedirect, parseLoopbackRedirect} from './loopback.js';
import {genericConsentError} from './provider-errors.js';

export type CallbackResult = {
	readonly code: string;
	/** Every parameter of the callback (eBay adds expires_in). */
	readonly params: URLSearchParams;
};

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

type Outcome = {readonly result: CallbackResult} | {readonly error: MktError};

/** The one result of a wait, settled by the first outcome only. */
function settleOnce(): {result: Promise<CallbackResult>; settle: (outcome: Outcome) => boolean; isSettled: () => boolean} {
	let settled = false;
	let settle: {resolve: (result: CallbackResult) => void; reject: (error: MktError) => void} | undefined;
	const result = new Promise<CallbackResult>((resolve, reject) => {
		settle = {resolve, reject};
	});
	// The caller may await only selfTest() or close(); a rejection then must not crash the process.
	result.catch(() => undefined);
	return {
		result,
		isSettled: () => settled,
		settle(outcome) {
			if (settled) {
				return false;
			}

			settled = true;
			if ('result' in outcome) {
				settle?.resolve(outcome.result);
			} else {
				settle?.reject(outcome.error);
			}

			return true;
		},
	};
}

function stopListening(servers: readonly Server[]): void {
	for (const server of servers) {
		if (server.listening) {
			server.close();
		}

		server.closeIdleConnections();
	}
}

/** Stops listening once `lastResponse`, if any, is flushed: closing now would destroy the socket before the page is sent. */
function stopListeningAfter(servers: readonly Server[], lastResponse: ServerResponse | undefined): void {
	const stop = () => {
		stopListening(servers);
	};

	if (lastResponse && !lastResponse.writableFinished) {
		lastResponse.once('finish', stop);
		lastResponse.once('close', stop);
	} else {
		stop();
	}
}

function closeAllConnections(servers: readonly Server[]): void {
	for (const server of servers) {
		server.closeAllConnections();
	}
}

function send(response: ServerResponse, status: number, page: Page | undefined, extraHeaders: Readonly<Record<string, string>> = {}): void {
	response.writeHead(status, {...pageHeaders, ...extraHeaders});
	response.end(page ? renderPage(page) : undefined);
}

/** What answering a request may touch besides the response. */
type Wait = {
	readonly seen: Seen[];
	readonly selfTestToken: string;
	readonly links: ConsentLinks | undefined;
	emit(event: CallbackEvent): void;
	/** Settles the result once and stops listening (after `lastResponse` is flushed, if given). */
	finish(outcome: Outcome, lastResponse?: ServerResponse): void;
	/** The caller's explanation of a provider error; one that throws gives way to the generic one. */
	explain(error: string, description: string | undefined): MktError;
};

function refuse(response: ServerResponse, refusal: Refusal, wait: Wait): void {
	const {path, outcome, detail} = refusal;
	wait.seen.push({path, outcome});
	send(response, refusal.status, refusal.page, refusal.headers);
	wait.emit({type: 'request', path, outcome, ...(detail === undefined ? {} : {detail})});
}

function answerProviderError(response: ServerResponse, error: string, description: string | undefined, wait: Wait): void {
	const explained = wait.explain(error, description);
	send(response, 200, pages.providerError({error, description, message: explained.message, remedy: explained.remedy}), {connection: 'close'});
	wait.emit({type: 'provider-error', error, ...(description === undefined ? {} : {description})});
	wait.finish({error: explained}, response);
}

/** Carries out what classifyCallbackRequest decided. */
function answer(verdict: CallbackVerdict, incoming: IncomingMessage, response: ServerResponse, wait: Wait): void {
	switch (verdict.kind) {
		case 'elsewhere': {
			if (!wait.links?.handle(incoming, response)) {
				refuse(response, verdict.refusal, wait);
			}

			return;
		}

		case 'refused': {
			refuse(response, verdict, wait);
			return;
		}

		case 'head': {
			send(response, 200, undefined);
			return;
		}

		case 'self-test': {
			// The header proves to selfTest() that this server, not another program, answered.
			send(response, 204, undefined, verdict.proven ? {[selfTestHeader]: wait.selfTestToken} : {});
			return;
		}

		case 'issuer-mismatch': {
			const {message, remedy} = verdict.error;
			send(response, 400, pages.providerError({error: 'iss', description: undefined, message, remedy}), {connection: 'close'});
			wait.finish({error: verdict.error}, response);
			return;
		}

		case 'provider-error': {
			answerProviderError(response, verdict.error, verdict.description, wait);
			return;
		}

		case 'code': {
			send(response, 200, pages.success, {connection: 'close'});
			wait.emit({type: 'callback-reached'});
			wait.finish({result: {code: verdict.code, params: verdict.params}}, response);
		}
	}
}

function explainingSafely(explain: NonNullable<CallbackServerOptions['explain']>): Wait['explain'] {
	return (error, description) => {
		try {
			return explain(error, description);
		} catch {
			return genericConsentError(error, description);
		}
	};
}

/** The caller's handle on a listening server. */
function serverHandle(options: {listeners: LoopbackListeners; redirect: LoopbackRedirect; wait: Wait; result: Promise<CallbackResult>}): CallbackServer {
	const {listeners, redirect, wait, result} = options;
	const bound = listeners.addresses;
	return {
		addresses: bound,
		result,
		consentLink() {
			if (!wait.links) {
				throw new Error('consentLink: the server was started without a consentUrl');
			}

			return wait.links.issue(`http://${bound[0]!}`);
		},
		async selfTest() {
			for (const address of bound) {
				await selfTestAddress({address, port: redirect.port, path: redirect.path, token: wait.selfTestToken});
			}

			wait.emit({type: 'self-test-ok'});
		},
		async close() {
			wait.finish({error: new MktError('callback_cancelled', 'The wait for the browser callback was cancelled.', 'Start the sign-in again when you are ready.')});
			stopListening(listeners.servers);
			closeAllConnections(listeners.servers);
			await listeners.closed;
		},
	};
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

	const redirect = parseLoopbackRedirect(redirectUri);
	const selfTestToken = randomBytes(16).toString('base64url');
	const servers: Server[] = [];
	const outcome = settleOnce();
	let timer: NodeJS.Timeout | undefined;
	const finish: Wait['finish'] = (settled, lastResponse) => {
		if (outcome.settle(settled)) {
			clearTimeout(timer);
			stopListeningAfter(servers, lastResponse);
		}
	};

	const wait: Wait = {
		seen: [],
		selfTestToken,
		links: consentUrl === undefined ? undefined : consentLinks({consentUrl, onReused: error => finish({error})}),
		emit(event) {
			try {
				onEvent?.(event);
			} catch {}
		},
		finish,
		explain: explainingSafely(explain),
	};
	const expected = {redirectUri, path: redirect.path, state, expectedIssuer, selfTestToken};
	const listeners = await listenOnLoopback({
		hostname: redirect.hostname,
		port: redirect.port,
		lookup,
		handler(incoming, response) {
			answer(classifyCallbackRequest(incoming, {...expected, finished: outcome.isSettled()}), incoming, response, wait);
		},
	});
	servers.push(...listeners.servers);
	for (const server of servers) {
		server.on('clientError', answerClientError);
	}

	timer = setTimeout(() => {
		finish({error: timeoutError({timeoutMs, seen: wait.seen, redirectUri, connections: listeners.connections})});
		closeAllConnections(servers);
	}, timeoutMs);
	timer.unref();
	wait.emit({type: 'listening', addresses: listeners.addresses});
	return serverHandle({listeners, redirect, wait, result: outcome.result});
}

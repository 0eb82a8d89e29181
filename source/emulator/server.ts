import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {Socket} from 'node:net';
import {faultReply} from './fault-replies.js';
import {isAuthorizeFault, type EndpointName, type FaultTable, type TransportFault} from './faults.js';
import {json, type Reply} from './reply.js';
import {matchRoute, type Route} from './router.js';
import type {EmulatorStats} from './stats.js';

const maxBodyBytes = 1024 * 1024;

export type EmulatorServer = {
	/** `http://127.0.0.1:PORT` once listening. */
	url: string;
	close(): Promise<void>;
};

/** The request counters each faultable endpoint bumps, whatever the outcome. */
function countEndpoint(stats: EmulatorStats, endpoint: EndpointName): void {
	stats.endpoints[endpoint] += 1;
	switch (endpoint) {
		case 'etsy.authorize': {
			stats.etsy.authorize += 1;
			break;
		}

		case 'etsy.ping': {
			stats.etsy.pings += 1;
			break;
		}

		case 'etsy.me': {
			stats.etsy.me += 1;
			break;
		}

		case 'ebay.authorize': {
			stats.ebay.authorize += 1;
			break;
		}

		case 'ebay.identity': {
			stats.ebay.identity += 1;
			break;
		}

		case 'ebay.taxonomy': {
			stats.ebay.taxonomy += 1;
			break;
		}

		case 'etsy.token':
		case 'ebay.token': {
			// Grants are counted by the token handlers, on success only.
			break;
		}
	}
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > maxBodyBytes) {
			return undefined;
		}

		chunks.push(chunk as Buffer);
	}

	return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, reply: Reply): void {
	response.writeHead(reply.status, {...reply.headers, 'content-length': String(Buffer.byteLength(reply.body))});
	response.end(reply.body);
}

/** Resolves after `ms`, or never once `signal` aborts (the server is closing and the socket is gone). */
async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
	return new Promise(resolve => {
		if (signal.aborted) {
			resolve(false);
			return;
		}

		const timer = setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve(true);
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			resolve(false);
		};

		signal.addEventListener('abort', onAbort, {once: true});
	});
}

type ServedTables = {
	readonly routes: readonly Route[];
	readonly faults: FaultTable;
	readonly stats: EmulatorStats;
	/** Aborts when the server closes: a slow reply still waiting is dropped. */
	readonly closing: AbortSignal;
};

async function handle(served: ServedTables, request: IncomingMessage, response: ServerResponse): Promise<void> {
	const {routes, faults, stats} = served;
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	if (!url.pathname.startsWith('/_emulator/')) {
		stats.requests += 1;
	}

	const match = matchRoute({routes, method: request.method ?? 'GET', path: url.pathname});
	if ('status' in match) {
		send(response, json(match.status, {error: match.status === 404 ? 'Not Found' : 'Method Not Allowed'}));
		return;
	}

	const {route} = match;
	const body = await readBody(request);
	if (body === undefined) {
		send(response, json(413, {error: 'Request body too large'}));
		return;
	}

	const fault = route.endpoint ? faults.take(route.endpoint) : undefined;
	if (route.endpoint) {
		countEndpoint(stats, route.endpoint);
	}

	if (fault && !isAuthorizeFault(fault) && await answeredByFault(fault, request, response, served.closing)) {
		return;
	}

	const reply = await route.handler({
		method: request.method ?? 'GET',
		url,
		headers: request.headers,
		body,
		fault: fault && isAuthorizeFault(fault) ? fault : undefined,
	});
	if (fault?.kind === 'reset-after') {
		request.socket.destroy();
		return;
	}

	send(response, reply);
}

/** Applies a fault that comes before the handler: true when it answered (or dropped) the request. */
async function answeredByFault(fault: TransportFault, request: IncomingMessage, response: ServerResponse, closing: AbortSignal): Promise<boolean> {
	if (fault.kind === 'reset') {
		request.socket.destroy();
		return true;
	}

	if (fault.kind === 'slow' && !await sleep(fault.delayMs, closing)) {
		return true;
	}

	const replacement = faultReply(fault);
	if (replacement) {
		send(response, replacement);
		return true;
	}

	return false;
}

async function listen(server: Server, port: number): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	if (address === null || typeof address === 'string') {
		throw new Error('The emulator did not get a TCP address.');
	}

	return address.port;
}

/** Serves `routes` on 127.0.0.1, applying the faults in force and counting requests. */
export async function startServer({routes, faults, stats, port}: {
	routes: readonly Route[];
	faults: FaultTable;
	stats: EmulatorStats;
	port: number;
}): Promise<EmulatorServer> {
	const sockets = new Set<Socket>();
	const closing = new AbortController();
	const served: ServedTables = {routes, faults, stats, closing: closing.signal};
	const server = createServer((request, response) => {
		handle(served, request, response).catch(() => {
			if (!response.headersSent) {
				send(response, json(500, {error: 'Emulator failure'}));
			}
		});
	});
	server.on('connection', socket => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});

	const listening = await listen(server, port);
	let closed: Promise<void> | undefined;
	return {
		url: `http://127.0.0.1:${listening}`,
		async close() {
			closed ??= new Promise<void>(resolve => {
				closing.abort();
				server.close(() => resolve());
				for (const socket of sockets) {
					socket.destroy();
				}
			});
			return closed;
		},
	};
}

import type {Server} from 'node:http';
import type {Socket} from 'node:net';

/** What the callback server's sockets did, for the time-out message. */
export type ConnectionCounts = {
	/** Connections accepted. */
	opened: number;
	/** Of those, the ones that sent at least one request. */
	withRequest: number;
	/** Closed to make room (the oldest idle one) or refused because every slot was busy. */
	shed: number;
};

export type ConnectionLimits = {
	/** At most this many open connections per listening address. @default 64 */
	readonly maxConnections?: number;
	/** A connection with nothing sent or received for this long is closed. @default 10000 */
	readonly idleMs?: number;
	/** Headers must arrive, and a request end, within this long. @default 10000 */
	readonly requestMs?: number;
	/** A kept-alive connection waits this long for its next request. @default 5000 */
	readonly keepAliveMs?: number;
};

export function emptyCounts(): ConnectionCounts {
	return {opened: 0, withRequest: 0, shed: 0};
}

/**
 * Keeps a callback server answering while another local program opens connections and sends
 * nothing: a cap per address (so file descriptors never run out) where a new connection takes the
 * place of the oldest one that is not being answered, and short header, request, keep-alive and
 * idle time-outs. The browser's callback arrives as a whole request at once, so only connections
 * that sit idle lose their place.
 */
export function guardConnections(server: Server, counts: ConnectionCounts, limits: ConnectionLimits = {}): void {
	const {maxConnections = 64, idleMs = 10_000, requestMs = 10_000, keepAliveMs = 5000} = limits;
	server.headersTimeout = requestMs;
	server.requestTimeout = requestMs;
	server.keepAliveTimeout = keepAliveMs;
	// Without a 'timeout' listener, node destroys a socket idle for this long.
	server.setTimeout(idleMs);

	// In the order they came: the first idle one is the oldest.
	const open = new Set<Socket>();
	const answering = new Set<Socket>();
	const sentRequest = new WeakSet<Socket>();

	server.on('connection', (socket: Socket) => {
		counts.opened++;
		if (open.size >= maxConnections) {
			const idle = [...open].find(other => !answering.has(other));
			counts.shed++;
			if (idle === undefined) {
				socket.destroy();
				return;
			}

			open.delete(idle);
			idle.destroy();
		}

		open.add(socket);
		socket.once('close', () => {
			open.delete(socket);
			answering.delete(socket);
		});
	});

	server.on('request', (request, response) => {
		const {socket} = request;
		if (!sentRequest.has(socket)) {
			sentRequest.add(socket);
			counts.withRequest++;
		}

		answering.add(socket);
		response.once('close', () => {
			answering.delete(socket);
		});
	});
}

/** "1,000 connections that sent no request": undefined when every connection sent one. */
export function describeSilentConnections(counts: ConnectionCounts): string | undefined {
	const silent = counts.opened - counts.withRequest;
	if (silent <= 0) {
		return undefined;
	}

	const shed = counts.shed > 0 ? `; ${counts.shed.toLocaleString('en-US')} of them were closed to make room` : '';
	return `${silent.toLocaleString('en-US')} connection${silent === 1 ? '' : 's'} that sent no request${shed}`;
}

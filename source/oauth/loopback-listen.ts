import {lookup as dnsLookup} from 'node:dns/promises';
import http, {type RequestListener, type Server} from 'node:http';
import {MktError} from '../errors.js';
import {errorCode} from '../guards.js';
import {type ConnectionCounts, emptyCounts, guardConnections} from './connection-guard.js';
import {isAbsentAddress, isLoopbackHost, localhostAddresses} from './loopback.js';

export type LoopbackListeners = {
	/** One server per address, all sharing the handler. */
	readonly servers: readonly Server[];
	/** `127.0.0.1:3000`, `[::1]:3000`. */
	readonly addresses: readonly string[];
	/** Resolves when every server has closed. */
	readonly closed: Promise<void>;
	/** Connections on all of them, for the time-out message. */
	readonly connections: ConnectionCounts;
};

async function defaultLookup(host: string): Promise<string[]> {
	const found = await dnsLookup(host, {all: true});
	return found.map(entry => entry.address);
}

/**
 * The addresses to listen on: the loopback addresses the host resolves to.
 * For `localhost` both 127.0.0.1 and ::1 are tried even when only one
 * resolves here, since browsers resolve localhost themselves; those extra
 * addresses may be unavailable (no IPv6) without harm.
 */
async function addressesFor(hostname: string, lookup: (host: string) => Promise<string[]>): Promise<{required: string[]; optional: string[]}> {
	if (hostname !== 'localhost') {
		return {required: [hostname], optional: []};
	}

	let resolved: string[] = [];
	try {
		resolved = (await lookup(hostname)).filter(address => isLoopbackHost(address));
	} catch {}

	const required = [...new Set(resolved)];
	const optional = localhostAddresses.filter(address => !required.includes(address));
	return {required, optional};
}

function hostPort(address: string, port: number): string {
	return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Listens on exactly `address` and `port` (0: any free one); rejects with the server's error, leaving no listener of its own behind. */
export async function listenOn(server: Server, address: string, port: number): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const onError = (error: Error) => {
			server.off('listening', onListening);
			reject(error);
		};

		const onListening = () => {
			server.off('error', onError);
			resolve();
		};

		server.once('error', onError);
		server.once('listening', onListening);
		server.listen({host: address, port, exclusive: true});
	});
}

function listenError(error: unknown, address: string, port: number): MktError {
	const code = errorCode(error);
	const where = hostPort(address, port);
	if (code === 'EADDRINUSE') {
		return new MktError(
			'port_in_use',
			`Port ${port} on ${address} is already in use by another program, so mkt-wizard cannot receive the callback there.`,
			`Stop the program using port ${port}, or choose another port — and then change the redirect URI registered with the provider to match.`,
		);
	}

	if (code === 'EACCES') {
		return new MktError(
			'port_denied',
			`This user may not listen on port ${port} on ${address}${port < 1024 ? ' (ports below 1024 need administrator rights)' : ''}.`,
			'Use a port above 1024 in the redirect URI, such as http://localhost:3000/callback, and register that with the provider.',
		);
	}

	return new MktError(
		'listen_failed',
		`Could not listen on ${where}${code === undefined ? '' : ` (${code})`}.`,
		'Use http://127.0.0.1:<port>/<path> as the redirect URI (registered with the provider), or finish by pasting the redirected address (--paste).',
	);
}

/**
 * Listens with `handler` on every loopback address `hostname` stands for, on
 * exactly `port` (never 0.0.0.0, never another port), and returns only once
 * listening. A port in use or denied on any address fails the whole;
 * an address the machine lacks (no IPv6) is skipped if another one bound.
 */
export async function listenOnLoopback(options: {
	hostname: string;
	port: number;
	lookup?: (host: string) => Promise<string[]>;
	handler: RequestListener;
}): Promise<LoopbackListeners> {
	const {hostname, port, lookup = defaultLookup, handler} = options;
	const {required, optional} = await addressesFor(hostname, lookup);
	const servers: Server[] = [];
	const addresses: string[] = [];
	const closed: Array<Promise<void>> = [];
	const unavailable: Array<{address: string; error: unknown}> = [];
	const connections = emptyCounts();
	const ipv4First = (a: string, b: string) => Number(a.includes(':')) - Number(b.includes(':'));
	for (const address of [...required, ...optional].sort(ipv4First)) {
		const server = http.createServer(handler);
		// Slow, stuck or idle clients cannot hold the server; header size stays at node's 16 KB default.
		guardConnections(server, connections);
		try {
			await listenOn(server, address, port);
		} catch (error) {
			const code = errorCode(error);
			const fatal = code === 'EADDRINUSE' || code === 'EACCES';
			if (!fatal && (isAbsentAddress(code) || optional.includes(address))) {
				unavailable.push({address, error});
				continue;
			}

			for (const other of servers) {
				other.close();
				other.closeAllConnections();
			}

			throw listenError(error, address, port);
		}

		server.on('error', () => undefined);
		closed.push(new Promise<void>(resolve => {
			server.once('close', resolve);
		}));
		servers.push(server);
		addresses.push(hostPort(address, port));
	}

	if (servers.length === 0) {
		const first = unavailable[0];
		throw listenError(first?.error, first?.address ?? hostname, port);
	}

	return {servers, addresses, closed: Promise.all(closed).then(() => undefined), connections};
}

// Facts about this machine's loopback: what `localhost` resolves to, and
// whether a port can be bound on an address right now.
import {promises as dns} from 'node:dns';
import net from 'node:net';
import {isLoopbackAddress} from '../oauth/loopback.js';
import {findPortOwner, type PortOwner} from './port-owner.js';

export type LookupAll = (hostname: string, options: {all: true}) => Promise<Array<{address: string; family: number}>>;

export type ResolvedAddress = {
	readonly address: string;
	readonly family: 4 | 6;
	/** Traffic to it stays on this machine (isLoopbackAddress): 127.0.0.0/8 or ::1, IPv4-mapped ones included. */
	readonly loopback: boolean;
};

/** Every address `localhost` resolves to, each flagged loopback or not. Rejects as dns.lookup does (ENOTFOUND…). */
export async function resolveLocalhost(lookup: LookupAll = dns.lookup as LookupAll): Promise<ResolvedAddress[]> {
	const found = await lookup('localhost', {all: true});
	return found.map(({address, family}) => ({address, family: family === 6 ? 6 : 4, loopback: isLoopbackAddress(address)}));
}

export type BindResult =
	| {readonly ok: true}
	| {
		readonly ok: false;
		/** `EADDRINUSE`, `EACCES`, `EADDRNOTAVAIL`… */
		readonly code: string;
		/** Who holds the port, for EADDRINUSE, when the system can tell. */
		readonly owner?: PortOwner;
	};

export type CheckPortOptions = {
	/** Replaces findPortOwner (tests, other platforms). */
	readonly findOwner?: (port: number) => Promise<PortOwner | undefined>;
};

/** Binds `address:port` and closes it at once. */
export async function checkPortBindable(port: number, address: string, options: CheckPortOptions = {}): Promise<BindResult> {
	const server = net.createServer();
	const failure = await new Promise<NodeJS.ErrnoException | undefined>(resolve => {
		server.once('error', resolve);
		server.listen({port, host: address, exclusive: true}, () => {
			resolve(undefined);
		});
	});
	if (!failure) {
		await new Promise<void>(resolve => {
			server.close(() => {
				resolve();
			});
		});
		return {ok: true};
	}

	const code = failure.code ?? 'UNKNOWN';
	if (code !== 'EADDRINUSE') {
		return {ok: false, code};
	}

	const owner = await (options.findOwner ?? findPortOwner)(port);
	return owner ? {ok: false, code, owner} : {ok: false, code};
}

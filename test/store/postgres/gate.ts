import http from 'node:http';
import type net from 'node:net';
import {forward} from '../../reliability/servers.js';

/**
 * A loopback HTTP server in front of the emulator that passes requests on, or,
 * while closed, keeps each one waiting until the test opens it: the provider's
 * answer arrives exactly when the test says, whatever the database is doing meanwhile.
 */
export type Gate = {
	readonly url: string;
	/** Requests held from now on. */
	close(): void;
	/** Passes the held requests on and every later one. */
	open(): void;
	/** Drops the held requests unanswered (their callers are gone). */
	drop(): void;
	/** Resolves when `count` requests are being held. */
	held(count?: number): Promise<void>;
	stop(): Promise<void>;
};

export async function startGate(target: string): Promise<Gate> {
	let closed = false;
	const waiting: Array<{incoming: http.IncomingMessage; outgoing: http.ServerResponse}> = [];
	const watchers: Array<() => void> = [];
	const server = http.createServer((incoming, outgoing) => {
		if (!closed) {
			forward(target, incoming, outgoing);
			return;
		}

		waiting.push({incoming, outgoing});
		for (const watcher of watchers.splice(0)) {
			watcher();
		}
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close() {
			closed = true;
		},
		open() {
			closed = false;
			for (const {incoming, outgoing} of waiting.splice(0)) {
				forward(target, incoming, outgoing);
			}
		},
		drop() {
			for (const {outgoing} of waiting.splice(0)) {
				outgoing.destroy();
			}
		},
		async held(count = 1) {
			while (waiting.length < count) {
				await new Promise<void>(resolve => {
					watchers.push(resolve);
				});
			}
		},
		async stop() {
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => resolve());
			});
		},
	};
}

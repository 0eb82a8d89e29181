// A tiny HTTP server on 127.0.0.1 standing in for a provider: it records every
// request (with its whole body) and lets each test answer as it likes.
import http, {type IncomingHttpHeaders, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

export type RecordedRequest = {
	readonly method: string;
	/** Path and query as sent. */
	readonly url: string;
	readonly headers: IncomingHttpHeaders;
	readonly body: string;
};

export type FakeServer = {
	/** `http://127.0.0.1:<port>` */
	readonly origin: string;
	readonly requests: RecordedRequest[];
	close(): Promise<void>;
};

export type Handler = (request: RecordedRequest, response: ServerResponse) => void;

export async function startFakeServer(handler: Handler): Promise<FakeServer> {
	const requests: RecordedRequest[] = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const recorded = {method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8')};
			requests.push(recorded);
			handler(recorded, response);
		});
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		requests,
		async close() {
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}

/** Sends `body` (an object is JSON-encoded) with `status` and headers. */
export function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const contentType = typeof body === 'string' && body.trimStart().startsWith('<') ? 'text/html' : 'application/json';
	response.writeHead(status, {'content-type': contentType, ...headers});
	response.end(text);
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
	const server = http.createServer();
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	await new Promise<void>(resolve => {
		server.close(() => {
			resolve();
		});
	});
	return port;
}

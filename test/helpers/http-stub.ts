// The providers' endpoints as a loopback HTTP server that answers only the requests a test
// declares, each once: verify() fails the test on a request nobody declared and on a declared
// one that never came (as cli/cli's httpmock registry does). The command's own HTTP client
// sends real requests to it; `env` points every provider endpoint here, so nothing reaches
// the internet, even a request no route expects.
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type StubReply = {
	readonly status: number;
	/** An object is sent as JSON. */
	readonly body: unknown;
};

export type StubRoute = {
	readonly method: 'GET' | 'POST';
	/** The path as requested, without the query: see `stubEnv` for where each provider's endpoints sit. */
	readonly path: string;
	readonly reply: StubReply;
};

export type StubRequest = {
	readonly method: string;
	/** Path and query as sent. */
	readonly url: string;
	readonly headers: http.IncomingHttpHeaders;
	/** A form body, decoded; empty for other bodies. */
	readonly form: Readonly<Record<string, string>>;
};

export type HttpStub = {
	/** The MKT_WIZARD_* endpoint variables that send each provider's requests here. */
	readonly env: Readonly<Record<string, string>>;
	/** Every request that arrived, answered or not, in order. */
	readonly requests: readonly StubRequest[];
	/** Throws, naming them, when a request matched no route or a route was never called. */
	verify(): void;
	close(): Promise<void>;
};

/** Where the stub serves each provider's endpoints (the token URL of eBay hangs off its API URL). */
function stubEnv(origin: string): Record<string, string> {
	return {
		MKT_WIZARD_ETSY_AUTHORIZE_URL: `${origin}/etsy/oauth/connect`,
		MKT_WIZARD_ETSY_TOKEN_URL: `${origin}/etsy/v3/public/oauth/token`,
		MKT_WIZARD_ETSY_API_URL: `${origin}/etsy/v3`,
		MKT_WIZARD_EBAY_AUTHORIZE_URL: `${origin}/ebay/oauth2/authorize`,
		MKT_WIZARD_EBAY_API_URL: `${origin}/ebay`,
		MKT_WIZARD_EBAY_APIZ_URL: `${origin}/ebay-apiz`,
	};
}

function formOf(request: http.IncomingMessage, body: string): Record<string, string> {
	return request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(body)) : {};
}

export async function startHttpStub(routes: readonly StubRoute[]): Promise<HttpStub> {
	const waiting = [...routes];
	const requests: StubRequest[] = [];
	const unexpected: string[] = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const url = request.url ?? '';
			const body = Buffer.concat(chunks).toString('utf8');
			requests.push({method: request.method ?? '', url, headers: request.headers, form: formOf(request, body)});
			const pathname = new URL(url, 'http://stub').pathname;
			const index = waiting.findIndex(route => route.method === request.method && route.path === pathname);
			if (index === -1) {
				unexpected.push(`${request.method} ${pathname}`);
				response.writeHead(501, {'content-type': 'application/json'});
				response.end(JSON.stringify({error: 'unexpected_request'}));
				return;
			}

			const [{reply}] = waiting.splice(index, 1) as [StubRoute];
			const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
			response.writeHead(reply.status, {'content-type': typeof reply.body === 'string' ? 'text/html' : 'application/json'});
			response.end(text);
		});
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return {
		env: stubEnv(`http://127.0.0.1:${port}`),
		requests,
		verify() {
			const problems = [
				...unexpected.map(request => `unexpected request ${request}`),
				...waiting.map(route => `${route.method} ${route.path} was declared but never called`),
			];
			if (problems.length > 0) {
				throw new Error(`HTTP stub: ${problems.join('; ')}`);
			}
		},
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

import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {createHttpClient, NetworkError, networkErrorKind, retryAfterMs, USER_AGENT} from '../../source/oauth/http.js';
import {closedPort, type FakeServer, reply, startFakeServer} from './fake-server.js';

let server: FakeServer | undefined;

afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function rejection(promise: Promise<unknown>): Promise<NetworkError> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof NetworkError, `expected a NetworkError, got ${String(error)}`);
		return error;
	}

	assert.fail('expected the request to fail');
}

describe('createHttpClient', () => {
	test('postForm sends a urlencoded form with our user agent and returns status, body and parsed JSON', async () => {
		server = await startFakeServer((_request, response) => {
			reply(response, 200, {access_token: 'tok', expires_in: 3600});
		});
		const http = createHttpClient({timeoutMs: 2000});
		const response = await http.postForm(`${server.origin}/v3/public/oauth/token`, {
			form: {grant_type: 'authorization_code', code: 'v^1.1#i^1#r^1==', redirect_uri: 'http://localhost:3000/callback'},
			headers: {authorization: 'Basic eA=='},
		});
		assert.equal(response.status, 200);
		assert.deepEqual(response.json, {access_token: 'tok', expires_in: 3600});
		assert.equal(response.body, '{"access_token":"tok","expires_in":3600}');
		assert.equal(response.headers['content-type'], 'application/json');
		const [request] = server.requests;
		assert.equal(request?.method, 'POST');
		assert.equal(request?.url, '/v3/public/oauth/token');
		assert.equal(request?.headers['content-type'], 'application/x-www-form-urlencoded');
		assert.equal(request?.headers['user-agent'], USER_AGENT);
		assert.equal(request?.headers.authorization, 'Basic eA==');
		assert.equal(request?.body, 'grant_type=authorization_code&code=v%5E1.1%23i%5E1%23r%5E1%3D%3D&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback');
	});

	test('HTML, invalid JSON and empty bodies come back as text with json undefined, error statuses included', async () => {
		const bodies: Record<string, [number, string]> = {
			'/html': [200, '<!doctype html><title>Proxy login</title>'],
			'/invalid': [400, '{"error": '],
			'/empty': [500, ''],
		};
		server = await startFakeServer((request, response) => {
			const [status, body] = bodies[request.url]!;
			response.writeHead(status, {'content-type': 'text/plain'});
			response.end(body);
		});
		const http = createHttpClient({timeoutMs: 2000});
		for (const [path, [status, body]] of Object.entries(bodies)) {
			const response = await http.get(`${server.origin}${path}`);
			assert.equal(response.status, status, path);
			assert.equal(response.body, body, path);
			assert.equal(response.json, undefined, path);
		}
	});

	test('redirects are not followed', async () => {
		server = await startFakeServer((request, response) => {
			if (request.url === '/moved') {
				response.writeHead(302, {location: '/elsewhere'});
				response.end();
				return;
			}

			reply(response, 200, {});
		});
		const response = await createHttpClient({timeoutMs: 2000}).get(`${server.origin}/moved`);
		assert.equal(response.status, 302);
		assert.equal(response.headers.location, '/elsewhere');
		assert.equal(server.requests.length, 1);
	});

	test('a POST answered 500 is never retried', async () => {
		server = await startFakeServer((_request, response) => {
			reply(response, 500, {error: 'Server Error'});
		});
		const response = await createHttpClient({timeoutMs: 2000, retryDelayMs: 1}).postForm(`${server.origin}/token`, {form: {code: 'once'}});
		assert.equal(response.status, 500);
		assert.equal(server.requests.length, 1);
	});

	test('a GET with retry is tried again after 503s and 429 (honouring Retry-After) until it succeeds', async () => {
		const answers = [503, 429, 200];
		server = await startFakeServer((_request, response) => {
			const status = answers.shift()!;
			reply(response, status, status === 200 ? {application_id: 1} : {error: 'busy'}, status === 429 ? {'retry-after': '0'} : {});
		});
		const response = await createHttpClient({timeoutMs: 2000, retryDelayMs: 1}).get(`${server.origin}/ping`, {retry: true});
		assert.equal(response.status, 200);
		assert.deepEqual(response.json, {application_id: 1});
		assert.equal(server.requests.length, 3);
	});

	test('a GET with retry gives up after two retries and returns the last answer', async () => {
		server = await startFakeServer((_request, response) => {
			reply(response, 502, '<html>Bad gateway</html>');
		});
		const response = await createHttpClient({timeoutMs: 2000, retryDelayMs: 1}).get(`${server.origin}/ping`, {retry: true});
		assert.equal(response.status, 502);
		assert.equal(server.requests.length, 3);
	});

	test('a GET without retry, or one asked to wait longer than 5 s, is tried once', async () => {
		server = await startFakeServer((request, response) => {
			reply(response, request.url === '/long' ? 429 : 500, {error: 'x'}, {'retry-after': '60'});
		});
		const http = createHttpClient({timeoutMs: 2000, retryDelayMs: 1});
		assert.equal((await http.get(`${server.origin}/once`)).status, 500);
		assert.equal((await http.get(`${server.origin}/long`, {retry: true})).status, 429);
		assert.equal(server.requests.length, 2);
	});

	test('a closed port throws NetworkError refused naming only the host', async () => {
		const port = await closedPort();
		const error = await rejection(createHttpClient({timeoutMs: 2000}).postForm(`http://127.0.0.1:${port}/token?client_secret=s3cr3t`, {form: {code: 'c0de'}}));
		assert.equal(error.kind, 'refused');
		assert.equal(error.host, `127.0.0.1:${port}`);
		assert.equal(error.code, 'ECONNREFUSED');
		assert.ok(!error.message.includes('/token'));
		assert.ok(!error.message.includes('s3cr3t'));
		assert.ok(!error.message.includes('c0de'));
		assert.equal(error.cause, undefined);
	});

	test('an answer slower than timeoutMs throws NetworkError timeout', async () => {
		const timers: NodeJS.Timeout[] = [];
		server = await startFakeServer((_request, response) => {
			timers.push(setTimeout(() => {
				reply(response, 200, {});
			}, 3000));
		});
		const error = await rejection(createHttpClient({timeoutMs: 100}).get(`${server.origin}/slow?token=abc`));
		for (const timer of timers) {
			clearTimeout(timer);
		}

		assert.equal(error.kind, 'timeout');
		assert.equal(error.timeoutMs, 100);
		assert.ok(!error.message.includes('abc'));
	});

	test('MKT_WIZARD_HTTP_TIMEOUT_MS sets the timeout when no timeoutMs is given', async () => {
		const timers: NodeJS.Timeout[] = [];
		server = await startFakeServer((_request, response) => {
			timers.push(setTimeout(() => {
				reply(response, 200, {});
			}, 3000));
		});
		const error = await rejection(createHttpClient({env: {MKT_WIZARD_HTTP_TIMEOUT_MS: '120'}}).get(`${server.origin}/slow`));
		for (const timer of timers) {
			clearTimeout(timer);
		}

		assert.equal(error.kind, 'timeout');
		assert.equal(error.timeoutMs, 120);
	});

	test('a connection cut mid-request throws NetworkError reset', async () => {
		server = await startFakeServer((_request, response) => {
			response.socket?.destroy();
		});
		const error = await rejection(createHttpClient({timeoutMs: 2000}).postForm(`${server.origin}/token`, {form: {refresh_token: 'r3fr3sh'}}));
		assert.equal(error.kind, 'reset');
		assert.ok(!error.message.includes('r3fr3sh'));
	});

	test('an unparseable URL throws NetworkError other without echoing it', async () => {
		const error = await rejection(createHttpClient().get('not a url?key=s3cr3t'));
		assert.equal(error.kind, 'other');
		assert.ok(!error.message.includes('s3cr3t'));
	});
});

describe('networkErrorKind', () => {
	test('maps system and TLS codes to kinds', () => {
		const cases: Array<[string | undefined, string | undefined, string]> = [
			['ECONNREFUSED', undefined, 'refused'],
			['ENOTFOUND', undefined, 'dns'],
			['EAI_AGAIN', undefined, 'dns'],
			['ETIMEDOUT', 'TimeoutError', 'timeout'],
			[undefined, 'TimeoutError', 'timeout'],
			['ECONNRESET', undefined, 'reset'],
			['EPIPE', undefined, 'reset'],
			['UNABLE_TO_VERIFY_LEAF_SIGNATURE', undefined, 'tls'],
			['SELF_SIGNED_CERT_IN_CHAIN', undefined, 'tls'],
			['CERT_HAS_EXPIRED', undefined, 'tls'],
			['ERR_TLS_CERT_ALTNAME_INVALID', undefined, 'tls'],
			['ERR_SSL_WRONG_VERSION_NUMBER', undefined, 'tls'],
			['EHOSTUNREACH', undefined, 'other'],
			[undefined, undefined, 'other'],
		];
		for (const [code, name, kind] of cases) {
			assert.equal(networkErrorKind(code, name), kind, `${code}/${name}`);
		}
	});
});

describe('retryAfterMs', () => {
	test('reads delta-seconds and HTTP dates, ignores garbage', () => {
		assert.equal(retryAfterMs({'retry-after': '3'}), 3000);
		assert.equal(retryAfterMs({'retry-after': new Date(10_000).toUTCString()}, 4000), 6000);
		assert.equal(retryAfterMs({'retry-after': 'soon'}), undefined);
		assert.equal(retryAfterMs({}), undefined);
	});
});

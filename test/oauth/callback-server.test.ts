import assert from 'node:assert/strict';
import http from 'node:http';
import net, {type AddressInfo} from 'node:net';
import {after, afterEach, describe, test} from 'node:test';
import {MktError} from '../../source/errors.js';
import {type CallbackEvent, type CallbackServer, startCallbackServer} from '../../source/oauth/callback-server.js';
import {createState} from '../../source/oauth/state.js';
import {closedPort} from './fake-server.js';
import {rejectionOf} from './helpers.js';

type Reply = {status: number; headers: http.IncomingHttpHeaders; body: string};

const code = 'v^1.1#i^1#p^3#r^1#SECRET-CODE==';
const errors: MktError[] = [];
const running: CallbackServer[] = [];

async function hasIpv6Loopback(): Promise<boolean> {
	const server = net.createServer();
	return new Promise<boolean>(resolve => {
		server.once('error', () => {
			resolve(false);
		});
		server.listen(0, '::1', () => {
			server.close(() => {
				resolve(true);
			});
		});
	});
}

async function request(options: {host?: string; port: number; path: string; method?: string; agent?: http.Agent}): Promise<Reply> {
	const {host = '127.0.0.1', port, path, method = 'GET', agent} = options;
	return new Promise<Reply>((resolve, reject) => {
		const outgoing = http.request({hostname: host, port, path, method, agent: agent ?? false}, incoming => {
			const chunks: Buffer[] = [];
			incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
			incoming.on('end', () => {
				resolve({status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8')});
			});
		});
		outgoing.on('error', reject);
		outgoing.end();
	});
}

async function start(options: {port?: number; host?: string; path?: string; timeoutMs?: number; lookup?: (host: string) => Promise<string[]>; explain?: (error: string, description: string | undefined) => MktError} = {}) {
	const port = options.port ?? await closedPort();
	const state = createState();
	const events: CallbackEvent[] = [];
	const server = await startCallbackServer({
		redirectUri: `http://${options.host ?? '127.0.0.1'}:${port}${options.path ?? '/callback'}`,
		state,
		timeoutMs: options.timeoutMs ?? 10_000,
		onEvent(event) {
			events.push(event);
		},
		...(options.lookup ? {lookup: options.lookup} : {}),
		...(options.explain ? {explain: options.explain} : {}),
	});
	running.push(server);
	return {server, port, state, events};
}

async function rejection(promise: Promise<unknown>): Promise<MktError> {
	return rejectionOf(promise, errors);
}

async function refusesConnections(port: number, host = '127.0.0.1'): Promise<boolean> {
	// The server stops listening right after the final page is flushed: retry briefly.
	for (let attempt = 0; attempt < 50; attempt++) {
		const refused = await new Promise<boolean>(resolve => {
			const socket = net.connect({host, port});
			socket.once('connect', () => {
				socket.destroy();
				resolve(false);
			});
			socket.once('error', () => {
				resolve(true);
			});
		});
		if (refused) {
			return true;
		}

		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
	}

	return false;
}

const expectedHeaders = {
	'content-type': 'text/html; charset=utf-8',
	'cache-control': 'no-store',
	'referrer-policy': 'no-referrer',
	'x-content-type-options': 'nosniff',
	'content-security-policy': 'default-src \'none\'; style-src \'unsafe-inline\'; form-action \'none\'; frame-ancestors \'none\'',
};

function assertSecurityHeaders(reply: Reply, what: string): void {
	for (const [name, value] of Object.entries(expectedHeaders)) {
		assert.equal(reply.headers[name], value, `${what}: ${name}`);
	}
}

afterEach(async () => {
	await Promise.all(running.splice(0).map(async server => server.close()));
});

after(() => {
	for (const error of errors) {
		const text = `${error.message} ${error.remedy} ${String(error)}`;
		assert.ok(!text.includes('SECRET-CODE'), `the code leaked into ${error.code}`);
		assert.ok(!text.includes(encodeURIComponent(code)), `the code leaked into ${error.code}`);
	}
});

describe('startCallbackServer', () => {
	test('happy path: listens before returning, accepts the code, shows the success page and stops listening', async () => {
		const {server, port, state, events} = await start();
		assert.deepEqual(server.addresses, [`127.0.0.1:${port}`]);
		assert.deepEqual(events[0], {type: 'listening', addresses: [`127.0.0.1:${port}`]});
		const reply = await request({port, path: `/callback?state=${encodeURIComponent(state)}&code=${encodeURIComponent(code)}&expires_in=299`});
		assert.equal(reply.status, 200);
		assert.match(reply.body, /You can close this tab and return to the terminal/);
		assertSecurityHeaders(reply, 'success');
		const result = await server.result;
		assert.equal(result.code, code);
		assert.equal(result.params.get('expires_in'), '299');
		assert.deepEqual(events.at(-1), {type: 'callback-reached'});
		assert.ok(await refusesConnections(port), 'the server still listens after the callback');
	});

	test('localhost listens on 127.0.0.1 and, where the machine has it, ::1', async () => {
		const ipv6 = await hasIpv6Loopback();
		const {server, port, events} = await start({host: 'localhost'});
		assert.ok(server.addresses.includes(`127.0.0.1:${port}`), server.addresses.join());
		if (ipv6) {
			assert.ok(server.addresses.includes(`[::1]:${port}`), server.addresses.join());
			const reply = await request({host: '::1', port, path: '/elsewhere'});
			assert.equal(reply.status, 404);
			assert.deepEqual(events.at(-1), {type: 'request', path: '/elsewhere', outcome: 'wrong-path', detail: '/elsewhere'});
		}

		assert.ok(server.addresses.every(address => address.startsWith('127.') || address.startsWith('[::1]')));
	});

	test('non-loopback addresses from the resolver are never bound', async () => {
		const looked: string[] = [];
		const {server, port} = await start({
			host: 'localhost',
			async lookup(host) {
				looked.push(host);
				return ['10.1.2.3', '127.0.0.1'];
			},
		});
		assert.deepEqual(looked, ['localhost']);
		assert.ok(server.addresses.includes(`127.0.0.1:${port}`));
		assert.ok(!server.addresses.some(address => address.includes('10.1.2.3')));
	});

	test('an [::1] redirect URI listens on ::1 only', async t => {
		if (!await hasIpv6Loopback()) {
			t.skip('no IPv6 loopback on this machine');
			return;
		}

		const {server, port} = await start({host: '[::1]'});
		assert.deepEqual(server.addresses, [`[::1]:${port}`]);
	});

	test('a wrong state is answered 400 and ignored; the right one is then accepted', async () => {
		const {server, port, state, events} = await start();
		const wrong = await request({port, path: `/callback?state=${createState()}&code=attacker-code`});
		assert.equal(wrong.status, 400);
		assert.match(wrong.body, /state/);
		assertSecurityHeaders(wrong, 'state mismatch');
		assert.deepEqual(events.at(-1), {type: 'request', path: '/callback', outcome: 'state-mismatch', detail: 'different'});
		await request({port, path: `/callback?state=${state}&code=good-code`});
		assert.equal((await server.result).code, 'good-code');
	});

	test('a missing state is answered 400, even with an error parameter', async () => {
		const {server, port, state, events} = await start();
		const missing = await request({port, path: '/callback?code=c&error=access_denied'});
		assert.equal(missing.status, 400);
		assert.deepEqual(events.at(-1), {type: 'request', path: '/callback', outcome: 'state-mismatch', detail: 'missing'});
		const noCode = await request({port, path: `/callback?state=${state}`});
		assert.equal(noCode.status, 400);
		assert.deepEqual(events.at(-1), {type: 'request', path: '/callback', outcome: 'missing-code'});
		await request({port, path: `/callback?state=${state}&code=later`});
		assert.equal((await server.result).code, 'later');
	});

	test('favicon and wrong paths get 404 pages and events; the path is reported without its query', async () => {
		const {port, events} = await start();
		const favicon = await request({port, path: '/favicon.ico'});
		assert.equal(favicon.status, 404);
		assertSecurityHeaders(favicon, 'favicon');
		assert.deepEqual(events.at(-1), {type: 'request', path: '/favicon.ico', outcome: 'favicon'});
		const wrong = await request({port, path: `/oauth/callback?code=${encodeURIComponent(code)}&state=x`});
		assert.equal(wrong.status, 404);
		assertSecurityHeaders(wrong, 'wrong path');
		assert.match(wrong.body, /waiting on the path \/callback, but this request went to \/oauth\/callback/);
		assert.ok(!wrong.body.includes('SECRET-CODE'));
		assert.deepEqual(events.at(-1), {type: 'request', path: '/oauth/callback', outcome: 'wrong-path', detail: '/oauth/callback'});
	});

	test('only GET and HEAD count on the callback path', async () => {
		const {server, port, state, events} = await start();
		const post = await request({port, path: `/callback?state=${state}&code=posted`, method: 'POST'});
		assert.equal(post.status, 405);
		assert.equal(post.headers.allow, 'GET, HEAD');
		assert.deepEqual(events.at(-1), {type: 'request', path: '/callback', outcome: 'wrong-method', detail: 'POST'});
		// A HEAD (a link preview, a prefetch) is answered but never spends the one callback.
		const head = await request({port, path: `/callback?state=${state}&code=by-head`, method: 'HEAD'});
		assert.equal(head.status, 200);
		assert.equal(head.body, '');
		await request({port, path: `/callback?state=${state}&code=by-get`});
		assert.equal((await server.result).code, 'by-get');
	});

	test('error=access_denied rejects the result through explain and shows a failure page', async () => {
		const explained = new MktError('access_denied', 'The Etsy consent was declined in the browser.', 'Run `mkt-wizard login etsy` again and choose "Allow access".', {providerCode: 'access_denied'});
		const calls: Array<[string, string | undefined]> = [];
		const {server, port, state, events} = await start({
			explain(error, description) {
				calls.push([error, description]);
				return explained;
			},
		});
		const reply = await request({port, path: `/callback?state=${state}&error=access_denied&error_description=The+user+denied+access`});
		assert.equal(reply.status, 200);
		assert.match(reply.body, /access_denied/);
		assert.match(reply.body, /The user denied access/);
		assert.match(reply.body, /choose &quot;Allow access&quot;/);
		assertSecurityHeaders(reply, 'provider error');
		assert.deepEqual(calls, [['access_denied', 'The user denied access']]);
		assert.deepEqual(events.at(-1), {type: 'provider-error', error: 'access_denied', description: 'The user denied access'});
		assert.equal(await rejection(server.result), explained);
		assert.ok(await refusesConnections(port));
	});

	test('without explain, a provider error rejects with its own code', async () => {
		const {server, port, state} = await start();
		await request({port, path: `/callback?state=${state}&error=invalid_scope&error_description=bad%0Ascope`});
		const error = await rejection(server.result);
		assert.equal(error.code, 'invalid_scope');
		assert.equal(error.providerCode, 'invalid_scope');
		assert.equal(error.message, 'The provider answered the consent with error "invalid_scope": bad scope.');
	});

	test('everything echoed is HTML-escaped', async () => {
		const {server, port, state} = await start();
		const wrong = await request({port, path: '/%3Cscript%3Ealert(1)%3C/script%3E'});
		assert.ok(!wrong.body.includes('<script>'));
		const description = encodeURIComponent('<script>alert("x")</script> & more');
		const reply = await request({port, path: `/callback?state=${state}&error=%3Cimg%20src%3Dx%3E&error_description=${description}`});
		assert.ok(!reply.body.includes('<script>'), reply.body);
		assert.ok(!reply.body.includes('<img'), reply.body);
		assert.match(reply.body, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; more/);
		await rejection(server.result);
	});

	test('a port already in use fails with port_in_use naming the port and address', async () => {
		const blocker = net.createServer();
		await new Promise<void>(resolve => {
			blocker.listen(0, '127.0.0.1', resolve);
		});
		const {port} = blocker.address() as AddressInfo;
		try {
			const error = await rejection(start({port}));
			assert.equal(error.code, 'port_in_use');
			assert.match(error.message, new RegExp(`Port ${port} on 127\\.0\\.0\\.1`));
			assert.match(error.remedy, /redirect URI/);
		} finally {
			await new Promise<void>(resolve => {
				blocker.close(() => {
					resolve();
				});
			});
		}
	});

	test('a port in use on 127.0.0.1 fails a localhost server too, leaving nothing bound', async () => {
		const blocker = net.createServer();
		await new Promise<void>(resolve => {
			blocker.listen(0, '127.0.0.1', resolve);
		});
		const {port} = blocker.address() as AddressInfo;
		try {
			assert.equal((await rejection(start({port, host: 'localhost'}))).code, 'port_in_use');
			if (await hasIpv6Loopback()) {
				assert.ok(await refusesConnections(port, '::1'), '::1 stayed bound after the failure');
			}
		} finally {
			await new Promise<void>(resolve => {
				blocker.close(() => {
					resolve();
				});
			});
		}
	});

	test('a port in use on ::1 only fails a localhost server and releases 127.0.0.1', async t => {
		if (!await hasIpv6Loopback()) {
			t.skip('no IPv6 loopback on this machine');
			return;
		}

		const port = await closedPort();
		const blocker = net.createServer();
		await new Promise<void>(resolve => {
			blocker.listen(port, '::1', resolve);
		});
		try {
			const error = await rejection(start({port, host: 'localhost'}));
			assert.equal(error.code, 'port_in_use');
			assert.match(error.message, new RegExp(`Port ${port} on ::1`));
			assert.ok(await refusesConnections(port, '127.0.0.1'), '127.0.0.1 stayed bound after the failure');
		} finally {
			await new Promise<void>(resolve => {
				blocker.close(() => {
					resolve();
				});
			});
		}
	});

	test('a redirect URI that is not http on loopback is refused before listening', async () => {
		for (const redirectUri of ['https://localhost:3000/callback', 'http://example.com:3000/callback', 'http://0.0.0.0:3000/callback']) {
			const error = await rejection(startCallbackServer({redirectUri, state: 's', timeoutMs: 1000}));
			assert.equal(error.code, 'redirect_not_loopback', redirectUri);
		}
	});

	test('timeout with nothing seen rejects callback_timeout and closes', async () => {
		const {server, port} = await start({timeoutMs: 150});
		const error = await rejection(server.result);
		assert.equal(error.code, 'callback_timeout');
		assert.equal(error.message, 'No callback arrived within 150 ms; the callback server saw no request at all.');
		assert.match(error.remedy, new RegExp(`exactly http://127\\.0\\.0\\.1:${port}/callback`));
		assert.ok(await refusesConnections(port));
	});

	test('timeout after requests lists what was seen', async () => {
		const {server, port, state} = await start({timeoutMs: 400});
		await request({port, path: '/favicon.ico'});
		await request({port, path: `/oauth/callback?state=${state}&code=${encodeURIComponent(code)}`});
		const error = await rejection(server.result);
		assert.equal(error.code, 'callback_timeout');
		assert.match(error.message, /saw 2 requests \(the favicon, wrong path \/oauth\/callback\)/);
		assert.match(error.remedy, /came back to \/oauth\/callback/);
		assert.ok(!error.message.includes(state));
	});

	test('selfTest reaches every bound address without counting as a callback', async () => {
		const {server, port, state, events} = await start({host: 'localhost'});
		await server.selfTest();
		assert.deepEqual(events.slice(1), [{type: 'self-test-ok'}]);
		await request({port, path: `/callback?state=${state}&code=after-test`});
		assert.equal((await server.result).code, 'after-test');
	});

	test('the self-test marker is answered 204 with the security headers and never counts', async () => {
		const {server, port, state, events} = await start();
		const reply = await request({port, path: `/callback?mkt_wizard_self_test=any&state=${state}&code=not-this`});
		assert.equal(reply.status, 204);
		assert.equal(reply.body, '');
		assertSecurityHeaders(reply, 'self-test');
		assert.equal(reply.headers['x-mkt-wizard-self-test'], undefined);
		assert.equal(events.length, 1);
		await request({port, path: `/callback?state=${state}&code=this`});
		assert.equal((await server.result).code, 'this');
	});

	test('selfTest fails naming the address once the server is closed', async () => {
		const {server, port} = await start();
		await server.close();
		const error = await rejection(server.selfTest());
		assert.equal(error.code, 'self_test_failed');
		assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
		assert.match(error.message, /ECONNREFUSED/);
	});

	test('close() ends a kept-alive connection promptly and cancels the wait', {timeout: 5000}, async () => {
		const {server, port} = await start();
		const agent = new http.Agent({keepAlive: true, maxSockets: 1});
		const reply = await request({port, path: '/nope', agent});
		assert.equal(reply.status, 404);
		assert.equal(reply.headers.connection, 'keep-alive');
		await server.close();
		const error = await rejection(server.result);
		assert.equal(error.code, 'callback_cancelled');
		agent.destroy();
		assert.ok(await refusesConnections(port));
	});

	test('a request already under way when the callback arrives gets the after-finish page', {timeout: 5000}, async () => {
		const {server, port, state, events} = await start();
		const slow = net.connect({host: '127.0.0.1', port});
		await new Promise<void>(resolve => {
			slow.once('connect', resolve);
		});
		slow.write('GET /callback?state=late HTTP/1.1\r\nHost: 127.0.0.1\r\n');
		const chunks: Buffer[] = [];
		slow.on('data', (chunk: Buffer) => chunks.push(chunk));
		const ended = new Promise<void>(resolve => {
			slow.once('close', () => {
				resolve();
			});
		});
		await request({port, path: `/callback?state=${state}&code=first`});
		assert.equal((await server.result).code, 'first');
		slow.write('\r\n');
		await ended;
		const raw = Buffer.concat(chunks).toString('utf8');
		assert.match(raw, /^HTTP\/1\.1 200/);
		assert.match(raw, /already finished/);
		assert.deepEqual(events.at(-1), {type: 'request', path: '/callback', outcome: 'after-finish'});
	});
});

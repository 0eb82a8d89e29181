import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import {after, describe, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {MktError} from '../../source/errors.js';
import {type CallbackServer, startCallbackServer} from '../../source/oauth/callback-server.js';
import {explainConsentError} from '../../source/oauth/provider-errors.js';
import {createState} from '../../source/oauth/state.js';
import {etsy} from '../../source/providers/etsy.js';
import {freePort} from '../helpers/cli.js';
import {sized, Tally} from './tally.js';

type Reply = {status: number; headers: Record<string, string>; body: string};

const securityHeaders: Record<string, string> = {
	'cache-control': 'no-store',
	'referrer-policy': 'no-referrer',
	'x-content-type-options': 'nosniff',
	'content-security-policy': 'default-src \'none\'; style-src \'unsafe-inline\'; form-action \'none\'; frame-ancestors \'none\'',
};

/** Every tag the callback pages may contain, exactly as written; anything else in a page came from the request. */
const allowedTags = new Set([
	'<!doctype html>', '<html lang="en">', '</html>', '<head>', '</head>', '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width">',
	'<title>', '</title>', '<style>', '</style>', '<body>', '</body>', '<h1>', '</h1>', '<p>', '</p>', '<p class="note">',
]);

/** Markup and script in every shape that has broken escaping somewhere. */
const payloads = [
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'\'><svg/onload=alert(1)>',
	'</title><script>alert(document.cookie)</script>',
	'</style><script>alert(1)</script>',
	'<!--<script>-->',
	'<scr<script>ipt>alert(1)</scr</script>ipt>',
	'<a href="javascript:alert(1)">click</a>',
	'<iframe src="//evil.example"></iframe>',
	'<meta http-equiv="refresh" content="0;url=//evil.example">',
	'<base href="//evil.example/">',
	'<form action="//evil.example"><input name=x></form>',
	'" style="background:url(//evil.example)"',
	'\' autofocus onfocus=\'alert(1)',
	'<ScRiPt>alert(1)</sCrIpT>',
	'&lt;script&gt;alert(1)&lt;/script&gt;',
	'&#60;script&#62;',
	'<\u0000script>',
	'\u2028<script>\u2029',
	'<svg><script>alert(1)</script></svg>',
	// biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, as text on purpose.
	'${alert(1)}{{constructor.constructor("alert(1)")()}}',
	'<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
	'</p></body></html><script>alert(1)</script>',
	'<object data="data:text/html,<script>alert(1)</script>">',
];

const running: CallbackServer[] = [];

after(async () => {
	await Promise.all(running.map(async server => server.close()));
});

async function start(options: {host?: string; timeoutMs?: number; explainWithEtsy?: boolean} = {}) {
	const port = await freePort();
	const state = createState();
	const redirectUri = `http://${options.host ?? '127.0.0.1'}:${port}/callback`;
	const server = await startCallbackServer({
		redirectUri,
		state,
		timeoutMs: options.timeoutMs ?? 60_000,
		...(options.explainWithEtsy ? {explain: (error: string, description: string | undefined) => explainConsentError({provider: etsy, error, ...(description ? {description} : {})})} : {}),
	});
	running.push(server);
	return {server, port, state, redirectUri};
}

function parseReply(raw: Buffer): Reply | undefined {
	const text = raw.toString('latin1');
	const end = text.indexOf('\r\n\r\n');
	if (end === -1) {
		return undefined;
	}

	const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
	const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine!)?.[1] ?? 0);
	const headers: Record<string, string> = {};
	for (const line of lines) {
		const colon = line.indexOf(':');
		headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}

	return {status, headers, body: raw.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1')).toString('utf8')};
}

/** Sends raw bytes, reads until the server closes; undefined when it closed without an answer. */
async function raw(port: number, bytes: Buffer | string, host = '127.0.0.1', options: {halfClose?: boolean} = {}): Promise<Reply | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		const socket = net.connect({host, port, allowHalfOpen: true}, () => {
			if (options.halfClose) {
				socket.end(bytes);
			} else {
				socket.write(bytes);
			}
		});
		socket.setTimeout(10_000, () => {
			socket.destroy();
			reject(new Error('no answer and no close within 10 s'));
		});
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('end', () => socket.end());
		socket.on('error', () => undefined);
		socket.on('close', () => {
			resolve(parseReply(Buffer.concat(chunks)));
		});
	});
}

function requestBytes(options: {method?: string; target: string; headers?: Record<string, string>}): string {
	const headers = {host: 'localhost', connection: 'close', ...options.headers};
	return `${options.method ?? 'GET'} ${options.target} HTTP/1.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`;
}

function query(params: Array<[string, string]>): string {
	return params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}

/** The checks every answer must pass: security headers, and no markup but the page template's own. */
function checkReply(reply: Reply | undefined, context: string): Reply {
	assert.ok(reply, `${context}: an answer`);
	for (const [name, value] of Object.entries(securityHeaders)) {
		assert.equal(reply.headers[name], value, `${context}: ${name}`);
	}

	if (reply.body !== '') {
		assert.equal(reply.headers['content-type'], 'text/html; charset=utf-8', `${context}: content-type`);
		const tags = reply.body.match(/<[^>]*>?/g) ?? [];
		for (const tag of tags) {
			assert.ok(allowedTags.has(tag), `${context}: unexpected markup ${JSON.stringify(tag)}`);
		}

		assert.equal(reply.body.split('<').length - 1, tags.length, `${context}: a stray <`);
		const style = /<style>([^<]*)<\/style>/.exec(reply.body)?.[1] ?? '';
		assert.doesNotMatch(style, /url\(|expression|@import/i, `${context}: the style is ours`);
		assert.doesNotMatch(reply.body, /<\s*script/i, `${context}: no script element`);
	}

	return reply;
}

/** LISTEN sockets on `port` from /proc/net/tcp and tcp6: their local addresses. */
function listeningAddresses(port: number): string[] {
	const found: string[] = [];
	for (const [file, v6] of [['/proc/net/tcp', false], ['/proc/net/tcp6', true]] as const) {
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			continue;
		}

		for (const line of text.split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			if (fields.length < 4 || fields[3] !== '0A') {
				continue;
			}

			const [hexAddress, hexPort] = fields[1]!.split(':');
			if (Number.parseInt(hexPort!, 16) !== port) {
				continue;
			}

			if (v6) {
				const words = hexAddress!.match(/.{8}/g)!.map(word => word.match(/../g)!.reverse().join(''));
				found.push(words.join('').match(/.{4}/g)!.map(group => group.replace(/^0+(?=.)/, '')).join(':').replace(/(^|:)0(:0)+(:|$)/, '::'));
			} else {
				found.push(hexAddress!.match(/../g)!.reverse().map(byte => Number.parseInt(byte, 16)).join('.'));
			}
		}
	}

	return found;
}

function isLoopback(address: string): boolean {
	return address === '::1' || address.startsWith('127.');
}

/** This machine's own non-loopback addresses. */
function externalAddresses(): string[] {
	return Object.values(os.networkInterfaces()).flat().filter(entry => entry && !entry.internal && entry.family === 'IPv4').map(entry => entry!.address);
}

/** True when nothing accepts a connection there: refused, or (behind a dropping firewall) no answer within 2 s. */
async function connectRefused(host: string, port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({host, port});
		socket.setTimeout(2000, () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(true));
	});
}

const settledResults = new WeakSet<Promise<unknown>>();

/** True while the flow's result is unsettled. The server settles it before it answers, so after an answer a turn of the event loop is enough. */
async function isPending(promise: Promise<unknown>): Promise<boolean> {
	promise.then(() => settledResults.add(promise), () => settledResults.add(promise));
	await new Promise(resolve => {
		setImmediate(resolve);
	});
	return !settledResults.has(promise);
}

describe('the callback server under hostile input', () => {
	// Each test counts its own part of the file's tally and asserts it; the file's totals go to the readme table.
	const tally = new Tally('callback-hostile', 'the loopback callback server under generated hostile requests');
	const repeat = sized(1, 4);

	async function counted(cases: Tally, label: string, run: () => Promise<void>): Promise<void> {
		cases.add('requests');
		await cases.attempt(label, run);
	}

	after(() => {
		tally.report(undefined, `${tally.counts.requests ?? 0} requests`);
	});

	test('wrong, missing and duplicated state or code never complete the flow; the exact state does', async () => {
		const cases = tally.part();
		let requests = 0;
		for (let round = 0; round < repeat; round++) {
			const {server, port, state} = await start();
			const near = [
				['missing', [['code', 'c0de']]],
				['empty', [['state', ''], ['code', 'c0de']]],
				['another', [['state', createState()], ['code', 'c0de']]],
				['with a suffix', [['state', `${state}x`], ['code', 'c0de']]],
				['cut short', [['state', state.slice(0, -1)], ['code', 'c0de']]],
				['upper-cased', [['state', state.toUpperCase()], ['code', 'c0de']]],
				['with a space', [['state', ` ${state}`], ['code', 'c0de']]],
				['with a NUL', [['state', `${state}\u0000`], ['code', 'c0de']]],
				['as state[]', [['state[]', state], ['code', 'c0de']]],
				['as STATE', [['STATE', state], ['code', 'c0de']]],
				['duplicated, wrong first', [['state', 'evil'], ['state', state], ['code', 'c0de']]],
				['duplicated, right first', [['state', state], ['state', 'evil'], ['code', 'c0de']]],
				['duplicated, both right', [['state', state], ['state', state], ['code', 'c0de']]],
				['right, with the code twice', [['state', state], ['code', 'c0de'], ['code', 'evil']]],
				['right, with an empty code', [['state', state], ['code', '']]],
				['right, without a code', [['state', state]]],
				['in the fragment', [['code', 'c0de']]],
			] as Array<[string, Array<[string, string]>]>;
			requests += near.length + payloads.length + 1;
			for (const [name, params] of near) {
				const target = name === 'in the fragment' ? `/callback?${query(params)}#state=${state}` : `/callback?${query(params)}`;
				await counted(cases, `state ${name}`, async () => {
					const reply = checkReply(await raw(port, requestBytes({target})), `state ${name}`);
					assert.equal(reply.status, 400, `state ${name}`);
					assert.ok(await isPending(server.result), `state ${name} must not complete the flow`);
				});
			}

			// The same with markup in every parameter and header: nothing of it is echoed unescaped.
			for (const payload of payloads) {
				await counted(cases, `payload in state, code and headers: ${payload}`, async () => {
					const reply = checkReply(await raw(port, requestBytes({
						target: `/callback?${query([['state', payload], ['code', payload], ['error_uri', payload]])}`,
						headers: {referer: encodeURI(payload), 'user-agent': encodeURI(payload), cookie: `a=${encodeURIComponent(payload)}`},
					})), `payload ${payload}`);
					assert.equal(reply.status, 400);
				});
			}

			await counted(cases, 'the exact state', async () => {
				const reply = checkReply(await raw(port, requestBytes({target: `/callback?${query([['code', 'the-code'], ['state', state]])}`})), 'exact state');
				assert.equal(reply.status, 200);
				assert.equal((await server.result).code, 'the-code');
			});
		}

		cases.assertPassed({requests});
	});

	test('markup in the path, error and error_description is escaped in every page; the security headers are on every answer', async () => {
		const cases = tally.part();
		for (let round = 0; round < repeat; round++) {
			const {port, server} = await start();
			for (const payload of payloads) {
				for (const target of [`/${encodeURIComponent(payload)}`, `/callback/${encodeURIComponent(payload)}`, `/favicon.ico?${query([['x', payload]])}`]) {
					await counted(cases, `path ${target}`, async () => {
						const reply = checkReply(await raw(port, requestBytes({target})), `path ${target}`);
						assert.equal(reply.status, 404);
					});
				}

				// Not percent-encoded at all, as a hostile client may send it.
				await counted(cases, `raw path ${payload}`, async () => {
					checkReply(await raw(port, Buffer.from(requestBytes({target: `/${payload.replaceAll(/[\s\u0000\u2028\u2029]/g, '')}`}), 'utf8')), `raw path ${payload}`);
				});
			}

			assert.ok(await isPending(server.result));
		}

		// A provider error with the right state ends the flow: one server per payload and field.
		for (const payload of payloads) {
			for (const field of ['error', 'error_description'] as const) {
				for (const explainWithEtsy of [false, true]) {
					const {port, state, server} = await start({explainWithEtsy});
					const params: Array<[string, string]> = field === 'error' ? [['error', payload], ['error_description', payload]] : [['error', 'access_denied'], ['error_description', payload]];
					await counted(cases, `${field} ${payload}`, async () => {
						const reply = checkReply(await raw(port, requestBytes({target: `/callback?${query([...params, ['state', state]])}`})), `${field} ${payload}`);
						assert.equal(reply.status, 200);
						const error = await server.result.then(() => undefined, (rejected: unknown) => rejected);
						assert.ok(error instanceof MktError);
						assert.doesNotMatch(`${error.message} ${error.code}`, /[\u0000-\u001F]/, 'one line');
					});
				}
			}
		}

		// Three paths and a raw one per payload and round, then each payload in both fields, with and without Etsy's explanation.
		cases.assertPassed({requests: payloads.length * (4 * repeat + 4)});
	});

	test('every HTTP method, 100 KB URLs and headers, non-UTF-8 bytes and garbage: answered safely, never a callback', async () => {
		const cases = tally.part();
		let requests = 0;
		for (let round = 0; round < repeat; round++) {
			const {port, state, server} = await start();
			const good = `/callback?${query([['code', 'c0de'], ['state', state]])}`;
			// For what a lenient parser may still read as a request: the state is the gate, so these carry a wrong one.
			const bad = `/callback?${query([['code', 'c0de'], ['state', 'not-the-state']])}`;
			const methods = http.METHODS.filter(name => name !== 'GET' && name !== 'HEAD');
			for (const method of methods) {
				await counted(cases, `method ${method}`, async () => {
					const reply = await raw(port, requestBytes({method, target: good, headers: {'content-length': '0'}}));
					if (method === 'CONNECT') {
						// No tunnel is offered: the connection is closed without an answer.
						assert.equal(reply, undefined);
					} else {
						assert.equal(checkReply(reply, `method ${method}`).status, 405, method);
					}

					assert.ok(await isPending(server.result), `${method} must not complete the flow`);
				});
			}

			const hostile: Array<[string, Buffer | string]> = [
				['an unknown method', requestBytes({method: 'FOO', target: good})],
				['a lower-case method', requestBytes({method: 'get', target: good})],
				['a 100 KB URL', requestBytes({target: `/callback?${query([['state', state], ['code', 'c0de'], ['pad', 'x'.repeat(100 * 1024)]])}`})],
				['a 100 KB path', requestBytes({target: `/${'a'.repeat(100 * 1024)}`})],
				['a 100 KB header', requestBytes({target: good, headers: {'x-big': 'b'.repeat(100 * 1024)}})],
				['3000 headers', requestBytes({target: `/callback?${query([['state', 'wrong'], ['code', 'c0de']])}`, headers: Object.fromEntries(Array.from({length: 3000}, (_, index) => [`x-h${index}`, 'v']))})],
				['non-UTF-8 bytes in the URL', Buffer.concat([Buffer.from('GET /callback?state='), Buffer.from([0xFF, 0xFE, 0xC3, 0x28]), Buffer.from(`&code=c0de HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`)])],
				['non-UTF-8 bytes in the path', Buffer.concat([Buffer.from('GET /'), Buffer.from([0xC0, 0xAF, 0xE0, 0x80, 0xAF]), Buffer.from(' HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n')])],
				['non-UTF-8 bytes in a header', Buffer.concat([Buffer.from(`GET /callback?${query([['state', 'x']])} HTTP/1.1\r\nhost: x\r\nx-bin: `), Buffer.from([0xFF, 0x80, 0x00, 0xFE]), Buffer.from('\r\nconnection: close\r\n\r\n')])],
				['percent-encoded invalid UTF-8', requestBytes({target: `/callback?state=%FF%FE&code=%C3%28&error_description=%ED%A0%80`})],
				['a NUL in the request line', `GET /callback\u0000?state=${state}&code=c HTTP/1.1\r\nhost: x\r\n\r\n`],
				['no HTTP version', `GET ${bad}\r\n\r\n`],
				['HTTP/0.9, then the client stops sending', `GET ${bad}\r\n`],
				['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
				['a TLS client hello', Buffer.from('16030100a5010000a103035c', 'hex')],
				['bare newlines', `GET ${bad} HTTP/1.1\nhost: x\nconnection: close\n\n`],
				['an absolute URI', requestBytes({target: `http://evil.example${bad}`})],
				['an asterisk target', requestBytes({method: 'OPTIONS', target: '*'})],
				['a header without a colon', `GET ${bad} HTTP/1.1\r\nhost x\r\n\r\n`],
				['conflicting lengths', `POST ${good} HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n`],
				['a huge content-length', `POST ${good} HTTP/1.1\r\nhost: x\r\ncontent-length: 99999999999\r\n\r\nabc`],
				['random bytes', Buffer.from(Array.from({length: 512}, (_, index) => (index * 7919) % 256))],
			];
			requests += methods.length + hostile.length + 1;
			for (const [name, bytes] of hostile) {
				await counted(cases, name, async () => {
					const reply = await raw(port, bytes, '127.0.0.1', {halfClose: name.includes('stops sending')});
					if (reply) {
						checkReply(reply, name);
						assert.ok(reply.status >= 400, `${name}: answered ${reply.status}`);
					}

					assert.ok(await isPending(server.result), `${name} must not complete the flow`);
				});
			}

			await counted(cases, 'the real callback after all that', async () => {
				assert.equal(checkReply(await raw(port, requestBytes({target: good})), 'good').status, 200);
				assert.equal((await server.result).code, 'c0de');
			});
		}

		cases.assertPassed({requests});
	});

	test('200 concurrent connections, then requests after the flow finished on kept-alive connections', async () => {
		const cases = tally.part();
		const {port, state, server} = await start({host: 'localhost'});
		const connections = sized(200, 400);
		const replies = await Promise.all(Array.from({length: connections}, async (_, index) => raw(port, requestBytes({target: `/callback?${query([['state', `wrong-${index}`], ['code', 'c']])}`}))));
		for (const [index, reply] of replies.entries()) {
			await counted(cases, `concurrent ${index}`, async () => {
				assert.equal(checkReply(reply, `concurrent ${index}`).status, 400);
			});
		}

		assert.ok(await isPending(server.result));

		// Kept-alive connections opened before the callback: what comes over them afterwards is answered, never taken.
		const agent = new http.Agent({keepAlive: true, maxSockets: 4});
		const get = async (path: string) => new Promise<Reply>((resolve, reject) => {
			http.get({host: '127.0.0.1', port, path, agent}, incoming => {
				let body = '';
				incoming.setEncoding('utf8').on('data', (chunk: string) => {
					body += chunk;
				});
				incoming.on('end', () => resolve({status: incoming.statusCode ?? 0, headers: incoming.headers as Record<string, string>, body}));
			}).on('error', reject);
		});
		await Promise.all([get('/warm-1'), get('/warm-2'), get('/warm-3')]);
		await counted(cases, 'the callback', async () => {
			assert.equal(checkReply(await get(`/callback?${query([['code', 'first'], ['state', state]])}`), 'callback').status, 200);
		});
		assert.equal((await server.result).code, 'first');
		const afterTheFlow = sized(10, 40);
		for (let index = 0; index < afterTheFlow; index++) {
			await counted(cases, `after the flow ${index}`, async () => {
				const reply = await get(`/callback?${query([['code', `later-${index}`], ['state', state]])}`).catch(() => undefined);
				if (reply) {
					checkReply(reply, `after ${index}`);
					assert.match(reply.body, /already finished/);
				}

				assert.equal((await server.result).code, 'first', 'the first code stays');
			});
		}

		agent.destroy();
		assert.ok(await connectRefused('127.0.0.1', port), 'no longer listening');
		cases.assertPassed({requests: connections + 1 + afterTheFlow});
	});

	test('slow clients that never finish their headers hold nothing up; close() and the timeout end them', async () => {
		const cases = tally.part();
		const slow = sized(20, 100);
		const open = async (port: number) => new Promise<net.Socket>((resolve, reject) => {
			const socket = net.connect({host: '127.0.0.1', port}, () => {
				socket.write('GET /callback?state=');
				resolve(socket);
			});
			socket.on('error', reject);
		});
		const closed = async (socket: net.Socket) => new Promise<void>(resolve => {
			if (socket.destroyed) {
				resolve();
			} else {
				socket.once('close', () => resolve());
			}
		});

		for (const ending of ['callback then close()', 'timeout'] as const) {
			const {port, state, server} = await start({timeoutMs: ending === 'timeout' ? 1500 : 60_000});
			const sockets = await Promise.all(Array.from({length: slow}, async () => open(port)));
			cases.add('requests', slow);
			if (ending === 'callback then close()') {
				await counted(cases, 'a callback among slow clients', async () => {
					assert.equal(checkReply(await raw(port, requestBytes({target: `/callback?${query([['code', 'c'], ['state', state]])}`})), 'callback').status, 200);
					assert.equal((await server.result).code, 'c');
				});
				await server.close();
			} else {
				await cases.attempt('the timeout', async () => {
					const error = await server.result.then(() => undefined, (rejected: unknown) => rejected);
					assert.ok(error instanceof MktError && error.code === 'callback_timeout', String(error));
				});
			}

			await cases.attempt(`${ending}: the slow clients are disconnected and the port is free`, async () => {
				await Promise.race([Promise.all(sockets.map(closed)), sleep(10_000, undefined, {ref: false}).then(() => {
					throw new Error(`${sockets.filter(socket => !socket.destroyed).length} slow sockets still open`);
				})]);
				assert.ok(await connectRefused('127.0.0.1', port));
			});
		}

		cases.assertPassed({requests: 2 * slow + 1});
	});

	test('listens on loopback addresses only', async () => {
		const cases = tally.part();
		for (const host of ['localhost', '127.0.0.1', '[::1]']) {
			const started: Awaited<ReturnType<typeof start>> | Error = await start({host}).catch((error: unknown) => error as Error);
			if (started instanceof Error) {
				// No IPv6 on this machine.
				assert.equal(host, '[::1]', String(started));
				continue;
			}

			const {server, port} = started;
			await cases.attempt(`bound addresses for ${host}`, async () => {
				assert.ok(server.addresses.length > 0);
				for (const address of server.addresses) {
					assert.ok(isLoopback(address.replace(/^\[|\]:\d+$|:\d+$/g, '')), address);
				}

				const listening = listeningAddresses(port);
				if (listening.length > 0) {
					assert.deepEqual(listening.filter(address => !isLoopback(address)), [], `LISTEN sockets on port ${port}: ${listening.join(', ')}`);
				}

				for (const external of externalAddresses()) {
					cases.add('requests');
					assert.ok(await connectRefused(external, port), `reachable on ${external}:${port}`);
				}
			});
			cases.add('servers checked for loopback only');
			await server.close();
		}

		// localhost and 127.0.0.1 at least; ::1 where the machine has IPv6.
		cases.assertPassed({'servers checked for loopback only': 2});
	});
});

import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import {readFileSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {bypassesProxy, proxyFor} from '../../source/oauth/proxy.js';
import {runCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {closedPort, type Certificate, forward, type Front, selfSignedCertificate, startTlsFront} from './servers.js';
import {configFile, expireToken, loginEtsy} from './setup.js';
import {Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

/** Names under the reserved .test TLD: no resolver knows them, so only the proxy can reach them. */
const httpsHost = 'api.mktw.test';
const httpHost = 'plain.mktw.test';

type Seen = {method: string; target: string; authorization: string | undefined};

/**
 * A small forward proxy on loopback: absolute-URI requests for http targets,
 * CONNECT for https ones. It knows the two .test names (the emulator behind
 * them) and records what it was asked; with `credentials` it wants them first.
 */
async function startProxy(routes: {http: string; httpsPort: () => number}, credentials?: string) {
	const seen: Seen[] = [];
	const tunnels = new Set<net.Socket>();
	const wanted = credentials ? `Basic ${Buffer.from(credentials).toString('base64')}` : undefined;
	const server = http.createServer((incoming, outgoing) => {
		const authorization = incoming.headers['proxy-authorization'];
		seen.push({method: incoming.method ?? '', target: incoming.url ?? '', authorization});
		if (wanted && authorization !== wanted) {
			outgoing.writeHead(407, {'proxy-authenticate': 'Basic realm="test"'}).end();
			return;
		}

		const url = new URL(incoming.url ?? '/', 'http://invalid.invalid');
		if (!(incoming.url ?? '').startsWith('http://') || url.hostname !== httpHost) {
			outgoing.writeHead(502).end();
			return;
		}

		forward(routes.http, incoming, outgoing, `${url.pathname}${url.search}`);
	});
	server.on('connect', (incoming: http.IncomingMessage, socket: net.Socket) => {
		tunnels.add(socket);
		socket.once('close', () => tunnels.delete(socket));
		const authorization = incoming.headers['proxy-authorization'];
		seen.push({method: 'CONNECT', target: incoming.url ?? '', authorization});
		if (wanted && authorization !== wanted) {
			socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="test"\r\n\r\n');
			return;
		}

		if (incoming.url !== `${httpsHost}:443`) {
			socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
			return;
		}

		const upstream = net.connect({host: '127.0.0.1', port: routes.httpsPort()}, () => {
			socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.pipe(socket);
			socket.pipe(upstream);
		});
		upstream.on('error', () => socket.destroy());
		socket.on('error', () => upstream.destroy());
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		seen,
		async close() {
			server.closeAllConnections();
			for (const socket of tunnels) {
				socket.destroy();
			}

			await new Promise<void>(resolve => {
				server.close(() => resolve());
			});
		},
	};
}

describe('HTTPS_PROXY, HTTP_PROXY and NO_PROXY', () => {
	let emulator: Emulator;
	let configDir: string;
	let certificate: Certificate;
	let front: Front;
	let proxy: Awaited<ReturnType<typeof startProxy>>;
	let guarded: Awaited<ReturnType<typeof startProxy>>;
	let base: NodeJS.ProcessEnv;

	before(async () => {
		emulator = await startEmulator();
		configDir = tempDir('config');
		await loginEtsy({emulator, configDir});
		certificate = selfSignedCertificate([httpsHost]);
		front = await startTlsFront(emulator.url, certificate);
		proxy = await startProxy({http: emulator.url, httpsPort: () => front.port});
		guarded = await startProxy({http: emulator.url, httpsPort: () => front.port}, 'proxy user:p@ss:word');
		base = testEnv({...emulator.env, MKT_WIZARD_CONFIG_DIR: configDir, NODE_EXTRA_CA_CERTS: certificate.certFile});
	});

	after(async () => {
		await proxy.close();
		await guarded.close();
		await front.close();
		certificate.cleanup();
		await emulator.close();
		removeTempDir(configDir);
	});

	const viaHttps = {MKT_WIZARD_ETSY_TOKEN_URL: `https://${httpsHost}/etsy/v3/public/oauth/token`};
	const viaHttp = {MKT_WIZARD_ETSY_TOKEN_URL: `http://${httpHost}/etsy/v3/public/oauth/token`};

	type Case = {
		name: string;
		env: () => Record<string, string | undefined>;
		/** What the proxy must have been asked, or [] for a direct connection. */
		proxied: (() => Array<Partial<Seen>>) | [];
		outcome: 'ok' | RegExp;
		remedy?: RegExp;
		/** The exit code of a failure. @default 1 */
		code?: number;
	};

	const connectHttps = {method: 'CONNECT', target: `${httpsHost}:443`};
	// Plain http off this machine is refused before any request, proxy or not (issue 12 item 11).
	const httpRefused = /MKT_WIZARD_ETSY_TOKEN_URL is http:\/\/plain\.mktw\.test: only https/;
	const notResolved = new RegExp(`the host name ${httpsHost.replaceAll('.', '\\.')}|the host name ${httpHost.replaceAll('.', '\\.')}`);

	const cases: Case[] = [
		{name: 'HTTPS_PROXY: an https target through a CONNECT tunnel, its certificate checked', env: () => ({...viaHttps, HTTPS_PROXY: proxy.url}), proxied: () => [connectHttps], outcome: 'ok'},
		{name: 'https_proxy (lower case) is read too', env: () => ({...viaHttps, https_proxy: proxy.url}), proxied: () => [connectHttps], outcome: 'ok'},
		{name: 'a proxy given without a scheme means http://', env: () => ({...viaHttps, HTTPS_PROXY: `127.0.0.1:${proxy.port}`}), proxied: () => [connectHttps], outcome: 'ok'},
		{name: 'ALL_PROXY stands in when HTTPS_PROXY is unset', env: () => ({...viaHttps, ALL_PROXY: proxy.url}), proxied: () => [connectHttps], outcome: 'ok'},
		{name: 'HTTP_PROXY with a plain-http target off this machine: refused, nothing sent', env: () => ({...viaHttp, HTTP_PROXY: proxy.url}), proxied: [], outcome: httpRefused, remedy: /https:\/\//, code: 2},
		{name: 'HTTP_PROXY is not used for https targets', env: () => ({...viaHttps, HTTP_PROXY: proxy.url}), proxied: [], outcome: notResolved},
		{name: 'without a proxy the .test name does not resolve', env: () => ({...viaHttps}), proxied: [], outcome: notResolved},
		{name: 'NO_PROXY with the domain', env: () => ({...viaHttps, HTTPS_PROXY: proxy.url, NO_PROXY: 'mktw.test'}), proxied: [], outcome: notResolved},
		{name: 'NO_PROXY with a leading dot, in a list with blanks', env: () => ({...viaHttps, HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com, .mktw.test ,other'}), proxied: [], outcome: notResolved},
		{name: 'no_proxy (lower case) with *.', env: () => ({...viaHttps, HTTPS_PROXY: proxy.url, no_proxy: '*.mktw.test'}), proxied: [], outcome: notResolved},
		{name: 'NO_PROXY=*', env: () => ({...viaHttps, HTTPS_PROXY: proxy.url, NO_PROXY: '*'}), proxied: [], outcome: notResolved},
		{name: 'NO_PROXY host:port with the target\'s port', env: () => ({...viaHttps, HTTPS_PROXY: proxy.url, NO_PROXY: `${httpsHost}:443`}), proxied: [], outcome: notResolved},
		{name: 'NO_PROXY host:port with another port still proxies', env: () => ({...viaHttps, HTTPS_PROXY: proxy.url, NO_PROXY: `${httpsHost}:8443`}), proxied: () => [connectHttps], outcome: 'ok'},
		{name: 'NO_PROXY naming other hosts still proxies', env: () => ({...viaHttps, HTTPS_PROXY: proxy.url, NO_PROXY: 'xtest,mktw.test.example,api.mktw'}), proxied: () => [connectHttps], outcome: 'ok'},
		{name: 'loopback targets (the emulator on 127.0.0.1) always go direct', env: () => ({HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, ALL_PROXY: proxy.url}), proxied: [], outcome: 'ok'},
		{name: 'proxy credentials from the URL, percent-decoded', env: () => ({...viaHttps, HTTPS_PROXY: `http://proxy%20user:p%40ss%3Aword@127.0.0.1:${guarded.port}`}), proxied: () => [{...connectHttps, authorization: `Basic ${Buffer.from('proxy user:p@ss:word').toString('base64')}`}], outcome: 'ok'},
		{name: 'a CONNECT refused with 407: the proxy is named and the fix given', env: () => ({...viaHttps, HTTPS_PROXY: `http://127.0.0.1:${guarded.port}`}), proxied: () => [{...connectHttps, authorization: undefined}], outcome: /The proxy 127\.0\.0\.1:\d+ refused to pass the token refresh on to Etsy \(api\.mktw\.test, HTTP 407\)\./, remedy: /user:password@host:port/},
		{name: 'a plain-http target is refused before a guarded proxy is asked', env: () => ({...viaHttp, HTTP_PROXY: `http://127.0.0.1:${guarded.port}`}), proxied: [], outcome: httpRefused, code: 2},
		{name: 'a proxy that is down is named as such', env: () => ({...viaHttps, HTTPS_PROXY: `http://127.0.0.1:${downPort}`}), proxied: [], outcome: /the proxy 127\.0\.0\.1:\d+ refused the connection/, remedy: /HTTPS_PROXY/},
		{name: 'a SOCKS proxy setting is refused, never bypassed', env: () => ({...viaHttps, HTTPS_PROXY: 'socks5://127.0.0.1:1080'}), proxied: [], outcome: /not an http:\/\/ proxy URL mkt-wizard can use/},
	];
	let downPort = 0;

	test('each setting routes the refresh the way it says, and a failing proxy is named', {timeout: 300_000}, async t => {
		downPort = await closedPort();
		const tally = new Tally('proxy', 'HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY through a forward proxy on loopback (CONNECT for https; plain http off loopback refused)');
		for (const item of cases) {
			tally.add('cases');
			await expireToken({configDir});
			const before = readFileSync(configFile(configDir));
			const seen = {plain: proxy.seen.length, guarded: guarded.seen.length};
			const refreshes = emulator.stats().etsy.refreshes;
			const result = await runCli(['token', 'etsy'], {...base, ...item.env()});
			await tally.attempt(item.name, () => {
				const asked = [...proxy.seen.slice(seen.plain), ...guarded.seen.slice(seen.guarded)];
				if (item.outcome === 'ok') {
					assert.equal(result.code, 0, result.stderr);
					assert.equal(emulator.stats().etsy.refreshes - refreshes, 1);
				} else {
					assert.equal(result.code, item.code ?? 1, result.stderr);
					const lines = result.stderr.trim().split('\n');
					assert.equal(lines.length, 2, result.stderr);
					assert.match(lines[0]!, item.outcome);
					if (item.remedy) {
						assert.match(lines[1]!, item.remedy);
					}

					assert.deepEqual(readFileSync(configFile(configDir)), before, 'config.json unchanged');
				}

				const expected = Array.isArray(item.proxied) ? item.proxied : item.proxied();
				assert.equal(asked.length, expected.length, `the proxy was asked ${JSON.stringify(asked)}`);
				for (const [index, want] of expected.entries()) {
					for (const [field, value] of Object.entries(want)) {
						assert.equal(asked[index]![field as keyof Seen], value, `${field} of request ${index}`);
					}
				}

				assert.doesNotMatch(result.stderr, /p@ss:word|p%40ss%3Aword/, 'the proxy password is never shown');
			});
		}

		tally.report(t, `${tally.counts.cases} proxy settings`);
		tally.assertPassed({cases: 1});
	});

	test('proxyFor and bypassesProxy: the rules as a table', async t => {
		const tally = new Tally('proxy-rules', 'proxy selection rules (NO_PROXY lists, leading dots, *, host:port, IPs, loopback, schemes)');
		const target = (url: string) => new URL(url);
		const table: Array<[string, string, boolean]> = [
			['https://api.etsy.com/v3', 'etsy.com', true],
			['https://api.etsy.com/v3', '.etsy.com', true],
			['https://api.etsy.com/v3', '*.etsy.com', true],
			['https://etsy.com/v3', '.etsy.com', true],
			['https://notetsy.com/v3', 'etsy.com', false],
			['https://api.etsy.com/v3', 'api.etsy.com:443', true],
			['https://api.etsy.com/v3', 'api.etsy.com:8443', false],
			['https://api.etsy.com:8443/v3', 'api.etsy.com:8443', true],
			['http://api.etsy.com/v3', 'api.etsy.com:80', true],
			['https://API.Etsy.com/v3', 'api.ETSY.com', true],
			['https://api.etsy.com./v3', 'etsy.com', true],
			['https://10.1.2.3/x', '10.1.2.3', true],
			['https://10.1.2.3/x', '10.1.2', false],
			['https://[2001:db8::1]/x', '2001:db8::1', true],
			['https://[2001:db8::1]:8443/x', '[2001:db8::1]:8443', true],
			['https://api.ebay.com/x', 'etsy.com,ebay.com', true],
			['https://api.ebay.com/x', ' etsy.com  ebay.com ', true],
			['https://api.ebay.com/x', '*', true],
			['https://api.ebay.com/x', '', false],
			['https://api.ebay.com/x', ',,', false],
		];
		for (const [url, noProxy, expected] of table) {
			tally.add('rules');
			await tally.attempt(`${url} with NO_PROXY=${noProxy}`, () => {
				assert.equal(bypassesProxy(target(url), noProxy), expected);
			});
		}

		const env = {HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', HTTP_PROXY: 'http://plain:3128'};
		const selections: Array<[string, Record<string, string>, string | undefined]> = [
			['https://api.etsy.com/', env, 'http://lower:3128/'],
			['http://api.etsy.com/', env, 'http://plain:3128/'],
			['https://api.etsy.com/', {HTTP_PROXY: 'http://plain:3128'}, undefined],
			['https://api.etsy.com/', {ALL_PROXY: 'http://all:1'}, 'http://all:1/'],
			['https://api.etsy.com/', {HTTPS_PROXY: '  '}, undefined],
			['http://127.0.0.1:4000/', env, undefined],
			['http://localhost:4000/', env, undefined],
			['http://demo.localhost:4000/', env, undefined],
			['http://[::1]:4000/', env, undefined],
			['http://127.9.9.9/', env, undefined],
			['https://api.etsy.com/', {HTTPS_PROXY: 'proxy.corp:8080'}, 'http://proxy.corp:8080/'],
			['https://api.etsy.com/', {HTTPS_PROXY: 'http://u:p@proxy.corp:8080', NO_PROXY: 'ebay.com'}, 'http://u:p@proxy.corp:8080/'],
		];
		for (const [url, variables, expected] of selections) {
			tally.add('rules');
			await tally.attempt(`${url} with ${JSON.stringify(variables)}`, () => {
				assert.equal(proxyFor(target(url), variables)?.href, expected);
			});
		}

		for (const bad of ['socks5://127.0.0.1:1080', 'https://secure-proxy:443', 'http://[bad']) {
			tally.add('rules');
			await tally.attempt(`unusable ${bad}`, () => {
				assert.throws(() => proxyFor(target('https://api.etsy.com/'), {HTTPS_PROXY: bad}), {code: 'ERR_PROXY_SETTING'});
			});
		}

		tally.report(t, `${tally.counts.rules} rules`);
		tally.assertPassed({rules: 1});
	});
});

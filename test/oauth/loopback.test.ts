import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {MktError} from '../../source/errors.js';
import {isAbsentAddress, isLoopbackAddress, isLoopbackHost, isLoopbackName, listenAddressesOf, parseLoopbackRedirect} from '../../source/oauth/loopback.js';
import {refuseInsecureOverrides} from '../../source/oauth/endpoint-transport.js';
import {proxyFor} from '../../source/oauth/proxy.js';
import {etsy} from '../../source/providers/etsy.js';
import {checkLoopbackRedirect} from '../../source/steps/redirect-checks.js';
import {isUsableLoopbackUrl} from '../../source/troubleshoot/redirect-parts.js';

function codeOf(redirectUri: string): string {
	try {
		parseLoopbackRedirect(redirectUri);
	} catch (error) {
		assert.ok(error instanceof MktError);
		return error.code;
	}

	return 'ok';
}

describe('parseLoopbackRedirect', () => {
	test('takes host, exact port and path from loopback http URIs', () => {
		assert.deepEqual(parseLoopbackRedirect('http://localhost:3000/callback'), {hostname: 'localhost', port: 3000, path: '/callback'});
		assert.deepEqual(parseLoopbackRedirect('http://127.0.0.1:8080/callback/etsy'), {hostname: '127.0.0.1', port: 8080, path: '/callback/etsy'});
		assert.deepEqual(parseLoopbackRedirect('http://[::1]:3003/oauth/redirect'), {hostname: '::1', port: 3003, path: '/oauth/redirect'});
		assert.deepEqual(parseLoopbackRedirect('http://LOCALHOST/'), {hostname: 'localhost', port: 80, path: '/'});
		assert.equal(parseLoopbackRedirect('http://127.5.6.7:1/x').hostname, '127.5.6.7');
	});

	test('refuses https, other hosts, all-interfaces and garbage', () => {
		assert.equal(codeOf('https://localhost:3000/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('http://example.com/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('http://0.0.0.0:3000/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('http://[::]:3000/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('http://192.168.1.10:3000/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('http://localhost.example.com:3000/callback'), 'redirect_not_loopback');
		assert.equal(codeOf('Jane_Doe-JaneDoeA-MyApp-abcdef'), 'invalid_redirect_uri');
	});

});


// host, isLoopbackAddress, isLoopbackName, isLoopbackHost
const table: Array<[string, boolean, boolean, boolean]> = [
	['127.0.0.1', true, true, true],
	['127.1.2.3', true, true, true],
	['127.255.255.255', true, true, true],
	['::1', true, true, true],
	['[::1]', true, true, true],
	['0:0:0:0:0:0:0:1', true, true, true],
	['localhost', false, true, true],
	['LOCALHOST', false, true, true],
	['foo.localhost', false, true, false],
	// Spellings a URL parser reads as 127.0.0.1, and so the callback server listens on: not socket addresses.
	['127.0.0.01', false, true, true],
	['127.1', false, true, true],
	['0x7f.0.0.1', false, true, true],
	['::ffff:127.0.0.1', true, true, false],
	['[::ffff:7f00:1]', true, true, false],
	// Near misses.
	['128.0.0.1', false, false, false],
	['126.255.255.255', false, false, false],
	['127.999.0.1', false, false, false],
	['10.0.0.1', false, false, false],
	['0.0.0.0', false, false, false],
	['::', false, false, false],
	['[::]', false, false, false],
	['fe80::1', false, false, false],
	['::ffff:10.0.0.1', false, false, false],
	['localhost.example.com', false, false, false],
	['localhost.evil.example', false, false, false],
	['127.0.0.1.nip.io', false, false, false],
	['api.etsy.com', false, false, false],
	['', false, false, false],
];

describe('the loopback rules', () => {
	test('one answer per question for each host', () => {
		for (const [host, address, name, listenable] of table) {
			assert.deepEqual(
				{address: isLoopbackAddress(host), name: isLoopbackName(host), host: isLoopbackHost(host)},
				{address, name, host: listenable},
				host,
			);
		}
	});

	test('the callback server, the redirect checks, the troubleshooter and the plain-http allowance accept the same hosts', () => {
		for (const [host, , , listenable] of table) {
			if (host === '' || host.includes(']')) {
				continue;
			}

			const written = host.includes(':') ? `[${host}]` : host;
			const redirect = `http://${written}:3000/callback`;
			if (!URL.canParse(redirect)) {
				continue;
			}

			assert.equal(codeOf(redirect), listenable ? 'ok' : 'redirect_not_loopback', `callback server: ${redirect}`);
			assert.equal(checkLoopbackRedirect(redirect) === undefined, listenable, `redirect check: ${redirect}`);
			assert.equal(isUsableLoopbackUrl(redirect), listenable, `troubleshooter: ${redirect}`);
			const plainHttp = () => {
				refuseInsecureOverrides(etsy, {MKT_WIZARD_ETSY_API_URL: `http://${written}:4010/v3`});
			};
			if (listenable) {
				assert.doesNotThrow(plainHttp, `plain http: ${redirect}`);
			} else {
				assert.throws(plainHttp, /only https is allowed/, `plain http: ${redirect}`);
			}
		}
	});

	test('the proxy bypass goes direct for loopback names only', () => {
		const env = {HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://proxy.corp:3128'};
		for (const [host, , name] of table) {
			if (host === '') {
				continue;
			}

			const written = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
			if (!URL.canParse(`http://${written}/`)) {
				continue;
			}

			assert.equal(proxyFor(new URL(`http://${written}/`), env) === undefined, name, host);
		}
	});

	test('localhost is listened on at both loopback addresses, an address at itself', () => {
		assert.deepEqual(listenAddressesOf('localhost'), ['127.0.0.1', '::1']);
		assert.deepEqual(listenAddressesOf('LOCALHOST'), ['127.0.0.1', '::1']);
		assert.deepEqual(listenAddressesOf('127.0.0.2'), ['127.0.0.2']);
		assert.deepEqual(listenAddressesOf('[::1]'), ['::1']);
	});

	test('an address the machine lacks is skipped; a port taken or denied is not', () => {
		for (const code of ['EADDRNOTAVAIL', 'EAFNOSUPPORT']) {
			assert.equal(isAbsentAddress(code), true, code);
		}

		for (const code of ['EADDRINUSE', 'EACCES', 'EINVAL', undefined]) {
			assert.equal(isAbsentAddress(code), false, code);
		}
	});
});

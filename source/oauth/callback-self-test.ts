// The callback server's test request to itself on each address it bound: proof
// that a browser on this machine can reach it, and that no other program answers there.
import http from 'node:http';
import {MktError} from '../errors.js';
import {errorCode} from '../guards.js';
import {formatDurationWords} from '../time.js';
import {SELF_TEST_PARAMETER} from './callback-request.js';

/** The answer header that carries the self-test token back. */
export const selfTestHeader = 'x-mkt-wizard-self-test';
const selfTestTimeoutMs = 3000;

/** Requests `path` with the token on `address` (`127.0.0.1:3000`, `[::1]:3000`); rejects with `self_test_failed`. */
export async function selfTestAddress(options: {address: string; port: number; path: string; token: string}): Promise<void> {
	const {address, port, path, token} = options;
	const failed = (reason: string) => new MktError(
		'self_test_failed',
		`The callback server on ${address} did not answer its own test request (${reason}).`,
		'A firewall or security tool may be blocking connections to this machine\'s loopback address; allow them, or finish by pasting the redirected address (--paste).',
	);
	const hostname = address.startsWith('[') ? address.slice(1, address.indexOf(']')) : address.slice(0, address.lastIndexOf(':'));
	await new Promise<void>((resolve, reject) => {
		const outgoing = http.request({
			hostname,
			port,
			path: `${path}?${SELF_TEST_PARAMETER}=${token}`,
			method: 'GET',
			agent: false,
			headers: {connection: 'close'},
			timeout: selfTestTimeoutMs,
		}, incoming => {
			incoming.resume();
			if (incoming.statusCode === 204 && incoming.headers[selfTestHeader] === token) {
				resolve();
			} else {
				reject(failed(`another answer came back: HTTP ${incoming.statusCode ?? '?'}`));
			}
		});
		outgoing.on('timeout', () => {
			outgoing.destroy();
			reject(failed(`no answer within ${formatDurationWords(selfTestTimeoutMs)}`));
		});
		outgoing.on('error', error => {
			reject(failed(errorCode(error) ?? 'the connection failed'));
		});
		outgoing.end();
	});
}

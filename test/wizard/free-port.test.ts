import assert from 'node:assert/strict';
import net, {type AddressInfo} from 'node:net';
import {afterEach, test} from 'node:test';
import {redirectWithFreePort, withPort} from '../../source/wizard/free-port.js';

const servers: net.Server[] = [];

afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => new Promise(resolve => {
		server.close(resolve);
	})));
});

async function occupy(port = 0): Promise<number> {
	const server = net.createServer();
	servers.push(server);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return (server.address() as AddressInfo).port;
}

test('withPort changes only the port, keeping the rest as written', () => {
	assert.equal(withPort('http://localhost:3000/callback', 3001), 'http://localhost:3001/callback');
	assert.equal(withPort('http://[::1]:3000/cb?x=1', 8080), 'http://[::1]:8080/cb?x=1');
	assert.equal(withPort('http://127.0.0.1:3000', 3005), 'http://127.0.0.1:3005');
	assert.equal(withPort('http://localhost/callback', 3001), undefined);
});

test('the next free port is offered; busy ones are skipped, a missing IPv6 is no obstacle', async () => {
	const busy = new Set([3001, 3002]);
	const probed: string[] = [];
	const offered = await redirectWithFreePort('http://localhost:3000/callback', {
		async probe(port, address) {
			probed.push(`${address}:${port}`);
			if (address === '::1') {
				return {ok: false, code: 'EADDRNOTAVAIL'};
			}

			return busy.has(port) ? {ok: false, code: 'EADDRINUSE'} : {ok: true};
		},
	});
	assert.equal(offered, 'http://localhost:3003/callback');
	assert.ok(probed.includes('::1:3003') && probed.includes('127.0.0.1:3003'), 'localhost: both loopback addresses are checked');
});

test('a port really taken on this machine is not offered', async () => {
	const taken = await occupy();
	const neighbour = await occupy(taken + 1).catch(() => undefined);
	const offered = await redirectWithFreePort(`http://127.0.0.1:${taken}/callback`);
	assert.ok(offered, 'some port is free');
	const port = Number(new URL(offered).port);
	assert.ok(port > taken && port !== neighbour, `offered ${port}`);
});

test('nothing free within the tries: undefined', async () => {
	const offered = await redirectWithFreePort('http://localhost:3000/callback', {tries: 3, probe: async () => ({ok: false, code: 'EADDRINUSE'})});
	assert.equal(offered, undefined);
});

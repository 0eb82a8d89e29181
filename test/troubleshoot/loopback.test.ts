import assert from 'node:assert/strict';
import net, {type AddressInfo} from 'node:net';
import {afterEach, describe, test} from 'node:test';
import {checkPortBindable, resolveLocalhost} from '../../source/troubleshoot/loopback.js';

let server: net.Server | undefined;

afterEach(async () => {
	await new Promise(resolve => {
		if (server?.listening) {
			server.close(resolve);
		} else {
			resolve(undefined);
		}
	});
	server = undefined;
});

async function listen(host: string): Promise<number> {
	server = net.createServer();
	await new Promise<void>(resolve => {
		server!.listen(0, host, resolve);
	});
	return (server.address() as AddressInfo).port;
}

describe('resolveLocalhost', () => {
	test('lists every address with its family and flags the ones that are not loopback', async () => {
		const lookup = async (hostname: string) => {
			assert.equal(hostname, 'localhost');
			return [{address: '::1', family: 6}, {address: '127.0.0.1', family: 4}, {address: '10.1.2.3', family: 4}];
		};
		assert.deepEqual(await resolveLocalhost(lookup), [
			{address: '::1', family: 6, loopback: true},
			{address: '127.0.0.1', family: 4, loopback: true},
			{address: '10.1.2.3', family: 4, loopback: false},
		]);
	});

	test('uses the system resolver by default: localhost resolves to loopback here', async () => {
		const addresses = await resolveLocalhost();
		assert.ok(addresses.length > 0);
		assert.ok(addresses.every(address => address.loopback), JSON.stringify(addresses));
	});
});

describe('checkPortBindable', () => {
	test('a free port binds, and is free again afterwards', async () => {
		const port = await listen('127.0.0.1');
		await new Promise(resolve => server!.close(resolve));
		assert.deepEqual(await checkPortBindable(port, '127.0.0.1'), {ok: true});
		assert.deepEqual(await checkPortBindable(port, '127.0.0.1'), {ok: true});
	});

	test('a port in use reports EADDRINUSE and names this process as the owner', async () => {
		const port = await listen('127.0.0.1');
		const result = await checkPortBindable(port, '127.0.0.1');
		assert.equal(result.ok, false);
		assert.equal(!result.ok && result.code, 'EADDRINUSE');
		if (process.platform === 'linux') {
			assert.equal(!result.ok && result.owner?.pid, process.pid);
		}
	});

	test('the owner lookup can be replaced, and is not called for other failures', async () => {
		const port = await listen('127.0.0.1');
		const asked: number[] = [];
		const result = await checkPortBindable(port, '127.0.0.1', {
			async findOwner(busy) {
				asked.push(busy);
				return {pid: 4321, command: 'fake'};
			},
		});
		assert.deepEqual(result, {ok: false, code: 'EADDRINUSE', owner: {pid: 4321, command: 'fake'}});
		assert.deepEqual(asked, [port]);
	});

	test('an address this machine does not have reports EADDRNOTAVAIL', async () => {
		// 192.0.2.1 is TEST-NET-1: never assigned to a local interface.
		const result = await checkPortBindable(3000, '192.0.2.1', {findOwner: async () => assert.fail('not for EADDRNOTAVAIL')});
		assert.deepEqual(result, {ok: false, code: 'EADDRNOTAVAIL'});
	});
});

import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import {after, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {emptyCounts, guardConnections} from '../../source/oauth/connection-guard.js';
import {followRedirect, freePort, startCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';

import {track} from './cli-runs.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

const skipUlimit = process.platform === 'win32' ? 'needs a POSIX shell' : false;

/** Opens `count` connections to the port that send nothing; resolves once all are connected (or refused). */
async function idleSockets(port: number, count: number): Promise<net.Socket[]> {
	const sockets: net.Socket[] = [];
	await Promise.all(Array.from({length: count}, async () => new Promise<void>(resolve => {
		const socket = net.connect({host: '127.0.0.1', port}, () => resolve());
		socket.on('error', () => resolve());
		sockets.push(socket);
	})));
	return sockets;
}

async function closedCount(sockets: readonly net.Socket[], expected: number): Promise<number> {
	for (;;) {
		const closed = sockets.filter(socket => socket.destroyed || socket.readyState === 'closed').length;
		if (closed >= expected) {
			return closed;
		}

		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

describe('guardConnections on a plain server', () => {
	test('past the cap, each new connection takes the place of the oldest idle one, and a request still gets through', async () => {
		const counts = emptyCounts();
		const server = http.createServer((_request, response) => response.end('ok'));
		guardConnections(server, counts, {maxConnections: 4});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const {port} = server.address() as net.AddressInfo;
		const sockets = await idleSockets(port, 10);
		await closedCount(sockets, 6);
		const answer = await fetch(`http://127.0.0.1:${port}/`);
		assert.equal(await answer.text(), 'ok');
		assert.equal(counts.withRequest, 1);
		assert.ok(counts.opened >= 11 && counts.shed >= 7, JSON.stringify(counts));
		for (const socket of sockets) {
			socket.destroy();
		}

		server.closeAllConnections();
		await new Promise(resolve => server.close(resolve));
	});

	test('a connection that sends nothing is closed after the idle time', async () => {
		const server = http.createServer((_request, response) => response.end('ok'));
		guardConnections(server, emptyCounts(), {idleMs: 200});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const {port} = server.address() as net.AddressInfo;
		const [socket] = await idleSockets(port, 1);
		await new Promise(resolve => socket!.once('close', resolve));
		await new Promise(resolve => server.close(resolve));
	});
});

describe('the CLI\'s callback server under a crowd of idle connections', {skip: skipUlimit}, () => {
	let emulator: Emulator;
	let configDir: string;
	let port: number;
	let redirect: string;
	const opened: net.Socket[] = [];

	before(async () => {
		port = await freePort();
		redirect = `http://127.0.0.1:${port}/callback`;
		emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [redirect]}]});
		configDir = tempDir('config');
	});

	after(async () => {
		for (const socket of opened) {
			socket.destroy();
		}

		await emulator.close();
		removeTempDir(configDir);
	});

	const env = () => testEnv({...emulator.env, MKT_WIZARD_CONFIG_DIR: configDir, ETSY_API_KEY: demo.etsy.keystring, ETSY_SHARED_SECRET: demo.etsy.sharedSecret});

	test('1,100 idle connections against a 1,024 file-descriptor limit: the real callback still gets through', async () => {
		const cli = track(startCli(['login', 'etsy', '--yes', '--no-browser', '--redirect-uri', redirect, '--scopes', 'shops_r'], env(), undefined, {wrap: ['sh', '-c', 'ulimit -n 1024 && exec "$@"', 'sh']}));
		const [, url] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/etsy\/oauth\/connect\?\S+)/);
		await cli.waitForStderr(/Waiting for Etsy/);
		opened.push(...await idleSockets(port, 1100));

		const approved = await emulator.approve(url!);
		const page = await followRedirect(approved.location!);
		assert.equal(page.status, 200);
		const result = await cli.done;
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stderr, /Logged in to Etsy/);
	});

	test('a time-out with connections but no request says so, with the count, and does not blame the registration', async () => {
		const quietPort = await freePort();
		const cli = track(startCli(['login', 'etsy', '--yes', '--no-browser', '--redirect-uri', `http://127.0.0.1:${quietPort}/callback`, '--timeout', '2'], env()));
		await cli.waitForStderr(/Waiting for Etsy/);
		opened.push(...await idleSockets(quietPort, 40));
		const result = await cli.done;
		assert.equal(result.code, 1, result.stderr);
		assert.match(result.stderr, /saw no request at all, and 40 connections that sent no request\./);
		assert.match(result.stderr, /Another program on this machine kept connections to the callback port open/);
		assert.doesNotMatch(result.stderr, /registered/);
	});
});

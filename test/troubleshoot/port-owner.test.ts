import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import net, {type AddressInfo} from 'node:net';
import path from 'node:path';
import {afterEach, describe, test} from 'node:test';
import {findPortOwner, listeningInodes} from '../../source/troubleshoot/port-owner.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

const linux = process.platform === 'linux';

const tcpTable = [
	'  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
	'   0: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0',
	'   1: 0100007F:0BB8 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 5151 1 0000000000000000 20 4 30 10 -1',
	'   2: 00000000:0BB9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 6161 1 0000000000000000 100 0 0 10 0',
	'',
].join('\n');

let child: ChildProcess | undefined;
const temporary: string[] = [];

afterEach(() => {
	child?.kill();
	child = undefined;
	for (const directory of temporary.splice(0)) {
		removeTempDir(directory);
	}
});

describe('listeningInodes', () => {
	test('picks LISTEN sockets on the port only, not established connections or other ports', () => {
		assert.deepEqual(listeningInodes(tcpTable, 3000), ['4242']);
		assert.deepEqual(listeningInodes(tcpTable, 3001), ['6161']);
		assert.deepEqual(listeningInodes(tcpTable, 3002), []);
	});
});

describe('findPortOwner', () => {
	test('finds the child process listening on a port, with its command line', {skip: !linux && 'reads /proc'}, async () => {
		const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>console.log(s.address().port))";
		child = spawn(process.execPath, ['-e', script], {stdio: ['ignore', 'pipe', 'inherit']});
		const port = await new Promise<number>((resolve, reject) => {
			child!.stdout!.once('data', (chunk: Buffer) => {
				resolve(Number(chunk.toString().trim()));
			});
			child!.once('error', reject);
		});
		const owner = await findPortOwner(port);
		assert.equal(owner?.pid, child.pid);
		assert.match(owner?.command ?? '', /node/);
		assert.ok((owner?.command.length ?? 0) <= 80);
	});

	test('gives undefined for a port nobody listens on', {skip: !linux && 'reads /proc'}, async () => {
		const server = net.createServer();
		await new Promise<void>(resolve => {
			server.listen(0, '127.0.0.1', resolve);
		});
		const {port} = server.address() as AddressInfo;
		await new Promise(resolve => server.close(resolve));
		assert.equal(await findPortOwner(port), undefined);
	});

	test('gives undefined on other platforms without reading anything', async () => {
		assert.equal(await findPortOwner(3000, {platform: 'darwin', procRoot: '/nonexistent'}), undefined);
	});

	test('reads a /proc-shaped tree: matches the fd link, trims the command to 80 characters', async () => {
		const root = tempDir('proc');
		temporary.push(root);
		mkdirSync(path.join(root, 'net'));
		writeFileSync(path.join(root, 'net', 'tcp'), tcpTable);
		for (const [pid, inode] of [['200', '9999'], ['300', '4242']] as const) {
			mkdirSync(path.join(root, pid, 'fd'), {recursive: true});
			symlinkSync(`socket:[${inode}]`, path.join(root, pid, 'fd', '3'));
		}

		writeFileSync(path.join(root, '300', 'cmdline'), `${['python3', '-m', 'http.server', 'x'.repeat(100)].join('\0')}\0`);
		const owner = await findPortOwner(3000, {procRoot: root, platform: 'linux'});
		assert.equal(owner?.pid, 300);
		assert.equal(owner?.command.length, 80);
		assert.ok(owner?.command.startsWith('python3 -m http.server x'));
		assert.ok(owner?.command.endsWith('…'));
	});

	test('falls back to comm when the command line is empty, and to undefined when no process holds the socket', async () => {
		const root = tempDir('proc');
		temporary.push(root);
		mkdirSync(path.join(root, 'net'));
		writeFileSync(path.join(root, 'net', 'tcp6'), tcpTable);
		mkdirSync(path.join(root, '77', 'fd'), {recursive: true});
		symlinkSync('socket:[6161]', path.join(root, '77', 'fd', '9'));
		writeFileSync(path.join(root, '77', 'cmdline'), '');
		writeFileSync(path.join(root, '77', 'comm'), 'nginx\n');
		assert.deepEqual(await findPortOwner(3001, {procRoot: root, platform: 'linux'}), {pid: 77, command: 'nginx'});
		assert.equal(await findPortOwner(3000, {procRoot: root, platform: 'linux'}), undefined);
	});
});

import assert from 'node:assert/strict';
import {chmodSync, type FSWatcher, readFileSync, statSync, watch} from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {demo, emulatorEnv, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {followRedirect, freePort, runCli, startCli, testEnv} from '../helpers/cli.js';
import {findLeaks, leaksInRecordedRuns, recordedCliRuns, scanCliRunsForSecrets, secretsSeen} from '../helpers/secret-scan.js';
import {forward} from './servers.js';
import {sandboxApp} from './setup.js';
import {Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

/** A reverse proxy in front of the emulator that writes down every request line: the URLs mkt-wizard itself builds. */
async function startUrlRecorder(target: string) {
	const urls: string[] = [];
	const server = http.createServer((incoming, outgoing) => {
		urls.push(`${incoming.method ?? ''} ${incoming.url ?? ''}`);
		forward(target, incoming, outgoing);
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		urls,
		async close() {
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => resolve());
			});
		},
	};
}

/** Every mode an entry in `dir` (and `dir` itself, once created inside `parent`) is seen with while the watch runs. */
function watchModes(parent: string, dir: string) {
	const seen: Array<{name: string; mode: number}> = [];
	const watchers: FSWatcher[] = [];
	const look = (full: string) => {
		try {
			seen.push({name: path.relative(parent, full), mode: statSync(full).mode & 0o777});
		} catch {}
	};

	const watchDir = () => {
		look(dir);
		try {
			watchers.push(watch(dir, (_event, name) => {
				if (name) {
					look(path.join(dir, name));
				}
			}));
		} catch {}
	};

	watchers.push(watch(parent, (_event, name) => {
		if (name === path.basename(dir) && watchers.length === 1) {
			watchDir();
		}
	}));
	return {
		seen,
		stop() {
			for (const watcher of watchers) {
				watcher.close();
			}
		},
	};
}

describe('secrets stay in the config file and the token command\'s stdout', () => {
	let emulator: Emulator;
	let recorder: Awaited<ReturnType<typeof startUrlRecorder>>;
	let scratch: string;
	let configDir: string;
	let env: NodeJS.ProcessEnv;
	let redirect: string;
	const umask000 = ['sh', '-c', 'umask 000; exec "$@"', 'sh'];

	before(async () => {
		const port = await freePort();
		redirect = `http://127.0.0.1:${port}/callback`;
		emulator = await startEmulator({etsyApps: [{...demo.etsy, redirectUris: [redirect]}]});
		recorder = await startUrlRecorder(emulator.url);
		scratch = tempDir('secrets');
		chmodSync(scratch, 0o755);
		configDir = path.join(scratch, 'config');
		env = testEnv({
			...emulatorEnv(recorder.url),
			MKT_WIZARD_CONFIG_DIR: configDir,
			ETSY_API_KEY: demo.etsy.keystring,
			ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
			EBAY_CLIENT_ID: sandboxApp.clientId,
			EBAY_CLIENT_SECRET: sandboxApp.clientSecret,
			EBAY_RUNAME: sandboxApp.ruNames[0]!.ruName,
		});
	});

	after(async () => {
		await recorder.close();
		await emulator.close();
		removeTempDir(scratch);
	});

	async function loginEtsy(options: {wrap?: string[]; onWaiting?: (pid: number) => void} = {}) {
		const cli = startCli(['login', 'etsy', '--yes', '--no-browser', '--redirect-uri', redirect, '--scopes', 'shops_r,listings_r'], env, undefined, options.wrap ? {wrap: options.wrap} : {});
		const [, url] = await cli.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/etsy\/oauth\/connect\?\S+)/);
		await cli.waitForStderr(/Waiting for Etsy/);
		options.onWaiting?.(cli.pid!);
		const approved = await emulator.approve(url!.replace(recorder.url, emulator.url));
		await followRedirect(approved.location!);
		return cli.done;
	}

	test('the config folder is 0700 and the file 0600 from the first write, even under umask 000', async t => {
		const tally = new Tally('secrets-modes', 'config folder and file modes from the first write, watched with inotify while the CLI runs under umask 000');
		const watcher = watchModes(scratch, configDir);
		const login = await loginEtsy({wrap: umask000});
		assert.equal(login.code, 0, login.stderr);
		const refresh = await runCli(['token', 'etsy', '--min-valid', '999999'], env, '', {wrap: umask000});
		assert.equal(refresh.code, 0, refresh.stderr);
		watcher.stop();
		tally.add('modes observed', watcher.seen.length);
		for (const {name, mode} of watcher.seen) {
			await tally.attempt(`${name} seen as 0${mode.toString(8)}`, () => {
				assert.equal(mode & 0o077, 0);
			});
		}

		await tally.attempt('final modes', () => {
			assert.equal(statSync(configDir).mode & 0o777, 0o700);
			assert.equal(statSync(path.join(configDir, 'config.json')).mode & 0o777, 0o600);
		});
		assert.ok(watcher.seen.some(({name}) => name === 'config'), 'the folder\'s creation was seen');
		tally.report(t, `${tally.counts['modes observed']} modes observed`);
		tally.assertPassed({'modes observed': 1});
	});

	test('no secret in a running login\'s process arguments, in any request URL, in any output or file but the config', async t => {
		const tally = new Tally('secrets', 'secrets (client and shared secrets, access and refresh tokens) in process arguments, request URLs, CLI output and files');
		// What this test sends: the recorder also holds what the test before it sent, when it ran.
		const urlsBefore = recorder.urls.length;
		let cmdline = '';
		const login = await loginEtsy({
			onWaiting(pid) {
				cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
			},
		});
		assert.equal(login.code, 0, login.stderr);
		assert.match(cmdline, /login etsy/, 'the arguments were read');

		// Everything else a user does, through the URL recorder.
		const runs: string[][] = [
			['token', 'etsy'],
			['token', 'etsy', '--min-valid', '999999'],
			['login', 'ebay', '--env', 'sandbox', '--grant', 'app'],
			['token', 'ebay', '--env', 'sandbox', '--grant', 'app', '--min-valid', '999999'],
			['status'],
			['status', '--json'],
			['doctor', '--offline'],
			['logout', 'ebay', '--env', 'sandbox'],
			['token', 'ebay', '--env', 'sandbox'],
		];
		for (const args of runs) {
			await runCli(args, env);
		}

		const paste = startCli(['login', 'ebay', '--env', 'sandbox', '--paste', '--scopes', 'sell.inventory'], env);
		const [, url] = await paste.waitForStderr(/(http:\/\/127\.0\.0\.1:\d+\/ebay\/oauth2\/authorize\?\S+)/);
		const approved = await emulator.approve(url!.replace(recorder.url, emulator.url));
		paste.write(`${approved.location!}\n`);
		assert.equal((await paste.done).code, 0);
		const saved = readFileSync(path.join(configDir, 'config.json'), 'utf8');
		assert.ok(saved.includes(demo.etsy.sharedSecret), 'the config holds the secrets');

		const secrets = [...secretsSeen()];
		tally.add('secrets known', secrets.length);
		const requests = recorder.urls.length - urlsBefore;
		tally.add('request URLs', requests);
		tally.add('CLI runs', recordedCliRuns().length);
		await tally.attempt('process arguments', () => {
			assert.deepEqual(findLeaks({'login command line': cmdline}, secrets), []);
		});
		await tally.attempt('request URLs', () => {
			// The two Etsy and the two eBay logins, the refresh and the mint above send at least 8.
			assert.ok(requests >= 8, `only ${requests} requests recorded`);
			assert.deepEqual(findLeaks(Object.fromEntries(recorder.urls.map((line, index) => [`request ${index}: ${line.slice(0, 60)}`, line])), secrets), []);
		});
		await tally.attempt('outputs and files', () => {
			assert.deepEqual(leaksInRecordedRuns(), []);
		});
		assert.ok(secrets.length >= 6, `secrets known: ${secrets.length}`);
		tally.report(t, `${tally.counts['CLI runs']} CLI runs, ${tally.counts['request URLs']} request URLs, ${tally.counts['secrets known']} secrets`);
		tally.assertPassed({'CLI runs': 1, 'request URLs': 1});
	});
});

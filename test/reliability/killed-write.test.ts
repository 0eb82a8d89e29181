import assert from 'node:assert/strict';
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {after, before, describe, test} from 'node:test';
import {parseConfig} from '../../source/store/config-shape.js';
import {connectionKey, type Connection} from '../../source/store/index.js';
import {runScript, sampleConnection, storeModule} from '../store/helpers.js';
import {sized, Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

const key = connectionKey({provider: 'etsy'});

function connectionWith(serial: number): Connection {
	const base = sampleConnection(key);
	return {...base, user: {...base.user!, token: {...base.user!.token, accessToken: `12345.access-${serial}`, refreshToken: `12345.refresh-${serial}`}}, updatedAt: serial};
}

/** The serial number of the tokens config.json holds, after checking that it parses and that its two tokens belong together. */
function savedSerial(file: string): number {
	const parsed = parseConfig(readFileSync(file, 'utf8'));
	assert.ok(parsed.ok, `config.json does not parse: ${parsed.ok ? '' : parsed.problem}`);
	const token = parsed.data.profiles.default!.etsy!.user!.token;
	const access = /^12345\.access-(\d+)$/.exec(token.accessToken)?.[1];
	assert.ok(access, `unexpected access token ${token.accessToken}`);
	assert.equal(token.refreshToken, `12345.refresh-${access}`, 'access and refresh token come from the same save');
	return Number(access);
}

/**
 * Plain, and with SNAP set (a snap-packaged terminal sets it; conf then wrote config.json in place, so a
 * kill mid-write left it empty or cut short: issue 12 item 3), on a config of a few hundred KB so a write
 * takes long enough for kills to land inside it.
 */
const variants: Array<{id: string; title: string; env: Record<string, string>; padding: number}> = [
	{id: 'killed-mid-write', title: '', env: {}, padding: 0},
	{id: 'killed-mid-write-snap', title: ' with SNAP set, on a 350 KB config', env: {SNAP: '/snap/mkt-wizard-test/1'}, padding: 1000},
];

for (const variant of variants) {
	describe(`a process killed (SIGKILL) at a random moment of a save${variant.title}`, () => {
		let configDir: string;
		let store: string;

		before(async () => {
			configDir = tempDir('config');
			store = await storeModule();
			const padding = Object.fromEntries(Array.from({length: variant.padding}, (_, index) => [`padding-${index}`, {etsy: connectionWith(index)}]));
			writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({version: 1, profiles: {default: {etsy: connectionWith(0)}, ...padding}}), {mode: 0o600});
		});

		after(() => {
			removeTempDir(configDir);
		});

		test('leaves a config that parses and holds the last saved tokens (or the ones being saved); the next writer proceeds', {timeout: 600_000}, async t => {
			const trials = sized(20, 100);
			const tally = new Tally(variant.id, `a process saving tokens in a loop under the lock${variant.title}, killed with SIGKILL at a random moment`);
			const file = path.join(configDir, 'config.json');
			let serial = 0;
			for (let trial = 1; trial <= trials; trial++) {
				tally.add('trials');
				const start = serial;
				// Saves as fast as it can: each save is lock → read → write temp + fsync + rename → unlock; it prints each serial once saved.
				const child = runScript(`
					import {openStore, connectionKey} from ${JSON.stringify(store)};
					const store = openStore({configDir: ${JSON.stringify(configDir)}});
					const key = connectionKey({provider: 'etsy'});
					console.log('ready');
					for (let serial = ${start + 1}; ; serial++) {
						await store.withLock(async () => {
							store.update(key, current => ({...current, user: {...current.user, token: {...current.user.token, accessToken: '12345.access-' + serial, refreshToken: '12345.refresh-' + serial}}, updatedAt: serial}));
						});
						process.stdout.write(serial + '\\n');
					}
				`, {readyLine: 'ready', env: variant.env});
				await child.ready;
				await sleep(20 + Math.floor(Math.random() * 180));
				child.kill('SIGKILL');
				const result = await child.done;
				const acknowledged = result.stdout.split('\n').filter(line => /^\d+$/.test(line)).map(Number);
				const lastAcknowledged = acknowledged.at(-1) ?? start;
				tally.add('saves before the kill', lastAcknowledged - start);
				await tally.attempt(`trial ${trial}`, () => {
					assert.equal(result.signal, 'SIGKILL', `the child ended by itself: ${result.stderr}`);
					const saved = savedSerial(file);
					assert.ok(saved === lastAcknowledged || saved === lastAcknowledged + 1, `saved ${saved}, last acknowledged ${lastAcknowledged}`);
					if (saved === lastAcknowledged + 1) {
						tally.add('kills after the rename, before the acknowledgement');
					}

					serial = saved;
					assert.equal(statSync(file).mode & 0o777, 0o600);
					const leftovers = readdirSync(configDir).filter(name => name !== 'config.json');
					tally.add('temporary files left by the kill', leftovers.filter(name => name.includes('tmp')).length);
					for (const name of leftovers) {
						const full = path.join(configDir, name);
						assert.equal(statSync(full).mode & 0o077, 0, `${name} is private`);
						if (name === 'config.json.lock') {
							tally.add('kills holding the lock');
							const record = JSON.parse(readFileSync(full, 'utf8')) as {pid: number};
							assert.equal(typeof record.pid, 'number', 'a lock file is always complete');
						}
					}
				});
			}

			// Whatever the last kill left, a new writer takes the lock over and saves.
			await tally.attempt('a writer after the last kill', async () => {
				const child = runScript(`
					import {openStore, connectionKey} from ${JSON.stringify(store)};
					const store = openStore({configDir: ${JSON.stringify(configDir)}});
					await store.withLock(async () => {
						store.update(connectionKey({provider: 'etsy'}), current => ({...current, user: {...current.user, token: {...current.user.token, accessToken: '12345.access-${serial + 1}', refreshToken: '12345.refresh-${serial + 1}'}}}));
					});
				`);
				const result = await child.done;
				assert.equal(result.code, 0, result.stderr);
				assert.equal(savedSerial(file), serial + 1);
				// Half-written copies hold tokens: the next lock holder removes what killed writers left.
				assert.deepEqual(readdirSync(configDir).filter(name => name !== 'config.json'), [], 'nothing is left beside config.json');
			});
			tally.report(t, `${trials} kills (${tally.counts['saves before the kill'] ?? 0} saves completed between them)`);
			tally.assertPassed();
		});
	});
}

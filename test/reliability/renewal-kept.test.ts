import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {MktError} from '../../source/errors.js';
import {startEmulator, type Emulator} from '../../source/emulator/index.js';
import {ensureAccessToken, type AccessToken} from '../../source/flows/access-token.js';
import {createHttpClient, type HttpClient, type HttpResponse} from '../../source/oauth/http.js';
import {openStore, type Connection} from '../../source/store/index.js';
import {runCli, startCli, testEnv} from '../helpers/cli.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';
import {etsyKey, expireToken, fillDisk, loginEtsy, savedConnection} from './setup.js';
import {Tally} from './tally.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

scanCliRunsForSecrets();

const runningAsRoot = process.getuid?.() === 0;

/** Can this machine mount a tmpfs here (root, Linux)? */
function canMount(): boolean {
	if (!runningAsRoot || process.platform !== 'linux') {
		return false;
	}

	const probe = tempDir('mount-probe');
	const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'mktw', probe], {stdio: 'ignore'}).status === 0;
	if (mounted) {
		spawnSync('umount', [probe], {stdio: 'ignore'});
	}

	removeTempDir(probe);
	return mounted;
}

/** A real HTTP client to the emulator that runs `afterAnswer` once the provider has answered, before the caller sees the answer (which it may replace). */
function clientWith(afterAnswer: (response: HttpResponse) => unknown): HttpClient {
	const http = createHttpClient({env: {}});
	return {
		async postForm(url, options) {
			const response = await http.postForm(url, options);
			return (afterAnswer(response) as HttpResponse | undefined) ?? response;
		},
		get: async (url, options) => http.get(url, options),
	};
}

/** The answer with some of its JSON fields replaced, as a provider with a broken lifetime would send it. */
function withFields(response: HttpResponse, fields: Record<string, unknown>): HttpResponse {
	const json = {...response.json as Record<string, unknown>, ...fields};
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) {
			delete json[name];
		}
	}

	return {...response, json, body: JSON.stringify(json)};
}

describe('a rotating refresh token is never sent unless its successor can be kept (issue 12 item 2)', () => {
	let emulator: Emulator;
	let scratch: string;
	const mounts: string[] = [];
	const mountable = canMount();

	before(async () => {
		emulator = await startEmulator();
		scratch = tempDir('renewal');
	});

	after(async () => {
		for (const mount of mounts) {
			spawnSync('umount', ['-l', mount], {stdio: 'ignore'});
		}

		await emulator.close();
		removeTempDir(scratch);
	});

	/** A fresh config folder holding an expired Etsy login: on a small tmpfs of its own when `tmpfs` is given. */
	async function expiredLogin(name: string, tmpfs?: string): Promise<{configDir: string; mount: string; env: NodeJS.ProcessEnv}> {
		const mount = path.join(scratch, name);
		fs.mkdirSync(mount);
		if (tmpfs) {
			execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${tmpfs},mode=0700`, 'mktw', mount]);
			mounts.push(mount);
		}

		const configDir = path.join(mount, 'config');
		await loginEtsy({emulator, configDir});
		await expireToken({configDir});
		const runtime = path.join(scratch, `${name}-runtime`);
		fs.mkdirSync(runtime, {mode: 0o700});
		return {configDir, mount, env: {...emulator.env, XDG_RUNTIME_DIR: runtime}};
	}

	async function tokenFor(configDir: string, env: NodeJS.ProcessEnv, http: HttpClient = createHttpClient({env: {}})): Promise<AccessToken> {
		return ensureAccessToken({key: etsyKey}, {store: openStore({configDir, env}), http: async () => http, now: Date.now, env});
	}

	/** The saved login still renews at the emulator: its refresh token is the live one (Etsy's are single-use). */
	async function assertStillRenews(configDir: string, env: NodeJS.ProcessEnv): Promise<void> {
		await expireToken({configDir});
		const refreshes = emulator.stats().etsy.refreshes;
		const token = await tokenFor(configDir, env);
		assert.equal(token.renewed, true);
		assert.equal(emulator.stats().etsy.refreshes, refreshes + 1);
	}

	function refreshTokenOf(connection: Connection | undefined): string | undefined {
		return connection?.user?.token.refreshToken;
	}

	test('full disk before asking, full disk / read-only remount / EIO / EDQUOT after the answer, absurd lifetimes: the successor is always kept', {timeout: 300_000, skip: mountable ? false : 'needs root to mount a tmpfs'}, async t => {
		const tally = new Tally('renewal-kept', 'a rotating refresh with the disk full before asking, the disk filled, remounted read-only, EIO or EDQUOT after the answer, and answers with absurd or non-numeric lifetimes');

		// The disk is full before anything is sent: one page is left, the lock takes it, and the save could not fit.
		tally.add('cases');
		await tally.attempt('disk full before asking', async () => {
			const {configDir, mount, env} = await expiredLogin('full-before', '64k');
			const before = fs.readFileSync(path.join(configDir, 'config.json'), 'utf8');
			const filler = fillDisk(mount, 4096);
			const refreshes = emulator.stats().etsy.refreshes;
			await assert.rejects(tokenFor(configDir, env), (error: unknown) => {
				assert.ok(error instanceof MktError, String(error));
				assert.equal(error.code, 'config_not_writable');
				assert.match(error.message, /\(no space left on the disk\), so nothing was sent to the provider and the saved tokens still work\.$/);
				assert.match(error.remedy, /^Free some space on the disk that holds /);
				return true;
			});
			assert.equal(emulator.stats().etsy.refreshes, refreshes, 'nothing was sent');
			assert.equal(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8'), before);
			fs.rmSync(filler);
			await assertStillRenews(configDir, env);
		});

		// The disk fills up while the provider answers: the save goes into the space reserved before asking.
		tally.add('cases');
		await tally.attempt('disk filled after the answer', async () => {
			const {configDir, mount, env} = await expiredLogin('full-after', '64k');
			let rotated: string | undefined;
			const token = await tokenFor(configDir, env, clientWith(response => {
				rotated = (response.json as {refresh_token?: string}).refresh_token;
				fillDisk(mount);
			}));
			assert.equal(token.renewed, true);
			assert.ok(rotated);
			assert.equal(refreshTokenOf(savedConnection(configDir)), rotated, 'the new refresh token is saved');
			for (const name of fs.readdirSync(mount).filter(entry => entry.startsWith('filler-'))) {
				fs.rmSync(path.join(mount, name));
			}

			await assertStillRenews(configDir, env);
		});

		// The disk is remounted read-only while the provider answers: the answer waits in a private recovery file; the next run saves it.
		tally.add('cases');
		await tally.attempt('read-only remount after the answer', async () => {
			const {configDir, mount, env} = await expiredLogin('remount', '256k');
			let rotated: string | undefined;
			const refreshes = emulator.stats().etsy.refreshes;
			const token = await tokenFor(configDir, env, clientWith(response => {
				rotated = (response.json as {refresh_token?: string}).refresh_token;
				execFileSync('mount', ['-o', 'remount,ro', mount]);
			}));
			assert.equal(token.renewed, true);
			assert.equal(token.notes?.length, 1, 'one note says what happened');
			const note = token.notes![0]!;
			assert.match(note, /^Etsy issued new tokens, but .*config\.json could not be written \(read-only file system\); they are kept in (.*), and the next mkt-wizard command that can write the config saves them\.$/);
			const kept = /kept in (.*), and the next/.exec(note)![1]!;
			assert.ok(kept.startsWith(env.XDG_RUNTIME_DIR!), kept);
			assert.equal(fs.statSync(kept).mode & 0o777, 0o600);
			assert.ok(!note.includes(rotated!) && !note.includes(token.accessToken), 'no token in the note');
			execFileSync('mount', ['-o', 'remount,rw', mount]);
			// The next run saves it and uses it, without asking Etsy again.
			const next = await tokenFor(configDir, env);
			assert.equal(next.accessToken, token.accessToken);
			assert.equal(emulator.stats().etsy.refreshes, refreshes + 1);
			assert.equal(refreshTokenOf(savedConnection(configDir)), rotated);
			assert.equal(fs.existsSync(kept), false, 'the recovery file is removed once saved');
			await assertStillRenews(configDir, env);
		});

		// An I/O error or a quota at the moment of the save (injected: no real disk fails on cue).
		for (const code of ['EIO', 'EDQUOT']) {
			tally.add('cases');
			await tally.attempt(`${code} at the save`, async () => {
				const {configDir, env} = await expiredLogin(`inject-${code}`);
				const file = path.join(configDir, 'config.json');
				const rename = fs.renameSync;
				let rotated: string | undefined;
				let token: AccessToken;
				try {
					token = await tokenFor(configDir, env, clientWith(response => {
						rotated = (response.json as {refresh_token?: string}).refresh_token;
						fs.renameSync = (from, to) => {
							if (path.resolve(String(to)) === file) {
								throw Object.assign(new Error(`${code}: injected`), {code});
							}

							rename(from, to);
						};
					}));
				} finally {
					fs.renameSync = rename;
				}

				const reason = code === 'EIO' ? 'input/output error' : 'disk quota exceeded';
				assert.match(token.notes?.[0] ?? '', new RegExp(`could not be written \\(${reason}\\); they are kept in ${configDir}/config\\.json\\.recovery-`));
				const next = await tokenFor(configDir, env);
				assert.equal(next.accessToken, token.accessToken);
				assert.equal(refreshTokenOf(savedConnection(configDir)), rotated);
				assert.deepEqual(fs.readdirSync(configDir).filter(name => name.includes('.recovery-') || name.includes('.tmp-')), [], 'nothing left beside the config');
				await assertStillRenews(configDir, env);
			});
		}

		// Answers whose lifetimes cannot be saved as they are, or that cannot be used at all, after Etsy rotated.
		const answers: Array<[string, Record<string, unknown>]> = [
			['expires_in 1e308', {expires_in: 1e308}],
			['expires_in "abc"', {expires_in: 'abc'}],
			['refresh_token_expires_in 1e308', {refresh_token_expires_in: 1e308}],
			['no access_token at all', {access_token: undefined}],
		];
		for (const [name, fields] of answers) {
			tally.add('cases');
			await tally.attempt(`an answer with ${name}`, async () => {
				const {configDir, env} = await expiredLogin(`answer-${name.replaceAll(/\W+/g, '-')}`);
				let rotated: string | undefined;
				const http = clientWith(response => {
					rotated = (response.json as {refresh_token?: string}).refresh_token;
					return withFields(response, fields);
				});
				try {
					await tokenFor(configDir, env, http);
				} catch (error) {
					// An answer that cannot be used may fail the call, but never loses the new refresh token, and says so.
					assert.ok(error instanceof MktError, String(error));
					assert.match(error.remedy, /new refresh token in Etsy's answer was saved/);
				}

				assert.ok(rotated);
				assert.equal(refreshTokenOf(savedConnection(configDir)), rotated, 'the rotated refresh token is saved');
				await assertStillRenews(configDir, env);
			});
		}

		tally.report(t, `${tally.counts.cases} cases`);
		tally.assertPassed({cases: 1});
	});

	test('SIGKILL between the answer and the save: the config stays whole; a save already written is finished by the next run, one not yet written is named with the login that brings it back', {timeout: 120_000}, async t => {
		const tally = new Tally('renewal-killed', 'a `token` process killed (SIGKILL) after the provider answered its refresh, before its save was written and after, then the next command');
		// Preloaded into the CLI: the save says so at the chosen moment and then blocks, so the kill lands there.
		const stops = {
			'before the save was written': `fs.openSync = (file, flags, ...rest) => {
				if (/config\\.json\\.tmp-/.test(String(file)) && flags === fs.constants.O_WRONLY + (fs.constants.O_NOFOLLOW ?? 0)) {
					stop();
				}
				return open(file, flags, ...rest);
			};`,
			'after the save was written, before its rename': `fs.renameSync = (from, to) => {
				if (String(to).endsWith('config.json')) {
					stop();
				}
				return rename(from, to);
			};`,
		};
		for (const [moment, patch] of Object.entries(stops)) {
			const {configDir, env} = await expiredLogin(`killed-${moment.replaceAll(/\W+/g, '-')}`);
			const file = path.join(configDir, 'config.json');
			const before = fs.readFileSync(file, 'utf8');
			const preload = path.join(scratch, `stop-${Object.keys(stops).indexOf(moment)}.cjs`);
			fs.writeFileSync(preload, `
				const fs = require('node:fs');
				const open = fs.openSync;
				const rename = fs.renameSync;
				const stop = () => {
					process.stderr.write('stopped\\n');
					Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
				};
				${patch}
			`);
			const cliEnv = testEnv({...env, MKT_WIZARD_CONFIG_DIR: configDir});
			const refreshes = emulator.stats().etsy.refreshes;
			const run = startCli(['token', 'etsy'], {...cliEnv, NODE_OPTIONS: `--require ${preload}`}, '');
			await run.waitForStderr(/stopped/, 60_000);
			run.kill('SIGKILL');
			await run.done;
			tally.add('kills');
			await tally.attempt(`${moment}: the kill`, () => {
				assert.equal(emulator.stats().etsy.refreshes, refreshes + 1, 'Etsy answered (and rotated)');
				assert.equal(fs.readFileSync(file, 'utf8'), before, 'config.json is the old one, whole');
			});

			tally.add('commands');
			const next = await runCli(['token', 'etsy'], cliEnv);
			await tally.attempt(`${moment}: the next command`, () => {
				if (moment.startsWith('after')) {
					assert.equal(next.code, 0, next.stderr);
					assert.equal(emulator.stats().etsy.refreshes, refreshes + 1, 'the saved answer is used: no second refresh');
					return;
				}

				assert.equal(next.code, 1);
				const lines = next.stderr.split('\n').filter(line => line !== '');
				assert.match(lines[0]!, new RegExp(`^⚠ A token renewal of the Etsy connection of profile "default" by process ${run.pid} was interrupted at \\S+ before its answer was saved; if the provider had answered, the saved refresh token is spent and \`mkt-wizard login etsy\` is needed\\.$`));
				assert.match(lines[1]!, /^✖ .*already used, expired, or revoked/);
			});
			await tally.attempt(`${moment}: nothing left beside the config`, () => {
				assert.deepEqual(fs.readdirSync(configDir).filter(name => name !== 'config.json'), []);
			});
		}

		tally.report(t, `${tally.counts.kills} kills, ${tally.counts.commands} commands after them`);
		tally.assertPassed({kills: 1, commands: 1});
	});
});

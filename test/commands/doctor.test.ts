import assert from 'node:assert/strict';
import {chmodSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {parseArgv} from '../../source/args.js';
import {doctorOptions, runDoctor, type DoctorDeps, type DoctorOptions} from '../../source/commands/doctor.js';
import {createHttpClient, type HttpClient} from '../../source/oauth/http.js';
import {connectionKey, openStore} from '../../source/store/index.js';
import type {Connection, GrantRecord} from '../../source/store/types.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';
import {closedPort, type FakeServer, reply, startFakeServer} from '../oauth/fake-server.js';

const now = Date.parse('2026-03-01T12:00:00Z');
const minute = 60_000;
const day = 24 * 60 * minute;

type Json = {ok: boolean; checks: Array<{id: string; title: string; status: string; detail: string; fix?: string}>};

let dir: string;
let server: FakeServer | undefined;
let busy: net.Server | undefined;

beforeEach(() => {
	dir = tempDir('doctor');
});

afterEach(async () => {
	await server?.close();
	server = undefined;
	if (busy) {
		await new Promise(resolve => busy!.close(resolve));
		busy = undefined;
	}

	removeTempDir(dir);
});

function grant(token: Partial<GrantRecord['token']> & {expiresAt: number}): GrantRecord {
	return {
		scopes: ['shops_r'],
		token: {accessToken: 'SECRET-ACCESS-1234', tokenType: 'Bearer', obtainedAt: now - (30 * minute), ...token},
		verifiedAt: now - (30 * minute),
	};
}

function etsy(redirect: string, user: GrantRecord): Connection {
	return {provider: 'etsy', environment: 'production', clientId: 'keystring1', clientSecret: 'SECRET-SHARED-9876', redirect, user, updatedAt: now};
}

async function seed(entries: Array<{profile: string; connection: Connection}>): Promise<void> {
	const store = openStore({configDir: dir, env: {}});
	await store.withLock(async () => {
		for (const {profile, connection} of entries) {
			store.update(connectionKey({provider: connection.provider, profile, environment: connection.environment}), () => connection);
		}
	});
}

/** A loopback port that is free right now. */
async function freePort(): Promise<number> {
	return closedPort();
}

type DoctorCall = Partial<DoctorOptions> & Partial<Pick<DoctorDeps, 'http' | 'lookup' | 'platform'>> & {env?: NodeJS.ProcessEnv};

async function doctor(extra: DoctorCall = {}): Promise<{code: number; out: string; err: string}> {
	let out = '';
	let err = '';
	const {env: extraEnv, http, lookup, platform, ...options} = extra;
	const env = {PATH: process.env.PATH, BROWSER: 'none', MKT_WIZARD_CONFIG_DIR: dir, ...extraEnv};
	const code = await runDoctor({json: false, offline: true, ...options}, {
		io: {
			out(text) {
				out += text;
			},
			err(text) {
				err += text;
			},
		},
		env,
		now: () => now,
		http: http ?? (async (httpOptions = {}) => createHttpClient({env, ...httpOptions})),
		lookup: lookup ?? (async () => [{address: '127.0.0.1', family: 4}, {address: '::1', family: 6}]),
		...(platform ? {platform} : {}),
	});
	return {code, out, err};
}

async function doctorJson(extra: DoctorCall = {}): Promise<{code: number; report: Json; err: string}> {
	const {code, out, err} = await doctor({...extra, json: true});
	return {code, report: JSON.parse(out) as Json, err};
}

function byId(report: Json, id: string): Json['checks'][number] {
	const check = report.checks.find(candidate => candidate.id === id);
	assert.ok(check, `no check ${id} in ${report.checks.map(candidate => candidate.id).join(', ')}`);
	return check;
}

describe('doctor: the command line fills DoctorOptions', () => {
	const rows: Array<{argv: string[]; want: DoctorOptions}> = [
		{argv: ['doctor'], want: {json: false, offline: false}},
		{
			argv: ['doctor', 'ebay', '--env', 'sandbox', '--offline', '--json', '--redirect-uri', 'My-RuName', '--registered', 'My-RuName'],
			want: {json: true, offline: true, redirectUri: 'My-RuName', registered: 'My-RuName', provider: 'ebay', environment: 'sandbox'},
		},
	];
	for (const {argv, want} of rows) {
		test(argv.join(' '), () => {
			assert.deepEqual(doctorOptions(parseArgv(argv)), want);
		});
	}
});

describe('doctor: config and tokens', () => {
	test('a valid, an expired-but-refreshable and an expired-refresh connection: ok, ok, fail and exit 1', async () => {
		const port = await freePort();
		const redirect = `http://localhost:${port}/callback`;
		await seed([
			{profile: 'default', connection: etsy(redirect, grant({expiresAt: now + (50 * minute), refreshToken: 'SECRET-REFRESH-1', refreshExpiresAt: now + (80 * day)}))},
			{profile: 'shop2', connection: etsy(redirect, grant({expiresAt: now - (3 * 60 * minute), refreshToken: 'SECRET-REFRESH-2', refreshExpiresAt: now + (60 * day)}))},
			{profile: 'old', connection: etsy(redirect, grant({expiresAt: now - (100 * day), refreshToken: 'SECRET-REFRESH-3', refreshExpiresAt: now - (10 * day), obtainedAt: now - (100 * day)}))},
		]);
		const {code, report, err} = await doctorJson();
		assert.equal(code, 1);
		assert.equal(report.ok, false);
		assert.equal(err, '');

		const valid = byId(report, 'token:etsy:default:production:user');
		assert.equal(valid.status, 'ok');
		assert.match(valid.detail, /access token valid, expires in 50 min; refresh token expires in 80 days/);

		const refreshable = byId(report, 'token:etsy:shop2:production:user');
		assert.equal(refreshable.status, 'ok');
		assert.match(refreshable.detail, /access token expired 3 h ago; renews on next use/);

		const expired = byId(report, 'token:etsy:old:production:user');
		assert.equal(expired.status, 'fail');
		assert.match(expired.detail, /refresh token expired 10 days ago \(obtained 100 days ago\)/);
		assert.equal(expired.fix, 'mkt-wizard login etsy --profile old');

		const file = byId(report, 'config-file');
		assert.equal(file.status, 'ok');
		assert.equal(file.detail, `${path.join(dir, 'config.json')} (0600) · 3 saved connections`);
		assert.equal(byId(report, 'config-dir').status, 'ok');
	});

	test('a refresh token expiring within 7 days warns with its age; warnings alone exit 0', async () => {
		const port = await freePort();
		await seed([{profile: 'default', connection: etsy(`http://localhost:${port}/callback`, grant({expiresAt: now + (2 * minute), refreshToken: 'r', refreshExpiresAt: now + (3 * day), obtainedAt: now - (87 * day)}))}]);
		const {code, report} = await doctorJson();
		const check = byId(report, 'token:etsy:default:production:user');
		assert.equal(check.status, 'warn');
		assert.match(check.detail, /access token expiring soon \(in 2 min\); renews on next use; refresh token expires in 3 days \(obtained 87 days ago\)/);
		assert.equal(check.fix, 'Log in again before it lapses: mkt-wizard login etsy');
		assert.equal(code, 0);
		assert.equal(report.ok, true);
	});

	test('a config file readable by others warns with the chmod to run, and so does an open folder', {skip: process.platform === 'win32' && 'no modes'}, async () => {
		const port = await freePort();
		await seed([{profile: 'default', connection: etsy(`http://localhost:${port}/callback`, grant({expiresAt: now + (50 * minute), refreshToken: 'r'}))}]);
		const file = path.join(dir, 'config.json');
		chmodSync(file, 0o644);
		chmodSync(dir, 0o755);
		const {code, out} = await doctor();
		assert.equal(code, 0);
		assert.match(out, /^! warn {2}Config file +.*config\.json \(0644\) · 1 saved connection: other users can read your tokens; it should be 0600\.$/m);
		assert.ok(out.includes(`fix: chmod 600 ${file}\n`), out);
		assert.match(out, /^! warn {2}Config folder +.* \(0755\): other users can look inside; it should be 0700\.$/m);
		assert.ok(out.includes(`fix: chmod 700 ${dir}\n`), out);
	});

	test('a corrupt config file fails with the store\'s message; the doctor only looks, so the file stays where it is', async () => {
		writeFileSync(path.join(dir, 'config.json'), '{"profiles": {', {mode: 0o600});
		const port = await freePort();
		const {code, report} = await doctorJson({redirectUri: `http://localhost:${port}/callback`});
		assert.equal(code, 1);
		const check = byId(report, 'config-file');
		assert.equal(check.status, 'fail');
		assert.match(check.detail, /config\.json is not valid JSON/);
		assert.match(check.fix ?? '', /mkt-wizard login/);
		assert.equal(readFileSync(path.join(dir, 'config.json'), 'utf8'), '{"profiles": {', 'not moved, not rewritten');
		assert.ok(!readdirSync(dir).some(name => name.startsWith('config.json.corrupt-')));
		assert.ok(!report.checks.some(candidate => candidate.id.startsWith('token:')));
	});

	test('no config folder yet: a warning, not a failure', async () => {
		rmSync(dir, {recursive: true});
		const port = await freePort();
		const {code, report} = await doctorJson({redirectUri: `http://localhost:${port}/callback`});
		assert.equal(code, 0);
		assert.equal(byId(report, 'config-dir').status, 'warn');
		assert.match(byId(report, 'config-file').detail, /not created yet/);
	});

	test('secrets never appear in the output, human or JSON', async () => {
		const port = await freePort();
		await seed([{profile: 'default', connection: etsy(`http://localhost:${port}/callback`, grant({expiresAt: now - minute, refreshToken: 'SECRET-REFRESH-1', refreshExpiresAt: now - day}))}]);
		const human = await doctor();
		const json = await doctor({json: true});
		for (const text of [human.out, human.err, json.out, json.err]) {
			assert.doesNotMatch(text, /SECRET/);
		}
	});
});

describe('doctor: loopback', () => {
	test('a busy callback port fails, naming this test process as its holder', async () => {
		busy = net.createServer();
		await new Promise<void>(resolve => {
			busy!.listen(0, '127.0.0.1', resolve);
		});
		const {port} = busy.address() as net.AddressInfo;
		await seed([{profile: 'default', connection: etsy(`http://localhost:${port}/callback`, grant({expiresAt: now + (50 * minute), refreshToken: 'r'}))}]);
		const {code, report} = await doctorJson();
		assert.equal(code, 1);
		const check = byId(report, `port:${port}`);
		assert.equal(check.status, 'fail');
		assert.match(check.detail, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use by `));
		if (process.platform === 'linux') {
			assert.match(check.detail, new RegExp(`process ${process.pid} \\(`));
			assert.match(check.fix ?? '', new RegExp(`kill ${process.pid}`));
		}

		assert.match(check.fix ?? '', /another port such as http:\/\/localhost:\d+\/callback: the URI in your app settings must change too/);
		assert.match(check.detail, /Etsy · default/);
	});

	test('a free port is reported free on 127.0.0.1 and ::1 for localhost', async () => {
		const port = await freePort();
		const {report} = await doctorJson({redirectUri: `http://localhost:${port}/callback`});
		const check = byId(report, `port:${port}`);
		assert.equal(check.status, 'ok');
		assert.match(check.detail, /^free on 127\.0\.0\.1 and ::1/);
		assert.match(check.detail, /--redirect-uri/);
	});

	test('localhost resolving to an address that is not loopback warns', async () => {
		const port = await freePort();
		const {code, report} = await doctorJson({
			redirectUri: `http://127.0.0.1:${port}/callback`,
			lookup: async () => [{address: '127.0.0.1', family: 4}, {address: '10.0.0.7', family: 4}],
		});
		assert.equal(code, 0);
		const check = byId(report, 'localhost');
		assert.equal(check.status, 'warn');
		assert.match(check.detail, /10\.0\.0\.7 is not loopback/);
	});

	test('localhost that does not resolve at all fails', async () => {
		const port = await freePort();
		const {code, report} = await doctorJson({
			redirectUri: `http://127.0.0.1:${port}/callback`,
			lookup: async () => {
				throw Object.assign(new Error('nope'), {code: 'ENOTFOUND'});
			},
		});
		assert.equal(code, 1);
		assert.match(byId(report, 'localhost').detail, /ENOTFOUND/);
	});
});

describe('doctor: provider reachability', () => {
	test('--offline skips every request', async () => {
		const port = await freePort();
		let created = 0;
		const http = async (): Promise<HttpClient> => {
			created++;
			return {
				async get() {
					assert.fail('no request with --offline');
				},
				async postForm() {
					assert.fail('no request with --offline');
				},
			};
		};

		const {code, report} = await doctorJson({offline: true, http, redirectUri: `http://localhost:${port}/callback`});
		assert.equal(code, 0);
		const reach = report.checks.filter(check => check.id.startsWith('reach:'));
		assert.deepEqual(reach.map(check => [check.id, check.status]), [['reach:etsy', 'skip'], ['reach:ebay:production', 'skip']]);
		assert.ok(created <= 1);
	});

	test('a local server standing in for the APIs (MKT_WIZARD_* overrides) is reachable: one GET to each host root', async () => {
		server = await startFakeServer((_request, response) => {
			reply(response, 404, {error: 'not found'});
		});
		const port = await freePort();
		const {code, report} = await doctorJson({
			offline: false,
			redirectUri: `http://localhost:${port}/callback`,
			env: {MKT_WIZARD_ETSY_API_URL: `${server.origin}/v3`, MKT_WIZARD_EBAY_API_URL: `${server.origin}/`},
		});
		assert.equal(code, 0);
		const etsyReach = byId(report, 'reach:etsy');
		assert.equal(etsyReach.status, 'ok');
		assert.equal(etsyReach.detail, `${server.origin}/ (from MKT_WIZARD_ETSY_API_URL) answered (HTTP 404).`);
		// Both overrides point at the same root: asked once.
		assert.ok(!report.checks.some(check => check.id === 'reach:ebay:production'));
		assert.deepEqual(server.requests.map(request => `${request.method} ${request.url}`), ['GET /']);
	});

	test('a closed port fails with a clear detail and exit 1', async () => {
		const closed = await closedPort();
		const port = await freePort();
		const {code, out} = await doctor({
			offline: false,
			provider: 'etsy',
			redirectUri: `http://localhost:${port}/callback`,
			env: {MKT_WIZARD_ETSY_API_URL: `http://127.0.0.1:${closed}/v3`},
		});
		assert.equal(code, 1);
		assert.ok(out.includes(`✖ fail  Etsy API reachable`), out);
		assert.ok(out.includes(`http://127.0.0.1:${closed}/ (from MKT_WIZARD_ETSY_API_URL): 127.0.0.1:${closed} refused the connection.`), out);
		assert.match(out, /fix: Check MKT_WIZARD_ETSY_API_URL/);
		assert.doesNotMatch(out, /eBay API/, '--provider etsy asks Etsy only');
	});
});

describe('doctor: redirect URI', () => {
	test('--redirect-uri with --registered shows the comparison, each difference and the one fix', async () => {
		const port = await freePort();
		const sent = `http://localhost:${port}/callback`;
		const registered = `http://127.0.0.1:${port}/callback/`;
		const {code, out} = await doctor({redirectUri: sent, registered});
		assert.equal(code, 1);
		const lines = out.split('\n');
		const start = lines.findIndex(line => line.startsWith('✖ fail  Redirect URI vs registered'));
		assert.ok(start >= 0, out);
		assert.match(lines[start]!, new RegExp(`sent: +${sent.replaceAll('.', '\\.')}$`));
		assert.match(lines[start + 1]!, new RegExp(`^ +registered: ${registered.replaceAll('.', '\\.')}$`));
		assert.match(lines[start + 2]!, /^ +difference: http:\/\/\[-localhost-\]\{\+127\.0\.0\.1\+\}:\d+\/callback\{\+\/\+\}$/);
		assert.match(lines[start + 3]!, /^ +host: .*different strings to the provider even though they reach the same machine/);
		assert.match(lines[start + 4]!, /^ +trailing-slash: /);
		assert.equal(lines[start + 5]!.trim(), `fix: Re-run with --redirect-uri ${registered} (nothing to change in your app settings).`);
	});

	test('identical values pass, and the comparison is in --json with its differences', async () => {
		const port = await freePort();
		const value = `http://localhost:${port}/callback`;
		const same = await doctorJson({redirectUri: value, registered: value});
		assert.equal(byId(same.report, 'redirect-compare').status, 'ok');
		assert.equal(same.code, 0);

		const different = await doctorJson({redirectUri: value, registered: `${value}\u00A0`});
		const check = byId(different.report, 'redirect-compare') as Json['checks'][number] & {data: {differences: Array<{part: string}>; fixAction: {kind: string}}};
		assert.equal(check.status, 'fail');
		assert.deepEqual(check.data.differences.map(difference => difference.part), ['whitespace']);
		assert.equal(check.data.fixAction.kind, 'register');
		assert.match(check.detail, /⟨U\+00A0⟩/);
	});

	test('--redirect-uri alone runs the single-value check: an https URL given for eBay fails', async () => {
		const port = await freePort();
		await seed([{profile: 'default', connection: etsy(`http://localhost:${port}/callback`, grant({expiresAt: now + (50 * minute), refreshToken: 'r'}))}]);
		const {code, report} = await doctorJson({provider: 'ebay', redirectUri: 'https://example.com/ebay/accept'});
		assert.equal(code, 1);
		const check = byId(report, 'redirect-value');
		assert.equal(check.status, 'fail');
		assert.match(check.fix ?? '', /eBay wants the RuName in redirect_uri/);
	});
});

describe('doctor: output', () => {
	test('--json prints {ok, checks} on stdout only, each check with id, title, status and detail', async () => {
		const port = await freePort();
		const {report, err} = await doctorJson({redirectUri: `http://localhost:${port}/callback`});
		assert.equal(err, '');
		assert.deepEqual(Object.keys(report), ['ok', 'checks']);
		assert.equal(typeof report.ok, 'boolean');
		const ids = new Set<string>();
		for (const check of report.checks) {
			assert.equal(typeof check.id, 'string');
			assert.ok(!ids.has(check.id), `duplicate id ${check.id}`);
			ids.add(check.id);
			assert.equal(typeof check.title, 'string');
			assert.equal(typeof check.detail, 'string');
			assert.ok(['ok', 'warn', 'fail', 'skip'].includes(check.status));
			assert.ok(check.fix === undefined || typeof check.fix === 'string');
		}

		for (const id of ['config-dir', 'config-file', 'localhost', `port:${port}`, 'reach:etsy', 'reach:ebay:production', 'browser', 'redirect-value']) {
			assert.ok(ids.has(id), `missing ${id}`);
		}
	});

	test('human output: one line per check with its mark, the fix indented below, a summary last', async () => {
		const port = await freePort();
		await seed([{profile: 'default', connection: etsy(`http://localhost:${port}/callback`, grant({expiresAt: now - minute}))}]);
		const {code, out, err} = await doctor({env: {BROWSER: undefined, DISPLAY: undefined, WAYLAND_DISPLAY: undefined, SSH_CONNECTION: '10.0.0.1 5000 10.0.0.2 22'}, platform: 'linux'});
		assert.equal(err, '');
		assert.equal(code, 1);
		assert.match(out, /^✔ ok {4}Config file {2,}\S+config\.json \(0600\) · 1 saved connection$/m);
		assert.match(out, /^✖ fail {2}Etsy · default · user token {2,}access token expired 1 min ago and there is no refresh token/m);
		assert.match(out, /^ {8,}fix: mkt-wizard login etsy$/m);
		assert.match(out, /^- skip {2}Etsy API reachable/m);
		assert.match(out, /^! warn {2}Browser opener {2,}SSH session with no display: the wizard will print the URL; use p to paste the redirected address\.$/m);
		assert.match(out, /\n\n1 failed, 1 warning out of \d+ checks\.\n$/);
	});
});

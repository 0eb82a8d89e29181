import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {browserCheck, browserFacts} from '../../source/troubleshoot/checks/browser.js';
import {configDirCheck, configFileCheck} from '../../source/troubleshoot/checks/config.js';
import {localhostCheck} from '../../source/troubleshoot/checks/localhost.js';
import {portCheck} from '../../source/troubleshoot/checks/ports.js';
import {reachabilityCheck} from '../../source/troubleshoot/checks/reachability.js';
import {inlineDiff} from '../../source/troubleshoot/checks/redirect.js';
import {renderChecks, summary} from '../../source/troubleshoot/checks/render.js';
import {grantCheck, tokenChecks} from '../../source/troubleshoot/checks/tokens.js';
import {formatMode, shellPath, type Check} from '../../source/troubleshoot/checks/types.js';
import {characterDiff} from '../../source/troubleshoot/character-diff.js';
import type {GrantRecord} from '../../source/store/types.js';

const now = Date.parse('2026-03-01T12:00:00Z');
const minute = 60_000;
const day = 24 * 60 * minute;
const etsyKey = {provider: 'etsy', profile: 'default', environment: 'production'} as const;
const ebaySandbox = {provider: 'ebay', profile: 'work', environment: 'sandbox'} as const;

function record(token: Partial<GrantRecord['token']> & {expiresAt: number}): GrantRecord {
	return {scopes: ['shops_r'], token: {accessToken: 'a', tokenType: 'Bearer', obtainedAt: now - minute, ...token}, verifiedAt: now};
}

describe('grantCheck', () => {
	const rows: Array<{name: string; key?: typeof etsyKey | typeof ebaySandbox; grant?: 'user' | 'app'; token: Partial<GrantRecord['token']> & {expiresAt: number}; status: string; detail: RegExp; fix?: string}> = [
		{name: 'valid with a refresh token of unknown expiry', token: {expiresAt: now + (30 * minute), refreshToken: 'r'}, status: 'ok', detail: /^access token valid, expires in 30 min; refresh token saved\.$/},
		{name: 'expiring in under 5 minutes, refreshable', token: {expiresAt: now + (4 * minute), refreshToken: 'r', refreshExpiresAt: now + (30 * day)}, status: 'ok', detail: /expiring soon \(in 4 min\); renews on next use/},
		{name: 'expired, refreshable', token: {expiresAt: now - (2 * day), refreshToken: 'r', refreshExpiresAt: now + (30 * day)}, status: 'ok', detail: /expired 2 days ago; renews on next use; refresh token expires in 30 days/},
		{name: 'refresh token expiring in 6 days', token: {expiresAt: now + (30 * minute), refreshToken: 'r', refreshExpiresAt: now + (6 * day), obtainedAt: now - (84 * day)}, status: 'warn', detail: /refresh token expires in 6 days \(obtained 84 days ago\)/, fix: 'Log in again before it lapses: mkt-wizard login etsy'},
		{name: 'refresh token expired', key: ebaySandbox, token: {expiresAt: now - day, refreshToken: 'r', refreshExpiresAt: now - (2 * day), obtainedAt: now - (550 * day)}, status: 'fail', detail: /refresh token expired 2 days ago \(obtained 550 days ago\)/, fix: 'mkt-wizard login ebay --env sandbox --profile work'},
		{name: 'expired with no refresh token', token: {expiresAt: now - minute}, status: 'fail', detail: /no refresh token/, fix: 'mkt-wizard login etsy'},
		{name: 'valid with no refresh token', token: {expiresAt: now + (90 * minute)}, status: 'ok', detail: /log in again once it expires/},
		{name: 'eBay application token expired', key: ebaySandbox, grant: 'app', token: {expiresAt: now - minute}, status: 'ok', detail: /a new one is minted on next use/},
	];
	for (const row of rows) {
		test(`${row.name} → ${row.status}`, () => {
			const check = grantCheck({key: row.key ?? etsyKey, grant: row.grant ?? 'user', record: record(row.token), now});
			assert.equal(check.status, row.status);
			assert.match(check.detail, row.detail);
			assert.equal(check.fix, row.fix);
		});
	}

	test('ids and titles name provider, environment, profile and grant', () => {
		const check = grantCheck({key: ebaySandbox, grant: 'app', record: record({expiresAt: now + day}), now});
		assert.equal(check.id, 'token:ebay:work:sandbox:app');
		assert.equal(check.title, 'eBay sandbox · work · app token');
	});

	test('a connection with no tokens is skipped, one check per grant otherwise', () => {
		const checks = tokenChecks([
			{key: etsyKey, connection: {provider: 'etsy', environment: 'production', clientId: 'k', updatedAt: now}},
			{key: ebaySandbox, connection: {provider: 'ebay', environment: 'sandbox', clientId: 'k', updatedAt: now, user: record({expiresAt: now + day, refreshToken: 'r'}), app: record({expiresAt: now + day})}},
		], now);
		assert.deepEqual(checks.map(check => [check.id, check.status]), [
			['token:etsy:default:production', 'skip'],
			['token:ebay:work:sandbox:user', 'ok'],
			['token:ebay:work:sandbox:app', 'ok'],
		]);
	});
});

describe('config checks', () => {
	test('folder: unreadable fails, open warns, private is ok, Windows modes are ignored', () => {
		assert.equal(configDirCheck({dir: '/c', exists: true, readable: false, mode: 0o700, platform: 'linux'}).status, 'fail');
		assert.deepEqual(configDirCheck({dir: '/my dir', exists: true, readable: true, mode: 0o750, platform: 'linux'}).fix, "chmod 700 '/my dir'");
		assert.equal(configDirCheck({dir: '/c', exists: true, readable: true, mode: 0o700, platform: 'linux'}).detail, '/c (0700)');
		assert.equal(configDirCheck({dir: 'C:\\c', exists: true, readable: true, mode: 0o777, platform: 'win32'}).status, 'ok');
	});

	test('file: the store\'s message is the detail, as is (the doctor only looks: nothing is moved aside)', () => {
		const bare = configFileCheck({path: '/c/config.json', platform: 'linux', state: 'error', code: 'config_corrupt', message: 'The config file /c/config.json is not JSON.', remedy: 'Log in again.'});
		assert.equal(bare.status, 'fail');
		assert.equal(bare.detail, 'The config file /c/config.json is not JSON.');
		const moved = configFileCheck({path: '/c/config.json', platform: 'linux', state: 'error', code: 'config_corrupt', message: 'It was moved aside to /c/x.', remedy: 'r'});
		assert.equal(moved.detail, 'It was moved aside to /c/x.');
		const unreadable = configFileCheck({path: '/c/config.json', platform: 'linux', state: 'error', code: 'config_unreadable', message: 'Cannot read it.', remedy: 'r'});
		assert.equal(unreadable.detail, 'Cannot read it.');
	});

	test('file: group-readable warns with chmod 600', () => {
		const check = configFileCheck({path: '/c/config.json', platform: 'darwin', state: 'parsed', connections: 1, mode: 0o640});
		assert.equal(check.status, 'warn');
		assert.equal(check.fix, 'chmod 600 /c/config.json');
	});

	test('formatMode and shellPath', () => {
		assert.equal(formatMode(0o100600), '0600');
		assert.equal(formatMode(0o7), '0007');
		assert.equal(shellPath('/home/a/.config/x'), '/home/a/.config/x');
		assert.equal(shellPath("/it's here"), "'/it'\\''s here'");
	});
});

describe('localhostCheck', () => {
	test('only non-loopback addresses fail; loopback ones are ok', () => {
		assert.equal(localhostCheck({addresses: [{address: '192.168.1.4', family: 4, loopback: false}]}).status, 'fail');
		assert.deepEqual(localhostCheck({addresses: [{address: '::1', family: 6, loopback: true}, {address: '127.0.0.1', family: 4, loopback: true}]}), {id: 'localhost', title: 'localhost resolves to', status: 'ok', detail: '::1, 127.0.0.1'});
	});
});

describe('portCheck', () => {
	const base = {redirectUri: 'http://localhost:3000/callback', usedBy: ['Etsy · default'], hostname: 'localhost', port: 3000};

	test('::1 missing (no IPv6) is fine for localhost', () => {
		const check = portCheck({...base, results: [{address: '127.0.0.1', result: {ok: true}}, {address: '::1', result: {ok: false, code: 'EADDRNOTAVAIL'}}]});
		assert.equal(check.status, 'ok');
		assert.match(check.detail, /no IPv6/);
	});

	test('::1 missing fails when the redirect names [::1] itself', () => {
		const check = portCheck({...base, hostname: '::1', results: [{address: '::1', result: {ok: false, code: 'EADDRNOTAVAIL'}}]});
		assert.equal(check.status, 'fail');
		assert.match(check.detail, /::1 is not available on this machine/);
	});

	test('busy on ::1 only, owner unknown: fails and says the system does not tell', () => {
		const check = portCheck({...base, results: [{address: '127.0.0.1', result: {ok: true}}, {address: '::1', result: {ok: false, code: 'EADDRINUSE'}}]});
		assert.equal(check.status, 'fail');
		assert.match(check.detail, /port 3000 on ::1 is in use by another program \(the system does not say which\)/);
		assert.match(check.fix ?? '', /^Stop the program using it, or register and use another port such as http:\/\/localhost:3001\/callback: the URI in your app settings must change too\.$/);
	});

	test('a privileged port explains administrator rights', () => {
		const check = portCheck({...base, redirectUri: 'http://localhost/callback', port: 80, results: [{address: '127.0.0.1', result: {ok: false, code: 'EACCES'}}]});
		assert.match(check.detail, /needs administrator rights/);
		assert.match(check.fix ?? '', /port above 1023/);
	});

	test('a redirect that is not loopback warns with the parser\'s words', () => {
		const check = portCheck({redirectUri: 'https://example.com/cb', usedBy: ['--redirect-uri'], error: {message: 'Not loopback.', remedy: 'Use loopback.'}});
		assert.deepEqual([check.status, check.fix], ['warn', 'Use loopback.']);
	});
});

describe('reachabilityCheck', () => {
	const target = {id: 'reach:etsy', label: 'Etsy API', url: 'https://api.etsy.com/'};
	const rows = [
		{error: 'dns', detail: /the host name api\.etsy\.com was not found/},
		{error: 'timeout', detail: /no answer from api\.etsy\.com:443 within 3 s/},
		{error: 'tls', detail: /certificate .* \(CERT_HAS_EXPIRED\): is a proxy intercepting HTTPS\?/},
		{error: 'reset', detail: /was cut/},
		{error: 'other', detail: /failed \(CERT_HAS_EXPIRED\)/},
	] as const;
	for (const row of rows) {
		test(`${row.error} failure`, () => {
			const check = reachabilityCheck({...target, outcome: {kind: 'failed', error: row.error, host: 'api.etsy.com:443', code: 'CERT_HAS_EXPIRED', timeoutMs: 3000}});
			assert.equal(check.status, 'fail');
			assert.match(check.detail, row.detail);
			assert.match(check.fix ?? '', /network connection/);
		});
	}
});

describe('browserCheck', () => {
	const rows: Array<{name: string; env: NodeJS.ProcessEnv; platform: NodeJS.Platform; found?: boolean; status: string; detail: RegExp}> = [
		{name: 'BROWSER=none', env: {BROWSER: 'none'}, platform: 'linux', status: 'ok', detail: /^BROWSER=none: no browser is opened/},
		{name: 'Linux with no display', env: {}, platform: 'linux', status: 'warn', detail: /^No display .*use p to paste the redirected address/},
		{name: 'SSH session on a Mac', env: {SSH_TTY: '/dev/pts/1'}, platform: 'darwin', status: 'warn', detail: /^SSH session with no display: the wizard will print the URL; use p to paste the redirected address\.$/},
		{name: 'xdg-open missing', env: {DISPLAY: ':0'}, platform: 'linux', found: false, status: 'warn', detail: /xdg-open, but xdg-open is not on PATH/},
		{name: 'xdg-open present', env: {DISPLAY: ':0'}, platform: 'linux', found: true, status: 'ok', detail: /^xdg-open$/},
		{name: 'BROWSER with arguments', env: {BROWSER: 'firefox --new-window'}, platform: 'linux', found: true, status: 'ok', detail: /^BROWSER=firefox --new-window$/},
		{name: 'BROWSER not installed', env: {BROWSER: 'chromium'}, platform: 'linux', found: false, status: 'warn', detail: /chromium is not on PATH/},
		{name: 'X forwarding over SSH', env: {DISPLAY: 'localhost:10.0', SSH_CONNECTION: 'a b c d'}, platform: 'linux', found: true, status: 'ok', detail: /remote display/},
	];
	for (const row of rows) {
		test(`${row.name} → ${row.status}`, () => {
			const facts = browserFacts(row.env, row.platform);
			const check = browserCheck({...facts, ...(row.found === undefined ? {} : {openerFound: row.found})});
			assert.equal(check.status, row.status);
			assert.match(check.detail, row.detail);
		});
	}

	test('the opener is BROWSER\'s command, else the platform\'s', () => {
		assert.equal(browserFacts({BROWSER: 'firefox --new-window'}, 'linux').opener, 'firefox');
		assert.equal(browserFacts({}, 'darwin').opener, 'open');
	});
});

describe('inlineDiff', () => {
	test('marks removed and added text and shows invisible characters by code point', () => {
		assert.equal(inlineDiff(characterDiff('http://localhost:3000/cb', 'http://localhost:3000/cb\u00A0')), 'http://localhost:3000/cb{+⟨U+00A0⟩+}');
		assert.equal(inlineDiff(characterDiff('https://a/x', 'http://a/x')), 'http[-s-]://a/x');
	});
});

describe('renderChecks', () => {
	const checks: Check[] = [
		{id: 'a', title: 'Config file', status: 'ok', detail: '/c/config.json (0600)'},
		{id: 'b', title: 'Callback port 3000', status: 'fail', detail: 'in use\nsecond line', fix: 'kill 42'},
		{id: 'c', title: 'Etsy API reachable', status: 'skip', detail: 'not tried', fix: 'never shown for skip'},
	];

	test('aligns titles, indents continuation lines and fixes under the detail column', () => {
		assert.equal(renderChecks(checks), [
			'✔ ok    Config file         /c/config.json (0600)',
			'✖ fail  Callback port 3000  in use',
			'                            second line',
			'                            fix: kill 42',
			'- skip  Etsy API reachable  not tried',
			'',
			'1 failed out of 3 checks.',
			'',
		].join('\n'));
	});

	test('summaries', () => {
		assert.equal(summary([checks[0]!]), 'All 1 check passed.');
		assert.equal(summary([checks[0]!, checks[2]!]), 'All 2 checks passed (1 skipped).');
		assert.equal(summary([{...checks[0]!, status: 'warn'}, {...checks[0]!, status: 'warn'}]), '2 warnings out of 2 checks.');
	});
});

// `mkt-wizard login` without prompts: the command line to LoginOptions, then runLogin against an
// in-memory store, the provider stubbed on loopback and, for Etsy, the real callback server.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {parseArgv} from '../../source/args.js';
import {loginOptions, runLogin, type LoginOptions} from '../../source/commands/login.js';
import type {StubRoute} from '../helpers/http-stub.js';
import {runCommand} from '../helpers/run-command.js';
import {closedPort} from '../oauth/fake-server.js';
import {day, ebayKey, etsyKey, minute, now} from './saved-connections.js';

// login prints expiry times in local time.
process.env.TZ = 'UTC';

describe('login: the command line fills LoginOptions', () => {
	test('login etsy with every flag', () => {
		const argv = ['login', 'etsy', '--yes', '--scopes', 'shops_r,listings_r', '--redirect-uri', 'http://localhost:3003/callback', '--timeout', '30', '--no-browser', '--profile', 'shop2'];
		assert.deepEqual(loginOptions(parseArgv(argv)), {
			provider: 'etsy', profile: 'shop2', environment: undefined, grant: undefined, scopes: ['shops_r', 'listings_r'],
			redirectUri: 'http://localhost:3003/callback', timeoutSeconds: 30, browser: false, paste: false, signInAgain: false,
		});
	});

	test('login ebay --paste --sign-in-again --env sandbox, with the defaults for the rest', () => {
		assert.deepEqual(loginOptions(parseArgv(['login', 'ebay', '--paste', '--sign-in-again', '--env', 'sandbox'])), {
			provider: 'ebay', profile: 'default', environment: 'sandbox', grant: undefined, scopes: undefined,
			redirectUri: undefined, timeoutSeconds: 300, browser: true, paste: true, signInAgain: true,
		});
	});
});

const etsy = (changes: Partial<LoginOptions> = {}): LoginOptions => ({
	provider: 'etsy', profile: 'default', environment: undefined, grant: undefined, scopes: undefined,
	redirectUri: undefined, timeoutSeconds: 30, browser: true, paste: false, signInAgain: false, ...changes,
});
const etsyCredentials = {ETSY_API_KEY: 'keystring1', ETSY_SHARED_SECRET: 'shared-secret-1'};
const ebayCredentials = {EBAY_CLIENT_ID: 'app-1', EBAY_CLIENT_SECRET: 'cert-1'};

describe('login: what cannot be done without prompts exits 2 before any request, saving nothing', () => {
	const rows: Array<{name: string; options: LoginOptions; env: NodeJS.ProcessEnv; stderr: string}> = [
		{
			name: 'no Etsy credentials: both variables named in one sentence, and how to set them',
			options: etsy(),
			env: {},
			stderr: '✖ Etsy needs ETSY_API_KEY and ETSY_SHARED_SECRET, and none of them is set or saved.\n'
				+ '  Set ETSY_API_KEY and ETSY_SHARED_SECRET in the environment, or run `mkt-wizard login etsy` in a terminal to be asked.\n',
		},
		{
			name: 'an eBay keyset but no RuName',
			options: etsy({provider: 'ebay'}),
			env: ebayCredentials,
			stderr: '✖ eBay needs the RuName (EBAY_RUNAME), and it is not set or saved.\n'
				+ '  Set EBAY_RUNAME or pass --redirect-uri RUNAME, or run `mkt-wizard login ebay` in a terminal to be asked.\n',
		},
		{
			name: 'a scope Etsy does not have',
			options: etsy({scopes: ['shops_r', 'nope_r']}),
			env: etsyCredentials,
			stderr: '✖ Unknown Etsy scope: nope_r.\n'
				+ '  Known scopes: address_r, address_w, email_r, listings_d, listings_r, listings_w, profile_r, profile_w, shops_r, shops_w, transactions_r, transactions_w.\n',
		},
		{
			name: '--sign-in-again where the provider has no way to ask for it',
			options: etsy({signInAgain: true}),
			env: etsyCredentials,
			stderr: '✖ Etsy has no documented way to ask for a fresh sign-in, so --sign-in-again cannot be honoured.\n'
				+ '  Sign out of Etsy in the browser first, then run `mkt-wizard login etsy` without --sign-in-again.\n',
		},
		{
			name: 'a seller scope on an eBay application token',
			options: etsy({provider: 'ebay', grant: 'app', scopes: ['sell.inventory']}),
			env: ebayCredentials,
			stderr: '✖ sell.inventory needs a user\'s consent: eBay application tokens carry only public scopes (api_scope).\n'
				+ '  Use --grant user for seller scopes: mkt-wizard login ebay --grant user --scopes sell.inventory\n',
		},
	];
	for (const row of rows) {
		test(row.name, async () => {
			const result = await runCommand(runLogin, row.options, {saved: [], env: row.env, now});
			assert.equal(result.stdout, '');
			assert.equal(result.stderr, row.stderr);
			assert.equal(result.code, 2);
			assert.deepEqual(result.saved, []);
		});
	}
});

describe('login: the grants that succeed', () => {
	test('an eBay application token: minted, verified, saved with its expiry', async () => {
		const routes: StubRoute[] = [
			{method: 'POST', path: '/ebay/identity/v1/oauth2/token', reply: {status: 200, body: {access_token: 'v^1.1#app-token', token_type: 'Application Access Token', expires_in: 7200}}},
			{method: 'GET', path: '/ebay/commerce/taxonomy/v1/get_default_category_tree_id', reply: {status: 200, body: {categoryTreeId: '0'}}},
		];
		const result = await runCommand(runLogin, etsy({provider: 'ebay', grant: 'app'}), {saved: [], env: ebayCredentials, routes, now});
		assert.equal(result.stdout, '');
		assert.equal(result.stderr, [
			'Minting an eBay production application token…',
			'  Scopes: api_scope',
			`✔ Application token minted and verified; saved to ${result.store.path}.`,
			'  It expires 14:00 (in 2 h); `mkt-wizard token ebay --grant app` mints a new one when needed.',
			'',
		].join('\n'));
		assert.equal(result.code, 0);
		assert.deepEqual(result.saved, [{key: ebayKey, connection: {
			provider: 'ebay', environment: 'production', clientId: 'app-1', clientSecret: 'cert-1', updatedAt: now,
			app: {scopes: ['https://api.ebay.com/oauth/api_scope'], token: {accessToken: 'v^1.1#app-token', tokenType: 'Application Access Token', expiresAt: now + (120 * minute), obtainedAt: now}, verifiedAt: now},
		}}]);
		assert.equal(result.requests[0]?.form.grant_type, 'client_credentials');
	});

	test('an Etsy user login: key checked, consent, the browser sent back to the loopback callback, code exchanged with PKCE, user verified, saved', async () => {
		const port = await closedPort();
		const redirect = `http://localhost:${port}/callback`;
		const routes: StubRoute[] = [
			{method: 'GET', path: '/etsy/v3/application/openapi-ping', reply: {status: 200, body: {application_id: 123}}},
			{method: 'POST', path: '/etsy/v3/public/oauth/token', reply: {status: 200, body: {access_token: '12345678.access-9', token_type: 'Bearer', expires_in: 3600, refresh_token: '12345678.refresh-9'}}},
			{method: 'GET', path: '/etsy/v3/application/users/me', reply: {status: 200, body: {user_id: 12345678, shop_id: 555}}},
		];
		let consentUrl: URL | undefined;
		let browser: Promise<number> | undefined;
		// Acts as the browser once the command waits: consent given, sent back with a code and the state.
		const onStderr = (stderr: string) => {
			const shown = /open this URL:\n\n {2}(\S+)/.exec(stderr)?.[1];
			if (shown && !browser && stderr.includes('Waiting for')) {
				consentUrl = new URL(shown);
				const back = new URL(consentUrl.searchParams.get('redirect_uri')!);
				back.searchParams.set('code', 'code-1');
				back.searchParams.set('state', consentUrl.searchParams.get('state')!);
				browser = fetch(back).then(response => response.status);
			}
		};
		const result = await runCommand(runLogin, etsy({redirectUri: redirect}), {saved: [], env: etsyCredentials, routes, onStderr, now});
		assert.equal(await browser, 200);
		assert.equal(result.stdout, '');
		// Where ::1 exists, the callback server listens there too.
		const [listening, ...rest] = result.stderr.split('\n');
		assert.match(listening!, new RegExp(`^ {2}· listening on 127\\.0\\.0\\.1:${port}( and \\[::1\\]:${port})?$`));
		assert.equal(rest.join('\n'), [
			'To authorise mkt-wizard with Etsy, open this URL:',
			'',
			`  ${consentUrl!.href}`,
			'',
			'No browser was opened: BROWSER=none. Open the URL yourself.',
			`Waiting for Etsy to send the browser to ${redirect} (up to 30 s)…`,
			'  · browser reached the callback',
			'✔ Logged in to Etsy as user 12345678 (shop 555).',
			'  Scopes: listings_r shops_r transactions_r',
			`  Saved to ${result.store.path}.`,
			'  Get a token with: mkt-wizard token etsy',
			'',
		].join('\n'));
		assert.equal(result.code, 0);
		assert.equal(result.opened.length, 1, 'the browser opener was asked once');
		assert.equal(consentUrl!.searchParams.get('code_challenge_method'), 'S256');
		const exchange = result.requests.find(request => request.form.grant_type === 'authorization_code');
		assert.equal(exchange?.form.code, 'code-1');
		assert.ok(exchange?.form.code_verifier);
		assert.deepEqual(result.saved, [{key: etsyKey, connection: {
			provider: 'etsy', environment: 'production', clientId: 'keystring1', clientSecret: 'shared-secret-1', redirect, updatedAt: now,
			user: {
				scopes: ['listings_r', 'shops_r', 'transactions_r'],
				token: {accessToken: '12345678.access-9', tokenType: 'Bearer', expiresAt: now + (60 * minute), refreshToken: '12345678.refresh-9', refreshExpiresAt: now + (90 * day), obtainedAt: now},
				identity: {userId: '12345678', shopId: '555'},
				verifiedAt: now,
			},
		}}]);
	});

	test('an eBay user login with --paste: the redirected address read from stdin, --sign-in-again sent as prompt=login, the user verified, saved', async () => {
		const routes: StubRoute[] = [
			{method: 'POST', path: '/ebay/identity/v1/oauth2/token', reply: {status: 200, body: {access_token: 'v^1.1#user-token', token_type: 'User Access Token', expires_in: 7200, refresh_token: 'v^1.1#refresh', refresh_token_expires_in: 47_304_000}}},
			{method: 'GET', path: '/ebay-apiz/commerce/identity/v1/user/', reply: {status: 200, body: {userId: 'u-1', username: 'seller1'}}},
		];
		let consentUrl: URL | undefined;
		// Acts as the user once asked: pastes the address eBay's accept page would show.
		const onStderr = (stderr: string, stdin: NodeJS.WritableStream) => {
			const shown = /open this URL:\n\n {2}(\S+)/.exec(stderr)?.[1];
			if (shown && !consentUrl && stderr.includes('Paste that whole address')) {
				consentUrl = new URL(shown);
				stdin.end(`https://auth2.sandbox.ebay.com/oauth2/ThirdPartyAuthSucessFailure?isAuthSuccessful=true&code=code-1&state=${consentUrl.searchParams.get('state')}\n`);
			}
		};
		const options = etsy({provider: 'ebay', environment: 'sandbox', paste: true, browser: false, signInAgain: true});
		const result = await runCommand(runLogin, options, {saved: [], env: {...ebayCredentials, EBAY_RUNAME: 'My-RuName'}, routes, onStderr, now});
		assert.equal(result.stdout, '');
		assert.equal(result.stderr, [
			'To authorise mkt-wizard with eBay, open this URL:',
			'',
			`  ${consentUrl!.href}`,
			'',
			'After you agree, eBay shows a page whose address holds the code. Paste that whole address here and press Enter:',
			'✔ Logged in to eBay as seller1 (user ID u-1).',
			'  Scopes: api_scope commerce.identity.readonly sell.inventory.readonly sell.fulfillment.readonly',
			`  Saved to ${result.store.path}.`,
			'  Get a token with: mkt-wizard token ebay --env sandbox',
			'',
		].join('\n'));
		assert.equal(result.code, 0);
		assert.deepEqual(result.opened, [], '--no-browser');
		assert.equal(consentUrl!.searchParams.get('prompt'), 'login');
		assert.equal(result.requests[0]?.form.code, 'code-1');
		const saved = result.saved[0]?.connection;
		assert.deepEqual(saved?.user?.identity, {userId: 'u-1', username: 'seller1'});
		assert.deepEqual(saved?.user?.token, {accessToken: 'v^1.1#user-token', tokenType: 'User Access Token', expiresAt: now + (120 * minute), refreshToken: 'v^1.1#refresh', refreshExpiresAt: now + (47_304_000 * 1000), obtainedAt: now});
	});

	test('--paste with nothing on stdin: exit 1 saying no address arrived, nothing sent, nothing saved', async () => {
		const options = etsy({provider: 'ebay', paste: true, browser: false});
		const result = await runCommand(runLogin, options, {saved: [], env: {...ebayCredentials, EBAY_RUNAME: 'My-RuName'}, stdin: '', now});
		assert.equal(result.stdout, '');
		assert.match(result.stderr, /Paste that whole address here and press Enter:\n✖ No redirected URL arrived on standard input\.\n {2}Paste the address of the page you were sent to after consenting, or pipe it in: mkt-wizard login --paste < url\.txt\n$/);
		assert.equal(result.code, 1);
		assert.deepEqual(result.saved, []);
	});
});

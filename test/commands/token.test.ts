// `mkt-wizard token`: the command line to TokenOptions, then runToken against an in-memory
// store and the token endpoint stubbed on loopback.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {parseArgv} from '../../source/args.js';
import {runToken, tokenOptions, type TokenOptions} from '../../source/commands/token.js';
import type {StoredConnection} from '../../source/store/types.js';
import type {StubRoute} from '../helpers/http-stub.js';
import {runCommand} from '../helpers/run-command.js';
import {day, etsyConnection, etsyKey, grant, minute, now, savedEtsy} from './saved-connections.js';

describe('token: the command line fills TokenOptions', () => {
	const rows: Array<{argv: string[]; want: TokenOptions}> = [
		{argv: ['token', 'etsy'], want: {provider: 'etsy', profile: 'default', environment: undefined, grant: undefined, minValidSeconds: undefined, headers: false}},
		{argv: ['token', 'Etsy', '--headers', '--min-valid', '0'], want: {provider: 'etsy', profile: 'default', environment: undefined, grant: undefined, minValidSeconds: 0, headers: true}},
		{argv: ['token', 'ebay', '--env', 'sandbox', '--grant', 'app', '--profile', 'shop2'], want: {provider: 'ebay', profile: 'shop2', environment: 'sandbox', grant: 'app', minValidSeconds: undefined, headers: false}},
	];
	for (const {argv, want} of rows) {
		test(argv.join(' '), () => {
			assert.deepEqual(tokenOptions(parseArgv(argv)), want);
		});
	}
});

const etsyRefresh = (body: unknown, status = 200): StubRoute => ({method: 'POST', path: '/etsy/v3/public/oauth/token', reply: {status, body}});
const options = (changes: Partial<TokenOptions> = {}): TokenOptions => ({provider: 'etsy', profile: 'default', environment: undefined, grant: undefined, minValidSeconds: undefined, headers: false, ...changes});
const expiredAccess = {user: grant({expiresAt: now - minute, refreshToken: '12345678.refresh-1', refreshExpiresAt: now + (80 * day)})};

type Row = {
	readonly name: string;
	readonly options: TokenOptions;
	readonly saved: readonly StoredConnection[];
	readonly routes?: readonly StubRoute[];
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
	/** The store after; unchanged when left out. */
	readonly savedAfter?: readonly StoredConnection[];
};

const rows: Row[] = [
	{
		name: 'a valid token: printed with a newline, nothing sent, nothing on stderr',
		options: options(),
		saved: [savedEtsy()],
		code: 0,
		stdout: '12345678.access-1\n',
		stderr: '',
	},
	{
		name: '--headers: the Authorization and x-api-key lines an Etsy call needs',
		options: options({headers: true}),
		saved: [savedEtsy()],
		code: 0,
		stdout: 'Authorization: Bearer 12345678.access-1\nx-api-key: keystring1:shared-secret-1\n',
		stderr: '',
	},
	{
		name: 'less than --min-valid left: refreshed, and the rotated refresh token saved before the new token is printed',
		options: options({minValidSeconds: 3600}),
		saved: [savedEtsy()],
		routes: [etsyRefresh({access_token: '12345678.access-2', token_type: 'Bearer', expires_in: 3600, refresh_token: '12345678.refresh-2'})],
		code: 0,
		stdout: '12345678.access-2\n',
		stderr: '',
		savedAfter: [savedEtsy({user: {
			...etsyConnection().user!,
			token: {accessToken: '12345678.access-2', tokenType: 'Bearer', expiresAt: now + (60 * minute), refreshToken: '12345678.refresh-2', refreshExpiresAt: now + (90 * day), obtainedAt: now},
		}, updatedAt: now})],
	},
	{
		name: 'an expired refresh token: exit 1 naming the login command, nothing sent, nothing changed',
		options: options(),
		saved: [savedEtsy({user: grant({expiresAt: now - day, refreshToken: '12345678.refresh-1', refreshExpiresAt: now - minute})})],
		code: 1,
		stdout: '',
		stderr: '✖ The saved Etsy refresh token has expired, so the access token cannot be renewed.\n  Run `mkt-wizard login etsy` to authorise again.\n',
	},
	{
		name: 'a refresh Etsy refuses (invalid_grant): exit 1, stdout empty, the saved login kept as it was',
		options: options(),
		saved: [savedEtsy(expiredAccess)],
		routes: [etsyRefresh({error: 'invalid_grant', error_description: 'Invalid refresh token'}, 400)],
		code: 1,
		stdout: '',
		stderr: '✖ During the token refresh, Etsy refused the authorization code or refresh token: it was already used, expired, or revoked (a password change revokes every token).\n  Run `mkt-wizard login etsy` to authorise again.\n',
	},
	{
		name: 'nothing saved: exit 1 naming the login command',
		options: options(),
		saved: [],
		code: 1,
		stdout: '',
		stderr: '✖ No saved Etsy login.\n  Run `mkt-wizard login etsy` first.\n',
	},
	{
		name: 'saved under another profile: the remedy names the command that reaches it',
		options: options(),
		saved: [savedEtsy({}, 'shop2')],
		code: 1,
		stdout: '',
		stderr: '✖ No saved Etsy login.\n  A login is saved for profile "shop2": run `mkt-wizard token etsy --profile shop2`, or `mkt-wizard login etsy` to add this one.\n',
	},
];

describe('token: runToken', () => {
	for (const row of rows) {
		test(row.name, async () => {
			const result = await runCommand(runToken, row.options, {saved: row.saved, routes: row.routes ?? [], now});
			assert.equal(result.stdout, row.stdout);
			assert.equal(result.stderr, row.stderr);

			assert.equal(result.code, row.code);
			assert.deepEqual(result.saved, row.savedAfter ?? row.saved);
		});
	}

	test('the refresh sends the saved refresh token with the keystring and shared secret', async () => {
		const result = await runCommand(runToken, options(), {
			saved: [savedEtsy(expiredAccess)],
			routes: [etsyRefresh({access_token: '12345678.access-2', token_type: 'Bearer', expires_in: 3600, refresh_token: '12345678.refresh-2'})],
			now,
		});
		assert.equal(result.code, 0, result.stderr);
		const [request] = result.requests;
		assert.equal(request?.form.grant_type, 'refresh_token');
		assert.equal(request?.form.refresh_token, '12345678.refresh-1');
		assert.equal(request?.headers['x-api-key'], 'keystring1:shared-secret-1');
		assert.equal(result.saved[0]?.key.profile, etsyKey.profile);
	});
});

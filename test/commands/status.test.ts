// `mkt-wizard status`: the command line to StatusOptions, then runStatus against an in-memory store.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {parseArgv} from '../../source/args.js';
import {runStatus, statusOptions, type StatusOptions} from '../../source/commands/status.js';
import type {DamagedConnection, StoredConnection} from '../../source/store/types.js';
import {memoryStore} from '../helpers/memory-store.js';
import {runCommand} from '../helpers/run-command.js';
import {grant, minute, now, savedEtsy} from './saved-connections.js';

// status prints expiry times in local time.
process.env.TZ = 'UTC';

describe('status: the command line fills StatusOptions', () => {
	const rows: Array<{argv: string[]; want: StatusOptions}> = [
		{argv: ['status'], want: {json: false, profile: undefined}},
		{argv: ['status', '--json', '--profile', 'shop2'], want: {json: true, profile: 'shop2'}},
		// `--profile default` is the default: every profile is listed.
		{argv: ['status', '--profile', 'default'], want: {json: false, profile: undefined}},
	];
	for (const {argv, want} of rows) {
		test(argv.join(' '), () => {
			assert.deepEqual(statusOptions(parseArgv(argv)), want);
		});
	}
});

type Row = {
	readonly name: string;
	readonly options: StatusOptions;
	readonly saved: readonly StoredConnection[];
	readonly damaged?: readonly DamagedConnection[];
	readonly code: number;
	/** `<path>` stands for the store's path. */
	readonly stdout: string;
	readonly stderr: string;
};

const etsyListing = [
	'Etsy · profile default',
	'  client id keystring1 · secret ••••et-1 · redirect http://localhost:3000/callback',
	'  user token: ✔ valid · user 12345678 (shop 555)',
	'    access expires 12:50 (in 50 min)',
	'    refresh expires 20 May 2026 12:00 (in 80 days)',
	'    scopes: shops_r listings_r',
	'',
];

const rows: Row[] = [
	{
		name: 'nothing saved: exit 1, nothing on stdout, the note and the command that adds one on stderr',
		options: {json: false, profile: undefined},
		saved: [],
		code: 1,
		stdout: '',
		stderr: 'No saved connections in <path>.\nRun `mkt-wizard` or `mkt-wizard login etsy|ebay` to add one.\n',
	},
	{
		name: 'nothing saved, --json: exit 1, the empty list on stdout',
		options: {json: true, profile: undefined},
		saved: [],
		code: 1,
		stdout: '{\n  "configPath": "<path>",\n  "connections": []\n}\n',
		stderr: '',
	},
	{
		name: 'a valid login: exit 0, the listing on stdout with the secret masked, nothing on stderr',
		options: {json: false, profile: undefined},
		saved: [savedEtsy()],
		code: 0,
		stdout: ['Saved in <path>', '', ...etsyListing].join('\n'),
		stderr: '',
	},
	{
		name: 'an expired refresh token and no secret: "log in again" and "(none saved)"',
		options: {json: false, profile: undefined},
		saved: [savedEtsy({clientSecret: undefined, user: grant({expiresAt: now - minute, refreshToken: '12345678.refresh-1', refreshExpiresAt: now - minute})}, 'old')],
		code: 0,
		stdout: [
			'Saved in <path>',
			'',
			'Etsy · profile old',
			'  client id keystring1 · secret (none saved) · redirect http://localhost:3000/callback',
			'  user token: ✖ expired, log in again · user 12345678 (shop 555)',
			'    access expires 11:59 (1 min ago)',
			'    refresh expires 11:59 (1 min ago)',
			'    scopes: shops_r listings_r',
			'',
		].join('\n'),
		stderr: '',
	},
	{
		name: 'logged out (credentials kept): "no tokens"',
		options: {json: false, profile: undefined},
		saved: [savedEtsy({user: undefined})],
		code: 0,
		stdout: ['Saved in <path>', '', 'Etsy · profile default', '  client id keystring1 · secret ••••et-1 · redirect http://localhost:3000/callback', '  no tokens (logged out)', ''].join('\n'),
		stderr: '',
	},
	{
		name: '--profile: only that profile is listed',
		options: {json: false, profile: 'default'},
		saved: [savedEtsy(), savedEtsy({}, 'shop2')],
		code: 0,
		stdout: ['Saved in <path>', '', ...etsyListing].join('\n'),
		stderr: '',
	},
	{
		name: '--profile naming no saved profile: exit 1 saying which',
		options: {json: false, profile: 'shop2'},
		saved: [savedEtsy()],
		code: 1,
		stdout: '',
		stderr: 'No saved connections for profile "shop2" in <path>.\nRun `mkt-wizard` or `mkt-wizard login etsy|ebay` to add one.\n',
	},
	{
		name: 'only a damaged profile: exit 1, what is wrong and the fix on stderr',
		options: {json: false, profile: undefined},
		saved: [],
		damaged: [{profile: 'default', problem: 'has no client id'}],
		code: 1,
		stdout: '',
		stderr: '✖ The saved profile "default" in <path> has no client id, so it cannot be used; mkt-wizard leaves it as it is.\n'
			+ '  Run `mkt-wizard login <provider>` to replace it, or fix it in <path> by hand; your other connections are not affected.\n',
	},
];

describe('status: runStatus', () => {
	for (const row of rows) {
		test(row.name, async () => {
			const store = memoryStore(row.saved, row.damaged ? {damaged: row.damaged} : {});
			const result = await runCommand(runStatus, row.options, {store, now});
			const withPath = (text: string) => text.replaceAll('<path>', store.path);
			assert.equal(result.stdout, withPath(row.stdout));
			assert.equal(result.stderr, withPath(row.stderr));
			assert.equal(result.code, row.code);
			assert.deepEqual(result.saved, row.saved);
		});
	}
});

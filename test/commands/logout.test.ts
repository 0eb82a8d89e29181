// `mkt-wizard logout`: the command line to LogoutOptions, then runLogout against an in-memory store.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {parseArgv} from '../../source/args.js';
import {logoutOptions, runLogout, type LogoutOptions} from '../../source/commands/logout.js';
import type {StoredConnection} from '../../source/store/types.js';
import {runCommand} from '../helpers/run-command.js';
import {now, savedEtsy} from './saved-connections.js';

describe('logout: the command line fills LogoutOptions', () => {
	const rows: Array<{argv: string[]; want: LogoutOptions}> = [
		{argv: ['logout', 'etsy'], want: {provider: 'etsy', profile: 'default', environment: undefined, all: false}},
		{argv: ['logout', 'ebay', '--env', 'sandbox', '--profile', 'shop2', '--all'], want: {provider: 'ebay', profile: 'shop2', environment: 'sandbox', all: true}},
	];
	for (const {argv, want} of rows) {
		test(argv.join(' '), () => {
			assert.deepEqual(logoutOptions(parseArgv(argv)), want);
		});
	}
});

const etsy = (changes: Partial<LogoutOptions> = {}): LogoutOptions => ({provider: 'etsy', profile: 'default', environment: undefined, all: false, ...changes});
const notRevoked = '  Access is not revoked at Etsy: remove the app from your account settings there to revoke it.\n';

type Row = {
	readonly name: string;
	readonly options: LogoutOptions;
	readonly saved: readonly StoredConnection[];
	readonly stderr: string;
	readonly savedAfter: readonly StoredConnection[];
};

const rows: Row[] = [
	{
		name: 'tokens saved: they are removed, the credentials kept for the next login',
		options: etsy(),
		saved: [savedEtsy()],
		stderr: `✔ Forgot the Etsy tokens; the credentials are kept for the next login (--all forgets them too).\n${notRevoked}`,
		savedAfter: [savedEtsy({user: undefined, updatedAt: now})],
	},
	{
		name: '--all: the whole connection is removed',
		options: etsy({all: true}),
		saved: [savedEtsy()],
		stderr: `✔ Forgot the Etsy tokens and credentials.\n${notRevoked}`,
		savedAfter: [],
	},
	{
		name: 'another profile: named in the message, the default one left alone',
		options: etsy({profile: 'shop2', all: true}),
		saved: [savedEtsy(), savedEtsy({}, 'shop2')],
		stderr: `✔ Forgot the Etsy (profile shop2) tokens and credentials.\n${notRevoked}`,
		savedAfter: [savedEtsy()],
	},
	{
		name: 'no saved connection: nothing to forget, exit 0',
		options: etsy(),
		saved: [],
		stderr: 'Nothing to forget: no saved Etsy tokens.\n',
		savedAfter: [],
	},
	{
		name: 'credentials without tokens: nothing to forget',
		options: etsy(),
		saved: [savedEtsy({user: undefined})],
		stderr: 'Nothing to forget: no saved Etsy tokens.\n',
		savedAfter: [savedEtsy({user: undefined, updatedAt: now})],
	},
];

describe('logout: runLogout', () => {
	for (const row of rows) {
		test(row.name, async () => {
			const result = await runCommand(runLogout, row.options, {saved: row.saved, now});
			assert.equal(result.stdout, '');
			assert.equal(result.stderr, row.stderr);
			assert.equal(result.code, 0);
			assert.deepEqual(result.saved, row.savedAfter);
		});
	}
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseArgv} from '../source/args.js';
import {UsageError} from '../source/errors.js';

test('no arguments start the wizard with defaults', () => {
	const args = parseArgv([]);
	assert.equal(args.command, 'wizard');
	assert.equal(args.profile, 'default');
	assert.equal(args.timeoutSeconds, 300);
	assert.equal(args.browser, true);
});

test('login etsy with every flag', () => {
	const args = parseArgv(['login', 'etsy', '--scopes', 'shops_r, listings_r', '--redirect-uri', 'http://localhost:3003/cb', '--timeout', '60', '--no-browser', '--profile', 'shop-2', '--yes']);
	assert.equal(args.command, 'login');
	assert.equal(args.provider, 'etsy');
	assert.deepEqual(args.scopes, ['shops_r', 'listings_r']);
	assert.equal(args.redirectUri, 'http://localhost:3003/cb');
	assert.equal(args.timeoutSeconds, 60);
	assert.equal(args.browser, false);
	assert.equal(args.profile, 'shop-2');
	assert.equal(args.yes, true);
});

test('--help after a command asks for that command\'s help', () => {
	assert.equal(parseArgv(['token', '--help']).helpFor, 'token');
	assert.equal(parseArgv(['token', '--help']).command, 'help');
	assert.equal(parseArgv(['help', 'login']).helpFor, 'login');
	assert.equal(parseArgv(['--version']).command, 'version');
});

test('which command runs, and whose help: help words, --help and --version', () => {
	const rows: Array<[string[], string, string | undefined]> = [
		[['help'], 'help', 'wizard'],
		[['help', 'nope'], 'help', 'wizard'],
		[['help', 'status'], 'help', 'status'],
		[['--help', '--version'], 'help', 'wizard'],
		[['status', '--version'], 'version', undefined],
		[['status'], 'status', undefined],
		[[], 'wizard', undefined],
	];
	for (const [argv, command, helpFor] of rows) {
		const args = parseArgv(argv);
		assert.deepEqual([args.command, args.helpFor], [command, helpFor], argv.join(' '));
	}
});

const usageErrors: Array<[string, string[], RegExp]> = [
	['unknown command', ['frobnicate'], /Unknown command "frobnicate"/],
	['missing provider', ['token'], /needs a marketplace/],
	['unknown provider', ['token', 'amazon'], /Unknown marketplace "amazon"/],
	['bad env', ['login', 'ebay', '--env', 'staging'], /--env must be sandbox or production/],
	['etsy sandbox', ['login', 'etsy', '--env', 'sandbox'], /Etsy has no sandbox/],
	['etsy app grant', ['login', 'etsy', '--grant', 'app'], /Etsy has no application tokens/],
	['bad timeout', ['login', 'etsy', '--timeout', 'soon'], /--timeout must be a whole number/],
	['bad profile', ['token', 'etsy', '--profile', '../x'], /--profile must be/],
	['unknown flag', ['token', 'etsy', '--client-secret', 'x'], /client-secret/],
	['extra argument', ['status', 'etsy'], /Unexpected argument "etsy"/],
	['empty scopes', ['login', 'etsy', '--scopes', ' , '], /--scopes is empty/],
];

for (const [name, argv, message] of usageErrors) {
	test(`usage error: ${name}`, () => {
		assert.throws(() => parseArgv(argv), (error: unknown) => {
			assert.ok(error instanceof UsageError);
			assert.equal(error.exitCode, 2);
			assert.match(error.message, message);
			return true;
		});
	});
}

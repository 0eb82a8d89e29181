// The command line as gh users expect it: streams and exit codes, suggestions for slips,
// help that fits 80 columns, and failures that name what is wrong.
import assert from 'node:assert/strict';
import net from 'node:net';
import {after, before, describe, test} from 'node:test';
import {demo, startEmulator, type Emulator} from '../../source/emulator/index.js';
import {freePort, runCli, testEnv} from '../helpers/cli.js';
import {tempDir} from '../helpers/temp-dir.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';

scanCliRunsForSecrets();

function widerThan(text: string, columns: number): string[] {
	return text.split('\n').filter(line => [...line].length > columns);
}

describe('the CLI\'s conventions', () => {
	let emulator: Emulator;
	let empty: string;
	let ebayOnly: string;
	const sandbox = demo.ebay.sandbox;

	before(async () => {
		emulator = await startEmulator();
		empty = tempDir('config');
		ebayOnly = tempDir('config');
		const login = await runCli(['login', 'ebay', '--grant', 'app', '--env', 'sandbox'], testEnv({
			...emulator.env,
			MKT_WIZARD_CONFIG_DIR: ebayOnly,
			EBAY_CLIENT_ID: sandbox.clientId,
			EBAY_CLIENT_SECRET: sandbox.clientSecret,
		}));
		assert.equal(login.code, 0, login.stderr);
	});

	after(async () => {
		await emulator.close();
	});

	test('status with nothing saved: exit 1, nothing on stdout, the note on stderr; --json still prints the empty list', async () => {
		const env = testEnv({MKT_WIZARD_CONFIG_DIR: empty});
		const human = await runCli(['status'], env);
		assert.equal(human.code, 1);
		assert.equal(human.stdout, '');
		assert.match(human.stderr, /No saved connections in /);
		const json = await runCli(['status', '--json'], env);
		assert.equal(json.code, 1);
		assert.deepEqual((JSON.parse(json.stdout) as {connections: unknown[]}).connections, []);
	});

	test('status with a connection saved: exit 0, the listing on stdout, nothing on stderr', async () => {
		const result = await runCli(['status'], testEnv({MKT_WIZARD_CONFIG_DIR: ebayOnly}));
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /eBay sandbox · profile default/);
		assert.equal(result.stderr, '');
	});

	const slips: Array<[string[], RegExp]> = [
		[['login', 'etsy', '--scope', 'shops_r'], /Unknown option --scope\.\n {2}Did you mean --scopes\? \(`mkt-wizard login --help` lists the options\)/],
		[['status', '--jsn'], /Unknown option --jsn\.\n {2}Did you mean --json\?/],
		[['lgin', 'etsy'], /Unknown command "lgin"\.\n {2}Did you mean `mkt-wizard login`\?/],
		[['etsy'], /Unknown command "etsy"\.\n {2}Did you mean `mkt-wizard login etsy`\?/],
		[['token', 'etsy', '--client-secret', 'x'], /credentials are never taken as flags/],
	];
	for (const [argv, expected] of slips) {
		test(`\`${argv.join(' ')}\`: a suggestion, not node's parser text (exit 2)`, async () => {
			const result = await runCli(argv, testEnv({MKT_WIZARD_CONFIG_DIR: empty}));
			assert.equal(result.code, 2);
			assert.match(result.stderr, expected);
			assert.doesNotMatch(result.stderr, /positional argument|place it at the end|'--/);
		});
	}

	test('`token Etsy` takes the marketplace name in any case', async () => {
		const result = await runCli(['token', 'Etsy'], testEnv({MKT_WIZARD_CONFIG_DIR: empty}));
		assert.equal(result.code, 1);
		assert.match(result.stderr, /No saved Etsy login/);
	});

	test('`--min-valid abc` points to the help that explains --min-valid', async () => {
		const env = testEnv({MKT_WIZARD_CONFIG_DIR: empty});
		const result = await runCli(['token', 'etsy', '--min-valid', 'abc'], env);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /--min-valid must be a whole number, not "abc"\.\n {2}`mkt-wizard token --help` explains --min-valid\./);
		const help = await runCli(['token', '--help'], env);
		assert.match(help.stdout, /--min-valid SECONDS/);
	});

	test('every help page fits 80 columns', async () => {
		for (const page of [[], ['login'], ['token'], ['status'], ['logout'], ['doctor'], ['emulator']]) {
			const {stdout, code} = await runCli([...page, '--help'], testEnv({}));
			assert.equal(code, 0);
			assert.deepEqual(widerThan(stdout, 80), [], `mkt-wizard ${page.join(' ')} --help`);
		}
	});

	test('doctor folds its report to the terminal\'s width (COLUMNS); into a pipe its lines stay whole', async () => {
		const env = testEnv({MKT_WIZARD_CONFIG_DIR: ebayOnly});
		const folded = await runCli(['doctor', '--offline'], {...env, COLUMNS: '80'});
		assert.deepEqual(widerThan(folded.stdout, 80), []);
		const piped = await runCli(['doctor', '--offline'], env);
		assert.notDeepEqual(widerThan(piped.stdout, 80), [], 'some check says more than 80 columns hold');
	});

	test('`doctor etsy` lists Etsy alone; `doctor` lists the saved eBay token', async () => {
		const env = testEnv({MKT_WIZARD_CONFIG_DIR: ebayOnly});
		const all = await runCli(['doctor', '--offline'], env);
		assert.match(all.stdout, /eBay/);
		const etsy = await runCli(['doctor', 'etsy', '--offline'], env);
		assert.doesNotMatch(etsy.stdout, /eBay/);
	});

	test('`login etsy` with no credentials names both variables in one sentence, and how to set them', async () => {
		const result = await runCli(['login', 'etsy', '--yes'], testEnv({MKT_WIZARD_CONFIG_DIR: empty}));
		assert.equal(result.code, 2);
		assert.match(result.stderr, /Etsy needs ETSY_API_KEY and ETSY_SHARED_SECRET, and none of them is set or saved\./);
		assert.match(result.stderr, /Set ETSY_API_KEY and ETSY_SHARED_SECRET in the environment, or run `mkt-wizard login etsy` in a terminal to be asked\./);
		assert.doesNotMatch(result.stderr, /Set it/);
	});

	test('`login etsy --yes` on a busy callback port names the process that holds it', async () => {
		const port = await freePort();
		const holder = net.createServer();
		await new Promise<void>(resolve => {
			holder.listen(port, '127.0.0.1', resolve);
		});
		try {
			const result = await runCli(['login', 'etsy', '--yes', '--no-browser', '--redirect-uri', `http://localhost:${port}/callback`], testEnv({
				...emulator.env,
				MKT_WIZARD_CONFIG_DIR: empty,
				ETSY_API_KEY: demo.etsy.keystring,
				ETSY_SHARED_SECRET: demo.etsy.sharedSecret,
			}));
			assert.equal(result.code, 1);
			assert.match(result.stderr, new RegExp(`Port ${port} is already in use by process ${process.pid} \\(\\S*node`));
		} finally {
			await new Promise(resolve => {
				holder.close(resolve);
			});
		}
	});
});

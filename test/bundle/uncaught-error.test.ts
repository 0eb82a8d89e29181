// A script that awaits the library without a try/catch: what Node prints when it rejects.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {inspect, promisify} from 'node:util';
import {MktError} from '../../source/errors.js';
import {testEnv} from '../helpers/cli.js';
import {assertDistCurrent} from '../helpers/dist.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

const run = promisify(execFile);
const library = pathToFileURL(fileURLToPath(new URL('../../dist/index.js', import.meta.url))).href;

describe('an uncaught MktError from dist/', () => {
	let work: string;
	before(() => {
		assertDistCurrent();
		work = tempDir('uncaught');
	});
	after(() => {
		removeTempDir(work);
	});

	test('`await getAccessToken(\'etsy\')` with no login prints under 4 KB: the message, the remedy and the code', async () => {
		const script = path.join(work, 'no-login.mjs');
		writeFileSync(script, `import {getAccessToken} from ${JSON.stringify(library)};\nawait getAccessToken('etsy');\n`);
		const failed = await run(process.execPath, [script], {env: testEnv({MKT_WIZARD_CONFIG_DIR: path.join(work, 'config')}), cwd: work})
			.then(() => undefined, (error: unknown) => error as {code: number; stderr: string});
		assert.ok(failed, 'the script should have failed');
		assert.equal(failed.code, 1);
		assert.ok(Buffer.byteLength(failed.stderr) < 4096, `stderr is ${Buffer.byteLength(failed.stderr)} bytes:\n${failed.stderr.slice(0, 2000)}`);
		assert.match(failed.stderr, /^MktError: No saved Etsy login\.$/m);
		assert.match(failed.stderr, /remedy: 'Run `mkt-wizard login etsy` first\.'/);
		assert.match(failed.stderr, /code: 'not_logged_in'/);
	});
});

describe('MktError under util.inspect and console.log', () => {
	test('shows message, remedy and code with the stack, and never the cause', () => {
		const error = new MktError('invalid_client', 'Etsy rejected the keystring.', 'Check ETSY_API_KEY.', {cause: new Error('secret-in-cause')});
		const text = inspect(error);
		assert.match(text, /^MktError: Etsy rejected the keystring\.\n {2}remedy: Check ETSY_API_KEY\.\n {2}code: invalid_client\n {4}at /);
		assert.doesNotMatch(text, /secret-in-cause/);
	});
});

// Runs every test file under test/ with node's runner and tsx.
// npm runs scripts with sh, which has no `**`, so the files are listed here.
import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import path from 'node:path';

function findTests(directory) {
	const found = [];
	for (const entry of readdirSync(directory, {withFileTypes: true})) {
		const full = path.join(directory, entry.name);
		if (entry.isDirectory()) {
			found.push(...findTests(full));
		} else if (/\.test\.tsx?$/.test(entry.name)) {
			found.push(full);
		}
	}

	return found.sort();
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : findTests('test');
const result = spawnSync(process.execPath, [
	'--import',
	'tsx',
	'--test',
	'--test-concurrency=4',
	...files,
], {stdio: 'inherit'});
process.exit(result.status ?? 1);

import {after} from 'node:test';
import type {CliRun} from '../helpers/cli.js';

/** Every CLI started through track(), killed when the test file ends, so a failed assertion never leaves one waiting. */
const started: CliRun[] = [];

after(() => {
	for (const run of started) {
		run.kill();
	}
});

export function track(run: CliRun): CliRun {
	started.push(run);
	return run;
}

// The one way a test makes a folder of its own. Each is removed when the test process exits,
// whatever happened before (a failed assertion, a hook that threw), so no test needs an after()
// for it; removeTempDir() removes one early, for a loop that makes many.
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made = new Set<string>();

process.once('exit', () => {
	for (const dir of made) {
		rmSync(dir, {recursive: true, force: true});
	}
});

/** A new empty folder, `<tmp>/mkt-wizard-<purpose>-XXXXXX` (under `parent` when given). */
export function tempDir(purpose: string, parent = os.tmpdir()): string {
	const dir = mkdtempSync(path.join(parent, `mkt-wizard-${purpose}-`));
	made.add(dir);
	return dir;
}

/** Removes a folder tempDir() made, now rather than when the process exits. */
export function removeTempDir(dir: string): void {
	rmSync(dir, {recursive: true, force: true});
	made.delete(dir);
}

// The build (dist/) the CLI tests run. It must be built from the source/ beside it: a stale one
// tests old code, and its failures (or passes) say nothing of the change at hand.
import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = path.join(root, 'dist');
export const cliPath = path.join(distDir, 'cli.cjs');

/** The most recently changed file under `dir`. */
function newestFile(dir: string): {file: string; changedMs: number} {
	let newest = {file: dir, changedMs: 0};
	for (const entry of readdirSync(dir, {withFileTypes: true})) {
		const full = path.join(dir, entry.name);
		const candidate = entry.isDirectory() ? newestFile(full) : {file: full, changedMs: statSync(full).mtimeMs};
		if (candidate.changedMs > newest.changedMs) {
			newest = candidate;
		}
	}

	return newest;
}

let current = false;

/** Throws, naming `npm run build`, when dist/ is missing or older than a file under source/. */
export function assertDistCurrent(): void {
	if (current) {
		return;
	}

	let builtMs = Number.POSITIVE_INFINITY;
	for (const file of ['core.cjs', 'cli.cjs', 'index.js']) {
		try {
			builtMs = Math.min(builtMs, statSync(path.join(distDir, file)).mtimeMs);
		} catch {
			throw new Error(`dist/${file} is missing: run \`npm run build\` first.`);
		}
	}

	const newest = newestFile(path.join(root, 'source'));
	if (newest.changedMs > builtMs) {
		throw new Error(`dist/ is older than ${path.relative(root, newest.file)}: run \`npm run build\` first.`);
	}

	current = true;
}

// The repository names only files it has: comments in source/ and test/ that name a file, the
// paths the docs, the readme and the scripts (the smoke set, the build's entries) name, and
// tsconfig.json's folders.
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string): string[] {
	return readdirSync(path.join(root, dir), {withFileTypes: true}).flatMap(entry => {
		const relative = path.join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(relative) : [relative];
	});
}

const repoFiles = [...filesUnder('source'), ...filesUnder('test'), ...filesUnder('docs')];
const baseNames = new Set(repoFiles.map(file => path.basename(file)));

/** Files the CLI or the build makes, named in comments: not files of the repository. */
const madeFiles = new Set(['config.json', 'core.cjs', 'cli.cjs']);

/** A file name with an extension the repo's own files have, with or without folders before it. */
const fileReference = /(?<![\w./@-])((?:[\w.-]+\/)*[\w-][\w.-]*\.(?:tsx?|js|cjs|mjs|md|jsonc?))(?![\w/])/g;

/** The text of a line's comment, if it has one. */
function commentOf(line: string): string | undefined {
	return /^\s*(?:\/\/|\/\*|\*)(.*)$/.exec(line)?.[1] ?? /\s\/\/\s(.*)$/.exec(line)?.[1];
}

/**
 * Whether `reference`, named in `file`, is a file here: beside it, from the repository's root or
 * from source/ or test/, as .ts or .tsx where it says .js (as imports do); a bare name anywhere.
 */
function exists(reference: string, file: string): boolean {
	if (madeFiles.has(reference)) {
		return true;
	}

	if (!reference.includes('/') && (baseNames.has(reference) || baseNames.has(reference.replace(/\.js$/, '.ts')) || baseNames.has(reference.replace(/\.js$/, '.tsx')))) {
		return true;
	}

	const candidates = [reference, `source/${reference}`, `test/${reference}`, path.join(path.dirname(file), reference)];
	return candidates.some(candidate => [candidate, candidate.replace(/\.js$/, '.ts'), candidate.replace(/\.js$/, '.tsx')].some(each => existsSync(path.join(root, each))));
}

test('every file a comment in source/ or test/ names exists', () => {
	const missing: string[] = [];
	for (const file of [...filesUnder('source'), ...filesUnder('test')].filter(name => /\.(?:tsx?|js|cjs|mjs)$/.test(name))) {
		for (const [index, line] of readFileSync(path.join(root, file), 'utf8').split('\n').entries()) {
			for (const [, reference] of (commentOf(line) ?? '').matchAll(fileReference)) {
				if (!exists(reference!, file)) {
					missing.push(`${file}:${index + 1}: ${reference}`);
				}
			}
		}
	}

	assert.deepEqual(missing, []);
});

test('every path of this repository the readme and docs/ name exists, and every page they link to', () => {
	const missing: string[] = [];
	for (const page of ['readme.md', ...filesUnder('docs').filter(name => name.endsWith('.md'))]) {
		const text = readFileSync(path.join(root, page), 'utf8');
		for (const [, reference] of text.matchAll(/`((?:source|test|\.ci)\/[\w./-]*)`/g)) {
			if (!existsSync(path.join(root, reference!))) {
				missing.push(`${page}: ${reference}`);
			}
		}

		for (const [, link] of text.matchAll(/\]\(((?!https?:|#)[^)#\s]+)(?:#[^)]*)?\)/g)) {
			if (!existsSync(path.join(root, path.dirname(page), link!))) {
				missing.push(`${page}: link to ${link}`);
			}
		}
	}

	assert.deepEqual(missing, []);
});

test('every source/, test/ or docs/ path the scripts name exists: package.json, .ci/run, test/tools/', () => {
	const missing: string[] = [];
	for (const file of ['package.json', '.ci/run', ...filesUnder('test/tools').filter(name => name.endsWith('.js'))]) {
		for (const [, reference] of readFileSync(path.join(root, file), 'utf8').matchAll(/['"` ]((?:source|test|docs)\/[\w./-]*\w)/g)) {
			if (!existsSync(path.join(root, reference!))) {
				missing.push(`${file}: ${reference}`);
			}
		}
	}

	assert.deepEqual(missing, []);
});

test('every folder tsconfig.json includes exists', () => {
	const {include} = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as {include: string[]};
	assert.deepEqual(include.filter(folder => !existsSync(path.join(root, folder))), []);
});

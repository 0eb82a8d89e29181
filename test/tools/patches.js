// Changes made to dependencies while bundling, each pinned to the exact version it
// was written and tested against (test/bundle/patches.test.ts compares every patched
// function with the original). A patch that no longer applies fails the build:
// a newer dependency must be re-checked, not silently bundled unpatched.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundleSource = path.join(root, 'source', 'bundle');

/**
 * @typedef {{package: string, version: string, file: string, why: string, replace: Array<[string, string]>}} Patch
 * `replace` pairs: the first string must occur exactly once in the file.
 */

/** @type {Patch[]} */
export const patches = [
	{
		package: 'ink',
		version: '6.8.0',
		file: 'build/reconciler.js',
		why: 'Two top-level awaits, both for DEV=true only (React DevTools), stop a CommonJS bundle; the bundle ships no DevTools.',
		replace: [
			['        await import(\'./devtools.js\');\n', '        // React DevTools are not bundled (mkt-wizard).\n'],
			['const packageJson = isDev()\n    ? await loadPackageJson()\n    : { name: undefined, version: undefined };', 'const packageJson = { name: undefined, version: undefined };'],
		],
	},
	{
		package: 'ink',
		version: '6.8.0',
		file: 'build/components/ErrorOverview.js',
		why: 'stack-utils, and the ~70 regular expressions it builds from Node\'s module list when it loads, are needed only to show an error: loaded with the first one.',
		replace: [
			['import StackUtils from \'stack-utils\';\n', ''],
			['const stackUtils = new StackUtils({\n    cwd: cwd(),\n    internals: StackUtils.nodeInternals(),\n});', 'let loadedStackUtils;\nconst stackUtils = {\n    parseLine(line) {\n        const StackUtils = require(\'stack-utils\');\n        loadedStackUtils ??= new StackUtils({\n            cwd: cwd(),\n            internals: StackUtils.nodeInternals(),\n        });\n        return loadedStackUtils.parseLine(line);\n    },\n};'],
		],
	},
	{
		package: 'ink',
		version: '6.8.0',
		file: 'build/hooks/use-input.js',
		why: 'useInput subscribed its handler in a passive effect, which React runs in a later task than the commit that draws the screen: a key read in between went to the screen before, or to nobody. Subscribed in a layout effect, it listens from the commit that draws it.',
		replace: [
			['import { useEffect } from \'react\';', 'import { useEffect, useLayoutEffect } from \'react\';'],
			['    useEffect(() => {\n        if (options.isActive === false) {\n            return;\n        }\n        const handleData = ', '    useLayoutEffect(() => {\n        if (options.isActive === false) {\n            return;\n        }\n        const handleData = '],
		],
	},
	{
		package: 'ink',
		version: '6.8.0',
		file: 'build/log-update.js',
		why: 'Incremental rendering rewound one row too few before rewriting a frame that ended in a newline (every frame that does not fill the terminal): each update landed a row lower, leaving the old first line behind (Ink issue #909, fixed in Ink 7, which needs Node 22).',
		replace: [
			['            buffer.push(ansiEscapes.cursorUp(previousVisible - 1));', '            buffer.push(ansiEscapes.cursorUp(previousOutput.endsWith(\'\\n\') ? previousVisible : previousVisible - 1));'],
		],
	},
	{
		package: 'signal-exit',
		version: '3.0.7',
		file: 'index.js',
		why: 'Node\'s assert module (four internal modules to compile) was loaded for one check of the callback\'s type.',
		replace: [
			['  var assert = require(\'assert\')\n', ''],
			['    assert.equal(typeof cb, \'function\', \'a callback must be provided for exit handler\')\n', '    if (typeof cb !== \'function\') {\n      throw new TypeError(\'a callback must be provided for exit handler\')\n    }\n'],
		],
	},
	{
		package: 'yoga-layout',
		version: '3.2.1',
		file: 'dist/binaries/yoga-wasm-base64-esm.js',
		why: 'Hands the embedded WASM data URI to the instantiateWasm hook, so source/bundle/yoga.ts compiles it synchronously instead of fetch()ing it.',
		replace: [
			['if(h.instantiateWasm)try{return h.instantiateWasm(d,\na)}', 'if(h.instantiateWasm)try{return h.instantiateWasm(d,\na,H)}'],
		],
	},
	{
		package: 'string-width',
		version: '8.3.0',
		file: 'index.js',
		why: 'Plain text (no emoji, marks, controls, jamo or astral characters) is measured without Intl.Segmenter, and the segmenter and the costly RGI_Emoji regex are built on first use.',
		replace: [
			['import {eastAsianWidth} from \'get-east-asian-width\';\n', 'import {eastAsianWidth} from \'get-east-asian-width\';\nimport {lazySegmenter, lazyRegExp, plainTextWidth} from \'mkt-wizard-text-fast-path\';\n'],
			['const segmenter = new Intl.Segmenter();', 'const segmenter = lazySegmenter();'],
			['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'const rgiEmojiRegex = lazyRegExp(\'^\\\\p{RGI_Emoji}$\', \'v\');'],
			['\tlet width = 0;\n\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n', '\tconst plainWidth = plainTextWidth(string, !ambiguousIsNarrow);\n\tif (plainWidth !== undefined) {\n\t\treturn plainWidth;\n\t}\n\n\tlet width = 0;\n\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n'],
		],
	},
	{
		package: 'string-width',
		version: '7.2.0',
		file: 'index.js',
		why: 'The same plain-text fast path for the older string-width that wrap-ansi uses, and a segmenter built on first use.',
		replace: [
			['import emojiRegex from \'emoji-regex\';\n', 'import emojiRegex from \'emoji-regex\';\nimport {lazySegmenter, plainTextWidthNoPictographs} from \'mkt-wizard-text-fast-path\';\n'],
			['const segmenter = new Intl.Segmenter();', 'const segmenter = lazySegmenter();'],
			['\tlet width = 0;\n\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n', '\tconst plainWidth = plainTextWidthNoPictographs(string, !ambiguousIsNarrow);\n\tif (plainWidth !== undefined) {\n\t\treturn plainWidth;\n\t}\n\n\tlet width = 0;\n\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n'],
		],
	},
	{
		package: '@alcalzone/ansi-tokenize',
		version: '0.2.5',
		file: 'build/tokenize.js',
		why: 'Walks plain text one character at a time instead of through Intl.Segmenter (every character of plain text is its own grapheme), and builds the segmenter on first use.',
		replace: [
			['import isFullwidthCodePoint from "is-fullwidth-code-point";\n', 'import isFullwidthCodePoint from "is-fullwidth-code-point";\nimport {lazySegmenter, plainGraphemes} from "mkt-wizard-text-fast-path";\n'],
			['const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });', 'const segmenter = lazySegmenter();'],
			['    for (const { segment, index } of segmenter.segment(str)) {', '    for (const { segment, index } of (plainGraphemes(str) ?? segmenter.segment(str))) {'],
		],
	},
	{
		package: 'slice-ansi',
		version: '8.0.0',
		file: 'tokenize-ansi.js',
		why: 'Builds its Intl.Segmenter on first use instead of at start-up.',
		replace: [
			['import isFullwidthCodePoint from \'is-fullwidth-code-point\';\n', 'import isFullwidthCodePoint from \'is-fullwidth-code-point\';\nimport {lazySegmenter} from \'mkt-wizard-text-fast-path\';\n'],
			['const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: \'grapheme\'});', 'const GRAPHEME_SEGMENTER = lazySegmenter();'],
		],
	},
	{
		package: 'pg',
		version: '8.23.1',
		file: 'lib/stream.js',
		why: 'Its Cloudflare Workers check constructs a fetch Response when there is no navigator (Node 20), which loads undici with http, http2 and zlib (~30 ms) as node-postgres loads; mkt-wizard runs on Node only.',
		replace: [
			['const { getStream, getSecureStream } = getStreamFuncs()', 'const { getStream, getSecureStream } = getNodejsStreamFuncs()'],
		],
	},
];

/** Modules the patched code and the bundle import under names of their own. */
export const aliases = {
	'mkt-wizard-text-fast-path': path.join(bundleSource, 'text-fast-path.ts'),
	'yoga-layout': path.join(bundleSource, 'yoga.ts'),
	'yoga-layout-glue': path.join(root, 'node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js'),
	'yoga-layout-wrap-assembly': path.join(root, 'node_modules/yoga-layout/dist/src/wrapAssembly.js'),
	'yoga-layout-enums': path.join(root, 'node_modules/yoga-layout/dist/src/generated/YGEnums.js'),
	'react-devtools-core': path.join(bundleSource, 'devtools-stub.ts'),
};

/** The package folder and relative file of a path inside node_modules, or undefined. */
function packageFileOf(file) {
	const parts = file.split(path.sep);
	const at = parts.lastIndexOf('node_modules');
	if (at === -1) {
		return undefined;
	}

	const nameLength = parts[at + 1]?.startsWith('@') ? 2 : 1;
	const name = parts.slice(at + 1, at + 1 + nameLength).join('/');
	const folder = parts.slice(0, at + 1 + nameLength).join(path.sep);
	return {name, folder, relative: parts.slice(at + 1 + nameLength).join('/')};
}

/** Applies `patch` to `text`; throws when any replacement does not match exactly once. */
export function applyPatch(patch, text) {
	let patched = text;
	for (const [from, to] of patch.replace) {
		const first = patched.indexOf(from);
		if (first === -1 || patched.indexOf(from, first + 1) !== -1) {
			throw new Error(`Patch for ${patch.package}@${patch.version} ${patch.file} no longer applies: ${first === -1 ? 'text not found' : 'text found more than once'}:\n${from}`);
		}

		patched = patched.slice(0, first) + to + patched.slice(first + from.length);
	}

	return patched;
}

/**
 * An esbuild plugin applying `patches` (or the given ones) and `aliases`. Fails the build when a patched
 * package is at another version and, with `requireAll`, when a patch was never used
 * (the file moved, or the dependency was replaced).
 */
export function patchPlugin({requireAll = false, patches: active = patches} = {}) {
	return {
		name: 'mkt-wizard-patches',
		setup(build) {
			const applied = new Set();
			const aliasFilter = new RegExp(`^(${Object.keys(aliases).map(name => name.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
			build.onResolve({filter: aliasFilter}, args => ({path: aliases[args.path]}));
			build.onLoad({filter: /[\\/]node_modules[\\/].*\.js$/}, args => {
				const where = packageFileOf(args.path);
				const candidates = where ? active.filter(patch => patch.package === where.name && patch.file === where.relative) : [];
				if (candidates.length === 0) {
					return undefined;
				}

				const {version} = JSON.parse(readFileSync(path.join(where.folder, 'package.json'), 'utf8'));
				const patch = candidates.find(candidate => candidate.version === version);
				if (!patch) {
					throw new Error(`${where.name}@${version} is bundled, but its patch is pinned to ${candidates.map(candidate => candidate.version).join(' / ')}: re-check test/tools/patches.js against the new version.`);
				}

				applied.add(patch);
				return {contents: applyPatch(patch, readFileSync(args.path, 'utf8')), loader: 'js'};
			});
			build.onEnd(result => {
				const unused = active.filter(patch => !applied.has(patch));
				if (requireAll && result.errors.length === 0 && unused.length > 0) {
					throw new Error(unused.map(patch => `Patch for ${patch.package}@${patch.version} ${patch.file} was never applied: is the file still bundled?`).join('\n'));
				}
			});
		},
	};
}

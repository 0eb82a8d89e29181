// Builds dist/, the published package: CommonJS bundles with no runtime dependencies.
//   dist/cli.cjs         the `mkt-wizard` command: a small loader (source/bundle/cli.ts) that
//                        runs the bundles below through a V8 code cache
//   dist/core.cjs        the library (source/index.ts) and the CLI (source/cli.ts, run by
//                        runCli()) with everything they import from source/; modules reached
//                        only through import() stay uninitialised until then (esbuild's __esm)
//   dist/vendor/ui.cjs   Ink, React, ink-spinner (the wizard only), patched
//                        as test/tools/patches.js says
//   dist/vendor/got.cjs  loaded by the first HTTP request
//   dist/vendor/pg.cjs   node-postgres's Client, loaded only when MKT_WIZARD_STORE is a postgres:// URL
//   dist/index.js        the library's ESM face, requiring dist/core.cjs
//   dist/types/          the library's declarations, from tsc
// Why CommonJS and these splits: see docs/engineering.md "Where an Ink first frame's time goes"
// and readme.md "Performance"; `npm run bench` measures the result.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {builtinModules, createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {lazyBuiltins, lazyBuiltinsPlugin, lazyPackages, lazyPackagesPlugin, lazySources, lazySourcesPlugin} from './lazy-modules.js';
import {patches, patchPlugin} from './patches.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = path.join(root, 'dist');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** npm packages the bundles of our code get from a vendor bundle, and under which name. */
const vendored = {
	react: ['ui', 'react'],
	'react/jsx-runtime': ['ui', 'jsxRuntime'],
	ink: ['ui', 'ink'],
	'ink-spinner': ['ui', 'inkSpinner'],
	// got is loaded on the first request, not when a module importing it loads: its default
	// export (the only value our code imports from it) is a function proxy.
	got: ['got', 'got', {lazyDefault: true}],
	pg: ['pg', 'pg'],
};

const vendorEntries = {
	ui: ['react', 'react/jsx-runtime', 'ink', 'ink-spinner'],
	got: ['got'],
	pg: ['pg'],
};

/**
 * What a vendor bundle exports, when not the packages themselves. node-postgres: its Client
 * alone. Our code passes a parsed URL and reads every column as text, so its pool, its
 * connection-string parser, its type parsers, pgpass, pg-native and its Cloudflare socket
 * are left out (test/bundle/postgres-vendor.test.ts checks the bundle has none of them).
 */
const vendorSources = {
	pg: 'module.exports = {pg: {Client: require("pg/lib/client.js")}};\n',
};

const leftOut = {
	pg: {
		'pg-native': 'module.exports = undefined;',
		'pg-cloudflare': 'module.exports = {};',
		'pg-pool': 'module.exports = undefined;',
		'pg-connection-string': 'module.exports = {parse() { throw new Error("mkt-wizard passes node-postgres a parsed URL"); }};',
		'pg-types': 'module.exports = {getTypeParser: () => value => value, setTypeParser() {}};',
		pgpass: 'module.exports = (_parameters, callback) => callback(undefined);',
	},
};

/** Replaces packages a vendor bundle never uses with the stand-ins above. */
function leaveOutPlugin(stubs) {
	const names = Object.keys(stubs).map(name => name.replaceAll(/[/.]/g, '\\$&'));
	return {
		name: 'mkt-wizard-leave-out',
		setup(builder) {
			builder.onResolve({filter: new RegExp(`^(${names.join('|')})$`)}, args => ({path: args.path, namespace: 'left-out'}));
			builder.onLoad({filter: /.*/, namespace: 'left-out'}, args => ({contents: stubs[args.path], loader: 'js'}));
		},
	};
}

const common = {
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	// MKT_WIZARD_UNMINIFIED=1 npm run build: readable bundles with module comments, for profiling.
	minify: !process.env.MKT_WIZARD_UNMINIFIED,
	// Node prints the whole source line of an uncaught error's top frame: keep lines short.
	lineLimit: 200,
	legalComments: 'none',
	logLevel: 'warning',
	metafile: true,
	define: {
		MKT_WIZARD_VERSION: JSON.stringify(packageJson.version),
		'process.env.NODE_ENV': '"production"',
		// Only dead, DEV-only code in Ink reads it once patched; keep it right anyway.
		'import.meta.url': '__mktImportMetaUrl',
	},
	banner: {js: 'var __mktImportMetaUrl=require("node:url").pathToFileURL(__filename).href;'},
	jsx: 'automatic',
};

/**
 * Maps vendored packages to `require('./vendor/<bundle>.cjs').<name>`. Our code is ESM
 * in a "type": "module" package, so esbuild gives a CommonJS module Node's semantics
 * (default import = module.exports): right for React, wrong for the ESM packages, whose
 * exports are re-exported here one by one, their names read from the packages themselves.
 */
function vendorPlugin(exportNames) {
	return {
		name: 'mkt-wizard-vendor',
		setup(builder) {
			const names = Object.keys(vendored).map(name => name.replaceAll(/[/.]/g, '\\$&'));
			builder.onResolve({filter: new RegExp(`^(${names.join('|')})$`)}, args => ({path: args.path, namespace: 'vendored'}));
			builder.onResolve({filter: /^\.\/vendor\//, namespace: 'vendored'}, args => ({path: args.path, external: true}));
			builder.onLoad({filter: /.*/, namespace: 'vendored'}, args => {
				const [bundle, name, {lazyDefault = false} = {}] = vendored[args.path];
				const required = `require(${JSON.stringify(`./vendor/${bundle}.cjs`)}).${name}`;
				if (lazyDefault) {
					return {
						contents: [
							'let loaded;',
							`const load = () => loaded ??= ${required}.default;`,
							'export default new Proxy(() => {}, {',
							'\tapply: (_target, thisArgument, parameters) => Reflect.apply(load(), thisArgument, parameters),',
							'\tget: (_target, key) => Reflect.get(load(), key),',
							'\thas: (_target, key) => Reflect.has(load(), key),',
							'});',
						].join('\n'),
						loader: 'js',
					};
				}

				const exported = exportNames[args.path];
				if (!exported) {
					return {contents: `module.exports = ${required};`, loader: 'js'};
				}

				const named = exported.filter(key => key !== 'default');
				return {
					contents: [
						`const vendored = ${required};`,
						...(exported.includes('default') ? ['export default vendored.default;'] : []),
						...(named.length > 0 ? [`export const {${named.join(', ')}} = vendored;`] : []),
					].join('\n'),
					loader: 'js',
				};
			});
		},
	};
}

/** Export names of the vendored ESM packages (CommonJS ones, like React, get none). */
async function esmExportNames() {
	const names = {};
	for (const name of Object.keys(vendored)) {
		const packageRoot = path.join(root, 'node_modules', name.split('/')[0]);
		const {type} = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
		if (type === 'module') {
			names[name] = Object.keys(await import(name)).sort();
		}
	}

	return names;
}

function vendorSource(packages) {
	return `module.exports = {${packages.map(name => `${JSON.stringify(vendored[name][1])}: require(${JSON.stringify(name)})`).join(', ')}};\n`;
}

const exportNames = await esmExportNames();
rmSync(dist, {recursive: true, force: true});
const results = await Promise.all([
	build({...common, entryPoints: {core: 'source/bundle/core.ts'}, outdir: dist, outExtension: {'.js': '.cjs'}, sourcemap: 'linked', sourcesContent: false, plugins: [vendorPlugin(exportNames), lazyBuiltinsPlugin(lazyBuiltins.core), lazySourcesPlugin(lazySources.core, root)]}),
	...Object.entries(vendorEntries).map(async ([bundle, packages]) => build({
		...common,
		stdin: {contents: vendorSources[bundle] ?? vendorSource(packages), resolveDir: root, sourcefile: `vendor-${bundle}.js`},
		outfile: path.join(dist, 'vendor', `${bundle}.cjs`),
		plugins: [
			// node-postgres's patches belong to its own bundle: the UI bundle requires all of its own.
			patchPlugin(bundle === 'pg'
				? {requireAll: true, patches: patches.filter(patch => patch.package === 'pg')}
				: {requireAll: bundle === 'ui', patches: patches.filter(patch => patch.package !== 'pg')}),
			...(leftOut[bundle] ? [leaveOutPlugin(leftOut[bundle])] : []),
			...(lazyBuiltins[bundle] ? [lazyBuiltinsPlugin(lazyBuiltins[bundle])] : []),
			...(lazyPackages[bundle] ? [lazyPackagesPlugin(lazyPackages[bundle])] : []),
		],
	})),
]);

// Nothing may be left for node_modules to provide: the package has no dependencies.
const allBuiltins = new Set([...builtinModules, ...builtinModules.map(name => `node:${name}`)]);
for (const {metafile} of results) {
	for (const output of Object.values(metafile.outputs)) {
		for (const imported of output.imports) {
			if (imported.external && !allBuiltins.has(imported.path) && !imported.path.startsWith('./vendor/')) {
				throw new Error(`The bundle still imports ${imported.path} at run time: bundle it or vendor it (test/tools/build.js).`);
			}
		}
	}
}

const hashOf = file => createHash('sha256').update(readFileSync(path.join(dist, file))).digest('hex').slice(0, 12);
const hashes = {core: hashOf('core.cjs'), ...Object.fromEntries(Object.keys(vendorEntries).map(bundle => [`vendor/${bundle}`, hashOf(`vendor/${bundle}.cjs`)]))};

await build({
	...common,
	banner: {js: '#!/usr/bin/env node'},
	define: {MKT_WIZARD_BUNDLE_HASHES: JSON.stringify(hashes)},
	entryPoints: {cli: 'source/bundle/cli.ts'},
	outdir: dist,
	outExtension: {'.js': '.cjs'},
	external: ['./core.cjs'],
});
chmodSync(path.join(dist, 'cli.cjs'), 0o755);

// The library's ESM face: `import {getAccessToken} from 'mkt-wizard'`.
const libraryExports = Object.keys(createRequire(import.meta.url)(path.join(dist, 'core.cjs'))).filter(name => name !== '__esModule' && name !== 'runCli').sort();
writeFileSync(path.join(dist, 'index.js'), [
	'import {createRequire} from \'node:module\';',
	'',
	'const library = createRequire(import.meta.url)(\'./core.cjs\');',
	...libraryExports.map(name => `export const ${name} = library.${name};`),
	'',
].join('\n'));

execFileSync(process.execPath, [
	'node_modules/typescript/bin/tsc',
	'--ignoreConfig',
	'--declaration',
	'--emitDeclarationOnly',
	'--noEmit',
	'false',
	'--outDir',
	'dist/types',
	'--rootDir',
	'source',
	'source/index.ts',
	...['--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--jsx', 'react-jsx', '--strict', '--skipLibCheck', '--types', 'node', '--verbatimModuleSyntax'],
], {stdio: 'inherit', cwd: root});

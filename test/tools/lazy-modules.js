// Modules that cost milliseconds to initialise and that many runs never use: Node's
// crypto (~4 ms), http2, tls and https; got's HTTP/2 support; our proxy agents (which
// extend https.Agent). `token` with a valid token needs none of them, the wizard's first
// frame no HTTP server, a request without a proxy no proxy agent. In a bundle every
// module's imports run when the module initialises; these plugins give the bundle a
// stand-in that initialises the real module on first use instead.
//
// The stand-in is a CommonJS module whose exports object is a proxy: it lists the real
// module's export names (known at build time) without loading it, so esbuild's interop
// makes its usual getters, and the first property read loads the real module and reads
// through. Values are the real ones (classes, constants, functions), so `instanceof`,
// `extends` and identity behave as without the stand-in; only the moment of loading
// moves. A module whose exports object is itself callable (assert) cannot be replaced.
import {createRequire} from 'node:module';
import path from 'node:path';
import {build as esbuild} from 'esbuild';

const require = createRequire(import.meta.url);

/** Per bundle, which built-ins get a stand-in (both spellings, `node:x` and `x`, are caught). */
export const lazyBuiltins = {
	core: ['crypto', 'http', 'https', 'tls', 'dns', 'dns/promises', 'child_process', 'fs/promises'],
	ui: ['child_process'],
	got: ['crypto', 'http2', 'https', 'tls', 'zlib', 'dns', 'dns/promises', 'fs/promises'],
};

/** CommonJS packages bundled behind a stand-in: got needs http2-wrapper only for its http2 option. */
export const lazyPackages = {got: ['http2-wrapper']};

/** Our own modules behind a stand-in: the proxy agents extend https.Agent (tls, crypto) when they load. */
export const lazySources = {core: ['source/oauth/proxy-agents.ts']};

/** `esModule`: what the real exports object says in `__esModule`, answered without loading it (interop asks). */
function standIn(names, requirePath, {esModule = false} = {}) {
	return [
		`const names = new Set(${JSON.stringify([...names].sort())});`,
		'let loaded;',
		`const load = () => loaded ??= require(${JSON.stringify(requirePath)});`,
		'module.exports = new Proxy({}, {',
		`\tget: (_target, key) => key === '__esModule' ? ${esModule ? 'true' : 'undefined'} : Reflect.get(load(), key),`,
		'\thas: (_target, key) => names.has(key) || Reflect.has(load(), key),',
		// Listing and describing the names does not load the module: interop code does both on import.
		'\townKeys: () => [...names],',
		'\tgetOwnPropertyDescriptor: (_target, key) => names.has(key) ? {configurable: true, enumerable: true, writable: true, value: undefined} : undefined,',
		'\tset: (_target, key, value) => Reflect.set(load(), key, value),',
		'});',
	].join('\n');
}

function exportsOfCommonJs(id) {
	const real = require(id);
	if (typeof real === 'function' || real.__esModule) {
		throw new TypeError(`${id} exports a function or an ES module: a proxy stand-in cannot replace it.`);
	}

	return Object.keys(real);
}

const escapeRegExp = name => name.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Stand-ins for Node built-ins. */
export function lazyBuiltinsPlugin(builtins) {
	const pattern = new RegExp(`^(node:)?(${builtins.map(name => escapeRegExp(name)).join('|')})$`);
	return {
		name: 'mkt-wizard-lazy-builtins',
		setup(build) {
			build.onResolve({filter: pattern}, args => (args.namespace === 'lazy-builtin' ? {path: args.path, external: true} : {path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin'}));
			build.onLoad({filter: /.*/, namespace: 'lazy-builtin'}, args => ({contents: standIn(exportsOfCommonJs(`node:${args.path}`), `node:${args.path}`), loader: 'js'}));
		},
	};
}

/** Stand-ins for bundled CommonJS packages: the real package is bundled too, and initialised on first use. */
export function lazyPackagesPlugin(packages) {
	const pattern = new RegExp(`^(${packages.map(name => escapeRegExp(name)).join('|')})$`);
	return {
		name: 'mkt-wizard-lazy-packages',
		setup(build) {
			build.onResolve({filter: pattern}, async args => {
				if (args.pluginData?.real) {
					return undefined;
				}

				const resolved = await build.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, pluginData: {real: true}});
				return {path: resolved.path, namespace: 'lazy-package'};
			});
			build.onLoad({filter: /.*/, namespace: 'lazy-package'}, args => ({contents: standIn(exportsOfCommonJs(args.path), args.path), loader: 'js', resolveDir: path.dirname(args.path)}));
		},
	};
}

/**
 * Stand-ins for modules of ours (paths relative to the repository). Their export names
 * come from esbuild; the build fails when a listed module is never imported (renamed?).
 */
export function lazySourcesPlugin(files, root) {
	const absolute = new Set(files.map(file => path.join(root, file)));
	return {
		name: 'mkt-wizard-lazy-sources',
		setup(build) {
			const seen = new Set();
			build.onResolve({filter: /^\.\.?\//}, async args => {
				if (args.pluginData?.real || args.namespace === 'lazy-source') {
					return undefined;
				}

				const resolved = await build.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: {real: true}});
				if (!absolute.has(resolved.path)) {
					return undefined;
				}

				seen.add(resolved.path);
				// Relative, so the source map names no folder of the machine that built it.
				return {path: path.relative(root, resolved.path), namespace: 'lazy-source'};
			});
			build.onLoad({filter: /.*/, namespace: 'lazy-source'}, async args => {
				const file = path.join(root, args.path);
				const {metafile} = await esbuild({entryPoints: [file], bundle: false, write: false, format: 'esm', metafile: true, outdir: 'out', logLevel: 'silent'});
				const names = Object.values(metafile.outputs)[0].exports;
				return {contents: standIn(names, `./${path.basename(file)}`, {esModule: true}), loader: 'js', resolveDir: path.dirname(file)};
			});
			build.onResolve({filter: /.*/, namespace: 'lazy-source'}, async args => {
				const resolved = await build.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, pluginData: {real: true}});
				return {path: resolved.path};
			});
			build.onEnd(result => {
				const missing = [...absolute].filter(file => !seen.has(file));
				if (result.errors.length === 0 && missing.length > 0) {
					throw new Error(`Lazy modules never imported (renamed or removed? update test/tools/lazy-modules.js): ${missing.map(file => path.relative(root, file)).join(', ')}`);
				}
			});
		},
	};
}

// Node built-in modules that cost milliseconds to load (crypto ~4 ms, http ~2-5 ms) and
// that most runs never use: `token` with a valid token needs no crypto, the wizard's
// first frame no HTTP server. In a bundle, every module's imports run when the module
// initialises; this plugin gives the bundle stand-ins that load the real module on
// first use instead:
//   - each function export (lowercase name) is a function calling the real one;
//   - each object export (`promises`, `STATUS_CODES`…) and the default export are
//     proxies reading through to the real module;
//   - classes and other values are not offered: importing one fails the build, loudly,
//     rather than bundling something that behaves differently.
import {builtinModules, createRequire} from 'node:module';

const require = createRequire(import.meta.url);

/** The built-ins made lazy, under both spellings. */
export const lazyBuiltins = ['crypto', 'http', 'dns', 'dns/promises', 'child_process', 'fs/promises'];

const lazyObject = `const lazyObject = pick => {
	let picked;
	const real = () => picked ??= pick(load());
	return new Proxy({}, {
		get: (_target, key) => Reflect.get(real(), key),
		has: (_target, key) => Reflect.has(real(), key),
		ownKeys: () => Reflect.ownKeys(real()),
		getOwnPropertyDescriptor(_target, key) {
			const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
			return descriptor && {...descriptor, configurable: true};
		},
	});
};`;

/** The stand-in module's source for one built-in. */
export function lazyBuiltinSource(name) {
	const real = require(`node:${name}`);
	const lines = [
		'let loaded;',
		`const load = () => loaded ??= require(${JSON.stringify(`node:${name}`)});`,
		lazyObject,
		'export default /* @__PURE__ */ lazyObject(module => module);',
	];
	for (const key of Object.keys(real).sort()) {
		if (!/^[A-Za-z_$][\w$]*$/.test(key) || key === 'default') {
			continue;
		}

		const value = real[key];
		if (typeof value === 'function' && /^[a-z]/.test(key)) {
			lines.push(`export function ${key}(...parameters) { return load().${key}(...parameters); }`);
		} else if (typeof value === 'object' && value !== null) {
			lines.push(`export const ${key} = /* @__PURE__ */ lazyObject(module => module.${key});`);
		}
	}

	return lines.join('\n');
}

/** An esbuild plugin replacing `lazyBuiltins` with their stand-ins, for imports from ESM code. */
export function lazyBuiltinsPlugin() {
	const names = new Set(lazyBuiltins.flatMap(name => [name, `node:${name}`]));
	const pattern = new RegExp(`^(node:)?(${lazyBuiltins.map(name => name.replaceAll('/', '\\/')).join('|')})$`);
	return {
		name: 'mkt-wizard-lazy-builtins',
		setup(build) {
			build.onResolve({filter: pattern}, args => {
				// require() calls keep the real module: CommonJS code may use it as a whole (`assert(x)`).
				if (args.kind !== 'import-statement' || args.namespace === 'lazy-builtin' || !names.has(args.path)) {
					return undefined;
				}

				return {path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin'};
			});
			build.onResolve({filter: /^node:/, namespace: 'lazy-builtin'}, args => ({path: args.path, external: true}));
			build.onLoad({filter: /.*/, namespace: 'lazy-builtin'}, args => ({contents: lazyBuiltinSource(args.path), loader: 'js'}));
		},
	};
}

export const allBuiltins = new Set([...builtinModules, ...builtinModules.map(name => `node:${name}`)]);

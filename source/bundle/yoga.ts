// yoga-layout without its top-level await: yoga's own entry awaits an async
// WebAssembly load that, on Node 20, fetch()es its own data: URI (loading undici)
// and blocks a CommonJS bundle. This compiles the same embedded WASM
// synchronously through emscripten's instantiateWasm hook and hands the module
// to yoga's own wrapAssembly. The build aliases `yoga-layout` to this file and
// patches the glue to pass its data URI to the hook (test/tools/patches.js).
// @ts-expect-error untyped emscripten glue, resolved by the build
import loadYoga from 'yoga-layout-glue';
// @ts-expect-error yoga's internal wrapper, resolved by the build
import wrapAssembly from 'yoga-layout-wrap-assembly';

const dataPrefix = 'data:application/octet-stream;base64,';

// The lib this project compiles against (ES2023, no DOM) does not describe WebAssembly.
type WasmInstance = {readonly exports: object};
type Wasm = {
	Module: new (bytes: Uint8Array) => object;
	Instance: new (module: object, imports: object) => WasmInstance;
};
const wasm = (globalThis as unknown as {WebAssembly: Wasm}).WebAssembly;

type Emscripten = {instantiateWasm(imports: object, done: (instance: WasmInstance) => void, uri: string): object};

function loadSync(): unknown {
	const module: Emscripten & Record<string, unknown> = {
		instantiateWasm(imports, done, uri) {
			if (typeof uri !== 'string' || !uri.startsWith(dataPrefix)) {
				throw new Error('yoga-layout: the bundled glue did not pass its WASM data URI');
			}

			const bytes = Buffer.from(uri.slice(dataPrefix.length), 'base64');
			const instance = new wasm.Instance(new wasm.Module(bytes), imports);
			done(instance);
			return instance.exports;
		},
	};
	loadYoga(module);
	if (!module.calledRun) {
		throw new Error('yoga-layout: the WASM runtime did not start synchronously');
	}

	return module;
}

const Yoga = wrapAssembly(loadSync());
export default Yoga;
// @ts-expect-error yoga's enums, resolved by the build
export * from 'yoga-layout-enums';

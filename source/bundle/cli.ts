// dist/cli.cjs, the `mkt-wizard` command: runs dist/core.cjs (and, on demand, the
// vendor bundles) through the V8 code cache. With MKT_WIZARD_DEBUG or Node's own
// --enable-source-maps, it loads them plainly instead, with source maps on, so
// stack traces point at source/.
import {createLoader, type BundleHashes} from './code-cache.js';

declare const MKT_WIZARD_BUNDLE_HASHES: BundleHashes;

type Core = {runCli(): Promise<void>};

let core: Core;
if (process.env.MKT_WIZARD_DEBUG || process.sourceMapsEnabled) {
	process.setSourceMapsEnabled(true);
	core = require('./core.cjs') as Core;
} else {
	core = createLoader({
		dir: __dirname,
		hashes: MKT_WIZARD_BUNDLE_HASHES,
		env: process.env,
		parent: module,
		firstOutputBundles: ['vendor/ui'],
	}).load('core') as Core;
}

void core.runCli();

// Builds dist/ with esbuild: the CLI and the library as ESM with shared chunks,
// so the wizard's Ink/React code loads only when the wizard runs. Then emits
// the library's type declarations with tsc.
import {execFileSync} from 'node:child_process';
import {readFileSync, rmSync} from 'node:fs';
import {build} from 'esbuild';

const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));

rmSync('dist', {recursive: true, force: true});
await build({
	entryPoints: {cli: 'source/cli.ts', index: 'source/index.ts'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	packages: 'external',
	sourcemap: 'linked',
	chunkNames: 'chunks/[name]-[hash]',
	define: {MKT_WIZARD_VERSION: JSON.stringify(packageJson.version)},
	jsx: 'automatic',
	logLevel: 'warning',
});

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
], {stdio: 'inherit'});

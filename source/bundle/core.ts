// dist/core.cjs: the library (what `import … from 'mkt-wizard'` gets) and, on
// demand, the command line. One bundle for both keeps one copy of the code in
// the package; source/cli.ts runs its main() when it is first imported.
export * from '../index.js';

export async function runCli(): Promise<void> {
	await import('../cli.js');
}

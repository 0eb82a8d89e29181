// Runs one command's run(options, deps) as the CLI would, against an in-memory store and the
// providers' endpoints stubbed on loopback, and returns what a table row compares: stdout,
// stderr, the exit code (a thrown error reported as the CLI reports it) and the store after.
import {PassThrough} from 'node:stream';
import type {CommandDeps} from '../../source/commands/deps.js';
import {reportError} from '../../source/commands/report-error.js';
import {createHttpClient} from '../../source/oauth/http.js';
import type {StoredConnection} from '../../source/store/types.js';
import {startHttpStub, type StubRequest, type StubRoute} from './http-stub.js';
import {memoryStore, type MemoryStore} from './memory-store.js';

export type CommandSetup = {
	/** What is saved before the command runs. */
	readonly saved?: readonly StoredConnection[];
	/** A store of the test's own, when it needs more than `saved` (damaged connections). */
	readonly store?: MemoryStore;
	/** The provider requests the command must send, each answered once; any other fails the run. */
	readonly routes?: readonly StubRoute[];
	/** The environment beyond the stub's endpoint variables. */
	readonly env?: NodeJS.ProcessEnv;
	/** Standard input, ended after it. */
	readonly stdin?: string;
	/** Sees stderr as it grows: a test can act as the browser or the user from it. */
	readonly onStderr?: (stderr: string, stdin: NodeJS.WritableStream) => void;
	readonly now: number;
};

export type CommandOutcome = {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
	readonly saved: StoredConnection[];
	readonly requests: readonly StubRequest[];
	/** The URLs given to the browser opener. */
	readonly opened: readonly string[];
	/** The store the command ran with: its path appears in some messages. */
	readonly store: MemoryStore;
};

export async function runCommand<Options>(run: (options: Options, deps: CommandDeps) => Promise<number>, options: Options, setup: CommandSetup): Promise<CommandOutcome> {
	const stub = await startHttpStub(setup.routes ?? []);
	const store = setup.store ?? memoryStore(setup.saved);
	const env = {...setup.env, ...stub.env};
	const stdin = new PassThrough();
	if (setup.stdin !== undefined) {
		stdin.end(setup.stdin);
	}

	let stdout = '';
	let stderr = '';
	const opened: string[] = [];
	const deps: CommandDeps = {
		io: {
			out(text) {
				stdout += text;
			},
			err(text) {
				stderr += text;
				setup.onStderr?.(stderr, stdin);
			},
			isTTY: false,
			stdin,
		},
		store,
		http: async (httpOptions = {}) => createHttpClient({env, retryDelayMs: 1, ...httpOptions}),
		now: () => setup.now,
		env,
		async openBrowser(url) {
			opened.push(url);
			return {opened: false, reason: 'disabled'};
		},
	};
	try {
		const code = await run(options, deps).catch((error: unknown) => reportError(error, deps.io, env));
		stub.verify();
		return {code, stdout, stderr, saved: store.saved(), requests: stub.requests, opened, store};
	} finally {
		stdin.destroy();
		await stub.close();
	}
}

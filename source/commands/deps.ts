import type {Io} from '../io.js';
import type {OpenBrowserResult} from '../oauth/browser.js';
import type {HttpClient} from '../oauth/http.js';
import type {ConnectionStore} from '../store/types.js';

/** The terminal as a command sees it: the environment comes through CommandDeps.env alone. */
export type CommandIo = Omit<Io, 'env'>;

/**
 * What every command's `run(options, deps)` takes from the world, in one shape: the CLI
 * builds it from the process (processDeps and the chosen store), a test from an in-memory
 * store and a loopback server. A command that needs less takes a Pick of it.
 */
export type CommandDeps = {
	readonly io: CommandIo;
	readonly store: ConnectionStore;
	/**
	 * A new HTTP client on each call. A factory, so that a command that sends nothing
	 * (`token` with a valid token) never loads the HTTP stack.
	 */
	readonly http: (options?: {readonly timeoutMs?: number}) => Promise<HttpClient>;
	readonly now: () => number;
	readonly env: NodeJS.ProcessEnv;
	/** Opens `url` in the user's browser, as BROWSER or the platform's opener says. */
	readonly openBrowser: (url: string) => Promise<OpenBrowserResult>;
};

/** The process's own dependencies but the store, which the CLI opens as each command needs; HTTP and the browser opener load on first use. */
export function processDeps(io: Io): Omit<CommandDeps, 'store'> {
	const {env} = io;
	return {
		io,
		async http(options = {}) {
			const {createHttpClient} = await import('../oauth/http.js');
			return createHttpClient({env, ...options});
		},
		now: Date.now,
		env,
		async openBrowser(url) {
			const {openBrowser} = await import('../oauth/browser.js');
			return openBrowser(url, {env});
		},
	};
}

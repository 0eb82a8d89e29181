export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** One line of `mkt-wizard doctor`: built by a pure function from facts gathered elsewhere. */
export type Check = {
	/** Stable for scripts: `config-file`, `token:etsy:default:production:user`, `port:3000`… */
	readonly id: string;
	readonly title: string;
	readonly status: CheckStatus;
	/** What was found; may hold several lines. Never a secret. */
	readonly detail: string;
	/** One sentence or one command that fixes it, for warn and fail. */
	readonly fix?: string;
	/** Machine-readable facts for --json (redirect differences…). */
	readonly data?: unknown;
};

/** `0600` */
export function formatMode(mode: number): string {
	return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** Shell-quotes a path for a fix command when it needs it. */
export function shellPath(value: string): string {
	return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * Every failure the user can cause or meet ends as an MktError: one plain
 * sentence of cause and one of remedy. Nothing else reaches the terminal, so a
 * got error (which carries URLs and credentials) is never shown raw.
 */
export type MktErrorOptions = {
	/** Exit status for the CLI: 1 for failures, 2 for usage errors. @default 1 */
	readonly exitCode?: number;
	/** The provider's own error code (`invalid_client`, `invalid_grant`…), when there is one. */
	readonly providerCode?: string;
	/** HTTP status of the provider response, when there is one. */
	readonly status?: number;
	/** The underlying error, kept for debugging; never printed. */
	readonly cause?: unknown;
};

export class MktError extends Error {
	override readonly name: string = 'MktError';
	readonly exitCode: number;
	readonly providerCode: string | undefined;
	readonly status: number | undefined;

	/**
	 * @param code Stable machine-readable code (`not_logged_in`, `invalid_client`, `timeout`…).
	 * @param message One sentence: what went wrong.
	 * @param remedy One sentence: what to do about it.
	 */
	constructor(
		readonly code: string,
		message: string,
		readonly remedy: string,
		options: MktErrorOptions = {},
	) {
		super(message, options.cause === undefined ? undefined : {cause: options.cause});
		this.exitCode = options.exitCode ?? 1;
		this.providerCode = options.providerCode;
		this.status = options.status;
	}
}

/** Wrong command-line usage: exit status 2. */
export class UsageError extends MktError {
	override readonly name = 'UsageError';

	constructor(message: string, remedy = 'Run `mkt-wizard --help` for usage.') {
		super('usage', message, remedy, {exitCode: 2});
	}
}

export function isMktError(error: unknown): error is MktError {
	return error instanceof MktError;
}

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
	declare readonly exitCode: number;
	declare readonly providerCode: string | undefined;
	declare readonly status: number | undefined;

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
		// Node prints an uncaught error with its own enumerable fields (and ignores
		// inspect.custom there): only code and remedy are worth showing in that case.
		Object.defineProperties(this, {
			exitCode: {value: options.exitCode ?? 1},
			providerCode: {value: options.providerCode},
			status: {value: options.status},
		});
	}

	/** What console.log and util.inspect show: message, remedy and code with the stack frames, never the cause. */
	[Symbol.for('nodejs.util.inspect.custom')](): string {
		const frames = (this.stack ?? '').split('\n').filter(line => line.trimStart().startsWith('at '));
		return [`${this.name}: ${this.message}`, `  remedy: ${this.remedy}`, `  code: ${this.code}`, ...frames].join('\n');
	}
}

// The bundles are minified: keep the class names that Node prints beside the message.
Object.defineProperty(MktError, 'name', {value: 'MktError'});

export const genericUsageRemedy = 'Run `mkt-wizard --help` for usage.';

/** Wrong command-line usage: exit status 2. */
export class UsageError extends MktError {
	override readonly name = 'UsageError';

	constructor(message: string, remedy = genericUsageRemedy) {
		super('usage', message, remedy, {exitCode: 2});
	}
}

Object.defineProperty(UsageError, 'name', {value: 'UsageError'});

export function isMktError(error: unknown): error is MktError {
	return error instanceof MktError;
}

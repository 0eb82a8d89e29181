// Type guards for values from outside: JSON answers and files, thrown errors.

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A thrown error's `code` (`ENOENT`, `EADDRINUSE`…) when it has a string one. */
export function errorCode(error: unknown): string | undefined {
	const code = (error as {code?: unknown} | undefined)?.code;
	return typeof code === 'string' ? code : undefined;
}

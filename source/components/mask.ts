const dots = '••••';

/**
 * How a secret is shown once entered: `••••` and its last four characters, or
 * only `••••` when it is too short for the tail to be safe to show.
 */
export function maskSecret(secret: string): string {
	return secret.length >= 8 ? dots + secret.slice(-4) : dots;
}

const dots = '••••';

/** How a secret is displayed: `••••` and its last four characters, `••••` alone when it is 8 characters or shorter, '' when absent. */
export function maskSecret(value: string | undefined): string {
	if (value === undefined) {
		return '';
	}

	return value.length <= 8 ? dots : dots + value.slice(-4);
}

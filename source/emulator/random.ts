import {createHash, randomBytes} from 'node:crypto';

/** Opaque URL-safe random text. */
export function randomId(bytes = 24): string {
	return randomBytes(bytes).toString('base64url');
}

/** An alphanumeric random string, like the opaque half of an Etsy token. */
export function randomAlphanumeric(length: number): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = randomBytes(length);
	let text = '';
	for (const byte of bytes) {
		text += alphabet[byte % alphabet.length];
	}

	return text;
}

/** PKCE S256: base64url(SHA-256(verifier)) without padding. */
export function s256(verifier: string): string {
	return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * eBay codes and tokens look like `v^1.1#i^1#…#t^<base64>==`: `^`, `#`, `=`,
 * and base64's `+` and `/`, so a client that skips or doubles URL encoding
 * sends a different string. The base64 part has a whole number of 3-byte
 * groups, so the only padding is the trailing `==` that real ones carry.
 */
export function ebayOpaque(prefix: 'code' | 'access' | 'refresh'): string {
	const heads = {
		code: 'v^1.1#i^1#r^1#p^3#f^0#I^3#t^',
		access: 'v^1.1#i^1#f^0#p^3#I^3#r^0#t^',
		refresh: 'v^1.1#i^1#p^3#r^1#I^3#f^0#t^',
	};
	return `${heads[prefix]}${randomBytes(prefix === 'code' ? 90 : 120).toString('base64')}==`;
}

/** A stable positive integer derived from text (Etsy application ids). */
export function stableInteger(text: string): number {
	return createHash('sha256').update(text).digest().readUInt32BE(0) % 900_000_000 + 100_000_000;
}

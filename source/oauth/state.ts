import {createHash, randomBytes, timingSafeEqual} from 'node:crypto';

/** An unguessable, single-use `state` for one authorization request: 32 random bytes, base64url. */
export function createState(): string {
	return randomBytes(32).toString('base64url');
}

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Compares the `state` that came back with the one sent, in constant time.
 * Hashing first makes both sides 32 bytes, so neither the content nor the
 * length of the expected value leaks through timing.
 */
export function statesEqual(expected: string, received: string | undefined | null): boolean {
	if (typeof received !== 'string' || received === '' || expected === '') {
		return false;
	}

	return timingSafeEqual(digest(expected), digest(received));
}

import {createHash, randomBytes as cryptoRandomBytes} from 'node:crypto';

export type PkcePair = {
	/** Kept with the pending request and sent at the token exchange. */
	readonly verifier: string;
	/** Sent on the authorization request. */
	readonly challenge: string;
	readonly method: 'S256';
};

/** S256 (RFC 7636 §4.2): BASE64URL(SHA256(ASCII(verifier))), no padding. */
export function challengeFor(verifier: string): string {
	return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * A fresh verifier and its challenge. 32 random bytes in base64url give 43
 * characters from the unreserved set, the shortest verifier RFC 7636 allows.
 */
export function createPkcePair(randomBytes: (size: number) => Buffer = cryptoRandomBytes): PkcePair {
	const verifier = randomBytes(32).toString('base64url');
	return {verifier, challenge: challengeFor(verifier), method: 'S256'};
}

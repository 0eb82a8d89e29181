import {createCipheriv, createDecipheriv, hkdfSync, randomBytes} from 'node:crypto';
import {MktError, UsageError} from '../../errors.js';

export const minKeyLength = 32;
const prefix = 'mkt1.';

/**
 * MKT_WIZARD_STORE_KEY, checked: present and at least 32 characters.
 * What it protects is in the readme ("Several machines").
 */
export function storeKeyFrom(env: NodeJS.ProcessEnv): string {
	const key = env.MKT_WIZARD_STORE_KEY;
	if (key === undefined || key === '') {
		throw new UsageError(
			'MKT_WIZARD_STORE_KEY is not set, and the PostgreSQL store needs it to encrypt secrets and tokens.',
			'Set MKT_WIZARD_STORE_KEY to the team\'s store key (make one with `openssl rand -base64 32`), the same on every machine.',
		);
	}

	if (key.length < minKeyLength) {
		throw new UsageError(
			`MKT_WIZARD_STORE_KEY is ${key.length} characters long; the PostgreSQL store needs at least ${minKeyLength}.`,
			'Make a random one with `openssl rand -base64 32` and use it on every machine (the first machine that writes sets it for the database).',
		);
	}

	return key;
}

/**
 * The AES-256 key: HKDF-SHA256 of MKT_WIZARD_STORE_KEY with the database's
 * random salt. HKDF, not scrypt: the store key is a random 32+ character
 * secret, not a password, so a slow hash adds no strength, and every `token`
 * call derives it (scrypt would cost ~50 ms a call).
 */
export function deriveKey(storeKey: string, salt: Buffer): Buffer {
	return Buffer.from(hkdfSync('sha256', Buffer.from(storeKey, 'utf8'), salt, 'mkt-wizard store v1 aes-256-gcm', 32));
}

export function newSalt(): Buffer {
	return randomBytes(16);
}

/** AES-256-GCM with a fresh 12-byte nonce; `context` (the connection key and field) is bound as associated data. */
export function seal(key: Buffer, plaintext: string, context: string): string {
	const nonce = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, nonce);
	cipher.setAAD(Buffer.from(context, 'utf8'));
	const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return prefix + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

export function isSealed(value: unknown): value is string {
	return typeof value === 'string' && value.startsWith(prefix);
}

/** The plaintext, or undefined when the key, the context or the bytes are not the ones it was sealed with. */
export function tryOpen(key: Buffer, sealed: string, context: string): string | undefined {
	if (!isSealed(sealed)) {
		return undefined;
	}

	const bytes = Buffer.from(sealed.slice(prefix.length), 'base64url');
	if (bytes.length < 28) {
		return undefined;
	}

	try {
		const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
		decipher.setAAD(Buffer.from(context, 'utf8'));
		decipher.setAuthTag(bytes.subarray(-16));
		return Buffer.concat([decipher.update(bytes.subarray(12, -16)), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}

export function wrongKey(label: string): MktError {
	return new MktError(
		'store_wrong_key',
		`MKT_WIZARD_STORE_KEY does not decrypt the connections in PostgreSQL at ${label}; nothing was read or changed.`,
		'Set MKT_WIZARD_STORE_KEY to the key the other machines use for this database.',
	);
}

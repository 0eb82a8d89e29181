import type {CredentialField} from '../providers/types.js';

/** A value offered before the user types, and where it came from. */
export type Prefill = {
	readonly value: string;
	/** `env`: an environment variable; `saved`: the saved profile. */
	readonly origin?: 'env' | 'saved';
};

/** The hint beside a field's label while it still holds the offered value. */
export function prefillHint(field: CredentialField, prefill: Prefill | undefined, current: string): string | undefined {
	if (!prefill?.origin || prefill.value !== current) {
		return undefined;
	}

	return prefill.origin === 'env' ? `from ${field.envVar}` : 'from saved profile';
}

import {environmentOfClientId} from '../providers/index.js';
import type {Environment, ProviderDefinition} from '../providers/types.js';
import {checkPresent, fieldWarning, type FieldCheck} from './field-check.js';

const etsyKeystring = /^[a-z\d]{24}$/;
const keyMarker: Record<Environment, string> = {sandbox: 'SBX', production: 'PRD'};

/** Empty and whitespace block; an odd Etsy keystring or an eBay App ID of the other environment only warns. */
export function checkClientId({provider, environment, value}: {
	provider: ProviderDefinition;
	environment: Environment;
	value: string;
}): FieldCheck | undefined {
	const missing = checkPresent(provider.credentials.clientId.label, value, provider.portalUrl);
	if (missing) {
		return missing;
	}

	const trimmed = value.trim();
	if (provider.id === 'etsy' && !etsyKeystring.test(trimmed)) {
		return fieldWarning(`Etsy keystrings are usually 24 lowercase letters and digits; this one has ${trimmed.length} characters. Check it is the keystring, not the secret.`);
	}

	const looksLike = provider.id === 'ebay' ? environmentOfClientId(trimmed) : undefined;
	if (looksLike && looksLike !== environment) {
		return fieldWarning(`This App ID looks like a ${looksLike} key (${keyMarker[looksLike]}), but you chose ${environment}.`);
	}

	return undefined;
}

export function checkClientSecret({provider, value}: {provider: ProviderDefinition; value: string}): FieldCheck | undefined {
	return checkPresent(provider.credentials.clientSecret.label, value, provider.portalUrl);
}

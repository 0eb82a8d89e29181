import {environmentOfClientId} from '../providers/index.js';
import type {Environment, ProviderDefinition} from '../providers/types.js';
import {shortLabel} from '../troubleshoot/checks/redirect.js';
import {checkPresent, fieldWarning, type FieldCheck} from './field-check.js';

/** Empty and whitespace block; an id of an odd shape (Etsy) or of the other environment (eBay) only warns. */
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
	const format = provider.clientIdChecks?.format;
	if (format && !format.pattern.test(trimmed)) {
		return fieldWarning(format.warning.replace('{length}', String(trimmed.length)));
	}

	const looksLike = environmentOfClientId(trimmed, provider);
	if (looksLike && looksLike !== environment) {
		const marker = provider.clientIdChecks?.environmentMarkers?.[looksLike];
		return fieldWarning(`This ${shortLabel(provider.credentials.clientId.label)} looks like a ${looksLike} key (${marker}), but you chose ${environment}.`);
	}

	return undefined;
}

export function checkClientSecret({provider, value}: {provider: ProviderDefinition; value: string}): FieldCheck | undefined {
	return checkPresent(provider.credentials.clientSecret.label, value, provider.portalUrl);
}

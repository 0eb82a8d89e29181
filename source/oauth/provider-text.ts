// The wording shared by every provider error: the step's name, provider text
// made safe, the explanation prefixed with the step, the usual remedies.
import {MktError} from '../errors.js';
import type {Explanation, ProviderDefinition} from '../providers/types.js';

/** Which step of the flow failed; named in every message. */
export type FailedStep = 'exchange' | 'refresh' | 'mint' | 'verify' | 'consent';

/** Each step as messages name it: `During the token exchange, …`, `answered the verification call with …`. */
export const stepNames: Record<FailedStep, string> = {
	exchange: 'the token exchange',
	refresh: 'the token refresh',
	mint: 'the application-token request',
	verify: 'the verification call',
	consent: 'the consent',
};

const descriptionLimit = 200;

/** Provider text made safe for one line: no control characters, at most `limit` characters. */
export function cleanProviderText(text: string, limit = descriptionLimit): string {
	const flat = text.replaceAll(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').replaceAll(/\s+/g, ' ').trim();
	return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

export function withoutFinalPeriod(text: string): string {
	return text.replace(/[.\s]+$/, '');
}

/** "During the token refresh, Etsy refused …": the step first, the provider's explanation after. */
function stepPrefixed(provider: ProviderDefinition, during: FailedStep, message: string): string {
	if (during === 'consent') {
		return message;
	}

	const keepsCapital = message.startsWith(provider.displayName) || !/^[A-Z][a-z]/.test(message);
	const rest = keepsCapital ? message : message.charAt(0).toLowerCase() + message.slice(1);
	return `During ${stepNames[during]}, ${rest}`;
}

export function explained(options: {provider: ProviderDefinition; during: FailedStep; code: string; explanation: Explanation; providerCode?: string; status?: number}): MktError {
	const {provider, during, code, explanation, providerCode, status} = options;
	return new MktError(code, stepPrefixed(provider, during, explanation.message), explanation.remedy, {providerCode: providerCode ?? code, status});
}

export function retryRemedy(provider: ProviderDefinition): string {
	return `Try again; if it keeps failing, check the app at ${provider.portalUrl} and run \`mkt-wizard doctor\`.`;
}

export function overridesRemedy(): string {
	return 'Check any MKT_WIZARD_* endpoint overrides and proxy settings (HTTPS_PROXY) in your environment, then try again.';
}

/** A string usable as an error code: at most 64 word characters, dots and dashes. */
export function safeCode(raw: string): string {
	const cleaned = cleanProviderText(raw, 64);
	return /^[\w.-]+$/.test(cleaned) ? cleaned : cleaned.replaceAll(/[^\w.-]+/g, '_');
}

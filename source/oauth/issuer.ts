import {MktError} from '../errors.js';
import {cleanProviderText} from './provider-text.js';

/**
 * RFC 9207: an authorization response that names its issuer must name the
 * one this consent went to, else it may come from another server (mix-up).
 * A response without `iss` is accepted: neither Etsy nor eBay documents one.
 */
export function checkIssuer(params: URLSearchParams, expectedIssuer: string | undefined): MktError | undefined {
	const issuers = params.getAll('iss');
	if (issuers.length === 0 || expectedIssuer === undefined) {
		return undefined;
	}

	if (issuers.length === 1 && issuers[0] === expectedIssuer) {
		return undefined;
	}

	return new MktError(
		'issuer_mismatch',
		`The answer to the consent names another authorization server (iss ${cleanProviderText(issuers.join(', '), 100)}) than the one it was sent to (${expectedIssuer}), so it was refused.`,
		'Start the sign-in again, and check any MKT_WIZARD_* authorize-URL override; if it repeats, something between you and the provider is interfering.',
	);
}

import {readFields, type EmulatorRequest} from './reply.js';

/**
 * The user's click on a consent page: the pending consent it answers, taken out of
 * `consents` so it cannot be answered twice. Undefined for an unknown or expired
 * consent, or a decision other than allow or deny.
 */
export function takeConsent<Consent extends {expiresAt: number}>(
	state: {consents: Map<string, Consent>; now: () => number},
	request: EmulatorRequest,
): {consent: Consent; decision: 'allow' | 'deny'} | undefined {
	const fields = readFields(request, {allowJson: false});
	const consentId = fields?.get('consent_id') ?? '';
	const consent = state.consents.get(consentId);
	const decision = fields?.get('decision');
	if (!consent || consent.expiresAt <= state.now() || (decision !== 'allow' && decision !== 'deny')) {
		return undefined;
	}

	state.consents.delete(consentId);
	return {consent, decision};
}

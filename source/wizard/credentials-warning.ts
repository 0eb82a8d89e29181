import {getProvider} from '../providers/index.js';
import {checkClientId} from '../steps/credential-checks.js';
import type {Run} from './state.js';

/** The credentials step's warning on the App ID (e.g. a production key in the sandbox), for the consent causes. */
export function credentialsWarningProp(run: Pick<Run, 'provider' | 'environment' | 'credentials'>): {credentialsWarning?: string} {
	const check = checkClientId({provider: getProvider(run.provider), environment: run.environment, value: run.credentials.clientId});
	return check?.level === 'warning' ? {credentialsWarning: check.text} : {};
}

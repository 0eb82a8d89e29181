// What consent and the exchange are given, and what the input screens offer first, from the wizard's state.
import type {LoginInput} from '../flows/login.js';
import type {Prefilled} from '../flows/login-input.js';
import {getProvider, type Environment, type GrantKind, type ProviderId} from '../providers/index.js';
import type {Prefill} from '../steps/prefill.js';
import {connectionKey} from '../store/connection-key.js';
import type {Connection} from '../store/types.js';
import type {Answers, Chosen, Run} from './state.js';
import type {WizardServices} from './services.js';
import type {WizardStart} from './start.js';

/** The login a run sends: an application token has no redirect and asks for the provider's application scopes. */
export function runInput(run: Run, start: WizardStart): LoginInput {
	const provider = getProvider(run.provider);
	return {
		key: connectionKey({provider: provider.id, profile: start.profile, environment: run.environment}),
		clientId: run.credentials.clientId,
		clientSecret: run.credentials.clientSecret,
		redirect: run.redirect ?? '',
		scopes: [...(run.scopes ?? provider.appScopes)],
		...(start.signInAgain && provider.signInAgainParameters ? {signInAgain: true} : {}),
	};
}

/**
 * The login saved under this marketplace, profile and environment: read when they are chosen (the
 * wizard's start, a choice of marketplace or environment), never while a screen renders.
 */
export function readSaved(services: Pick<WizardServices, 'saved'>, choice: {provider: ProviderId; environment: Environment}, start: Pick<WizardStart, 'profile'>): Connection | undefined {
	return services.saved(connectionKey({provider: choice.provider, profile: start.profile, environment: choice.environment}));
}

/** The login saved under the marketplace the wizard starts at, if it starts at one: read before the first frame. */
export function savedAtStart(services: Pick<WizardServices, 'saved'>, start: WizardStart): Connection | undefined {
	return start.provider ? readSaved(services, {provider: start.provider, environment: start.environment ?? 'production'}, start) : undefined;
}

/** What the input screens offer first: flags, the environment, then the saved login. */
export function defaultsOf(state: Chosen, services: Pick<WizardServices, 'defaults'>, start: WizardStart) {
	return services.defaults({provider: state.provider, environment: state.environment, grant: state.grant, scopes: start.scopes, redirectUri: start.redirectUri}, state.saved);
}

/** A pre-filled value for a field, saying where it came from when that is worth saying. */
export function toPrefill(prefilled: Prefilled): Prefill | undefined {
	if (!prefilled) {
		return undefined;
	}

	return prefilled.origin === 'env' || prefilled.origin === 'saved' ? {value: prefilled.value, origin: prefilled.origin} : {value: prefilled.value};
}

/** A provider with one environment or one grant (Etsy) has it chosen for it; otherwise the last choice stands. */
export function choiceDefaults(id: ProviderId, answers: Pick<Answers, 'environment' | 'grant'>): {environment: Environment; grant: GrantKind} {
	const {environments, grants} = getProvider(id);
	return {
		environment: environments.includes(answers.environment) ? answers.environment : (environments[0] ?? answers.environment),
		grant: grants.includes(answers.grant) ? answers.grant : (grants[0] ?? answers.grant),
	};
}

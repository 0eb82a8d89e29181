// The screens that take input: each gets its step's state and offers the saved login's values first.
import {getProvider} from '../providers/index.js';
import CredentialsStep from '../steps/CredentialsStep.js';
import EnvironmentStep from '../steps/EnvironmentStep.js';
import GrantStep from '../steps/GrantStep.js';
import ProviderStep from '../steps/ProviderStep.js';
import RedirectStep from '../steps/RedirectStep.js';
import ScopesStep from '../steps/ScopesStep.js';
import {choiceDefaults, defaultsOf, readSaved, toPrefill} from './run-input.js';
import type {ScreenProps} from './screen-props.js';
import {useThrowInRender} from './use-throw-in-render.js';

export function ProviderScreen({state, dispatch, services, start, position, onQuit}: ScreenProps<'provider'> & {readonly onQuit: () => void}) {
	// The marketplace is being chosen again: the header names none.
	const {provider: _chosen, ...unchosen} = position;
	const guard = useThrowInRender();
	return (
		<ProviderStep
			{...(state.provider ? {initial: state.provider} : {})}
			position={unchosen}
			onSubmit={provider => guard(() => {
				const choice = choiceDefaults(provider, state);
				dispatch({type: 'provider', provider, ...choice, saved: readSaved(services, {provider, environment: choice.environment}, start)});
			})}
			onCancel={onQuit}
		/>
	);
}

export function EnvironmentScreen({state, dispatch, services, start, position}: ScreenProps<'environment'>) {
	const guard = useThrowInRender();
	return (
		<EnvironmentStep
			initial={state.environment}
			position={position}
			onSubmit={environment => guard(() => dispatch({type: 'environment', environment, saved: readSaved(services, {provider: state.provider, environment}, start)}))}
			onBack={() => dispatch({type: 'back'})}
		/>
	);
}

export function GrantScreen({state, dispatch, position}: ScreenProps<'grant'>) {
	return <GrantStep initial={state.grant} position={position} onSubmit={grant => dispatch({type: 'grant', grant})} onBack={() => dispatch({type: 'back'})} />;
}

export function CredentialsScreen({state, dispatch, services, start, position}: ScreenProps<'credentials'>) {
	const defaults = defaultsOf(state, services, start);
	const clientId = state.credentials ? {value: state.credentials.clientId} : toPrefill(defaults.clientId);
	const clientSecret = state.credentials ? {value: state.credentials.clientSecret} : toPrefill(defaults.clientSecret);
	return (
		<CredentialsStep
			key={`${state.provider}-${state.environment}`}
			provider={getProvider(state.provider)}
			environment={state.environment}
			initial={{...(clientId ? {clientId} : {}), ...(clientSecret ? {clientSecret} : {})}}
			position={position}
			onSubmit={credentials => dispatch({type: 'credentials', ...credentials})}
			onBack={() => dispatch({type: 'back'})}
		/>
	);
}

export function RedirectScreen({state, dispatch, services, start, position}: ScreenProps<'redirect'>) {
	const initial = state.redirect === undefined ? toPrefill(defaultsOf(state, services, start).redirect) : {value: state.redirect};
	return (
		<RedirectStep
			provider={getProvider(state.provider)}
			{...(initial ? {initial} : {})}
			position={position}
			onSubmit={redirect => dispatch({type: 'redirect', redirect})}
			onBack={() => dispatch({type: 'back'})}
		/>
	);
}

export function ScopesScreen({state, dispatch, services, start, position}: ScreenProps<'scopes'>) {
	const provider = getProvider(state.provider);
	const {saved} = state;
	const granted = saved?.user?.scopes;
	// The saved grant can be kept when it was made with these credentials.
	const keepable = saved?.user && saved.clientId === state.credentials.clientId ? saved : undefined;
	const requested = start.scopes ? defaultsOf(state, services, start).scopes.value : undefined;
	return (
		<ScopesStep
			provider={provider}
			{...(granted ? {granted} : {})}
			tokenValid={Boolean(keepable) && services.tokenValid(keepable)}
			selected={state.scopes ?? requested ?? granted ?? provider.defaultScopes}
			position={position}
			onSubmit={scopes => dispatch({type: 'scopes', scopes})}
			{...(keepable ? {onKeep: () => dispatch({type: 'keep', connection: keepable})} : {})}
			onBack={() => dispatch({type: 'back'})}
		/>
	);
}

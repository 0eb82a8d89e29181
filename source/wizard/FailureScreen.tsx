import {getProvider} from '../providers/index.js';
import ConsentFailedStep from '../steps/ConsentFailedStep.js';
import ErrorStep from '../steps/ErrorStep.js';
import PortBusyStep from '../steps/PortBusyStep.js';
import {credentialsWarningProp} from './credentials-warning.js';
import type {ScreenProps} from './screen-props.js';

export type Props = ScreenProps<'error'> & {
	readonly copy: (value: string) => void;
	/** The note of a copy made on this screen. */
	readonly note: string | undefined;
	/** q: ends the wizard (exit code 1). */
	readonly onQuit: () => void;
};

/** A failure: the busy port, consent that failed (time-out, provider error=), or the generic error screen. */
export default function FailureScreen({state, dispatch, position, copy, note, onQuit}: Props) {
	const {failure} = state;
	const provider = getProvider(state.provider);
	const retry = () => dispatch({type: 'retry'});
	const back = () => dispatch({type: 'back'});
	if (failure.kind === 'port-in-use' && failure.port) {
		return (
			<PortBusyStep
				provider={provider}
				message={failure.message}
				redirect={state.redirect ?? ''}
				busy={failure.port}
				{...(note ? {notice: note} : {})}
				position={position}
				onUseAlternative={redirect => dispatch({type: 'use-redirect', redirect})}
				onCopy={copy}
				onRetry={retry}
				onBack={back}
				onQuit={onQuit}
			/>
		);
	}

	if (failure.kind === 'timeout' || failure.kind === 'provider-error') {
		const seen = state.consent?.seen ?? [];
		const reported = failure.providerError && !seen.some(event => event.type === 'provider-error')
			? [...seen, {type: 'provider-error' as const, ...failure.providerError}]
			: seen;
		return (
			<ConsentFailedStep
				provider={provider}
				{...credentialsWarningProp(state)}
				redirect={state.redirect ?? ''}
				{...(failure.title ? {title: failure.title} : {})}
				message={failure.message}
				events={state.consent?.events ?? []}
				seen={reported}
				position={position}
				onRetry={retry}
				{...(failure.kind === 'timeout' ? {onCompare: () => dispatch({type: 'compare-redirect'})} : {})}
				onBack={back}
				onQuit={onQuit}
			/>
		);
	}

	return (
		<ErrorStep
			error={failure}
			{...(failure.title ? {title: failure.title} : {})}
			details={failure.details}
			position={position}
			onRetry={retry}
			onBack={back}
			onQuit={onQuit}
		/>
	);
}

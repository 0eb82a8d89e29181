import {useEffect, useRef, type Dispatch} from 'react';
import {exchangeDetails, toFailure} from './failure.js';
import {runInput} from './run-input.js';
import type {WizardServices} from './services.js';
import type {WizardStart} from './start.js';
import type {WizardAction, WizardState} from './state.js';

export type ExchangeOptions = {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	readonly services: Pick<WizardServices, 'now' | 'finishLogin' | 'mintAppToken'>;
	readonly start: WizardStart;
};

/**
 * The exchange of each attempt on the progress screen: the code for tokens (or an application token
 * minted), the verifying API call, the save; reports each task as it starts and ends, then the result or the failure.
 */
export function useExchange(options: ExchangeOptions): void {
	// The effect starts with the attempt; the inputs are fixed by then.
	const latest = useRef(options);
	latest.current = options;
	const attempt = options.state.step === 'progress' ? options.state.attempt : undefined;
	useEffect(() => {
		const {state, services, dispatch, start} = latest.current;
		if (attempt === undefined || state.step !== 'progress') {
			return;
		}

		let cancelled = false;
		const input = runInput(state, start);
		const onStep = (step: 'exchange' | 'verify' | 'save', phase: 'start' | 'done') => {
			if (!cancelled && step !== 'save') {
				dispatch({type: 'task', task: step, phase, at: services.now()});
			}
		};

		void (async () => {
			try {
				const {code} = state;
				const result = code ? await services.finishLogin(input, code, onStep) : await services.mintAppToken(input, onStep);
				if (!cancelled) {
					dispatch({type: 'done', ...result});
				}
			} catch (error) {
				if (!cancelled) {
					// An authorization code works once: a retry starts a new consent.
					dispatch({type: 'failed', failure: toFailure(error, state, state.grant === 'app' ? 'progress' : 'consent', exchangeDetails(error, state)), at: services.now()});
				}
			}
		})();
		return () => {
			cancelled = true;
		};
	}, [attempt]);
}

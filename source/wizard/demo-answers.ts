// The demo's y / d on the consent screen: the emulator's user answers the consent page, as a browser click would.
import type {Dispatch} from 'react';
import type {Consent} from '../flows/login.js';
import {pastedFailure} from './failure.js';
import type {WizardServices} from './services.js';
import type {WizardAction, WizardState} from './state.js';

export type DemoAnswerContext = {
	readonly services: Pick<WizardServices, 'demoDecision' | 'now'>;
	readonly dispatch: Dispatch<WizardAction>;
	/** The consent under way, when the answer comes back. */
	readonly consent: () => Consent | undefined;
	readonly state: Pick<WizardState, 'grant' | 'provider'>;
};

/** Answers the consent page at `url`; a refusal is shown as a notice, and eBay's accept URL is pasted for the user. */
export function answerAsDemo(url: string, decision: 'approve' | 'deny', context: DemoAnswerContext): void {
	const {services, dispatch, state} = context;
	void services.demoDecision?.(url, decision).then(({location, refusal}) => {
		if (refusal) {
			dispatch({type: 'notice', text: refusal});
			return;
		}

		// eBay's accept URL is not ours to listen on: the demo pastes it for you.
		const consent = context.consent();
		if (location && consent && !consent.server) {
			try {
				const {code} = consent.acceptPasted(location);
				dispatch({type: 'code', code, codeVerifier: consent.codeVerifier});
			} catch (error) {
				dispatch({type: 'failed', failure: pastedFailure(error, state), at: services.now()});
			}
		}
	}, () => {
		dispatch({type: 'notice', text: 'The demo could not answer the consent page: its emulator did not respond. Press y or d again, or Esc to go back.'});
	});
}

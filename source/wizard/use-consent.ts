import {useEffect, useRef, type Dispatch, type RefObject} from 'react';
import {describeCallbackEvent} from '../flows/describe-event.js';
import type {Consent} from '../flows/login.js';
import type {CallbackEvent} from '../oauth/callback-server.js';
import {getProvider} from '../providers/index.js';
import {consentFailure} from './failure.js';
import {runInput} from './run-input.js';
import type {WizardServices} from './services.js';
import type {WizardStart} from './start.js';
import type {StateOf, WizardAction, WizardState} from './state.js';

export type ConsentOptions = {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	readonly services: WizardServices;
	readonly start: WizardStart;
	/** How long consent waits for the browser. */
	readonly timeoutMs: number;
	/** The demo answers the consent page with y / d, which need the waiting screen's keys. */
	readonly demo: boolean;
};

type WaitingState = StateOf<'consent' | 'troubleshoot' | 'redirect-check'>;

/** Consent keeps waiting while its screen, the troubleshooter, or the comparison opened from it is up. */
function waitingFor(state: WizardState): WaitingState | undefined {
	return state.step === 'consent' || state.step === 'troubleshoot' || (state.step === 'redirect-check' && !state.failure) ? state : undefined;
}

/**
 * The consent of each attempt: checks the app key, starts the consent (and the callback server where the
 * provider redirects to one), opens the browser, and reports the code, or the failure explained with what
 * was seen up to then. Returns the consent under way, for the paste field and "open again".
 */
export function useConsent(options: ConsentOptions): RefObject<Consent | undefined> {
	const consentRef = useRef<Consent | undefined>(undefined);
	// The effect starts with the attempt; the inputs are fixed by then, and a failure is explained with the latest state.
	const latest = useRef(options);
	latest.current = options;
	const attempt = waitingFor(options.state)?.attempt;
	useEffect(() => {
		const run = waitingFor(latest.current.state);
		if (attempt === undefined || !run) {
			return;
		}

		const {services, dispatch, start, timeoutMs, demo} = latest.current;
		const provider = getProvider(run.provider);
		let cancelled = false;
		let consent: Consent | undefined;
		let providerError: Extract<CallbackEvent, {type: 'provider-error'}> | undefined;
		const input = runInput(run, start);
		const listen = provider.redirectKind === 'loopback-url';
		void (async () => {
			try {
				await services.checkKey(input);
				consent = await services.beginConsent(input, {
					listen,
					timeoutMs,
					onEvent(event) {
						if (event.type === 'provider-error') {
							providerError = event;
						}

						const line = describeCallbackEvent(event, provider.displayName);
						if (line && !cancelled) {
							dispatch({type: 'consent-event', line, event});
						}
					},
				});
				if (cancelled) {
					await consent.close();
					return;
				}

				consentRef.current = consent;
				// eBay's code comes back pasted, so its screen opens on the paste field; the demo answers
				// for the user with y / d instead, which need the waiting screen's keys.
				const answeredByDemo = demo && Boolean(services.demoDecision);
				dispatch({type: 'consent-ready', url: consent.url, at: services.now(), initialMode: listen || answeredByDemo ? 'wait' : 'paste'});
				const browser = await services.openBrowser(consent.browserLink());
				if (!cancelled) {
					dispatch({type: 'browser', opened: browser.opened, note: browser.note});
				}

				if (consent.server) {
					const {code} = await consent.server.result;
					if (!cancelled) {
						dispatch({type: 'code', code, codeVerifier: consent.codeVerifier});
					}
				}
			} catch (error) {
				if (!cancelled) {
					const failure = await consentFailure(error, {state: waitingFor(latest.current.state) ?? run, services, ...(providerError ? {providerError} : {})});
					if (!cancelled) {
						dispatch({type: 'failed', failure, at: services.now()});
					}
				}
			}
		})();
		return () => {
			cancelled = true;
			consentRef.current = undefined;
			void consent?.close();
		};
	}, [attempt]);

	return consentRef;
}

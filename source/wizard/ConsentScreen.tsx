import type {RefObject} from 'react';
import type {Consent} from '../flows/login.js';
import {isMktError} from '../errors.js';
import {getProvider, type ProviderDefinition} from '../providers/index.js';
import ConsentStep from '../steps/ConsentStep.js';
import ProgressStep from '../steps/ProgressStep.js';
import {terminalText} from '../terminal-text.js';
import {answerAsDemo} from './demo-answers.js';
import {pastedFailure} from './failure.js';
import type {ScreenProps} from './screen-props.js';
import type {Clipboard} from './use-clipboard.js';
import {useClock} from './use-clock.js';

export type Props = ScreenProps<'consent'> & {
	/** The consent under way (useConsent), for the paste field and "open again". */
	readonly consentRef: RefObject<Consent | undefined>;
	readonly timeoutMs: number;
	/** After this long with nothing at the callback server, the screen points to the troubleshooter. */
	readonly quietMs: number;
	readonly demo: boolean;
	readonly clipboard: Pick<Clipboard, 'copyUrl'>;
};

/** The consent screen's line once nothing has reached the callback server for a while. */
export function quietText(provider: Pick<ProviderDefinition, 'displayName' | 'redirectRefusalPage'>, afterMs: number): string {
	const page = provider.redirectRefusalPage;
	return `Nothing has reached the callback server in ${Math.round(afterMs / 1000)} s. If ${provider.displayName} showed an error page${page ? ` ("${page}")` : ''}, the redirect URI registered for the app differs from the one sent: press t to compare them.`;
}

/** Waiting for the browser: "Starting consent" until the URL is ready, then the consent screen with its keys. */
export default function ConsentScreen({state, dispatch, services, position, consentRef, timeoutMs, quietMs, demo, clipboard}: Props) {
	const now = useClock(services.now);
	const provider = getProvider(state.provider);
	const back = () => dispatch({type: 'back'});
	const {consent} = state;
	if (!consent) {
		return (
			<ProgressStep
				title="Starting consent"
				position={position}
				tasks={[{label: provider.redirectKind === 'loopback-url' ? `Checking the app key and listening on ${terminalText(state.redirect ?? '')}` : 'Preparing the consent URL', state: 'running'}]}
				onCancel={back}
			/>
		);
	}

	const submitPaste = (text: string) => {
		const current = consentRef.current;
		if (!current) {
			return;
		}

		try {
			const {code} = current.acceptPasted(text);
			void current.close();
			dispatch({type: 'code', code, codeVerifier: current.codeVerifier});
		} catch (error) {
			if (isMktError(error) && (error.code === 'state_mismatch' || error.code === 'missing_code')) {
				dispatch({type: 'paste-error', text: `${error.message} ${error.remedy}`});
			} else {
				dispatch({type: 'failed', failure: pastedFailure(error, state), at: services.now()});
			}
		}
	};

	return (
		<ConsentStep
			key={state.attempt}
			url={consent.url}
			elapsedMs={now - consent.startedAt}
			timeoutMs={timeoutMs}
			events={consent.events}
			browserOpened={consent.browserOpened}
			browserPending={consent.browserNote === undefined && !consent.browserOpened}
			{...(provider.redirectKind === 'loopback-url' ? {quietNotice: {afterMs: quietMs, text: quietText(provider, quietMs)}} : {})}
			{...(consent.browserNote ? {browserNote: consent.browserNote} : {})}
			{...(consent.notice ? {notice: consent.notice} : {})}
			{...(consent.pasteError ? {pasteError: consent.pasteError} : {})}
			initialMode={consent.initialMode}
			demo={demo && Boolean(services.demoDecision)}
			position={position}
			onShowUrl={() => dispatch({type: 'notice', text: clipboard.copyUrl(consent.url)})}
			onOpenAgain={() => {
				void services.openBrowser(consentRef.current?.browserLink() ?? consent.url).then(result => dispatch({type: 'browser', opened: result.opened, note: result.note}));
			}}
			onTroubleshoot={() => dispatch({type: 'troubleshoot'})}
			onCancel={back}
			onSubmitPaste={submitPaste}
			onDemoDecision={decision => answerAsDemo(consent.url, decision, {services, dispatch, state, consent: () => consentRef.current})}
		/>
	);
}

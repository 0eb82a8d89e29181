import {useReducer, type ReactNode} from 'react';
import {Text} from 'ink';
import {getProvider} from '../providers/index.js';
import type {Connection} from '../store/types.js';
import ConsentScreen from './ConsentScreen.js';
import FailureScreen from './FailureScreen.js';
import {CredentialsScreen, EnvironmentScreen, GrantScreen, ProviderScreen, RedirectScreen, ScopesScreen} from './InputScreens.js';
import {ProgressScreen, RedirectCheckScreen, SummaryScreen, TroubleshootScreen} from './RunScreens.js';
import type {WizardServices} from './services.js';
import type {WizardStart} from './start.js';
import {wizardReducer} from './reducer.js';
import {initialState, numberedStep, stepsOf, type WizardState} from './state.js';
import StepBoundary from './StepBoundary.js';
import {usePrintedConsentUrl, useClipboard, type TerminalTraits} from './use-clipboard.js';
import {useConsent} from './use-consent.js';
import {useExchange} from './use-exchange.js';
import {useExit} from './use-exit.js';

export type {WizardStart} from './start.js';
export {quietText} from './ConsentScreen.js';

export type Props = {
	readonly services: WizardServices;
	readonly start: WizardStart;
	/** How long consent waits for the browser. */
	readonly timeoutMs: number;
	/** Against the built-in emulator: offers y/d to answer the consent page. */
	readonly demo?: boolean;
	/** Called once with the exit code: 0 saved, 1 failed, 130 cancelled. */
	readonly onExit: (code: number) => void;
	/** Writes to the terminal outside Ink's frame (OSC 52 copy). */
	readonly writeRaw?: (text: string) => void;
	/** What the terminal is known to do: OSC 8 links (components/hyperlink.ts), and whether it runs inside tmux. @default no links, no tmux */
	readonly terminal?: TerminalTraits;
	/** After this long with nothing at the callback server, the consent screen points to the troubleshooter. @default 20000 */
	readonly nothingSeenHintMs?: number;
	/** The login saved under the marketplace `start` names (run-input.ts savedAtStart), read before the first frame. */
	readonly saved?: Connection;
};

/** How long consent waits, with nothing seen, before saying the redirect was probably refused. */
export const nothingSeenHintMs = 20_000;

const noTraits: TerminalTraits = {hyperlinks: false, tmux: false};

/** The header: the marketplace, and this step's number among the run's. */
function positionOf(state: WizardState) {
	const steps = stepsOf(state);
	return {
		...(state.provider ? {provider: getProvider(state.provider).displayName} : {}),
		step: steps.indexOf(numberedStep(state)) + 1,
		steps: steps.length,
	};
}

/** The wizard: one reducer over the steps, a hook for each side effect, and the screen of the step on show. */
export default function App({services, start, timeoutMs, demo = false, onExit, writeRaw, terminal = noTraits, nothingSeenHintMs: quietMs = nothingSeenHintMs, saved}: Props) {
	// The saved login comes read with the start; the screens read it again only when the marketplace or environment is chosen, never in a render.
	const [state, dispatch] = useReducer(wizardReducer, start, () => initialState(start, saved));
	const {ended, finish, quit} = useExit(onExit, {saving: state.step === 'progress' || state.step === 'summary'});
	const clipboard = useClipboard({terminal, writeRaw, screen: `${state.step} ${state.attempt}`});
	usePrintedConsentUrl(clipboard, state.step === 'consent' ? state.consent?.url : undefined);
	const consentRef = useConsent({state, dispatch, services, start, timeoutMs, demo});
	useExchange({state, dispatch, services, start});
	if (ended) {
		return <Text>{ended}</Text>;
	}

	const position = positionOf(state);
	return (
		<StepBoundary key={`${state.step} ${state.attempt}`} position={position} onQuit={finish}>
			{screenOf(state, {dispatch, services, start, position})}
		</StepBoundary>
	);

	function screenOf(current: WizardState, shared: {dispatch: typeof dispatch; services: WizardServices; start: WizardStart; position: ReturnType<typeof positionOf>}): ReactNode {
		switch (current.step) {
			case 'provider': {
				return <ProviderScreen state={current} {...shared} onQuit={() => quit('mkt-wizard: quit at the first step; nothing was saved.')} />;
			}

			case 'environment': {
				return <EnvironmentScreen state={current} {...shared} />;
			}

			case 'grant': {
				return <GrantScreen state={current} {...shared} />;
			}

			case 'credentials': {
				return <CredentialsScreen state={current} {...shared} />;
			}

			case 'redirect': {
				return <RedirectScreen state={current} {...shared} />;
			}

			case 'scopes': {
				return <ScopesScreen state={current} {...shared} />;
			}

			case 'consent': {
				return <ConsentScreen state={current} {...shared} consentRef={consentRef} timeoutMs={timeoutMs} quietMs={quietMs} demo={demo} clipboard={clipboard} />;
			}

			case 'troubleshoot': {
				return <TroubleshootScreen state={current} {...shared} />;
			}

			case 'redirect-check': {
				return <RedirectCheckScreen state={current} {...shared} copy={clipboard.copy} note={clipboard.note} />;
			}

			case 'progress': {
				return <ProgressScreen state={current} {...shared} />;
			}

			case 'summary': {
				return <SummaryScreen state={current} {...shared} onQuit={() => finish(0)} throwaway={demo} />;
			}

			case 'error': {
				return <FailureScreen state={current} {...shared} copy={clipboard.copy} note={clipboard.note} onQuit={() => finish(1)} />;
			}
		}
	}
}

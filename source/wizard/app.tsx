import {useEffect, useLayoutEffect, useReducer, useRef, useState} from 'react';
import {Text, useApp, useStdout} from 'ink';
import {useKeys} from '../components/use-keys.js';
import {copyNote, osc52} from '../components/clipboard.js';
import {hyperlink} from '../components/hyperlink.js';
import {isMktError} from '../errors.js';
import {describeCallbackEvent} from '../flows/describe-event.js';
import type {CallbackEvent} from '../oauth/callback-server.js';
import type {Consent, LoginInput} from '../flows/login.js';
import type {Prefilled} from '../flows/login-input.js';
import type {Prefill} from '../steps/prefill.js';
import {getProvider, type Environment, type GrantKind, type ProviderDefinition, type ProviderId} from '../providers/index.js';
import {connectionKey} from '../store/connection-key.js';
import type {Connection} from '../store/types.js';
import ConsentFailedStep from '../steps/ConsentFailedStep.js';
import ConsentStep from '../steps/ConsentStep.js';
import CredentialsStep from '../steps/CredentialsStep.js';
import EnvironmentStep from '../steps/EnvironmentStep.js';
import ErrorStep from '../steps/ErrorStep.js';
import GrantStep from '../steps/GrantStep.js';
import PortBusyStep from '../steps/PortBusyStep.js';
import ProgressStep from '../steps/ProgressStep.js';
import ProviderStep from '../steps/ProviderStep.js';
import {checkClientId} from '../steps/credential-checks.js';
import {checkPastedRedirect} from '../steps/redirect-check.js';
import RedirectDiffStep from '../steps/RedirectDiffStep.js';
import RedirectStep from '../steps/RedirectStep.js';
import ScopesStep from '../steps/ScopesStep.js';
import SummaryStep from '../steps/SummaryStep.js';
import TroubleshootStep from '../steps/TroubleshootStep.js';
import {consentFailure, exchangeDetails, providerFailure, toFailure} from './failure.js';
import type {WizardServices} from './services.js';
import {initialState, numberedStep, stepsOf, wizardReducer, type StepId, type WizardState} from './state.js';
import {terminalText} from '../terminal-text.js';

/** What `login <provider>` and flags fixed before the wizard starts. */
export type WizardStart = {
	readonly provider?: ProviderId;
	readonly environment?: Environment;
	readonly grant?: GrantKind;
	readonly profile: string;
	readonly scopes?: readonly string[];
	readonly redirectUri?: string;
	/** Ask the provider for a fresh sign-in (eBay prompt=login). */
	readonly signInAgain?: boolean;
};

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
	readonly terminal?: {readonly hyperlinks: boolean; readonly tmux: boolean};
	/** After this long with nothing at the callback server, the consent screen points to the troubleshooter. @default 20000 */
	readonly nothingSeenHintMs?: number;
};

/** How long consent waits, with nothing seen, before saying the redirect was probably refused. */
export const nothingSeenHintMs = 20_000;

const tickMs = 250;

function inputOf(state: WizardState, start: WizardStart): LoginInput {
	const provider = getProvider(state.provider!);
	return {
		key: connectionKey({provider: provider.id, profile: start.profile, environment: state.environment}),
		clientId: state.credentials!.clientId,
		clientSecret: state.credentials!.clientSecret,
		redirect: state.redirect ?? '',
		scopes: [...(state.scopes ?? provider.appScopes)],
		...(start.signInAgain && provider.signInAgainParameters ? {signInAgain: true} : {}),
	};
}

/** A pre-filled value for a field, saying where it came from when that is worth saying. */
function toPrefill(prefilled: Prefilled): Prefill | undefined {
	if (!prefilled) {
		return undefined;
	}

	return prefilled.origin === 'env' || prefilled.origin === 'saved' ? {value: prefilled.value, origin: prefilled.origin} : {value: prefilled.value};
}

/** The wizard: one reducer over the steps; each step component only shows and reports. */
export default function App({services, start, timeoutMs, demo = false, onExit, writeRaw, terminal = {hyperlinks: false, tmux: false}, nothingSeenHintMs: quietMs = nothingSeenHintMs}: Props) {
	const {exit} = useApp();
	const [state, dispatch] = useReducer(wizardReducer, start, initialState);
	const [now, setNow] = useState(() => services.now());
	const consentRef = useRef<Consent | undefined>(undefined);
	// Effects outlive renders; failures are explained with what was seen up to then.
	const latest = useRef(state);
	latest.current = state;
	const exited = useRef(false);
	// A line after c on the comparison or port screens, for the screen (and attempt) it was written on.
	const [copied, setCopied] = useState<{screen: string; text: string} | undefined>(undefined);
	const screenId = `${state.step} ${state.attempt}`;
	// Lines printed above the wizard's frame stay whole, unbroken by Ink's wrapping: a selection copies them as one line.
	const {write: printAbove} = useStdout();
	const link = (url: string) => terminal.hyperlinks ? hyperlink(url) : url;
	const copy = (value: string) => {
		printAbove(`${value}\n`);
		writeRaw?.(osc52(value));
		setCopied({screen: screenId, text: copyNote(value, terminal)});
	};

	// Each consent URL once, above the frame, as the line to open (a link where the terminal has them).
	const printedUrl = useRef<string | undefined>(undefined);
	useLayoutEffect(() => {
		const url = state.step === 'consent' ? state.consent?.url : undefined;
		if (url && printedUrl.current !== url) {
			printedUrl.current = url;
			printAbove(`Open this page to consent:\n${link(url)}\n\n`);
		}
	});

	const finish = (code: number) => {
		if (!exited.current) {
			exited.current = true;
			onExit(code);
			exit();
		}
	};

	// Quitting leaves one line saying so in place of the screen (no frozen spinner, no stale header).
	const [ended, setEnded] = useState<string | undefined>(undefined);
	useEffect(() => {
		if (ended) {
			finish(130);
		}
	});
	const beforeSaving = state.step !== 'progress' && state.step !== 'summary';
	useKeys(keys => {
		if (keys.some(key => key.name === 'char' && key.ctrl && key.char === 'c')) {
			setEnded(`mkt-wizard: cancelled with Ctrl+C${beforeSaving ? '; nothing was saved' : ''}.`);
		}
	});

	const provider = state.provider ? getProvider(state.provider) : undefined;
	const key = provider ? connectionKey({provider: provider.id, profile: start.profile, environment: state.environment}) : undefined;
	// Read from the config by the screens that show them, not on every render (the App renders every 250 ms while consent waits).
	const savedLogin = (): Connection | undefined => key ? services.saved(key) : undefined;
	const defaultsFrom = (saved: Connection | undefined) => provider && key
		? services.defaults({provider: provider.id, environment: state.environment, grant: state.grant, scopes: start.scopes, redirectUri: start.redirectUri}, saved)
		: undefined;

	// The comparison opened from the troubleshooter keeps the consent waiting; from a failure screen there is none.
	const waiting = state.step === 'consent' || state.step === 'troubleshoot' || (state.step === 'redirect-check' && state.redirectCheck?.from === 'troubleshoot');
	const live = waiting || state.step === 'progress';
	useEffect(() => {
		if (!live) {
			return;
		}

		const timer = setInterval(() => setNow(services.now()), tickMs);
		return () => clearInterval(timer);
	}, [live, services]);

	// Consent runs while its screen or the troubleshooter is up, and restarts with each attempt.
	const consentAttempt = waiting ? state.attempt : undefined;
	// biome-ignore lint/correctness/useExhaustiveDependencies: the attempt number is what starts a consent; the inputs are fixed by then.
	useEffect(() => {
		if (consentAttempt === undefined || !provider) {
			return;
		}

		let cancelled = false;
		let consent: Consent | undefined;
		let providerError: Extract<CallbackEvent, {type: 'provider-error'}> | undefined;
		const input = inputOf(state, start);
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
					const failure = await consentFailure(error, {state: latest.current, services, ...(providerError ? {providerError} : {})});
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
	}, [consentAttempt]);

	const runAttempt = state.step === 'progress' ? state.attempt : undefined;
	// biome-ignore lint/correctness/useExhaustiveDependencies: the attempt number is what starts the exchange; the inputs are fixed by then.
	useEffect(() => {
		if (runAttempt === undefined || !provider) {
			return;
		}

		let cancelled = false;
		const input = inputOf(state, start);
		const onStep = (step: 'exchange' | 'verify' | 'save', phase: 'start' | 'done') => {
			if (!cancelled && step !== 'save') {
				dispatch({type: 'task', task: step, phase, at: services.now()});
			}
		};

		void (async () => {
			try {
				if (state.grant === 'app') {
					const {connection} = await services.mintAppToken(input, onStep);
					if (!cancelled) {
						dispatch({type: 'done', connection});
					}
				} else {
					const {connection, identity} = await services.finishLogin(input, state.code!, onStep);
					if (!cancelled) {
						dispatch({type: 'done', connection, identity});
					}
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
	}, [runAttempt]);

	const steps = stepsOf(state);
	const position = {
		...(provider ? {provider: provider.displayName} : {}),
		step: steps.indexOf(numberedStep(state)) + 1,
		steps: steps.length,
	};
	const back = () => dispatch({type: 'back'});
	const notice = (step: StepId) => (copied?.screen === `${step} ${state.attempt}` && step === state.step ? copied.text : undefined);
	/** A provider error= in a pasted address (eBay's accept URL) gets the same screen as one on the callback. */
	const pastedFailure = (error: unknown) => {
		const base = toFailure(error, state, 'consent');
		return isMktError(error) && error.providerCode && provider
			? providerFailure(base, provider.displayName, {error: error.providerCode})
			: base;
	};

	if (ended) {
		return <Text>{ended}</Text>;
	}

	switch (state.step) {
		case 'provider': {
			// The marketplace is being chosen again: the header names none.
			const {provider: _chosen, ...unchosen} = position;
			return (
				<ProviderStep
					{...(state.provider ? {initial: state.provider} : {})}
					position={unchosen}
					onSubmit={chosen => dispatch({type: 'provider', provider: chosen, ...choiceDefaults(chosen, state)})}
					onCancel={() => setEnded('mkt-wizard: quit at the first step; nothing was saved.')}
				/>
			);
		}

		case 'environment': {
			return <EnvironmentStep initial={state.environment} position={position} onSubmit={environment => dispatch({type: 'environment', environment})} onBack={back} />;
		}

		case 'grant': {
			return <GrantStep initial={state.grant} position={position} onSubmit={grant => dispatch({type: 'grant', grant})} onBack={back} />;
		}

		case 'credentials': {
			const defaults = defaultsFrom(savedLogin());
			const clientId = state.credentials ? {value: state.credentials.clientId} : toPrefill(defaults?.clientId);
			const clientSecret = state.credentials ? {value: state.credentials.clientSecret} : toPrefill(defaults?.clientSecret);
			return (
				<CredentialsStep
					key={`${state.provider}-${state.environment}`}
					provider={provider!}
					environment={state.environment}
					initial={{...(clientId ? {clientId} : {}), ...(clientSecret ? {clientSecret} : {})}}
					position={position}
					onSubmit={credentials => dispatch({type: 'credentials', ...credentials})}
					onBack={back}
				/>
			);
		}

		case 'redirect': {
			const defaults = defaultsFrom(savedLogin());
			const initial = state.redirect === undefined ? toPrefill(defaults?.redirect) : {value: state.redirect};
			return (
				<RedirectStep
					provider={provider!}
					{...(initial ? {initial} : {})}
					position={position}
					onSubmit={redirect => dispatch({type: 'redirect', redirect})}
					onBack={back}
				/>
			);
		}

		case 'scopes': {
			const saved = savedLogin();
			const defaults = defaultsFrom(saved);
			const granted = saved?.user?.scopes;
			const keepable = saved?.user && saved.clientId === state.credentials?.clientId;
			return (
				<ScopesStep
					provider={provider!}
					{...(granted ? {granted} : {})}
					tokenValid={Boolean(keepable) && services.tokenValid(saved)}
					selected={state.scopes ?? (start.scopes ? defaults!.scopes.value : undefined) ?? granted ?? provider!.defaultScopes}
					position={position}
					onSubmit={scopes => dispatch({type: 'scopes', scopes})}
					{...(keepable ? {onKeep: () => dispatch({type: 'keep', connection: saved!})} : {})}
					onBack={back}
				/>
			);
		}

		case 'consent': {
			const consent = state.consent;
			if (!consent) {
				return (
					<ProgressStep
						title="Starting consent"
						position={position}
						tasks={[{label: provider!.redirectKind === 'loopback-url' ? `Checking the app key and listening on ${terminalText(state.redirect ?? '')}` : 'Preparing the consent URL', state: 'running'}]}
						onCancel={back}
					/>
				);
			}

			return (
				<ConsentStep
					key={state.attempt}
					url={consent.url}
					elapsedMs={now - consent.startedAt}
					timeoutMs={timeoutMs}
					events={consent.events}
					browserOpened={consent.browserOpened}
					browserPending={consent.browserNote === undefined && !consent.browserOpened}
					{...(provider!.redirectKind === 'loopback-url' ? {quietNotice: {afterMs: quietMs, text: quietText(provider!, quietMs)}} : {})}
					{...(consent.browserNote ? {browserNote: consent.browserNote} : {})}
					{...(consent.notice ? {notice: consent.notice} : {})}
					{...(consent.pasteError ? {pasteError: consent.pasteError} : {})}
					initialMode={consent.initialMode}
					demo={demo && Boolean(services.demoDecision)}
					position={position}
					onShowUrl={() => {
						printAbove(`${link(consent.url)}\n`);
						writeRaw?.(osc52(consent.url));
						dispatch({type: 'notice', text: copyNote('The URL', terminal)});
					}}
					onOpenAgain={() => {
						void services.openBrowser(consentRef.current?.browserLink() ?? consent.url).then(result => dispatch({type: 'browser', opened: result.opened, note: result.note}));
					}}
					onTroubleshoot={() => dispatch({type: 'troubleshoot'})}
					onCancel={back}
					onSubmitPaste={text => {
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
								dispatch({type: 'failed', failure: pastedFailure(error), at: services.now()});
							}
						}
					}}
					onDemoDecision={decision => {
						void services.demoDecision?.(consent.url, decision).then(({location, refusal}) => {
							if (refusal) {
								dispatch({type: 'notice', text: refusal});
								return;
							}

							// eBay's accept URL is not ours to listen on: the demo pastes it for you.
							if (location && !consentRef.current?.server) {
								try {
									const {code} = consentRef.current!.acceptPasted(location);
									dispatch({type: 'code', code, codeVerifier: consentRef.current!.codeVerifier});
								} catch (error) {
									dispatch({type: 'failed', failure: pastedFailure(error), at: services.now()});
								}
							}
						}, () => {
							dispatch({type: 'notice', text: 'The demo could not answer the consent page: its emulator did not respond. Press y or d again, or Esc to go back.'});
						});
					}}
				/>
			);
		}

		case 'troubleshoot': {
			return (
				<TroubleshootStep
					provider={provider!}
					{...credentialsWarningProp(provider, state)}
					redirect={state.redirect ?? ''}
					events={state.consent?.events ?? []}
					seen={state.consent?.seen ?? []}
					elapsedMs={state.consent ? Math.max(0, now - state.consent.startedAt) : 0}
					{...(state.redirectCheck?.pasted ? {initialPasted: state.redirectCheck.pasted} : {})}
					position={position}
					onCompare={pasted => dispatch({type: 'redirect-compared', pasted, result: checkPastedRedirect({sent: state.redirect ?? '', pasted})})}
					onBack={back}
				/>
			);
		}

		case 'redirect-check': {
			const check = state.redirectCheck;
			const checkNotice = notice('redirect-check');
			return (
				<RedirectDiffStep
					key={check?.result ? 'result' : 'ask'}
					provider={provider!}
					sent={state.redirect ?? ''}
					pasted={check?.pasted ?? ''}
					{...(check?.result ? {result: check.result} : {})}
					{...(checkNotice ? {notice: checkNotice} : {})}
					position={position}
					onCompare={pasted => dispatch({type: 'redirect-compared', pasted, result: checkPastedRedirect({sent: state.redirect ?? '', pasted})})}
					onRerun={redirect => dispatch({type: 'use-redirect', redirect})}
					onRetry={() => dispatch({type: 'use-redirect', redirect: state.redirect ?? ''})}
					onCopy={copy}
					onBack={back}
				/>
			);
		}

		case 'progress': {
			const ms = (task: 'exchange' | 'verify') => {
				const view = state.tasks[task];
				return view.ms ?? (view.startedAt === undefined ? undefined : now - view.startedAt);
			};

			const exchangeMs = ms('exchange');
			const verifyMs = ms('verify');
			return (
				<ProgressStep
					title={state.grant === 'app' ? 'Minting the application token' : 'Exchanging the code'}
					position={position}
					tasks={[
						{label: state.grant === 'app' ? 'Minting the token' : 'Exchanging the code for tokens', doneLabel: state.grant === 'app' ? 'Token minted' : 'Tokens received', state: state.tasks.exchange.state, ...(exchangeMs === undefined ? {} : {ms: exchangeMs})},
						{label: 'Verifying with a real API call', doneLabel: 'Verified', state: state.tasks.verify.state, ...(verifyMs === undefined ? {} : {ms: verifyMs})},
					]}
				/>
			);
		}

		case 'summary': {
			const {connection, identity} = state.result!;
			const record = connection[state.grant] ?? connection.user ?? connection.app!;
			return (
				<SummaryStep
					provider={provider!}
					environment={state.environment}
					profile={start.profile}
					configPath={services.configPath}
					grant={state.grant}
					{...((identity ?? record.identity) ? {identity: (identity ?? record.identity)!} : {})}
					scopes={record.scopes}
					accessExpiresAt={record.token.expiresAt}
					{...(record.token.refreshExpiresAt === undefined ? {} : {refreshExpiresAt: record.token.refreshExpiresAt})}
					now={now}
					position={position}
					onQuit={() => finish(0)}
					throwaway={demo}
				/>
			);
		}

		case 'error': {
			const failure = state.failure!;
			if (failure.kind === 'port-in-use' && failure.port) {
				const portNotice = notice('error');
				return (
					<PortBusyStep
						provider={provider!}
						message={failure.message}
						redirect={state.redirect ?? ''}
						busy={failure.port}
						{...(portNotice ? {notice: portNotice} : {})}
						position={position}
						onUseAlternative={redirect => dispatch({type: 'use-redirect', redirect})}
						onCopy={copy}
						onRetry={() => dispatch({type: 'retry'})}
						onBack={back}
						onQuit={() => finish(1)}
					/>
				);
			}

			if ((failure.kind === 'timeout' || failure.kind === 'provider-error') && provider) {
				const seen = state.consent?.seen ?? [];
				const reported = failure.providerError && !seen.some(event => event.type === 'provider-error')
					? [...seen, {type: 'provider-error' as const, ...failure.providerError}]
					: seen;
				return (
					<ConsentFailedStep
						provider={provider}
						{...credentialsWarningProp(provider, state)}
						redirect={state.redirect ?? ''}
						{...(failure.title ? {title: failure.title} : {})}
						message={failure.message}
						events={state.consent?.events ?? []}
						seen={reported}
						position={position}
						onRetry={() => dispatch({type: 'retry'})}
						{...(failure.kind === 'timeout' ? {onCompare: () => dispatch({type: 'compare-redirect'})} : {})}
						onBack={back}
						onQuit={() => finish(1)}
					/>
				);
			}

			return (
				<ErrorStep
					error={failure}
					{...(failure.title ? {title: failure.title} : {})}
					details={failure.details}
					position={position}
					onRetry={() => dispatch({type: 'retry'})}
					onBack={back}
					onQuit={() => finish(1)}
				/>
			);
		}
	}
}

/** The consent screen's line once nothing has reached the callback server for a while. */
export function quietText(provider: Pick<ProviderDefinition, 'displayName' | 'redirectRefusalPage'>, afterMs: number): string {
	const page = provider.redirectRefusalPage;
	return `Nothing has reached the callback server in ${Math.round(afterMs / 1000)} s. If ${provider.displayName} showed an error page${page ? ` ("${page}")` : ''}, the redirect URI registered for the app differs from the one sent: press t to compare them.`;
}

/** The credentials step's warning on the App ID (e.g. a production key in the sandbox), for the consent causes. */
function credentialsWarningProp(provider: ProviderDefinition | undefined, state: WizardState): {credentialsWarning?: string} {
	if (!provider || !state.credentials) {
		return {};
	}

	const check = checkClientId({provider, environment: state.environment, value: state.credentials.clientId});
	return check?.level === 'warning' ? {credentialsWarning: check.text} : {};
}

/** A provider with one environment or one grant (Etsy) has it chosen for it; otherwise the last choice stands. */
function choiceDefaults(id: ProviderId, state: WizardState): {environment: Environment; grant: GrantKind} {
	const {environments, grants} = getProvider(id);
	return {
		environment: environments.includes(state.environment) ? state.environment : environments[0]!,
		grant: grants.includes(state.grant) ? state.grant : grants[0]!,
	};
}

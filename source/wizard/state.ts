import type {EventLine} from '../flows/describe-event.js';
import type {CallbackEvent} from '../oauth/callback-server.js';
import {getProvider} from '../providers/index.js';
import type {Environment, GrantKind, ProviderId} from '../providers/types.js';
import type {Connection, Identity} from '../store/types.js';
import type {RedirectComparison} from '../troubleshoot/redirect-diff.js';
import type {PortOwner} from '../troubleshoot/port-owner.js';

/** The screens that take input, in the order a run asks them; Esc walks back through them. */
export type InputStepId = 'provider' | 'environment' | 'grant' | 'credentials' | 'redirect' | 'scopes';
/** The steps that talk to the provider; a failure's r starts one of them again. */
export type RunStepId = 'consent' | 'progress';

export type StepId =
	| InputStepId
	| RunStepId
	| 'troubleshoot'
	/** The redirect URI sent next to the registered one, and the fix. */
	| 'redirect-check'
	| 'summary'
	| 'error';

export type TaskId = 'exchange' | 'verify';
export type TaskView = {readonly state: 'pending' | 'running' | 'done' | 'failed'; readonly startedAt?: number; readonly ms?: number};

export type ConsentView = {
	readonly url: string;
	readonly startedAt: number;
	readonly events: readonly EventLine[];
	readonly browserOpened: boolean;
	readonly browserNote?: string;
	readonly notice?: string;
	readonly pasteError?: string;
	/** eBay: the code comes back pasted, so the screen opens on the paste field. */
	readonly initialMode: 'wait' | 'paste';
	/** The callback server's events behind `events`, for the troubleshooter. @default [] */
	readonly seen?: readonly CallbackEvent[];
};

/** Which screen explains a failure; without one, the generic error screen does. */
export type FailureKind = 'timeout' | 'provider-error' | 'port-in-use' | 'self-test';

/** The port of the redirect URI is taken: who holds it, and a free one to offer instead. */
export type PortBusy = {
	readonly port: number;
	/** The process listening there, when the system can tell. */
	readonly owner?: PortOwner;
	/** The redirect URI with a free port in place of the busy one. */
	readonly alternative?: string;
};

export type ShownFailure = {
	readonly message: string;
	readonly remedy: string;
	readonly providerCode?: string;
	readonly details: readonly string[];
	/** Where r goes: the step that failed, started afresh. */
	readonly retry: RunStepId;
	/** Where Esc goes: the input most likely to fix it. */
	readonly back: InputStepId;
	/** A screen of its own for this failure. */
	readonly kind?: FailureKind;
	/** `port-in-use`. */
	readonly port?: PortBusy;
	/** `provider-error`: the provider's error= and error_description=. */
	readonly providerError?: {readonly error: string; readonly description?: string};
	/** Title of the screen. */
	readonly title?: string;
};

/** The registered redirect URI, as pasted, compared with the one sent. */
export type RedirectCheckResult = {
	/** The value compared: the text pasted, or the redirect_uri of a pasted authorize address. */
	readonly registered: string;
	/** `error-page`: taken from an authorize URL's redirect_uri, so it is what the browser sent, not the registration. */
	readonly source: 'typed' | 'error-page';
	readonly comparison: RedirectComparison;
};

export type Credentials = {readonly clientId: string; readonly clientSecret: string};
export type CodeGrant = {readonly code: string; readonly codeVerifier: string | undefined};
export type LoginResult = {readonly connection: Connection; readonly identity?: Identity};

/** What every screen carries: the answers so far (kept when Esc goes back, offered again) and the attempt count. */
export type Answers = {
	readonly environment: Environment;
	readonly grant: GrantKind;
	readonly credentials?: Credentials;
	readonly redirect?: string;
	readonly scopes?: readonly string[];
	/** The login saved under the chosen marketplace, profile and environment, read when they were chosen. */
	readonly saved?: Connection;
	/** Bumped each time consent or the exchange starts afresh, so their effects restart. */
	readonly attempt: number;
};

/** A marketplace is chosen. */
export type Chosen = Answers & {readonly provider: ProviderId};

/** Consent or the exchange under way, or their failure: the credentials are known. */
export type Run = Chosen & {
	readonly credentials: Credentials;
	/** Absent until the consent URL is ready (and for application tokens, which need none). */
	readonly consent?: ConsentView;
	/** The registered redirect URI as last pasted for the comparison, kept for editing. */
	readonly pasted?: string;
};

export type ProgressState = Run & {
	readonly step: 'progress';
	readonly tasks: Readonly<Record<TaskId, TaskView>>;
	/** The code from consent; absent for an application token, minted without one. */
	readonly code?: CodeGrant;
};

export type WizardState =
	| (Answers & {readonly step: 'provider'; readonly provider?: ProviderId})
	| (Chosen & {readonly step: 'environment'})
	| (Chosen & {readonly step: 'grant'})
	| (Chosen & {readonly step: 'credentials'})
	| (Chosen & {readonly step: 'redirect'; readonly credentials: Credentials})
	| (Chosen & {readonly step: 'scopes'; readonly credentials: Credentials; readonly redirect: string})
	| (Run & {readonly step: 'consent'})
	| (Run & {readonly step: 'troubleshoot'})
	/** `failure`: opened from that failure's screen, where Esc returns; absent: from the troubleshooter. `result`: absent while the paste field is shown. */
	| (Run & {readonly step: 'redirect-check'; readonly failure?: ShownFailure; readonly result?: RedirectCheckResult})
	| ProgressState
	| (Run & {readonly step: 'error'; readonly failure: ShownFailure})
	| (Chosen & {readonly step: 'summary'; readonly result: LoginResult});

/** The state of one step: `StateOf<'consent'>`. */
export type StateOf<S extends StepId> = Extract<WizardState, {readonly step: S}>;

/** A state of consent, the exchange, or a screen between them. */
export type RunState = StateOf<'consent' | 'troubleshoot' | 'redirect-check' | 'progress' | 'error'>;

export type WizardAction =
	| {type: 'provider'; provider: ProviderId; environment: Environment; grant: GrantKind; saved?: Connection}
	| {type: 'environment'; environment: Environment; saved?: Connection}
	| {type: 'grant'; grant: GrantKind}
	| {type: 'credentials'; clientId: string; clientSecret: string}
	| {type: 'redirect'; redirect: string}
	| {type: 'scopes'; scopes: readonly string[]}
	| {type: 'keep'; connection: Connection}
	| {type: 'back'}
	| {type: 'consent-ready'; url: string; at: number; initialMode: 'wait' | 'paste'}
	| {type: 'consent-event'; line: EventLine; event?: CallbackEvent}
	| {type: 'browser'; opened: boolean; note: string}
	| {type: 'notice'; text: string | undefined}
	| {type: 'paste-error'; text: string}
	| {type: 'code'; code: string; codeVerifier: string | undefined}
	| {type: 'task'; task: TaskId; phase: 'start' | 'done'; at: number}
	| {type: 'done'; connection: Connection; identity?: Identity}
	| {type: 'failed'; failure: ShownFailure; at: number}
	| {type: 'retry'}
	| {type: 'troubleshoot'}
	/** Open the paste field for the registered redirect URI. */
	| {type: 'compare-redirect'}
	| {type: 'redirect-compared'; pasted: string; result: RedirectCheckResult}
	/** Consent again with this redirect URI (the registered one, another port): a new attempt. */
	| {type: 'use-redirect'; redirect: string};

/** Where the wizard opens; `saved`, the login saved under the marketplace `start` names, if it names one. */
export function initialState(start: {provider?: ProviderId; environment?: Environment; grant?: GrantKind}, saved?: Connection): WizardState {
	const answers: Answers = {
		environment: start.environment ?? 'production',
		grant: start.provider && !getProvider(start.provider).grants.includes('app') ? 'user' : (start.grant ?? 'user'),
		attempt: 0,
		...(saved ? {saved} : {}),
	};
	if (!start.provider) {
		return {...answers, step: 'provider'};
	}

	return {...answers, provider: start.provider, step: asksEnvironmentAndGrant(start.provider) ? 'environment' : 'credentials'};
}

/** A provider with several environments or grants asks for them (eBay); one with a single choice of each (Etsy) does not. */
function asksEnvironmentAndGrant(id: ProviderId): boolean {
	const provider = getProvider(id);
	return provider.environments.length > 1 || provider.grants.length > 1;
}

/** The steps of this run, in order; eBay application tokens skip redirect, scopes and consent. */
export function stepsOf(state: {readonly provider?: ProviderId | undefined; readonly grant: GrantKind}): StepId[] {
	const steps: StepId[] = ['provider'];
	if (state.provider && asksEnvironmentAndGrant(state.provider)) {
		steps.push('environment', 'grant');
	}

	steps.push('credentials');
	if (state.grant === 'user') {
		steps.push('redirect', 'scopes', 'consent');
	}

	steps.push('progress', 'summary');
	return steps;
}

/** Screens that stand in for a step of the run keep its number in the header. */
export function numberedStep(state: WizardState): StepId {
	switch (state.step) {
		case 'troubleshoot': {
			return 'consent';
		}

		case 'redirect-check': {
			return state.failure?.retry ?? 'consent';
		}

		case 'error': {
			return state.failure.retry;
		}

		default: {
			return state.step;
		}
	}
}

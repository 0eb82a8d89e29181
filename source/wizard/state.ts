import type {EventLine} from '../flows/describe-event.js';
import type {CallbackEvent} from '../oauth/callback-server.js';
import {getProvider} from '../providers/index.js';
import type {Environment, GrantKind, ProviderId} from '../providers/types.js';
import type {Connection, Identity} from '../store/types.js';
import type {RedirectComparison} from '../troubleshoot/redirect-diff.js';
import type {PortOwner} from '../troubleshoot/port-owner.js';

export type StepId =
	| 'provider'
	| 'environment'
	| 'grant'
	| 'credentials'
	| 'redirect'
	| 'scopes'
	| 'consent'
	| 'troubleshoot'
	/** The redirect URI sent next to the registered one, and the fix. */
	| 'redirect-check'
	| 'progress'
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
	readonly retry: StepId;
	/** Where Esc goes: the input most likely to fix it. */
	readonly back: StepId;
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

export type RedirectCheckView = {
	/** Where Esc returns: the troubleshooter, or the failure screen it was opened from. */
	readonly from: StepId;
	/** What was pasted, kept for editing. */
	readonly pasted: string;
	/** Absent while the paste field is shown. */
	readonly result?: RedirectCheckResult;
};

export type WizardState = {
	readonly step: StepId;
	readonly provider: ProviderId | undefined;
	readonly environment: Environment;
	readonly grant: GrantKind;
	readonly credentials?: {readonly clientId: string; readonly clientSecret: string};
	readonly redirect?: string;
	readonly scopes?: readonly string[];
	readonly consent?: ConsentView;
	readonly code?: {readonly code: string; readonly codeVerifier: string | undefined};
	readonly tasks: Readonly<Record<TaskId, TaskView>>;
	readonly failure?: ShownFailure;
	readonly result?: {readonly connection: Connection; readonly identity?: Identity};
	/** Bumped each time consent or the exchange starts afresh, so their effects restart. */
	readonly attempt: number;
	readonly redirectCheck?: RedirectCheckView;
};

export type WizardAction =
	| {type: 'provider'; provider: ProviderId; environment: Environment; grant: GrantKind}
	| {type: 'environment'; environment: Environment}
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

const idleTasks: WizardState['tasks'] = {exchange: {state: 'pending'}, verify: {state: 'pending'}};

export function initialState(start: {provider?: ProviderId; environment?: Environment; grant?: GrantKind}): WizardState {
	return {
		step: start.provider ? (asksEnvironmentAndGrant(start.provider) ? 'environment' : 'credentials') : 'provider',
		provider: start.provider,
		environment: start.environment ?? 'production',
		grant: start.provider && !getProvider(start.provider).grants.includes('app') ? 'user' : (start.grant ?? 'user'),
		tasks: idleTasks,
		attempt: 0,
	};
}

/** A provider with several environments or grants asks for them (eBay); one with a single choice of each (Etsy) does not. */
function asksEnvironmentAndGrant(id: ProviderId): boolean {
	const provider = getProvider(id);
	return provider.environments.length > 1 || provider.grants.length > 1;
}

/** The steps of this run, in order; eBay application tokens skip redirect, scopes and consent. */
export function stepsOf(state: Pick<WizardState, 'provider' | 'grant'>): StepId[] {
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
	if (state.step === 'troubleshoot') {
		return 'consent';
	}

	if (state.step === 'redirect-check') {
		return state.redirectCheck?.from === 'error' ? (state.failure?.retry ?? 'consent') : 'consent';
	}

	if (state.step === 'error') {
		return state.failure?.retry ?? 'progress';
	}

	return state.step;
}

function next(state: WizardState, from: StepId): StepId {
	const steps = stepsOf(state);
	return steps[steps.indexOf(from) + 1] ?? 'summary';
}

/** Esc: the previous step that takes input (never back into consent or the exchange). */
function previous(state: WizardState): StepId {
	if (state.step === 'troubleshoot') {
		return 'consent';
	}

	if (state.step === 'error') {
		return state.failure?.back ?? 'credentials';
	}

	if (state.step === 'consent') {
		return 'scopes';
	}

	const steps: StepId[] = stepsOf(state).filter(step => step !== 'consent' && step !== 'progress' && step !== 'summary');
	const current: StepId = state.step;
	return steps[Math.max(0, steps.indexOf(current) - 1)] ?? 'provider';
}

function withTask(state: WizardState, task: TaskId, phase: 'start' | 'done', at: number): WizardState {
	const current = state.tasks[task];
	const view: TaskView = phase === 'start'
		? {state: 'running', startedAt: at}
		: {state: 'done', ms: at - (current.startedAt ?? at)};
	return {...state, tasks: {...state.tasks, [task]: view}};
}

function startRun(state: WizardState, step: StepId): WizardState {
	const {consent: _consent, code: _code, failure: _failure, redirectCheck: _redirectCheck, ...rest} = state;
	return {...rest, step, tasks: idleTasks, attempt: state.attempt + 1};
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	switch (action.type) {
		case 'provider': {
			const changed = action.provider !== state.provider;
			const base = changed
				? {...state, credentials: undefined, redirect: undefined, scopes: undefined}
				: state;
			const updated = {...base, provider: action.provider, environment: action.environment, grant: action.grant};
			return {...updated, step: next(updated, 'provider')};
		}

		case 'environment': {
			return {...state, environment: action.environment, step: next(state, 'environment')};
		}

		case 'grant': {
			const updated = {...state, grant: action.grant};
			return {...updated, step: next(updated, 'grant')};
		}

		case 'credentials': {
			const updated = {...state, credentials: {clientId: action.clientId, clientSecret: action.clientSecret}};
			const step = next(updated, 'credentials');
			return step === 'progress' ? startRun(updated, step) : {...updated, step};
		}

		case 'redirect': {
			return {...state, redirect: action.redirect, step: 'scopes'};
		}

		case 'scopes': {
			return startRun({...state, scopes: action.scopes}, 'consent');
		}

		case 'keep': {
			return {...state, step: 'summary', result: {connection: action.connection, ...(action.connection.user?.identity ? {identity: action.connection.user.identity} : {})}};
		}

		case 'back': {
			if (state.step === 'redirect-check') {
				return backFromRedirectCheck(state);
			}

			return {...state, step: previous(state)};
		}

		case 'consent-ready': {
			return {...state, consent: {url: action.url, startedAt: action.at, events: [], browserOpened: false, initialMode: action.initialMode}};
		}

		case 'consent-event': {
			// The log lists requests; "listening on …" comes before the URL and is not one.
			if (!state.consent) {
				return state;
			}

			const seen = action.event ? [...(state.consent.seen ?? []), action.event] : state.consent.seen;
			return {...state, consent: {...state.consent, events: [...state.consent.events, action.line], ...(seen ? {seen} : {})}};
		}

		case 'browser': {
			return state.consent ? {...state, consent: {...state.consent, browserOpened: action.opened, browserNote: action.note}} : state;
		}

		case 'notice': {
			if (!state.consent) {
				return state;
			}

			const {notice: _notice, ...consent} = state.consent;
			return {...state, consent: action.text === undefined ? consent : {...consent, notice: action.text}};
		}

		case 'paste-error': {
			return state.consent ? {...state, consent: {...state.consent, pasteError: action.text}} : state;
		}

		case 'code': {
			return {...state, step: 'progress', code: {code: action.code, codeVerifier: action.codeVerifier}, tasks: idleTasks};
		}

		case 'task': {
			return withTask(state, action.task, action.phase, action.at);
		}

		case 'done': {
			return {...state, step: 'summary', result: {connection: action.connection, ...(action.identity ? {identity: action.identity} : {})}};
		}

		case 'failed': {
			const tasks = {...state.tasks};
			for (const task of ['exchange', 'verify'] as const) {
				const view = tasks[task];
				if (view.state === 'running') {
					tasks[task] = {state: 'failed', ms: action.at - (view.startedAt ?? action.at)};
				}
			}

			return {...state, tasks, step: 'error', failure: action.failure};
		}

		case 'retry': {
			return startRun(state, state.failure?.retry ?? 'consent');
		}

		case 'troubleshoot': {
			return {...state, step: 'troubleshoot'};
		}

		case 'compare-redirect': {
			const from = state.step === 'redirect-check' ? (state.redirectCheck?.from ?? 'troubleshoot') : state.step;
			return {...state, step: 'redirect-check', redirectCheck: {from, pasted: state.redirectCheck?.pasted ?? ''}};
		}

		case 'redirect-compared': {
			const from = state.step === 'redirect-check' ? (state.redirectCheck?.from ?? 'troubleshoot') : state.step;
			return {...state, step: 'redirect-check', redirectCheck: {from, pasted: action.pasted, result: action.result}};
		}

		case 'use-redirect': {
			return startRun({...state, redirect: action.redirect}, 'consent');
		}
	}
}

/**
 * Esc on the comparison: opened from a failure screen, back to its paste field
 * first; from the troubleshooter (whose screen holds the field), straight back there.
 */
function backFromRedirectCheck(state: WizardState): WizardState {
	const check = state.redirectCheck;
	if (!check) {
		return {...state, step: 'troubleshoot'};
	}

	if (check.result && check.from !== 'troubleshoot') {
		return {...state, redirectCheck: {from: check.from, pasted: check.pasted}};
	}

	return {...state, step: check.from, redirectCheck: {from: check.from, pasted: check.pasted}};
}

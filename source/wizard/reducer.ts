// The wizard's one reducer: what each answer, key and effect's report does to the state.
import type {
	Answers,
	Chosen,
	ConsentView,
	Credentials,
	InputStepId,
	ProgressState,
	Run,
	RunState,
	RunStepId,
	ShownFailure,
	StateOf,
	StepId,
	TaskId,
	TaskView,
	WizardAction,
	WizardState,
} from './state.js';
import {stepsOf} from './state.js';
import type {ProviderId} from '../providers/types.js';

const idleTasks: ProgressState['tasks'] = {exchange: {state: 'pending'}, verify: {state: 'pending'}};

const inputSteps: ReadonlySet<StepId> = new Set<InputStepId>(['provider', 'environment', 'grant', 'credentials', 'redirect', 'scopes']);

function isInputStep(step: StepId | undefined): step is InputStepId {
	return step !== undefined && inputSteps.has(step);
}

/** The answers alone, without what the step they were taken from held. */
function answersOf(state: Answers): Answers {
	const {environment, grant, credentials, redirect, scopes, saved, attempt} = state;
	return {
		environment,
		grant,
		attempt,
		...(credentials ? {credentials} : {}),
		...(redirect === undefined ? {} : {redirect}),
		...(scopes ? {scopes} : {}),
		...(saved ? {saved} : {}),
	};
}

function withoutSaved(state: Answers): Answers {
	const {saved: _saved, ...answers} = answersOf(state);
	return answers;
}

/** The run's part of a state: the answers, the consent so far, the paste for the comparison. */
function runOf(state: Run): Run {
	const {provider, credentials, consent, pasted} = state;
	return {...answersOf(state), provider, credentials, ...(consent ? {consent} : {}), ...(pasted === undefined ? {} : {pasted})};
}

function isRun(state: WizardState): state is RunState {
	return state.step === 'consent' || state.step === 'troubleshoot' || state.step === 'redirect-check' || state.step === 'progress' || state.step === 'error';
}

/** An input screen, with what it needs from the answers; a screen whose inputs are missing gives way to the first that is. */
function atInput(state: Answers & {readonly provider?: ProviderId | undefined}, step: InputStepId): WizardState {
	const answers = answersOf(state);
	if (step === 'provider' || !state.provider) {
		return {...answers, ...(state.provider ? {provider: state.provider} : {}), step: 'provider'};
	}

	const chosen: Chosen = {...answers, provider: state.provider};
	const {credentials, redirect} = answers;
	if (step === 'scopes' && credentials && redirect !== undefined) {
		return {...chosen, step, credentials, redirect};
	}

	if ((step === 'redirect' || step === 'scopes') && credentials) {
		return {...chosen, step: 'redirect', credentials};
	}

	return {...chosen, step: step === 'environment' || step === 'grant' ? step : 'credentials'};
}

/** The input after `from` in this run, or the run itself once the inputs are all in. */
function next(state: Chosen, from: InputStepId): WizardState {
	const steps = stepsOf(state);
	const step = steps[steps.indexOf(from) + 1];
	if (step === 'consent' || step === 'progress') {
		return state.credentials ? startRun({...state, credentials: state.credentials}, step) : atInput(state, 'credentials');
	}

	return atInput(state, isInputStep(step) ? step : 'credentials');
}

/** Esc: the previous step that takes input (never back into consent or the exchange). */
function previous(state: WizardState): WizardState {
	switch (state.step) {
		case 'troubleshoot': {
			return {...runOf(state), step: 'consent'};
		}

		case 'redirect-check': {
			return backFromRedirectCheck(state);
		}

		case 'error': {
			return atInput(state, state.failure.back);
		}

		case 'consent': {
			return atInput(state, 'scopes');
		}

		default: {
			// The exchange and the summary take no Esc; from them this is the first step, as it always was.
			const steps: readonly StepId[] = stepsOf(state).filter(isInputStep);
			const before = steps[Math.max(0, steps.indexOf(state.step) - 1)];
			return atInput(state, isInputStep(before) ? before : 'provider');
		}
	}
}

/** Consent or the exchange afresh: a new attempt, with nothing of the last one. */
function startRun(state: Chosen & {readonly credentials: Credentials}, step: RunStepId): WizardState {
	const run: Run = {...answersOf(state), provider: state.provider, credentials: state.credentials, attempt: state.attempt + 1};
	return step === 'progress' ? {...run, step, tasks: idleTasks} : {...run, step};
}

function withTask(state: ProgressState, task: TaskId, phase: 'start' | 'done', at: number): WizardState {
	const current = state.tasks[task];
	const view: TaskView = phase === 'start'
		? {state: 'running', startedAt: at}
		: {state: 'done', ms: at - (current.startedAt ?? at)};
	return {...state, tasks: {...state.tasks, [task]: view}};
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	switch (action.type) {
		case 'provider':
		case 'environment':
		case 'grant':
		case 'credentials':
		case 'redirect':
		case 'scopes':
		case 'keep':
		case 'back': {
			return inputReducer(state, action);
		}

		case 'consent-ready':
		case 'consent-event':
		case 'browser':
		case 'notice':
		case 'paste-error': {
			return isRun(state) ? {...state, ...withConsent(state.consent, action)} : state;
		}

		default: {
			return isRun(state) ? runReducer(state, action) : state;
		}
	}
}

type InputAction = Extract<WizardAction, {type: 'provider' | 'environment' | 'grant' | 'credentials' | 'redirect' | 'scopes' | 'keep' | 'back'}>;

/** The answers of the input screens, and Esc. */
function inputReducer(state: WizardState, action: InputAction): WizardState {
	switch (action.type) {
		case 'provider': {
			// Another marketplace: its own credentials, redirect and scopes, none of the last one's.
			const {saved: _saved, credentials: _credentials, redirect: _redirect, scopes: _scopes, ...kept} = answersOf(state);
			const answers = action.provider === state.provider ? withoutSaved(state) : kept;
			return next({...answers, ...(action.saved ? {saved: action.saved} : {}), provider: action.provider, environment: action.environment, grant: action.grant}, 'provider');
		}

		case 'environment': {
			return state.provider ? next({...withoutSaved(state), ...(action.saved ? {saved: action.saved} : {}), provider: state.provider, environment: action.environment}, 'environment') : state;
		}

		case 'grant': {
			return state.provider ? next({...answersOf(state), provider: state.provider, grant: action.grant}, 'grant') : state;
		}

		case 'credentials': {
			return state.provider ? next({...answersOf(state), provider: state.provider, credentials: {clientId: action.clientId, clientSecret: action.clientSecret}}, 'credentials') : state;
		}

		case 'redirect': {
			return state.provider ? next({...answersOf(state), provider: state.provider, redirect: action.redirect}, 'redirect') : state;
		}

		case 'scopes': {
			return state.step === 'scopes' ? startRun({...state, scopes: action.scopes}, 'consent') : state;
		}

		case 'keep': {
			return state.provider ? {...answersOf(state), provider: state.provider, step: 'summary', result: {connection: action.connection, ...(action.connection.user?.identity ? {identity: action.connection.user.identity} : {})}} : state;
		}

		case 'back': {
			return previous(state);
		}
	}
}

type ConsentAction = Extract<WizardAction, {type: 'consent-ready' | 'consent-event' | 'browser' | 'notice' | 'paste-error'}>;

/** What the consent screen shows, as the consent effect and its keys report it. */
function withConsent(consent: ConsentView | undefined, action: ConsentAction): {consent?: ConsentView} {
	if (action.type === 'consent-ready') {
		return {consent: {url: action.url, startedAt: action.at, events: [], browserOpened: false, initialMode: action.initialMode}};
	}

	// The log lists requests; "listening on …" comes before the URL and is not one.
	if (!consent) {
		return {};
	}

	switch (action.type) {
		case 'consent-event': {
			const seen = action.event ? [...(consent.seen ?? []), action.event] : consent.seen;
			return {consent: {...consent, events: [...consent.events, action.line], ...(seen ? {seen} : {})}};
		}

		case 'browser': {
			return {consent: {...consent, browserOpened: action.opened, browserNote: action.note}};
		}

		case 'notice': {
			const {notice: _notice, ...rest} = consent;
			return {consent: action.text === undefined ? rest : {...rest, notice: action.text}};
		}

		case 'paste-error': {
			return {consent: {...consent, pasteError: action.text}};
		}
	}
}

type RunAction = Exclude<WizardAction, InputAction | ConsentAction>;

/** Consent's and the exchange's outcomes, failures, and the troubleshooting screens between them. */
function runReducer(state: RunState, action: RunAction): WizardState {
	switch (action.type) {
		case 'code': {
			return {...runOf(state), step: 'progress', code: {code: action.code, codeVerifier: action.codeVerifier}, tasks: idleTasks};
		}

		case 'task': {
			return state.step === 'progress' ? withTask(state, action.task, action.phase, action.at) : state;
		}

		case 'done': {
			return {...answersOf(state), provider: state.provider, step: 'summary', result: {connection: action.connection, ...(action.identity ? {identity: action.identity} : {})}};
		}

		case 'failed': {
			return {...runOf(state), step: 'error', failure: action.failure};
		}

		case 'retry': {
			return startRun(state, state.step === 'error' ? state.failure.retry : 'consent');
		}

		case 'troubleshoot': {
			return {...runOf(state), step: 'troubleshoot'};
		}

		case 'compare-redirect': {
			return {...runOf(state), step: 'redirect-check', pasted: state.pasted ?? '', ...failureBehind(state)};
		}

		case 'redirect-compared': {
			return {...runOf(state), step: 'redirect-check', pasted: action.pasted, result: action.result, ...failureBehind(state)};
		}

		case 'use-redirect': {
			return startRun({...state, redirect: action.redirect}, 'consent');
		}
	}
}

/** The failure whose screen the comparison was opened from, where Esc returns to. */
function failureBehind(state: RunState): {failure?: ShownFailure} {
	return (state.step === 'error' || state.step === 'redirect-check') && state.failure ? {failure: state.failure} : {};
}

/**
 * Esc on the comparison: opened from a failure screen, back to its paste field
 * first; from the troubleshooter (whose screen holds the field), straight back there.
 */
function backFromRedirectCheck(state: StateOf<'redirect-check'>): WizardState {
	if (state.failure && state.result) {
		return {...runOf(state), step: 'redirect-check', failure: state.failure};
	}

	return state.failure ? {...runOf(state), step: 'error', failure: state.failure} : {...runOf(state), step: 'troubleshoot'};
}

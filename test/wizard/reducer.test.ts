import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Connection} from '../../source/store/types.js';
import {wizardReducer} from '../../source/wizard/reducer.js';
import {initialState, numberedStep, type ShownFailure, type StateOf, type StepId, type WizardAction, type WizardState} from '../../source/wizard/state.js';
import {checkPastedRedirect} from '../../source/steps/redirect-check.js';

function run(state: WizardState, ...actions: WizardAction[]): WizardState {
	return actions.reduce(wizardReducer, state);
}

/** The state, checked to be on `step`, as that step's state. */
function at<S extends StepId>(state: WizardState, step: S): StateOf<S> {
	assert.equal(state.step, step);
	return state as StateOf<S>;
}

const credentials: WizardAction = {type: 'credentials', clientId: 'keystring', clientSecret: 'secret'};
const redirect: WizardAction = {type: 'redirect', redirect: 'http://localhost:3000/callback'};
const scopes: WizardAction = {type: 'scopes', scopes: ['shops_r', 'listings_r']};
const etsy: WizardAction = {type: 'provider', provider: 'etsy', environment: 'production', grant: 'user'};
const ebay: WizardAction = {type: 'provider', provider: 'ebay', environment: 'production', grant: 'user'};

function failure(overrides: Partial<ShownFailure> = {}): ShownFailure {
	return {message: 'It failed.', remedy: 'Fix it.', details: [], retry: 'consent', back: 'scopes', ...overrides};
}

const connection = {
	provider: 'etsy',
	profile: 'default',
	environment: 'production',
	clientId: 'keystring',
	clientSecret: 'secret',
	user: {
		scopes: ['shops_r'],
		token: {accessToken: 'a', refreshToken: 'r', expiresAt: 2, refreshExpiresAt: 3},
		identity: {userId: '12345678', shopId: '87654321'},
	},
} as unknown as Connection;

/** Every step a flow passes through, with the state on arrival. */
function walk(start: WizardState, actions: WizardAction[]): Array<[StepId, WizardState]> {
	const seen: Array<[StepId, WizardState]> = [[start.step, start]];
	let state = start;
	for (const action of actions) {
		state = wizardReducer(state, action);
		seen.push([state.step, state]);
	}

	return seen;
}

const etsyFlow: WizardAction[] = [etsy, credentials, redirect, scopes];
const ebayUserFlow: WizardAction[] = [ebay, {type: 'environment', environment: 'sandbox'}, {type: 'grant', grant: 'user'}, credentials, {type: 'redirect', redirect: 'Demo_Seller-RuName'}, scopes];
const ebayAppFlow: WizardAction[] = [ebay, {type: 'environment', environment: 'sandbox'}, {type: 'grant', grant: 'app'}, credentials];

describe('step order', () => {
	test('the actions walk each flow through exactly its steps', () => {
		const steps = (actions: WizardAction[]) => walk(initialState({}), actions).map(([step]) => step);
		assert.deepEqual(steps(etsyFlow), ['provider', 'credentials', 'redirect', 'scopes', 'consent']);
		assert.deepEqual(steps(ebayUserFlow), ['provider', 'environment', 'grant', 'credentials', 'redirect', 'scopes', 'consent']);
		assert.deepEqual(steps(ebayAppFlow), ['provider', 'environment', 'grant', 'credentials', 'progress']);
	});

	test('the header numbers: troubleshoot counts as consent, an error as the step it retries', () => {
		const consent = run(initialState({}), ...etsyFlow);
		assert.equal(numberedStep(run(consent, {type: 'troubleshoot'})), 'consent');
		assert.equal(numberedStep(run(consent, {type: 'failed', failure: failure({retry: 'progress'}), at: 0})), 'progress');
		assert.equal(numberedStep(consent), 'consent');
	});
});

describe('Esc goes back', () => {
	const expected: Record<string, Partial<Record<StepId, StepId>>> = {
		etsy: {credentials: 'provider', redirect: 'credentials', scopes: 'redirect', consent: 'scopes'},
		ebayUser: {environment: 'provider', grant: 'environment', credentials: 'grant', redirect: 'credentials', scopes: 'redirect', consent: 'scopes'},
		ebayApp: {environment: 'provider', grant: 'environment', credentials: 'grant'},
	};
	const flows = {etsy: etsyFlow, ebayUser: ebayUserFlow, ebayApp: ebayAppFlow};

	for (const [name, actions] of Object.entries(flows)) {
		test(`${name}: one step back from each step, never into consent or the exchange, keeping what was entered`, () => {
			for (const [step, state] of walk(initialState({}), actions)) {
				const back = wizardReducer(state, {type: 'back'});
				if (step !== 'provider' && step !== 'progress') {
					assert.equal(back.step, expected[name]![step], `back from ${step}`);
				}

				assert.notEqual(back.step, 'consent', `back from ${step}`);
				assert.notEqual(back.step, 'progress', `back from ${step}`);
				assert.equal(back.credentials, state.credentials, `back from ${step} keeps the credentials`);
				assert.equal(back.redirect, state.redirect, `back from ${step} keeps the redirect`);
				assert.equal(back.scopes, state.scopes, `back from ${step} keeps the scopes`);
			}
		});
	}

	test('from an error to failure.back; from troubleshooting to consent', () => {
		const consent = run(initialState({}), ...etsyFlow);
		assert.equal(run(consent, {type: 'failed', failure: failure({back: 'credentials'}), at: 0}, {type: 'back'}).step, 'credentials');
		assert.equal(run(consent, {type: 'failed', failure: failure({back: 'redirect'}), at: 0}, {type: 'back'}).step, 'redirect');
		const troubleshoot = run(consent, {type: 'troubleshoot'});
		assert.equal(troubleshoot.step, 'troubleshoot');
		const back = run(troubleshoot, {type: 'back'});
		assert.equal(back.step, 'consent');
		assert.equal(back.attempt, consent.attempt, 'back from troubleshooting keeps waiting on the same consent');
	});
});

describe('attempts', () => {
	test('scopes → consent starts a new attempt each time', () => {
		const first = run(initialState({}), ...etsyFlow);
		assert.equal(first.step, 'consent');
		assert.equal(first.attempt, 1);
		const again = run(first, {type: 'back'}, scopes);
		assert.equal(again.step, 'consent');
		assert.equal(again.attempt, 2);
	});

	test('retry goes to failure.retry with a fresh attempt, the code, consent and failure cleared', () => {
		const ready = run(initialState({}), ...etsyFlow, {type: 'consent-ready', url: 'http://127.0.0.1/authorize', at: 5, initialMode: 'wait'});
		const exchanging = at(run(ready, {type: 'code', code: 'the-code', codeVerifier: 'verifier'}, {type: 'task', task: 'exchange', phase: 'start', at: 10}), 'progress');
		assert.deepEqual(exchanging.code, {code: 'the-code', codeVerifier: 'verifier'});
		const failed = run(exchanging, {type: 'failed', failure: failure({retry: 'consent'}), at: 30});
		assert.equal(failed.step, 'error');
		const retried = at(run(failed, {type: 'retry'}), 'consent');
		assert.equal(retried.attempt, failed.attempt + 1);
		assert.equal(retried.consent, undefined);
		assert.deepEqual(Object.keys(retried).filter(key => ['code', 'failure', 'tasks', 'pasted'].includes(key)), [], 'nothing of the failed attempt is kept');
		assert.deepEqual(retried.credentials, {clientId: 'keystring', clientSecret: 'secret'}, 'inputs survive a retry');
	});

	test('an application token: credentials start the exchange as an attempt, and retry repeats it', () => {
		const progress = run(initialState({}), ...ebayAppFlow);
		assert.equal(progress.step, 'progress');
		assert.equal(progress.attempt, 1);
		const retried = run(progress, {type: 'failed', failure: failure({retry: 'progress', back: 'credentials'}), at: 0}, {type: 'retry'});
		assert.equal(retried.step, 'progress');
		assert.equal(retried.attempt, 2);
	});
});

describe('consent, tasks and the result', () => {
	test('task timing: start then done gives the time taken; a failure goes to the error screen with it', () => {
		const progress = run(initialState({}), ...etsyFlow, {type: 'code', code: 'c', codeVerifier: undefined});
		const exchanged = at(run(progress, {type: 'task', task: 'exchange', phase: 'start', at: 1000}, {type: 'task', task: 'exchange', phase: 'done', at: 1250}), 'progress');
		assert.deepEqual(exchanged.tasks.exchange, {state: 'done', ms: 250});
		const verifying = at(run(exchanged, {type: 'task', task: 'verify', phase: 'start', at: 1300}), 'progress');
		assert.deepEqual(verifying.tasks.verify, {state: 'running', startedAt: 1300});
		const failed = at(run(verifying, {type: 'failed', failure: failure({message: 'Verification failed.'}), at: 1420}), 'error');
		assert.equal(failed.failure.message, 'Verification failed.');
	});

	test('consent events, browser result, notice and paste error land on the consent view', () => {
		const ready = run(initialState({}), ...etsyFlow, {type: 'consent-ready', url: 'http://127.0.0.1/authorize', at: 5, initialMode: 'paste'});
		const updated = at(run(
			ready,
			{type: 'consent-event', line: {text: 'wrong path /oauth/callback', tone: 'warn'}},
			{type: 'browser', opened: false, note: 'BROWSER=none'},
			{type: 'notice', text: 'Copied.'},
			{type: 'paste-error', text: 'State did not match.'},
		), 'consent');
		assert.equal(updated.consent?.url, 'http://127.0.0.1/authorize');
		assert.equal(updated.consent?.startedAt, 5);
		assert.equal(updated.consent?.initialMode, 'paste');
		assert.deepEqual(updated.consent?.events, [{text: 'wrong path /oauth/callback', tone: 'warn'}]);
		assert.equal(updated.consent?.browserNote, 'BROWSER=none');
		assert.equal(updated.consent?.notice, 'Copied.');
		assert.equal(updated.consent?.pasteError, 'State did not match.');
		assert.equal(at(run(updated, {type: 'notice', text: undefined}), 'consent').consent?.notice, undefined);
	});

	test('done and keep end on the summary with the connection and who it belongs to', () => {
		const consent = run(initialState({}), ...etsyFlow);
		const done = at(run(consent, {type: 'done', connection, identity: {userId: '1'} as never}), 'summary');
		assert.equal(done.result.connection, connection);
		assert.deepEqual(done.result.identity, {userId: '1'});
		const kept = at(run(initialState({}), etsy, credentials, redirect, {type: 'keep', connection}), 'summary');
		assert.equal(kept.attempt, 0, 'keeping the token starts no consent');
		assert.deepEqual(kept.result.identity, connection.user?.identity);
	});
});

describe('changing the provider', () => {
	test('another provider clears credentials, redirect and scopes; the same one keeps them', () => {
		const filled = run(initialState({}), etsy, credentials, redirect, {type: 'back'}, {type: 'back'}, {type: 'back'});
		assert.equal(filled.step, 'provider');
		const same = run(filled, etsy);
		assert.deepEqual(same.credentials, {clientId: 'keystring', clientSecret: 'secret'});
		assert.equal(same.redirect, 'http://localhost:3000/callback');
		const other = run(filled, ebay);
		assert.equal(other.step, 'environment');
		assert.equal(other.credentials, undefined);
		assert.equal(other.redirect, undefined);
		assert.equal(other.scopes, undefined);
	});
});

const waiting: WizardState = {
	environment: 'production',
	grant: 'user',
	provider: 'etsy',
	step: 'consent',
	credentials: {clientId: 'abc', clientSecret: 'secret'},
	redirect: 'http://localhost:3000/callback',
	scopes: ['shops_r'],
	attempt: 3,
	consent: {url: 'http://emulator/x', startedAt: 0, events: [], browserOpened: false, initialMode: 'wait'},
};

const result = checkPastedRedirect({sent: 'http://localhost:3000/callback', pasted: 'http://127.0.0.1:3000/callback'});

test('consent events keep the server\'s own event beside the line', () => {
	const state = at(wizardReducer(waiting, {type: 'consent-event', line: {text: 'wrong path /x', tone: 'warn'}, event: {type: 'request', path: '/x', outcome: 'wrong-path'}}), 'consent');
	assert.deepEqual(state.consent?.seen, [{type: 'request', path: '/x', outcome: 'wrong-path'}]);
	const withoutEvent = at(wizardReducer(state, {type: 'consent-event', line: {text: 'more', tone: 'info'}}), 'consent');
	assert.equal(withoutEvent.consent?.events.length, 2);
	assert.equal(withoutEvent.consent?.seen?.length, 1);
});

test('troubleshooter → comparison → Esc back to the troubleshooter with the paste kept; the attempt is unchanged', () => {
	const troubleshooting = wizardReducer(waiting, {type: 'troubleshoot'});
	const compared = at(wizardReducer(troubleshooting, {type: 'redirect-compared', pasted: 'http://127.0.0.1:3000/callback', result}), 'redirect-check');
	assert.equal(compared.failure, undefined, 'opened from the troubleshooter, not from a failure');
	assert.equal(compared.attempt, 3);
	assert.equal(numberedStep(compared), 'consent');
	const back = at(wizardReducer(compared, {type: 'back'}), 'troubleshoot');
	assert.equal(back.pasted, 'http://127.0.0.1:3000/callback');
	assert.ok(back.consent, 'the consent still waits');
});

test('use-redirect changes the redirect URI and starts a new consent attempt', () => {
	const compared = wizardReducer(wizardReducer(waiting, {type: 'troubleshoot'}), {type: 'redirect-compared', pasted: 'x', result});
	const rerun = at(wizardReducer(compared, {type: 'use-redirect', redirect: 'http://127.0.0.1:3000/callback'}), 'consent');
	assert.equal(rerun.redirect, 'http://127.0.0.1:3000/callback');
	assert.equal(rerun.attempt, 4);
	assert.equal(rerun.consent, undefined);
	assert.equal(rerun.pasted, undefined);
});

test('from a failure screen: compare opens the paste field, Esc steps back field by field to the failure', () => {
	const failed = wizardReducer(waiting, {type: 'failed', at: 1, failure: {message: 'No callback arrived', remedy: 'r', details: [], retry: 'consent', back: 'redirect', kind: 'timeout'}});
	const asking = at(wizardReducer(failed, {type: 'compare-redirect'}), 'redirect-check');
	assert.equal(asking.failure?.kind, 'timeout', 'opened from the failure screen');
	assert.equal(asking.pasted, '');
	assert.equal(asking.result, undefined);
	const compared = at(wizardReducer(asking, {type: 'redirect-compared', pasted: 'p', result}), 'redirect-check');
	assert.equal(compared.failure?.kind, 'timeout');
	const field = at(wizardReducer(compared, {type: 'back'}), 'redirect-check');
	assert.equal(field.result, undefined);
	assert.equal(field.pasted, 'p');
	const failure = at(wizardReducer(field, {type: 'back'}), 'error');
	assert.equal(failure.failure.kind, 'timeout');
	assert.equal(wizardReducer(failure, {type: 'back'}).step, 'redirect', 'the failure\'s own Esc is unchanged');
});

test('a failure keeps its screen kind and port facts; retry starts consent afresh', () => {
	const failed = wizardReducer(waiting, {type: 'failed', at: 1, failure: {message: 'Port 3000 is in use', remedy: 'r', details: [], retry: 'consent', back: 'redirect', kind: 'port-in-use', port: {port: 3000, alternative: 'http://localhost:3001/callback'}}});
	assert.equal(at(failed, 'error').failure.port?.alternative, 'http://localhost:3001/callback');
	const other = at(wizardReducer(failed, {type: 'use-redirect', redirect: 'http://localhost:3001/callback'}), 'consent');
	assert.equal('failure' in other, false);
	assert.equal(other.redirect, 'http://localhost:3001/callback');
});

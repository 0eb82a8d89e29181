import assert from 'node:assert/strict';
import {test} from 'node:test';
import {checkPastedRedirect} from '../../source/steps/redirect-check.js';
import {initialState, numberedStep, wizardReducer, type WizardState} from '../../source/wizard-state.js';

const waiting: WizardState = {
	...initialState({provider: 'etsy'}),
	step: 'consent',
	credentials: {clientId: 'abc', clientSecret: 'secret'},
	redirect: 'http://localhost:3000/callback',
	scopes: ['shops_r'],
	attempt: 3,
	consent: {url: 'http://emulator/x', startedAt: 0, events: [], browserOpened: false, initialMode: 'wait'},
};

const result = checkPastedRedirect({sent: 'http://localhost:3000/callback', pasted: 'http://127.0.0.1:3000/callback'});

test('consent events keep the server\'s own event beside the line', () => {
	const state = wizardReducer(waiting, {type: 'consent-event', line: {text: 'wrong path /x', tone: 'warn'}, event: {type: 'request', path: '/x', outcome: 'wrong-path'}});
	assert.deepEqual(state.consent?.seen, [{type: 'request', path: '/x', outcome: 'wrong-path'}]);
	const withoutEvent = wizardReducer(state, {type: 'consent-event', line: {text: 'more', tone: 'info'}});
	assert.equal(withoutEvent.consent?.events.length, 2);
	assert.equal(withoutEvent.consent?.seen?.length, 1);
});

test('troubleshooter → comparison → Esc back to the troubleshooter with the paste kept; the attempt is unchanged', () => {
	const troubleshooting = wizardReducer(waiting, {type: 'troubleshoot'});
	const compared = wizardReducer(troubleshooting, {type: 'redirect-compared', pasted: 'http://127.0.0.1:3000/callback', result});
	assert.equal(compared.step, 'redirect-check');
	assert.equal(compared.redirectCheck?.from, 'troubleshoot');
	assert.equal(compared.attempt, 3);
	assert.equal(numberedStep(compared), 'consent');
	const back = wizardReducer(compared, {type: 'back'});
	assert.equal(back.step, 'troubleshoot');
	assert.equal(back.redirectCheck?.pasted, 'http://127.0.0.1:3000/callback');
	assert.equal(back.redirectCheck?.result, undefined);
	assert.ok(back.consent, 'the consent still waits');
});

test('use-redirect changes the redirect URI and starts a new consent attempt', () => {
	const compared = wizardReducer(wizardReducer(waiting, {type: 'troubleshoot'}), {type: 'redirect-compared', pasted: 'x', result});
	const rerun = wizardReducer(compared, {type: 'use-redirect', redirect: 'http://127.0.0.1:3000/callback'});
	assert.equal(rerun.step, 'consent');
	assert.equal(rerun.redirect, 'http://127.0.0.1:3000/callback');
	assert.equal(rerun.attempt, 4);
	assert.equal(rerun.consent, undefined);
	assert.equal(rerun.redirectCheck, undefined);
});

test('from a failure screen: compare opens the paste field, Esc steps back field by field to the failure', () => {
	const failed = wizardReducer(waiting, {type: 'failed', at: 1, failure: {message: 'No callback arrived', remedy: 'r', details: [], retry: 'consent', back: 'redirect', kind: 'timeout'}});
	const asking = wizardReducer(failed, {type: 'compare-redirect'});
	assert.equal(asking.step, 'redirect-check');
	assert.deepEqual(asking.redirectCheck, {from: 'error', pasted: ''});
	const compared = wizardReducer(asking, {type: 'redirect-compared', pasted: 'p', result});
	assert.equal(compared.redirectCheck?.from, 'error');
	const field = wizardReducer(compared, {type: 'back'});
	assert.equal(field.step, 'redirect-check');
	assert.equal(field.redirectCheck?.result, undefined);
	assert.equal(field.redirectCheck?.pasted, 'p');
	const failure = wizardReducer(field, {type: 'back'});
	assert.equal(failure.step, 'error');
	assert.equal(failure.failure?.kind, 'timeout');
	assert.equal(wizardReducer(failure, {type: 'back'}).step, 'redirect', 'the failure\'s own Esc is unchanged');
});

test('a failure keeps its screen kind and port facts; retry starts consent afresh', () => {
	const failed = wizardReducer(waiting, {type: 'failed', at: 1, failure: {message: 'Port 3000 is in use', remedy: 'r', details: [], retry: 'consent', back: 'redirect', kind: 'port-in-use', port: {port: 3000, alternative: 'http://localhost:3001/callback'}}});
	assert.equal(failed.step, 'error');
	assert.equal(failed.failure?.port?.alternative, 'http://localhost:3001/callback');
	const other = wizardReducer(failed, {type: 'use-redirect', redirect: 'http://localhost:3001/callback'});
	assert.equal(other.step, 'consent');
	assert.equal(other.failure, undefined);
	assert.equal(other.redirect, 'http://localhost:3001/callback');
});

import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import StatusLine from '../../source/components/StatusLine.js';
import {cleanupInk, renderInk} from '../helpers/ink.js';

afterEach(cleanupInk);

test('a running task shows a spinner, its label and the time so far', async () => {
	const ink = await renderInk(<StatusLine state="running" label="Exchanging the code" elapsedMs={1234} />);
	assert.match(ink.screen(), /^\S Exchanging the code… 1\.2s$/);
	assert.doesNotMatch(ink.screen(), /[✔✖]/);
});

test('a finished task shows ✔, the done label and the time taken', async () => {
	const ink = await renderInk(<StatusLine state="done" label="Exchanging the code" doneLabel="Token exchanged" elapsedMs={300} />);
	assert.equal(ink.screen(), '✔ Token exchanged in 0.3s');
});

test('a failed task shows ✖ and the failed label', async () => {
	const ink = await renderInk(<StatusLine state="failed" label="Verifying" failedLabel="Verification failed" elapsedMs={2000} />);
	assert.equal(ink.screen(), '✖ Verification failed after 2.0s');
});

test('a waiting task shows its label without a spinner or a time', async () => {
	const ink = await renderInk(<StatusLine state="pending" label="Verifying the token" elapsedMs={5000} />);
	assert.equal(ink.screen(), '· Verifying the token');
});

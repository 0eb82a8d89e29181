// The HTTP stub must be able to fail a test: on a request no route declared, and on a declared route never called.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {startHttpStub} from './http-stub.js';

test('each declared route answers once; verify passes when all were called and nothing else was', async () => {
	const stub = await startHttpStub([{method: 'GET', path: '/etsy/v3/application/openapi-ping', reply: {status: 200, body: {application_id: 1}}}]);
	try {
		const response = await fetch(`${stub.env.MKT_WIZARD_ETSY_API_URL}/application/openapi-ping?x=1`);
		assert.deepEqual(await response.json(), {application_id: 1});
		stub.verify();
		const again = await fetch(`${stub.env.MKT_WIZARD_ETSY_API_URL}/application/openapi-ping`);
		assert.equal(again.status, 501);
		assert.throws(() => {
			stub.verify();
		}, /unexpected request GET \/etsy\/v3\/application\/openapi-ping/);
	} finally {
		await stub.close();
	}
});

test('a declared route never called fails verify, naming it', async () => {
	const stub = await startHttpStub([{method: 'POST', path: '/etsy/v3/public/oauth/token', reply: {status: 200, body: {}}}]);
	try {
		assert.throws(() => {
			stub.verify();
		}, /POST \/etsy\/v3\/public\/oauth\/token was declared but never called/);
	} finally {
		await stub.close();
	}
});

import assert from 'node:assert/strict';
import {MktError} from '../../source/errors.js';

/** The MktError `promise` rejects with, also pushed onto `collected` (checked later for leaked secrets); fails the test on anything else. */
export async function rejectionOf(promise: Promise<unknown>, collected: MktError[]): Promise<MktError> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof MktError, `expected an MktError, got ${String(error)}`);
		collected.push(error);
		return error;
	}

	assert.fail('expected a rejection');
}

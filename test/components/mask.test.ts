import assert from 'node:assert/strict';
import {test} from 'node:test';
import {maskSecret} from '../../source/components/mask.js';

test('maskSecret keeps only the last four characters of a long secret', () => {
	assert.equal(maskSecret('s3cr3t-value-1a2b'), '••••1a2b');
});

test('maskSecret shows nothing of a short secret', () => {
	assert.equal(maskSecret('abc1234'), '••••');
	assert.equal(maskSecret(''), '••••');
});

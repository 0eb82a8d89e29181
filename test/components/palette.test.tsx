import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import chalk from 'chalk';
import Message from '../../source/components/Message.js';
import {paint} from '../../source/components/palette.js';
import StatusLine from '../../source/components/StatusLine.js';
import {cleanupInk, renderInk} from '../helpers/ink.js';

const savedLevel = chalk.level;
const savedNoColor = process.env.NO_COLOR;

afterEach(async () => {
	await cleanupInk();
	chalk.level = savedLevel;
	if (savedNoColor === undefined) {
		delete process.env.NO_COLOR;
	} else {
		process.env.NO_COLOR = savedNoColor;
	}
});

test('paint drops the colour when NO_COLOR is set and not empty', () => {
	assert.equal(paint('red', {}), 'red');
	assert.equal(paint('red', {NO_COLOR: ''}), 'red');
	assert.equal(paint('red', {NO_COLOR: '1'}), undefined);
});

// Tests run without a terminal, so chalk is off; switch it on to see what would reach one.
test('with colour on, the error symbol is red; with NO_COLOR it is only bold', async () => {
	chalk.level = 1;
	delete process.env.NO_COLOR;
	const coloured = await renderInk(<Message tone="error">Boom</Message>);
	assert.match(coloured.lastFrame() ?? '', /\u001B\[31m/);
	await cleanupInk();

	process.env.NO_COLOR = '1';
	const plain = await renderInk(<><Message tone="error">Boom</Message><StatusLine state="done" label="Done" /></>);
	const frame = plain.lastFrame() ?? '';
	assert.doesNotMatch(frame, /\u001B\[3\dm/, 'no foreground colour');
	assert.match(frame, /\u001B\[1m/, 'bold stays');
	assert.match(frame, /✖/);
	assert.match(frame, /✔/);
});

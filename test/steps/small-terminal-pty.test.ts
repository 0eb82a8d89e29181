// Every screen of a demo run fits a 60x20 terminal: Ink wipes the screen and the scrollback
// (ESC[2J ESC[3J) on every update of a frame as tall as the terminal, and a taller frame scrolls
// its own top away. The built wizard in a real pseudo-terminal, read through a terminal emulator.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {killAll, ptyKeys as keys, spawnCli, type PtyRun} from '../helpers/pty.js';
import {scanCliRunsForSecrets} from '../helpers/secret-scan.js';

scanCliRunsForSecrets();

afterEach(killAll);

const rows = 20;

/** The frame on screen, from its header down, fits the terminal with Ink's spare line; resolves with the screen. */
async function fits(run: PtyRun, pattern: RegExp): Promise<string> {
	const screen = await run.waitForScreen(pattern);
	const lines = screen.split('\n');
	const header = lines.findIndex(line => line.startsWith('mkt-wizard · '));
	assert.notEqual(header, -1, `the header scrolled away:\n${screen}`);
	assert.ok(lines.length - header <= rows - 1, `a frame of ${lines.length - header} lines in ${rows} rows:\n${screen}`);
	return screen;
}

test('60x20: every screen of a demo run fits, the scopes list is shortened, and nothing wipes the screen', async () => {
	const run = spawnCli(['--demo'], {cols: 60, rows});
	await fits(run, /Choose a marketplace/);
	await run.press(keys.enter);
	await fits(run, /Credentials[\s\S]*❯ mktwizdemo/);
	await run.press(keys.enter);
	await fits(run, /❯ •+/);
	await run.press(keys.enter);
	await fits(run, /Redirect URI/);
	await run.press(keys.enter);
	const scopes = await fits(run, /Scopes[\s\S]*selected/);
	assert.match(scopes, /↓ \d+ more/, 'the list is cut to the rows there are');
	await run.press(keys.enter);
	await fits(run, /Waiting for the browser/);
	assert.equal(run.scrolledLines(), 0, `nothing has scrolled up to consent:\n${run.screen()}`);
	await run.press('t');
	await fits(run, /Troubleshooting the redir[\s\S]*Registered redirect URI/);
	// The troubleshooter updates its clock every second: let it draw a few times.
	await run.waitForScreen(/Waiting for 0:0[3-9]/);
	await fits(run, /Troubleshooting the redir/);
	await run.press(keys.escape);
	await fits(run, /Waiting for the browser/);
	await run.press('y');
	await fits(run, /Connected to Etsy/);
	await run.press('q');
	assert.equal((await run.exit).code, 0);
	assert.doesNotMatch(run.raw(), /\u001B\[2J|\u001B\[3J/, 'the screen and scrollback were never wiped');
});

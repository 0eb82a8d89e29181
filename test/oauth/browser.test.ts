import assert from 'node:assert/strict';
import type {ChildProcess, SpawnOptions} from 'node:child_process';
import {EventEmitter} from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {browserCommand, describeBrowserResult, openBrowser} from '../../source/oauth/browser.js';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

const url = 'https://www.etsy.com/oauth/connect?response_type=code&client_id=abc&scope=shops_r%20listings_r&state=x_y-z';
const skipScripts = process.platform === 'win32' ? 'needs a POSIX shell' : false;
let directory = '';

function script(name: string, body: string): string {
	const file = path.join(directory, name);
	fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, {mode: 0o755});
	return file;
}

type SpawnCall = {command: string; args: readonly string[]; options: SpawnOptions};

/** A stand-in for child_process.spawn whose child exits with `exitCode` on the next tick. */
function fakeSpawn(exitCode: number | undefined, calls: SpawnCall[]) {
	return (command: string, args: readonly string[], options: SpawnOptions): ChildProcess => {
		calls.push({command, args, options});
		const child = new EventEmitter() as ChildProcess;
		child.unref = () => undefined;
		if (exitCode !== undefined) {
			setImmediate(() => child.emit('exit', exitCode, null));
		}

		return child;
	};
}

before(() => {
	directory = tempDir('browser');
});

after(() => {
	removeTempDir(directory);
});

describe('openBrowser with BROWSER', () => {
	test('BROWSER=none disables opening and runs nothing', async () => {
		const calls: SpawnCall[] = [];
		assert.deepEqual(await openBrowser(url, {env: {BROWSER: 'none', DISPLAY: ':0'}, platform: 'linux', spawn: fakeSpawn(0, calls)}), {opened: false, reason: 'disabled'});
		assert.deepEqual(await openBrowser(url, {env: {BROWSER: ' NONE '}, platform: 'darwin', spawn: fakeSpawn(0, calls)}), {opened: false, reason: 'disabled'});
		assert.equal(calls.length, 0);
	});

	test('runs BROWSER with the URL as one argument, no shell, even without a display', {skip: skipScripts}, async () => {
		const out = path.join(directory, 'recorded.txt');
		const recorder = script('record.sh', `printf '%s\\n' "$#" "$@" > '${out}'`);
		const result = await openBrowser(url, {env: {BROWSER: recorder}, platform: 'linux'});
		assert.deepEqual(result, {opened: true, command: recorder});
		assert.equal(fs.readFileSync(out, 'utf8'), `1\n${url}\n`);
	});

	test('BROWSER with arguments, and with a %s placeholder', {skip: skipScripts}, async () => {
		const out = path.join(directory, 'recorded-args.txt');
		const recorder = script('record-args.sh', `printf '%s\\n' "$#" "$@" > '${out}'`);
		await openBrowser(url, {env: {BROWSER: `${recorder} --new-window`}, platform: 'linux'});
		assert.equal(fs.readFileSync(out, 'utf8'), `2\n--new-window\n${url}\n`);
		await openBrowser(url, {env: {BROWSER: `${recorder} --url=%s --private`}, platform: 'linux'});
		assert.equal(fs.readFileSync(out, 'utf8'), `2\n--url=${url}\n--private\n`);
	});

	test('an opener that exits 3 is failed', {skip: skipScripts}, async () => {
		const failing = script('fail.sh', 'exit 3');
		assert.deepEqual(await openBrowser(url, {env: {BROWSER: failing}, platform: 'linux'}), {opened: false, reason: 'failed', command: failing});
	});

	test('a BROWSER that does not exist is not-found', async () => {
		const missing = path.join(directory, 'no-such-browser');
		assert.deepEqual(await openBrowser(url, {env: {BROWSER: missing}, platform: 'linux'}), {opened: false, reason: 'not-found', command: missing});
	});

	test('an opener still running after waitMs counts as opened and is let go', {skip: skipScripts}, async () => {
		const pidFile = path.join(directory, 'pid.txt');
		const lingering = script('linger.sh', `echo $$ > '${pidFile}'\nexec sleep 30`);
		const result = await openBrowser(url, {env: {BROWSER: lingering}, platform: 'linux', waitMs: 300});
		assert.deepEqual(result, {opened: true, command: lingering});
		const pid = Number(fs.readFileSync(pidFile, 'utf8'));
		assert.ok(pid > 0);
		process.kill(pid);
	});
});

describe('openBrowser with the platform opener', () => {
	test('Linux without DISPLAY or WAYLAND_DISPLAY: no-display, nothing run', async () => {
		const calls: SpawnCall[] = [];
		assert.deepEqual(await openBrowser(url, {env: {SSH_CONNECTION: '1 2 3 4'}, platform: 'linux', spawn: fakeSpawn(0, calls)}), {opened: false, reason: 'no-display'});
		assert.equal(calls.length, 0);
	});

	test('Linux with a display runs xdg-open detached with stdio ignored', async () => {
		for (const env of [{DISPLAY: ':0'}, {WAYLAND_DISPLAY: 'wayland-0'}]) {
			const calls: SpawnCall[] = [];
			assert.deepEqual(await openBrowser(url, {env, platform: 'linux', spawn: fakeSpawn(0, calls)}), {opened: true, command: 'xdg-open'});
			assert.equal(calls[0]?.command, 'xdg-open');
			assert.deepEqual(calls[0]?.args, [url]);
			assert.equal(calls[0]?.options.detached, true);
			assert.equal(calls[0]?.options.stdio, 'ignore');
		}
	});

	test('xdg-open exiting 3 (no browser installed) is failed', async () => {
		assert.deepEqual(await openBrowser(url, {env: {DISPLAY: ':0'}, platform: 'linux', spawn: fakeSpawn(3, [])}), {opened: false, reason: 'failed', command: 'xdg-open'});
	});

	test('macOS uses open, except over SSH', async () => {
		const calls: SpawnCall[] = [];
		assert.deepEqual(await openBrowser(url, {env: {}, platform: 'darwin', spawn: fakeSpawn(0, calls)}), {opened: true, command: 'open'});
		assert.deepEqual(calls[0]?.args, [url]);
		assert.deepEqual(await openBrowser(url, {env: {SSH_TTY: '/dev/ttys001'}, platform: 'darwin', spawn: fakeSpawn(0, calls)}), {opened: false, reason: 'no-display'});
		assert.equal(calls.length, 1);
	});

	test('Windows: cmd start with an empty title and the URL quoted, verbatim', async () => {
		const calls: SpawnCall[] = [];
		assert.deepEqual(await openBrowser(url, {env: {}, platform: 'win32', spawn: fakeSpawn(0, calls)}), {opened: true, command: 'cmd'});
		assert.deepEqual(calls[0]?.args, ['/d', '/s', '/c', `"start "" "${url}""`]);
		assert.equal(calls[0]?.options.windowsVerbatimArguments, true);
	});

	test('a synchronous spawn failure is reported, not thrown', async () => {
		const throwing = () => {
			throw Object.assign(new Error('spawn EINVAL'), {code: 'EINVAL'});
		};

		assert.deepEqual(await openBrowser(url, {env: {DISPLAY: ':0'}, platform: 'linux', spawn: throwing}), {opened: false, reason: 'failed', command: 'xdg-open'});
	});
});

describe('browserCommand', () => {
	test('an empty BROWSER falls back to the platform opener', () => {
		assert.deepEqual(browserCommand(url, {env: {BROWSER: '  ', DISPLAY: ':0'}, platform: 'linux'}), {command: 'xdg-open', args: [url]});
	});
});

describe('describeBrowserResult', () => {
	test('login says the same cause the consent screen names', () => {
		assert.equal(describeBrowserResult({opened: true, command: 'xdg-open'}, {}), 'Opened it in your browser.');
		assert.equal(
			describeBrowserResult({opened: false, reason: 'no-display'}, {SSH_TTY: '/dev/pts/1'}),
			'No browser was opened: this is an SSH session, with no display to show a browser on. Open the URL yourself.',
		);
		assert.equal(
			describeBrowserResult({opened: false, reason: 'not-found', command: 'firefox'}, {BROWSER: 'firefox'}),
			'No browser was opened: firefox was not found (BROWSER=firefox); set BROWSER to your browser\'s command. Open the URL yourself.',
		);
	});
});

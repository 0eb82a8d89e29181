import {type ChildProcess, spawn as nodeSpawn, type SpawnOptions} from 'node:child_process';
import {errorCode} from '../guards.js';

export type OpenBrowserResult = {
	/** True when the opener started and did not fail within waitMs. The URL should be printed either way. */
	readonly opened: boolean;
	/** disabled: BROWSER=none. no-display: nothing to show a browser on. failed: the opener exited non-zero. not-found: no such command. */
	readonly reason?: 'disabled' | 'no-display' | 'failed' | 'not-found';
	/** The command that was run (never the URL). */
	readonly command?: string;
};

type SpawnLike = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export type OpenBrowserOptions = {
	readonly env?: NodeJS.ProcessEnv;
	readonly platform?: NodeJS.Platform;
	readonly spawn?: SpawnLike;
	/** How long to watch the opener for a failing exit. @default 1500 */
	readonly waitMs?: number;
};

export type BrowserCommand =
	| {readonly command: string; readonly args: readonly string[]; readonly windowsVerbatimArguments?: boolean}
	| {readonly reason: 'disabled' | 'no-display'};

/**
 * What to run to open `url`: BROWSER when set (split on spaces, `%s` replaced
 * by the URL or the URL appended as one argument), else the platform opener.
 * No shell is involved except cmd's own `start` on Windows.
 */
export function browserCommand(url: string, options: {env: NodeJS.ProcessEnv; platform: NodeJS.Platform}): BrowserCommand {
	const {env, platform} = options;
	const browser = env.BROWSER?.trim();
	if (browser) {
		if (browser.toLowerCase() === 'none') {
			return {reason: 'disabled'};
		}

		const [command, ...rest] = browser.split(/\s+/);
		const placeholder = rest.some(argument => argument.includes('%s'));
		const args = placeholder ? rest.map(argument => argument.replaceAll('%s', url)) : [...rest, url];
		return {command: command!, args};
	}

	if (platform === 'win32') {
		// `start` treats the first quoted argument as a window title, hence the empty "".
		// Quoted, the URL's & and ^ are not cmd syntax; URL serialisation leaves no '"' in it.
		return {command: 'cmd', args: ['/d', '/s', '/c', `"start "" "${url}""`], windowsVerbatimArguments: true};
	}

	if (platform === 'darwin') {
		// Over SSH, `open` would show the browser on the remote Mac's screen.
		return env.SSH_CONNECTION || env.SSH_TTY ? {reason: 'no-display'} : {command: 'open', args: [url]};
	}

	if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
		return {reason: 'no-display'};
	}

	return {command: 'xdg-open', args: [url]};
}

/**
 * Opens the consent URL and reports honestly whether that worked: openers
 * such as xdg-open exit non-zero when no browser exists, so the child is
 * watched for waitMs before it is let go (detached, output ignored).
 */
export async function openBrowser(url: string, options: OpenBrowserOptions = {}): Promise<OpenBrowserResult> {
	const {env = process.env, platform = process.platform, spawn = nodeSpawn as SpawnLike, waitMs = 1500} = options;
	const chosen = browserCommand(url, {env, platform});
	if ('reason' in chosen) {
		return {opened: false, reason: chosen.reason};
	}

	const {command, args} = chosen;
	let child: ChildProcess;
	try {
		child = spawn(command, args, {
			detached: true,
			stdio: 'ignore',
			windowsHide: true,
			...(chosen.windowsVerbatimArguments ? {windowsVerbatimArguments: true} : {}),
		});
	} catch (error) {
		return {opened: false, reason: errorCode(error) === 'ENOENT' ? 'not-found' : 'failed', command};
	}

	return new Promise<OpenBrowserResult>(resolve => {
		let timer: NodeJS.Timeout | undefined;
		const done = (result: OpenBrowserResult) => {
			clearTimeout(timer);
			child.unref();
			resolve(result);
		};

		// `on`, not `once`: a later error event must not become an uncaught exception.
		child.on('error', (error: NodeJS.ErrnoException) => {
			done({opened: false, reason: error.code === 'ENOENT' ? 'not-found' : 'failed', command});
		});
		child.once('exit', (code: number | null) => {
			done(code === 0 ? {opened: true, command} : {opened: false, reason: 'failed', command});
		});
		timer = setTimeout(() => {
			done({opened: true, command});
		}, waitMs);
	});
}

/** Why no browser opened, naming the cause: shown after "No browser was opened: " by the wizard and `login`. */
export function browserNote(result: OpenBrowserResult, env: NodeJS.ProcessEnv): string {
	const fromBrowser = env.BROWSER?.trim() ? ` (BROWSER=${env.BROWSER.trim()})` : '';
	switch (result.reason) {
		case 'disabled': {
			return 'BROWSER=none';
		}

		case 'no-display': {
			return env.SSH_CONNECTION || env.SSH_TTY
				? 'this is an SSH session, with no display to show a browser on'
				: 'there is no display here (DISPLAY and WAYLAND_DISPLAY are unset; a container or a server)';
		}

		case 'not-found': {
			return `${result.command ?? 'the browser command'} was not found${fromBrowser}; set BROWSER to your browser's command`;
		}

		default: {
			return `${result.command ?? 'the browser command'} failed${fromBrowser}`;
		}
	}
}

/** The one line `login` prints after trying to open the consent URL. */
export function describeBrowserResult(result: OpenBrowserResult, env: NodeJS.ProcessEnv): string {
	return result.opened ? 'Opened it in your browser.' : `No browser was opened: ${browserNote(result, env)}. Open the URL yourself.`;
}

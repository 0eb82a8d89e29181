import {browserCommand} from '../../oauth/browser.js';
import type {Check} from './types.js';

export type BrowserFacts = {
	readonly platform: NodeJS.Platform;
	/** The BROWSER variable, when set and not empty. */
	readonly browser?: string;
	/** SSH_CONNECTION or SSH_TTY is set. */
	readonly ssh: boolean;
	/** Why no browser would be opened, as the wizard's opener decides. */
	readonly reason?: 'disabled' | 'no-display';
	/** The command the wizard would run: BROWSER's first word, or the platform opener. */
	readonly opener?: string;
	/** Whether `opener` was found on PATH; undefined when not looked for. */
	readonly openerFound?: boolean;
};

/** What the wizard's browser opener would do here; `openerFound` is for the caller to look up. */
export function browserFacts(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): BrowserFacts {
	const decision = browserCommand('http://127.0.0.1/', {env, platform});
	const browser = env.BROWSER?.trim() || undefined;
	return {
		platform,
		...(browser === undefined ? {} : {browser}),
		ssh: Boolean(env.SSH_CONNECTION || env.SSH_TTY),
		...('reason' in decision ? {reason: decision.reason} : {opener: decision.command}),
	};
}

const pasteHint = 'the wizard will print the URL; use p to paste the redirected address';

export function browserCheck(facts: BrowserFacts): Check {
	const base = {id: 'browser', title: 'Browser opener'};
	if (facts.reason === 'disabled') {
		return {...base, status: 'ok', detail: `BROWSER=${facts.browser ?? 'none'}: no browser is opened; ${pasteHint}.`};
	}

	if (facts.reason === 'no-display') {
		return facts.ssh
			? {
				...base,
				status: 'warn',
				detail: `SSH session with no display: ${pasteHint}.`,
				fix: 'Open the printed URL in a browser on your own machine, then press p and paste the address it lands on.',
			}
			: {
				...base,
				status: 'warn',
				detail: `No display (DISPLAY and WAYLAND_DISPLAY are unset): ${pasteHint}.`,
				fix: 'Open the printed URL in a browser anywhere, then press p and paste the address it lands on.',
			};
	}

	const via = facts.browser === undefined ? facts.opener! : `BROWSER=${facts.browser}`;
	if (facts.openerFound === false) {
		return {
			...base,
			status: 'warn',
			detail: `${via}, but ${facts.opener!} is not on PATH: ${pasteHint}.`,
			fix: facts.browser === undefined ? 'Install xdg-utils, or set BROWSER to a command that opens a URL.' : 'Set BROWSER to a command that exists, or unset it.',
		};
	}

	const remote = facts.ssh ? ' (SSH session: the browser opens on the remote display)' : '';
	return {...base, status: 'ok', detail: `${via}${remote}`};
}

/**
 * Whether to print links as OSC 8 hyperlinks. Terminals that do not know OSC 8 should ignore it,
 * but some print it as garbage, and tmux drops it unless told (`terminal-features` hyperlinks):
 * so only where the terminal says what it is and that one is known to support it.
 * MKT_WIZARD_HYPERLINKS=1 or 0 overrides the guess either way.
 */
export function supportsHyperlinks(env: NodeJS.ProcessEnv): boolean {
	const forced = env.MKT_WIZARD_HYPERLINKS;
	if (forced === '1' || forced === '0') {
		return forced === '1';
	}

	if (env.TMUX || env.STY || env.CI) {
		return false;
	}

	const version = (text: string | undefined) => (text ?? '').split('.').map(Number);
	switch (env.TERM_PROGRAM) {
		case 'iTerm.app': {
			const [major = 0, minor = 0] = version(env.TERM_PROGRAM_VERSION);
			return major > 3 || (major === 3 && minor >= 1);
		}

		case 'WezTerm':
		case 'vscode':
		case 'ghostty': {
			return true;
		}

		default: {
			break;
		}
	}

	// GNOME Terminal, Tilix and other VTE terminals from VTE 0.50; kitty; Windows Terminal.
	return Number(env.VTE_VERSION ?? 0) >= 5000 || Boolean(env.KITTY_WINDOW_ID) || env.TERM === 'xterm-kitty' || Boolean(env.WT_SESSION);
}

/** `text` linking to `url` (OSC 8, ended with ST). The URL must hold no control characters. */
export function hyperlink(url: string, text = url): string {
	return `\u001B]8;;${url}\u001B\\${text}\u001B]8;;\u001B\\`;
}

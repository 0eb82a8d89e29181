/** The escape sequence asking the terminal to put `text` on the clipboard (OSC 52). */
export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(text).toString('base64')}\u0007`;
}

/**
 * What `c` did and did not do: `what` was printed above the wizard on one line, and offered to the
 * clipboard through OSC 52, which no terminal confirms; tmux passes it on only with set-clipboard on.
 */
export function copyNote(what: string, {tmux}: {readonly tmux: boolean}): string {
	const sent = `${what} is printed above on one line, and was sent to the clipboard by OSC 52; the terminal does not say whether it took it: paste to check.`;
	return tmux ? `${sent} Inside tmux that needs \`set -g set-clipboard on\`.` : sent;
}

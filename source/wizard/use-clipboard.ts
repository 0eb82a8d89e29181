import {useLayoutEffect, useRef, useState} from 'react';
import {useStdout} from 'ink';
import {copyNote, osc52} from '../components/clipboard.js';
import {hyperlink} from '../components/hyperlink.js';

/** What the terminal is known to do: OSC 8 links (components/hyperlink.ts), and whether it runs inside tmux. */
export type TerminalTraits = {readonly hyperlinks: boolean; readonly tmux: boolean};

export type ClipboardOptions = {
	readonly terminal: TerminalTraits;
	/** Writes to the terminal outside Ink's frame (OSC 52). */
	readonly writeRaw?: ((text: string) => void) | undefined;
	/** The screen (and attempt) on show: a copy's note belongs to the screen it was made on. */
	readonly screen: string;
};

export type Clipboard = {
	/** Prints `value` above the frame on one line and offers it to the clipboard; the note shows on this screen. */
	readonly copy: (value: string) => void;
	/** The note of the last copy, while its screen is on show. */
	readonly note: string | undefined;
	/** Prints the URL above the frame (a link where the terminal has them) and offers it to the clipboard; returns the note. */
	readonly copyUrl: (url: string) => string;
	/** Prints the consent URL above the frame, once for each URL. */
	readonly printConsentUrl: (url: string | undefined) => void;
};

/**
 * Lines printed above the wizard's frame stay whole, unbroken by Ink's wrapping, so a selection copies
 * them as one line; the same text goes to the clipboard by OSC 52, which no terminal confirms.
 */
export function useClipboard({terminal, writeRaw, screen}: ClipboardOptions): Clipboard {
	const {write: printAbove} = useStdout();
	const [copied, setCopied] = useState<{screen: string; text: string} | undefined>(undefined);
	const printedUrl = useRef<string | undefined>(undefined);
	const link = (url: string) => terminal.hyperlinks ? hyperlink(url) : url;
	return {
		copy(value) {
			printAbove(`${value}\n`);
			writeRaw?.(osc52(value));
			setCopied({screen, text: copyNote(value, terminal)});
		},
		note: copied?.screen === screen ? copied.text : undefined,
		copyUrl(url) {
			printAbove(`${link(url)}\n`);
			writeRaw?.(osc52(url));
			return copyNote('The URL', terminal);
		},
		printConsentUrl(url) {
			if (url && printedUrl.current !== url) {
				printedUrl.current = url;
				printAbove(`Open this page to consent:\n${link(url)}\n\n`);
			}
		},
	};
}

/** Each consent URL once, above the frame, as the line to open, in the commit that shows its screen. */
export function usePrintedConsentUrl(clipboard: Pick<Clipboard, 'printConsentUrl'>, url: string | undefined): void {
	useLayoutEffect(() => {
		clipboard.printConsentUrl(url);
	});
}

import {isatty} from 'node:tty';
import {terminalLines} from './terminal-text.js';

/** The terminal as the plain-Node commands see it; injected so tests can capture it. */
export type Io = {
	/** Machine output: tokens, --json. Only the `token` command's stdout ever holds a token. */
	readonly out: (text: string) => void;
	/** Everything for people: progress, results, errors. */
	readonly err: (text: string) => void;
	/** Both stdin and stdout are terminals. */
	readonly isTTY: boolean;
	readonly stdin: NodeJS.ReadableStream;
	readonly env: NodeJS.ProcessEnv;
};

export function processIo(): Io {
	return {
		// Outside text is escaped where it is printed; this catches what a print site missed.
		out: text => process.stdout.write(terminalLines(text)),
		err: text => process.stderr.write(terminalLines(text)),
		// isatty on the descriptors, and stdin only on first use: creating process.stdin costs
		// a few milliseconds that `token`, `status` and `--help` never need.
		isTTY: isatty(0) && isatty(1),
		get stdin() {
			return process.stdin;
		},
		env: process.env,
	};
}

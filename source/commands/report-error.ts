import {isMktError} from '../errors.js';
import {terminalLines, terminalText} from '../terminal-text.js';
import type {CommandIo} from './deps.js';

/** A command's failure on stderr, as people read it; returns the exit code. */
export function reportError(error: unknown, io: Pick<CommandIo, 'err'>, env: NodeJS.ProcessEnv): number {
	if (isMktError(error)) {
		io.err(`✖ ${terminalText(error.message)}\n  ${terminalLines(error.remedy)}\n`);
		return error.exitCode;
	}

	// A bug: say so without dumping objects that may hold secrets.
	const name = error instanceof Error ? error.name : typeof error;
	io.err(`✖ mkt-wizard failed unexpectedly (${name}).\n  Please report it with the command you ran; run with MKT_WIZARD_DEBUG=1 for the stack trace.\n`);
	if (env.MKT_WIZARD_DEBUG && error instanceof Error) {
		io.err(`${error.stack ?? ''}\n`);
	}

	return 1;
}

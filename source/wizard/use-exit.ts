import {useEffect, useRef, useState} from 'react';
import {useApp} from 'ink';
import {useKeyActions} from '../components/use-keys.js';

export type Exit = {
	/** The line shown in place of the screen once the wizard was quit. */
	readonly ended: string | undefined;
	/** Ends the wizard with this exit code (0 saved, 1 failed), once. */
	readonly finish: (code: number) => void;
	/** Quits (exit code 130), leaving `line` in place of the screen. */
	readonly quit: (line: string) => void;
};

/**
 * The wizard's ways out. Quitting leaves one line saying so in place of the screen (no frozen spinner, no
 * stale header); Ctrl+C is a key here (raw mode), and says whether anything was saved.
 */
export function useExit(onExit: (code: number) => void, {saving}: {readonly saving: boolean}): Exit {
	const {exit} = useApp();
	const exited = useRef(false);
	const [ended, setEnded] = useState<string | undefined>(undefined);
	const finish = (code: number) => {
		if (!exited.current) {
			exited.current = true;
			onExit(code);
			exit();
		}
	};

	// After the line is drawn.
	useEffect(() => {
		if (ended) {
			finish(130);
		}
	});
	useKeyActions([{key: 'ctrl+c', label: 'quit', hint: false, run: () => setEnded(`mkt-wizard: cancelled with Ctrl+C${saving ? '' : '; nothing was saved'}.`)}]);
	return {ended, finish, quit: setEnded};
}

import {useState} from 'react';

/**
 * Runs an event handler's work; what it throws is thrown again in the next render, where the step's
 * error boundary shows it as a failure screen (an error boundary sees only what rendering throws).
 */
export function useThrowInRender(): (work: () => void) => void {
	const [thrown, setThrown] = useState<{readonly error: unknown} | undefined>(undefined);
	if (thrown) {
		throw thrown.error;
	}

	return work => {
		try {
			work();
		} catch (error) {
			setThrown({error});
		}
	};
}

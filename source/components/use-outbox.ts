import {useEffect, useRef} from 'react';

/**
 * Components keep key state in a reducer, and the reducer cannot call props:
 * it records what happened (`submit`, `change`) in a fresh `outbox` array, and
 * this hook hands each entry to `deliver` once, after the render.
 */
export function useOutbox<T>(outbox: readonly T[], deliver: (message: T) => void): void {
	const deliverRef = useRef(deliver);
	deliverRef.current = deliver;
	useEffect(() => {
		for (const message of outbox) {
			deliverRef.current(message);
		}
	}, [outbox]);
}

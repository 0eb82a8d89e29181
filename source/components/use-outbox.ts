import {useLayoutEffect, useRef} from 'react';

/**
 * Components keep key state in a reducer, and the reducer cannot call props:
 * it records what happened (`submit`, `change`) in a fresh `outbox` array, and
 * this hook hands each entry to `deliver` once, in the commit that recorded it.
 * That is a layout effect so that the parent's answer (the next step, say) is
 * committed before the next key is read: a passive effect runs later, and a key
 * read before it would still reach this component.
 */
export function useOutbox<T>(outbox: readonly T[], deliver: (message: T) => void): void {
	const deliverRef = useRef(deliver);
	useLayoutEffect(() => {
		deliverRef.current = deliver;
	});
	useLayoutEffect(() => {
		for (const message of outbox) {
			deliverRef.current(message);
		}
	}, [outbox]);
}

import {useEffect, useState} from 'react';

const tickMs = 250;

/** The time, ticking while the screen that shows a live duration is up (only that screen renders again). */
export function useClock(now: () => number): number {
	const [time, setTime] = useState(now);
	useEffect(() => {
		const timer = setInterval(() => {
			setTime(now());
		}, tickMs);
		return () => {
			clearInterval(timer);
		};
	}, [now]);
	return time;
}

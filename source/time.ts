const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function plural(count: number, unit: string): string {
	return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** A length of time in words, to the nearest minute: `under a minute`, `59 min`, `2 h`, `1 h 30 min`, then days from 48 h: `90 days`. */
export function formatSpan(ms: number): string {
	// To the nearest minute: a token issued a moment ago for 7200 s expires in 2 h, not "1 h".
	const minutes = Math.round(ms / minute);
	if (minutes < 1) {
		return 'under a minute';
	}

	if (minutes < 60) {
		return `${minutes} min`;
	}

	if (minutes < 48 * 60) {
		const rest = minutes % 60;
		return `${Math.floor(minutes / 60)} h${rest === 0 ? '' : ` ${rest} min`}`;
	}

	// Days round to the nearest: a refresh token issued a moment ago for 90 days says 90.
	return plural(Math.round(ms / day), 'day');
}

/** A distance in time: `in 59 min`, `in 1 h 30 min`, `in 90 days`, `3 min ago`. */
export function formatRelative(ms: number): string {
	return ms >= 0 ? `in ${formatSpan(ms)}` : `${formatSpan(-ms)} ago`;
}

function twoDigits(value: number): string {
	return String(value).padStart(2, '0');
}

/** Local clock time `14:03` when `epochMs` falls on the same local day as `now`, else `21 Feb 2027 14:03`. */
export function formatLocalTime(epochMs: number, now: number): string {
	const date = new Date(epochMs);
	const today = new Date(now);
	const clock = `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
	const sameDay = date.getFullYear() === today.getFullYear()
		&& date.getMonth() === today.getMonth()
		&& date.getDate() === today.getDate();
	return sameDay ? clock : `${date.getDate()} ${months[date.getMonth()]} ${date.getFullYear()} ${clock}`;
}

/**
 * When a token expires, the one way people are told (wizard, `login`, `status`, `doctor`; `--json`
 * keeps ISO 8601): local time, then how far off, `14:03 (in 2 h)` or `21 Feb 2027 14:03 (in 90 days)`.
 */
export function formatExpiry(epochMs: number, now: number): string {
	return `${formatLocalTime(epochMs, now)} (${formatRelative(epochMs - now)})`;
}

/** Time taken, short, for status lines: `0.3s`, `12.0s`, then `1:05`. */
export function formatDurationShort(ms: number): string {
	const safe = Math.max(0, ms);
	return safe < minute ? `${(safe / 1000).toFixed(1)}s` : formatClock(safe);
}

/** A limit in words, for sentences: `150 ms`, `1.5 seconds`, `30 seconds`, `5 minutes`, `2.5 minutes`. */
export function formatDurationWords(ms: number): string {
	if (ms < 1000) {
		return `${ms} ms`;
	}

	const seconds = ms / 1000;
	if (seconds < 120) {
		const shown = Number(seconds.toFixed(1));
		return `${shown} second${shown === 1 ? '' : 's'}`;
	}

	return `${Number((seconds / 60).toFixed(1))} minutes`;
}

/** A countdown or stopwatch: `0:42`, `4:18`, `12:00`. Seconds round down. */
export function formatClock(ms: number): string {
	const seconds = Math.floor(Math.max(0, ms) / 1000);
	return `${Math.floor(seconds / 60)}:${twoDigits(seconds % 60)}`;
}

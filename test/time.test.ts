import assert from 'node:assert/strict';
import {test} from 'node:test';
import {formatClock, formatDurationShort, formatDurationWords, formatExpiry, formatSpan, formatLocalTime, formatRelative} from '../source/time.js';

const minute = 60_000;
const day = 24 * 60 * minute;

test('formatRelative says minutes, to the nearest', () => {
	assert.equal(formatRelative((59 * minute) + 20_000), 'in 59 min');
	assert.equal(formatRelative(3 * minute), 'in 3 min');
	assert.equal(formatRelative(20_000), 'in under a minute');
});

test('formatRelative says hours up to two days, then days', () => {
	assert.equal(formatRelative(60 * minute), 'in 1 h');
	assert.equal(formatRelative((120 * minute) - 200), 'in 2 h', 'a 7200 s token a moment after it was issued');
	assert.equal(formatRelative(90 * minute), 'in 1 h 30 min');
	assert.equal(formatRelative(47 * 60 * minute), 'in 47 h');
	assert.equal(formatRelative((90 * day) - 5), 'in 90 days');
	assert.equal(formatRelative(2 * day), 'in 2 days');
});

test('formatRelative describes the past as ago', () => {
	assert.equal(formatRelative(-3 * minute), '3 min ago');
	assert.equal(formatRelative(-day * 3), '3 days ago');
});

test('formatLocalTime shows only the clock for today, the date otherwise', () => {
	const now = new Date(2026, 10, 23, 13, 4).getTime();
	assert.equal(formatLocalTime(new Date(2026, 10, 23, 14, 3).getTime(), now), '14:03');
	assert.equal(formatLocalTime(new Date(2027, 1, 21, 9, 5).getTime(), now), '21 Feb 2027 09:05');
	assert.equal(formatLocalTime(new Date(2026, 10, 24, 0, 0).getTime(), now), '24 Nov 2026 00:00');
});

test('formatDurationShort uses tenths of a second under a minute, then a clock', () => {
	assert.equal(formatDurationShort(300), '0.3s');
	assert.equal(formatDurationShort(1234), '1.2s');
	assert.equal(formatDurationShort(65_000), '1:05');
	assert.equal(formatDurationShort(-5), '0.0s');
});

test('formatDurationWords says milliseconds under a second, seconds under two minutes, then minutes', () => {
	const cases: Array<[number, string]> = [
		[150, '150 ms'],
		[1000, '1 second'],
		[1040, '1 second'],
		[1500, '1.5 seconds'],
		[1250, '1.3 seconds'],
		[30_000, '30 seconds'],
		[119_000, '119 seconds'],
		[120_000, '2 minutes'],
		[150_000, '2.5 minutes'],
		[300_000, '5 minutes'],
	];
	for (const [ms, words] of cases) {
		assert.equal(formatDurationWords(ms), words, `${ms} ms`);
	}
});

test('formatClock counts minutes and seconds', () => {
	assert.equal(formatClock(42_000), '0:42');
	assert.equal(formatClock((4 * minute) + 18_999), '4:18');
});

test('formatExpiry: local time and how far off, the one way expiry is shown to people', () => {
	const now = new Date(2027, 1, 21, 12, 3).getTime();
	assert.equal(formatExpiry(now + (120 * minute), now), '14:03 (in 2 h)');
	assert.equal(formatExpiry(new Date(2027, 4, 22, 12, 3).getTime(), now), '22 May 2027 12:03 (in 90 days)');
	assert.equal(formatExpiry(now - (5 * minute), now), '11:58 (5 min ago)');
});

test('formatSpan is the length alone, as formatRelative and the token notes say it', () => {
	assert.equal(formatSpan(3600 * 1000), '1 h');
	assert.equal(formatSpan(7200 * 1000), '2 h');
	assert.equal(formatSpan(90 * minute), '1 h 30 min');
	assert.equal(formatSpan(20_000), 'under a minute');
	assert.equal(formatSpan(90 * day), '90 days');
});

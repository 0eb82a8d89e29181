/** The cursor after moving `delta` rows, wrapping at either end. */
export function moveCursor({cursor, delta, count}: {cursor: number; delta: number; count: number}): number {
	if (count === 0) {
		return 0;
	}

	return (((cursor + delta) % count) + count) % count;
}

/** The cursor after a page move, stopping at either end instead of wrapping. */
export function clampCursor(cursor: number, count: number): number {
	return Math.max(0, Math.min(count - 1, cursor));
}

/** First visible row: moves only as far as needed to keep the cursor in view. */
export function scrollOffset({cursor, offset, limit, count}: {cursor: number; offset: number; limit: number; count: number}): number {
	if (count <= limit) {
		return 0;
	}

	if (cursor < offset) {
		return cursor;
	}

	if (cursor >= offset + limit) {
		return cursor - limit + 1;
	}

	return Math.min(offset, count - limit);
}

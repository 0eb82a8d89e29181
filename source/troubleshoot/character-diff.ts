export type DiffSegment = {
	/** `removed`: only in the first string; `added`: only in the second. */
	readonly kind: 'same' | 'removed' | 'added';
	readonly text: string;
};

// Redirect values are short; past this the middle is shown as one replacement.
const maxCells = 250_000;

function push(segments: DiffSegment[], kind: DiffSegment['kind'], text: string): void {
	if (text === '') {
		return;
	}

	const last = segments.at(-1);
	if (last?.kind === kind) {
		segments[segments.length - 1] = {kind, text: last.text + text};
	} else {
		segments.push({kind, text});
	}
}

/** Longest common subsequence of two short arrays of characters, as aligned segments. */
function lcsSegments(a: readonly string[], b: readonly string[], segments: DiffSegment[]): void {
	const width = b.length + 1;
	// lengths[i * width + j]: LCS length of a[i..] and b[j..]
	const lengths = new Uint32Array((a.length + 1) * width);
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) {
			lengths[(i * width) + j] = a[i] === b[j]
				? lengths[((i + 1) * width) + j + 1]! + 1
				: Math.max(lengths[((i + 1) * width) + j]!, lengths[(i * width) + j + 1]!);
		}
	}

	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		if (a[i] === b[j]) {
			push(segments, 'same', a[i]!);
			i++;
			j++;
		} else if (lengths[((i + 1) * width) + j]! >= lengths[(i * width) + j + 1]!) {
			push(segments, 'removed', a[i]!);
			i++;
		} else {
			push(segments, 'added', b[j]!);
			j++;
		}
	}

	push(segments, 'removed', a.slice(i).join(''));
	push(segments, 'added', b.slice(j).join(''));
}

/**
 * A character-level alignment of `from` and `to` (by code point), for showing
 * two redirect URIs one above the other: `removed` text is only in `from`,
 * `added` text only in `to`. Joining same+removed gives `from`; same+added gives `to`.
 */
export function characterDiff(from: string, to: string): DiffSegment[] {
	const a = Array.from(from);
	const b = Array.from(to);
	let prefix = 0;
	while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) {
		prefix++;
	}

	let suffix = 0;
	while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) {
		suffix++;
	}

	const segments: DiffSegment[] = [];
	push(segments, 'same', a.slice(0, prefix).join(''));
	const middleA = a.slice(prefix, a.length - suffix);
	const middleB = b.slice(prefix, b.length - suffix);
	if ((middleA.length + 1) * (middleB.length + 1) > maxCells) {
		push(segments, 'removed', middleA.join(''));
		push(segments, 'added', middleB.join(''));
	} else {
		lcsSegments(middleA, middleB, segments);
	}

	push(segments, 'same', a.slice(a.length - suffix).join(''));
	return groupChanges(segments);
}

/** Between two unchanged runs, all removed text first, then all added text: easier to read than an interleaving. */
function groupChanges(segments: readonly DiffSegment[]): DiffSegment[] {
	const grouped: DiffSegment[] = [];
	let removed = '';
	let added = '';
	for (const segment of [...segments, {kind: 'same', text: ''} as const]) {
		if (segment.kind === 'removed') {
			removed += segment.text;
		} else if (segment.kind === 'added') {
			added += segment.text;
		} else {
			push(grouped, 'removed', removed);
			push(grouped, 'added', added);
			push(grouped, 'same', segment.text);
			removed = '';
			added = '';
		}
	}

	return grouped;
}

/** Edit distance (insert, delete, replace, swap of neighbours) between two short words. */
function distance(a: string, b: string): number {
	const rows = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : (j === 0 ? i : 0))));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, rows[i - 2]![j - 2]! + 1);
			}

			rows[i]![j] = best;
		}
	}

	return rows[a.length]![b.length]!;
}

/**
 * The candidate a mistyped word most likely meant, as git and gh suggest: the closest within
 * a third of its length (at least 1, at most 3 edits), or the only candidate it begins; none
 * for words under 3 characters.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
	const typed = word.toLowerCase();
	if (typed.length < 3) {
		return undefined;
	}

	const limit = Math.min(3, Math.max(1, Math.floor(typed.length / 3)));
	let best: {candidate: string; cost: number} | undefined;
	for (const candidate of candidates) {
		const cost = distance(typed, candidate.toLowerCase());
		if (cost <= limit && (best === undefined || cost < best.cost)) {
			best = {candidate, cost};
		}
	}

	if (best) {
		return best.candidate;
	}

	const extended = candidates.filter(candidate => candidate.toLowerCase().startsWith(typed));
	return extended.length === 1 ? extended[0] : undefined;
}

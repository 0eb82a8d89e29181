import assert from 'node:assert/strict';
import {mkdirSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `npm run stress` sets this: the long runs the issue asks for instead of the quick ones in `npm test`. */
export const stressMode = process.env.MKT_WIZARD_STRESS === '1';

/** `quick` in `npm test`, `stress` under `npm run stress`. */
export function sized(quick: number, stress: number): number {
	return stressMode ? stress : quick;
}

export type RunMode = 'test' | 'stress';

/** One line of the readme's Reliability table, as a test saw it. */
export type ReliabilityResult = {
	readonly id: string;
	readonly what: string;
	readonly mode: RunMode;
	/** Plain words: `8 processes × 3 rounds`. */
	readonly tried: string;
	readonly counts: Readonly<Record<string, number>>;
	readonly failures: number;
	readonly finishedAt: string;
};

/** Where each test leaves its result: one JSON file per id and mode, the newest run winning. */
export function resultsDir(mode: RunMode = stressMode ? 'stress' : 'test'): string {
	return path.join(os.tmpdir(), 'mkt-wizard-reliability', mode);
}

type Diagnostic = {diagnostic(message: string): void};

/**
 * Counts what a reliability test tried and what failed. Cases run to the end
 * even when some fail, so the count of failures is real; `report` prints it as
 * a `# reliability: {...}` diagnostic and saves it for the readme table, and
 * the test then asserts that nothing failed.
 */
export class Tally {
	readonly counts: Record<string, number> = {};
	readonly failures: string[] = [];
	private parent: Tally | undefined;

	constructor(readonly id: string, readonly what: string) {}

	/**
	 * A tally for one test of a file whose tests share this one: what it counts and records goes
	 * here too, for the file's report, and the test asserts its own part (assertPassed), so that
	 * it fails by itself when run alone.
	 */
	part(): Tally {
		const part = new Tally(this.id, this.what);
		part.parent = this;
		return part;
	}

	add(name: string, amount = 1): void {
		this.counts[name] = (this.counts[name] ?? 0) + amount;
		this.parent?.add(name, amount);
	}

	fail(description: string): void {
		this.failures.push(description);
		this.parent?.fail(description);
	}

	/** Asserts that no case failed and that at least `least[name]` of each count were tried. */
	assertPassed(least: Readonly<Record<string, number>> = {}): void {
		assert.deepEqual(this.failures, []);
		for (const [name, minimum] of Object.entries(least)) {
			const tried = this.counts[name] ?? 0;
			assert.ok(tried >= minimum, `${tried} ${name} tried, fewer than ${minimum}`);
		}
	}

	/** Runs one case; a thrown error is recorded as a failure, not raised. */
	async attempt(label: string, run: () => Promise<void> | void): Promise<boolean> {
		try {
			await run();
			return true;
		} catch (error) {
			this.fail(`${label}: ${error instanceof Error ? error.message : String(error)}`);
			return false;
		}
	}

	/** Saves the result for the readme table; prints it as diagnostics when given a test's context (a hook has none on Node 20). */
	report(t: Diagnostic | undefined, tried: string): ReliabilityResult {
		const result: ReliabilityResult = {
			id: this.id,
			what: this.what,
			mode: stressMode ? 'stress' : 'test',
			tried,
			counts: {...this.counts},
			failures: this.failures.length,
			finishedAt: new Date().toISOString(),
		};
		t?.diagnostic(`reliability: ${JSON.stringify(result)}`);
		for (const failure of this.failures.slice(0, 10)) {
			t?.diagnostic(`reliability failure: ${failure}`);
		}

		const dir = resultsDir(result.mode);
		mkdirSync(dir, {recursive: true});
		writeFileSync(path.join(dir, `${this.id}.json`), `${JSON.stringify(result)}\n`);
		return result;
	}
}

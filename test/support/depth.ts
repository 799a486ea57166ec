/**
 * How deep a test run goes: the one place that scales generated cases and exhaustive matrices.
 *
 * - `standard` (the default: `npm test`): every test file and every scenario, with property run
 *   counts at a quarter of the documented ones (never below a floor that still finds the bugs the
 *   property is for) and the fault matrix killing an apply at a spread of its writes.
 * - `deep` (`TRAFFICPORT_TEST_DEPTH=deep npm test`, what `.ci/run` runs): the documented counts and
 *   the full fault matrix (a kill after every write, the restore step of every fault scenario).
 *
 * `RELIABILITY_RUNS=N` (N > 1) multiplies the deep counts by N and implies `deep`, for runs deeper
 * than CI's (docs/reliability.md). The counts per tier are listed in README's Development section.
 */

const multiplier = Math.max(1, Math.floor(Number(process.env.RELIABILITY_RUNS ?? 1)) || 1);

/** True in the deep tier: exhaustive variants (every kill point, the largest inputs) run too. */
export const DEEP = process.env.TRAFFICPORT_TEST_DEPTH === 'deep' || multiplier > 1;

/** The tier's name, for summary lines that report counts. */
export const DEPTH: 'standard' | 'deep' = DEEP ? 'deep' : 'standard';

/** The standard tier's fraction of the documented counts. */
export const STANDARD_FRACTION = 1 / 4;

/**
 * The number of generated cases for a property documented at `n` cases: `n` in the deep tier
 * (times RELIABILITY_RUNS), a quarter of it in the standard tier, and never fewer than `floor`
 * (default 10, or `n` itself when smaller): the count below which the property stops finding the
 * bugs it was written for. Pin a case a property once found as an explicit example, not a count.
 */
export function runs(n: number, floor = 10): number {
  if (DEEP) return Math.max(1, Math.round(n * multiplier));
  return Math.min(n, Math.max(floor, Math.ceil(n * STANDARD_FRACTION)));
}

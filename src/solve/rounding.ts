/** Percent precision of published shares: 0.001% (units of 1/100,000). */
export const SHARE_UNITS = 100_000;

/**
 * Rounds fractions (summing to 1) to percentages with three decimals that sum to exactly 100,
 * by largest remainder. A zero stays exactly zero: rounding never gives traffic to an endpoint
 * the solver gave none.
 */
export function roundShares(fractions: readonly number[]): number[] {
  const total = fractions.reduce((sum, f) => sum + Math.max(0, f), 0);
  if (total <= 0) return fractions.map(() => 0);
  const exact = fractions.map((f) => (Math.max(0, f) / total) * SHARE_UNITS);
  const units = exact.map((x) => Math.floor(x + 1e-9));
  let left = SHARE_UNITS - units.reduce((sum, u) => sum + u, 0);
  const order = exact
    .map((x, i) => ({ i, remainder: x - Math.floor(x + 1e-9) }))
    .filter(({ i }) => exact[i]! > 0)
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) units[order[k]!.i]! += 1;
  // Flooring with a tolerance can overshoot by a unit; take it back from the smallest remainder.
  for (let k = order.length - 1; left < 0 && k >= 0; k--) {
    if (units[order[k]!.i]! > 0) {
      units[order[k]!.i]! -= 1;
      left++;
    }
  }
  return units.map((u) => u / (SHARE_UNITS / 100));
}

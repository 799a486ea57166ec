/**
 * Integer DNS weights for a share vector, with the least error a provider's weight range allows.
 *
 * Every total T from the number of positive shares up to what the range allows is tried; for
 * each, weights are apportioned by largest remainder, and the T whose worst share error is
 * smallest wins (ties: the smaller T, for readable weights). Guarantees, whatever the input:
 * an endpoint with share 0 gets weight 0; a vector with any positive share gets a positive
 * total (never an all-zero group, which Route 53 would answer evenly); no weight exceeds `max`.
 * `min` > 0 (Traffic Manager's 1..1000) lifts each positive share to at least `min`.
 */
export interface WeightRange {
  readonly min: number;
  readonly max: number;
}

export const ROUTE53_WEIGHTS: WeightRange = { min: 0, max: 255 };
export const TRAFFIC_MANAGER_WEIGHTS: WeightRange = { min: 1, max: 1000 };

export function integerWeights(shares: readonly number[], range: WeightRange): number[] {
  const positive = shares.map((s, i) => ({ s: Math.max(0, s), i })).filter(({ s }) => s > 0);
  if (positive.length === 0) throw new Error('integerWeights: a served geography needs a positive share');
  const total = positive.reduce((sum, { s }) => sum + s, 0);
  const fractions = positive.map(({ s }) => s / total);
  const floor = Math.max(1, range.min);
  let best: { error: number; weights: number[] } | undefined;
  const largest = Math.max(...fractions);
  // Beyond this total the largest weight would pass max; below the count, some share gets 0.
  const upper = Math.floor(range.max / largest);
  for (let t = positive.length * floor; t <= Math.max(upper, positive.length * floor); t++) {
    const weights = apportion(fractions, t, floor);
    if (weights.some((w) => w > range.max)) continue;
    const sum = weights.reduce((a, b) => a + b, 0);
    const error = Math.max(...weights.map((w, k) => Math.abs(w / sum - fractions[k]!)));
    if (best === undefined || error < best.error - 1e-12) best = { error, weights };
    if (error === 0) break;
  }
  const chosen = best?.weights ?? positive.map(() => floor);
  const result = shares.map(() => 0);
  positive.forEach(({ i }, k) => {
    result[i] = chosen[k]!;
  });
  return result;
}

/** Largest-remainder apportionment of `total` among `fractions`, each at least `floor`. */
function apportion(fractions: readonly number[], total: number, floor: number): number[] {
  const spare = total - floor * fractions.length;
  // Clamped at 0 and snapped near integers, so float noise never hands a unit to a tiny share.
  const exact = fractions.map((f) => {
    const x = Math.max(0, f * total - floor);
    return Math.abs(x - Math.round(x)) < 1e-9 ? Math.round(x) : x;
  });
  const weights = exact.map((x) => Math.max(0, Math.floor(x)));
  let left = spare - weights.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, k) => ({ k, remainder: x - Math.floor(x) }))
    .sort((a, b) => b.remainder - a.remainder || a.k - b.k);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) weights[order[j]!.k]! += 1;
  for (let j = order.length - 1; left < 0; j = (j - 1 + order.length) % order.length) {
    if (weights[order[j]!.k]! > 0) {
      weights[order[j]!.k]! -= 1;
      left++;
    }
  }
  return weights.map((w) => w + floor);
}

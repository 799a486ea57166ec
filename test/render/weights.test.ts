import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integerWeights, ROUTE53_WEIGHTS, TRAFFIC_MANAGER_WEIGHTS } from '../../src/render/weights.js';

const sharesArb = fc
  .array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 100, noNaN: true })), { minLength: 1, maxLength: 12 })
  .filter((shares) => shares.some((s) => s > 0));

describe('integer weights', () => {
  it('are exact when the shares allow it', () => {
    expect(integerWeights([50, 50], ROUTE53_WEIGHTS)).toEqual([1, 1]);
    expect(integerWeights([25, 0, 75], ROUTE53_WEIGHTS)).toEqual([1, 0, 3]);
    expect(integerWeights([100], TRAFFIC_MANAGER_WEIGHTS)).toEqual([1]);
  });

  it('refuse an all-zero vector rather than publish an even split', () => {
    expect(() => integerWeights([0, 0], ROUTE53_WEIGHTS)).toThrow();
  });

  for (const [name, range] of [
    ['Route 53 (0-255)', ROUTE53_WEIGHTS],
    ['Traffic Manager (1-1000)', TRAFFIC_MANAGER_WEIGHTS],
  ] as const) {
    it(`${name}: zero stays zero, no all-zero group, within range, error below one step`, () => {
      fc.assert(
        fc.property(sharesArb, (shares) => {
          const weights = integerWeights(shares, range);
          const total = weights.reduce((a, b) => a + b, 0);
          const shareTotal = shares.reduce((a, b) => a + b, 0);
          expect(total).toBeGreaterThan(0);
          shares.forEach((share, i) => {
            if (share === 0) expect(weights[i]).toBe(0);
            expect(Number.isInteger(weights[i])).toBe(true);
            expect(weights[i]!).toBeLessThanOrEqual(range.max);
            if (weights[i]! > 0) expect(weights[i]!).toBeGreaterThanOrEqual(Math.max(1, range.min));
          });
          // The best total is at least as good as the naive scaling to the range's maximum.
          const worst = Math.max(...weights.map((w, i) => Math.abs(w / total - shares[i]! / shareTotal)));
          const positives = shares.filter((s) => s > 0).length;
          expect(worst).toBeLessThanOrEqual(
            Math.max(1 / range.max, Math.max(1, range.min) / (positives * Math.max(1, range.min))) + 1e-9,
          );
        }),
        { numRuns: 500 },
      );
    });
  }
});

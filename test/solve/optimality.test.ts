import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrafficportError } from '../../src/errors.js';
import { solveFlow } from '../../src/solve/flow-model.js';
import { splitProblemAsLp } from '../../src/solve/reference-lp.js';
import { flowInputs } from '../../src/solve/solve.js';
import { runs } from '../support/depth.js';
import { loadHighs } from '../support/highs.js';
import { momentArb, policyArb } from '../support/policy-arb.js';

/**
 * 300 policies in the deep tier, 100 in the standard one (test/support/depth.ts): about 73% of
 * them solve and are compared, and the floor below stays 5 standard deviations under that.
 */
const RUNS = runs(300, 100);

describe('engine optimality against an exact LP solver', () => {
  it(`matches the HiGHS optimum within 0.1% on ${RUNS} random policies`, async () => {
    const highs = await loadHighs();
    let compared = 0;
    fc.assert(
      fc.property(policyArb, momentArb, (policy, at) => {
        let inputs: ReturnType<typeof flowInputs>;
        try {
          inputs = flowInputs(policy, at);
        } catch (error) {
          if (isTrafficportError(error)) return;
          throw error;
        }
        for (const input of inputs) {
          const ours = solveFlow(input);
          const { lp, offset, scale } = splitProblemAsLp(input);
          const exact = highs.solve(lp);
          expect(exact.Status).toBe('Optimal');
          const engine = ours.cost + offset;
          const reference = exact.ObjectiveValue / scale;
          expect(Math.abs(engine - reference)).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(reference)));
          compared++;
        }
      }),
      { numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(RUNS / 2);
  });
});

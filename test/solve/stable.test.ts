import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrafficportError } from '../../src/errors.js';
import type { Policy } from '../../src/policy/types.js';
import { type FlowInput, solveFlow } from '../../src/solve/flow-model.js';
import { leastMovementLp, splitProblemAsLp } from '../../src/solve/reference-lp.js';
import { flowInputs, solve } from '../../src/solve/solve.js';
import type { SplitReference } from '../../src/solve/types.js';
import { runs } from '../support/depth.js';
import { loadHighs } from '../support/highs.js';
import { momentArb, policyArb } from '../support/policy-arb.js';

/**
 * 300 policies in the deep tier, 150 in the standard one (test/support/depth.ts): about 59% of
 * them reach the comparison, and the floors below stay 6 standard deviations under that.
 */
const RUNS = runs(300, 150);

/** Small changes of the kinds a policy sees between two plans. */
const perturbationArb = fc.oneof(
  fc.record({ kind: fc.constant('capacity' as const), index: fc.nat(), factor: fc.constantFrom(0.95, 0.9, 1.05) }),
  fc.record({ kind: fc.constant('total' as const), factor: fc.constantFrom(0.97, 1.03) }),
  fc.record({ kind: fc.constant('remove' as const), index: fc.nat() }),
);

type Perturbation = typeof perturbationArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * The case CI drew on 2026-12-03 (seed 905047791, Node 24, deep tier), an explicit example in both
 * tiers: the re-plan is optimal to 6e-12 and moves nothing, while the least movement over the
 * optimal face fixed from HiGHS's duals came out at 0.14% of the traffic. That face is fixed with
 * a tolerance on the duals, so it can be narrower than the true one.
 */
const CI_CASE = JSON.parse(readFileSync(join(import.meta.dirname, 'stable-ci-case.json'), 'utf8')) as [
  Policy,
  number,
  Perturbation,
];

function perturb(policy: Policy, change: Perturbation): Policy {
  if (change.kind === 'total') {
    const total = policy.demand.total;
    return total === undefined ? policy : { ...policy, demand: { ...policy.demand, total: total * change.factor } };
  }
  const endpoint = policy.endpoints[change.index % policy.endpoints.length]!;
  if (change.kind === 'capacity') {
    if (endpoint.capacity === undefined) return policy;
    const endpoints = policy.endpoints.map((e) =>
      e === endpoint ? { ...e, capacity: e.capacity! * change.factor } : e,
    );
    return { ...policy, endpoints };
  }
  if (policy.endpoints.length < 2) return policy;
  const endpoints = policy.endpoints.filter((e) => e !== endpoint);
  return {
    ...policy,
    endpoints,
    services: policy.services.map((s) => ({ ...s, endpoints: s.endpoints.filter((id) => id !== endpoint.id) })),
    rules: {
      ...policy.rules,
      maintenance: policy.rules.maintenance.filter(
        (w) => w.target.kind !== 'endpoint' || w.target.endpoint !== endpoint.id,
      ),
    },
  };
}

/** Traffic (fraction of all) a flow gives each pair beyond the previous split's share. */
function movedBeyond(input: FlowInput, shares: Float64Array, previous: Float64Array): number {
  let moved = 0;
  for (let g = 0; g < input.geoCount; g++) {
    const d = input.demand[g]!;
    if (d <= 0) continue;
    for (let e = 0; e < input.endpointCount; e++)
      moved += d * Math.max(0, shares[g * input.endpointCount + e]! - previous[g * input.endpointCount + e]!);
  }
  return moved;
}

describe('stable re-plans', () => {
  it(`move exactly the least traffic any optimal split allows, and stay optimal (${RUNS} perturbed policies, HiGHS)`, async () => {
    const highs = await loadHighs();
    let compared = 0;
    let saved = 0;
    fc.assert(
      fc.property(policyArb, momentArb, perturbationArb, (policy, at, change) => {
        let reference: SplitReference;
        let changed: Policy;
        let input: FlowInput;
        let plain: FlowInput;
        try {
          const before = solve(policy, at).services[0]!;
          reference = new Map([
            [
              before.service,
              new Map(
                before.geographies.map((g) => [
                  g.geo,
                  new Map(Object.entries(g.shares).map(([id, s]) => [id, s / 100])),
                ]),
              ),
            ],
          ]);
          changed = perturb(policy, change);
          [input] = flowInputs(changed, at, { reference }) as [FlowInput];
          [plain] = flowInputs(changed, at) as [FlowInput];
        } catch (error) {
          if (isTrafficportError(error)) return;
          throw error;
        }
        const previous = input.reference!;
        const stable = solveFlow(input);
        const { lp, offset, scale } = splitProblemAsLp(input);
        const exact = highs.solve(lp);
        expect(exact.Status).toBe('Optimal');
        // Still optimal: the same objective as HiGHS (and as the solve without a reference).
        const reference_ = exact.ObjectiveValue / scale;
        expect(Math.abs(stable.cost + offset - reference_)).toBeLessThanOrEqual(
          1e-3 * Math.max(1, Math.abs(reference_)),
        );
        // And the least movement of all optimal splits, which HiGHS finds over its own optimal face.
        const least = highs.solve(leastMovementLp(input, previous, lp, exact as never));
        expect(least.Status).toBe('Optimal');
        const minimum = least.ObjectiveValue / scale;
        const moved = movedBeyond(input, stable.shares, previous);
        expect(moved).toBeLessThanOrEqual(minimum + 1e-6);
        // Moving less than that least is possible only off the optimal face (the cost check above
        // bounds how far), or where the face fixed from HiGHS's duals with a tolerance is narrower
        // than the true one (CI_CASE): then the re-plan must be optimal to the solvers' precision.
        if (moved < minimum - 1e-3)
          expect(Math.abs(stable.cost + offset - reference_)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(reference_)),
          );
        saved += movedBeyond(input, solveFlow(plain).shares, previous) - moved;
        compared++;
      }),
      { numRuns: RUNS, examples: [CI_CASE] },
    );
    expect(compared).toBeGreaterThan(RUNS / 3);
    // Somewhere among them, the reference made a difference.
    expect(saved).toBeGreaterThan(0);
  }, 600_000);

  it(`offline, maintenance and endpoints down move the least traffic from the plan without them (${RUNS} policies, HiGHS)`, async () => {
    const highs = await loadHighs();
    let compared = 0;
    fc.assert(
      fc.property(policyArb, momentArb, fc.nat(), (policy, at, pick) => {
        const down = [policy.endpoints[pick % policy.endpoints.length]!.id];
        const overrides = { downEndpoints: pick % 3 !== 0 ? down : [], downRegions: [], downClouds: [] };
        let input: FlowInput;
        let steady: FlowInput;
        try {
          [input] = flowInputs(policy, at, { overrides }) as [FlowInput];
          [steady] = flowInputs({ ...policy, rules: { ...policy.rules, maintenance: [] } }, at) as [FlowInput];
        } catch (error) {
          if (isTrafficportError(error)) return;
          throw error;
        }
        if (input.reference === undefined) return;
        // The reference is the plan in force before: no maintenance, nobody down.
        expect([...input.reference]).toEqual([...solveFlow(steady).shares]);
        const { lp, scale } = splitProblemAsLp(input);
        const exact = highs.solve(lp);
        expect(exact.Status).toBe('Optimal');
        const least = highs.solve(leastMovementLp(input, input.reference, lp, exact as never));
        expect(least.Status).toBe('Optimal');
        const moved = movedBeyond(input, solveFlow(input).shares, input.reference);
        expect(moved).toBeLessThanOrEqual(least.ObjectiveValue / scale + 1e-6);
        compared++;
      }),
      { numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(RUNS / 4);
  }, 600_000);
});

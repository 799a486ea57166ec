import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrafficportError } from '../../src/errors.js';
import { geoRefContains } from '../../src/geo/geography.js';
import type { Endpoint, EndpointSelector, Policy, SovereigntyRule } from '../../src/policy/types.js';
import { listGeographies } from '../../src/solve/geographies.js';
import { splitProblemAsLp } from '../../src/solve/reference-lp.js';
import { flowInputs, solve } from '../../src/solve/solve.js';
import type { GeographySplit, Overrides, Splits } from '../../src/solve/types.js';
import { runs } from '../support/depth.js';
import { loadHighs } from '../support/highs.js';
import { momentArb, policyArb } from '../support/policy-arb.js';

/** 1,000 policies in the deep tier, 250 in the standard one (test/support/depth.ts). */
const RUNS = runs(1000);
/**
 * Determinism is a property of the engine's code paths (no iteration over unordered state, no
 * clock, no randomness), not of rare policies: each run solves twice, and 200 policies (50 in the
 * standard tier) reach every path the 1,000 of the contract properties do.
 */
const DETERMINISM_RUNS = runs(200);

// Independent restatements of the rules, so the engine is not checked against itself.
function matches(selector: EndpointSelector, e: Endpoint): boolean {
  return (
    (!selector.jurisdictions || selector.jurisdictions.some((j) => e.jurisdictions.includes(j))) &&
    (!selector.clouds || selector.clouds.includes(e.cloud)) &&
    (!selector.regions || selector.regions.includes(e.region ?? '')) &&
    (!selector.endpoints || selector.endpoints.includes(e.id))
  );
}
function forbidden(rule: SovereigntyRule, e: Endpoint): boolean {
  return (rule.allow !== undefined && !matches(rule.allow, e)) || (rule.deny !== undefined && matches(rule.deny, e));
}
function rulesFor(policy: Policy, geo: string): SovereigntyRule[] {
  // `*` in a rule's users is the default record's audience, and only that.
  if (geo === '*') return policy.rules.sovereignty.filter((rule) => rule.users.some((ref) => ref.kind === 'default'));
  const [country, sub] = geo.startsWith('US-') ? ['US', geo] : [geo, undefined];
  return policy.rules.sovereignty.filter((rule) => rule.users.some((ref) => geoRefContains(ref, country, sub)));
}
/** Windows whose effect (drain start to restore end) covers `at`, per target endpoint. */
function touchedByWindow(policy: Policy, at: number): Set<string> {
  const ttl = policy.services[0]!.ttl * 1000;
  const touched = new Set<string>();
  for (const w of policy.rules.maintenance) {
    if (w.timing.kind !== 'once' || w.target.kind !== 'endpoint') continue;
    const ramp = w.rampSeconds * 1000;
    if (at >= w.timing.start - ttl - ramp && at < w.timing.end + ramp) touched.add(w.target.endpoint);
  }
  return touched;
}
/** Endpoints fully drained at `at`: from the last ramp step (one TTL + one step ahead) to the end. */
function fullyDrained(policy: Policy, at: number): Set<string> {
  const ttl = policy.services[0]!.ttl * 1000;
  const drained = new Set<string>();
  for (const w of policy.rules.maintenance) {
    if (w.timing.kind !== 'once' || w.target.kind !== 'endpoint') continue;
    const step = (w.rampSeconds * 1000) / (w.rampSeconds === 0 ? 1 : w.steps);
    if (at >= w.timing.start - ttl - step && at < w.timing.end) drained.add(w.target.endpoint);
  }
  return drained;
}

/** Whether some geography is left with nothing allowed (the plan must then fail, and only then). */
function expectUnservable(policy: Policy, at: number, down: readonly string[]): boolean {
  const drained = fullyDrained(policy, at);
  return listGeographies(policy).some((geo) => {
    const rules = rulesFor(policy, geo.id);
    const sovereign = policy.endpoints.filter(
      (e) => rules.every((rule) => !forbidden(rule, e)) && !down.includes(e.id),
    );
    if (sovereign.length === 0) return true;
    const serving = sovereign.filter((e) => !drained.has(e.id));
    return serving.length === 0 && !rules.some((rule) => rule.whenUnservable === 'ignore-maintenance');
  });
}

/** Endpoints that must be at exactly 0: the window is on, or within one TTL of starting. */
function mustBeDrained(policy: Policy, at: number): Set<string> {
  const ttl = policy.services[0]!.ttl * 1000;
  return new Set(
    policy.rules.maintenance.flatMap((w) =>
      w.timing.kind === 'once' && w.target.kind === 'endpoint' && at >= w.timing.start - ttl && at < w.timing.end
        ? [w.target.endpoint]
        : [],
    ),
  );
}

function trySolve(policy: Policy, at: number, overrides?: Overrides): Splits | 'unservable' {
  try {
    return solve(policy, at, overrides === undefined ? {} : { overrides });
  } catch (error) {
    if (isTrafficportError(error) && ['SOLVE.UNSERVABLE', 'SOLVE.NO_ENDPOINTS'].includes(error.code))
      return 'unservable';
    throw error;
  }
}

const downArb = (policy: Policy) =>
  fc.subarray(
    policy.endpoints.map((e) => e.id),
    { maxLength: Math.max(0, policy.endpoints.length - 1) },
  );
const caseArb = policyArb.chain((policy) =>
  fc.record({ policy: fc.constant(policy), at: momentArb, down: downArb(policy) }),
);

function positive(geo: GeographySplit): string[] {
  return Object.entries(geo.shares).flatMap(([id, share]) => (share > 0 ? [id] : []));
}

describe('split contract on generated policies', () => {
  it(`holds sovereignty, drains, health, sums and spread (${RUNS} policies)`, () => {
    let solved = 0;
    fc.assert(
      fc.property(caseArb, ({ policy, at, down }) => {
        const overrides = { downEndpoints: down, downRegions: [], downClouds: [] };
        const plan = trySolve(policy, at, overrides);
        expect(plan === 'unservable').toBe(expectUnservable(policy, at, down));
        if (plan === 'unservable') return;
        solved++;
        const drained = mustBeDrained(policy, at);
        const byId = new Map(policy.endpoints.map((e) => [e.id, e]));
        const touched = touchedByWindow(policy, at);
        const reachable = policy.endpoints.filter((e) => !down.includes(e.id) && !touched.has(e.id));
        const violations: string[] = [];
        for (const geo of plan.services[0]!.geographies) {
          const used = positive(geo);
          const total = Object.values(geo.shares).reduce((a, b) => a + b, 0);
          if (Math.abs(total - 100) > 1e-6) violations.push(`${geo.geo} sums to ${total}`);
          if (used.length === 0) violations.push(`${geo.geo} has all-zero weights`);
          if (Object.values(geo.shares).some((share) => share < 0)) violations.push(`${geo.geo} has a negative share`);
          const rules = rulesFor(policy, geo.geo);
          const overridden = geo.reasons.some((r) => r.kind === 'sovereignty-override');
          for (const id of used) {
            for (const rule of rules)
              if (forbidden(rule, byId.get(id)!)) violations.push(`${geo.geo} -> ${id} breaks ${rule.name}`);
            if (down.includes(id)) violations.push(`${geo.geo} -> ${id}, which is down`);
            if (!overridden && drained.has(id)) violations.push(`${geo.geo} -> ${id}, which is drained`);
          }
          const spreadable = reachable.filter((e) => rules.every((rule) => !forbidden(rule, e)));
          const k = policy.rules.geography.minEndpoints;
          if (spreadable.length >= k && used.length < k)
            violations.push(`${geo.geo} uses ${used.length} < ${k} endpoints`);
        }
        expect(violations).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(solved).toBeGreaterThan(RUNS / 2);
  });

  it(`is deterministic (${DETERMINISM_RUNS} policies)`, () => {
    fc.assert(
      fc.property(policyArb, momentArb, (policy, at) => {
        const first = trySolve(policy, at);
        expect(JSON.stringify(trySolve(policy, at))).toBe(JSON.stringify(first));
      }),
      { numRuns: DETERMINISM_RUNS },
    );
  });

  it(`respects capacity whenever some split can (${RUNS} policies, overloads proven by HiGHS)`, async () => {
    const highs = await loadHighs();
    let overloads = 0;
    fc.assert(
      fc.property(policyArb, momentArb, (policy, at) => {
        const plan = trySolve(policy, at);
        if (plan === 'unservable') return;
        const shortfalls = plan.services[0]!.shortfalls.filter((s) => s.kind === 'capacity');
        if (shortfalls.length === 0) return;
        overloads++;
        const [input] = flowInputs(policy, at);
        const { lp } = splitProblemAsLp(input!, { hardCapacity: true });
        expect(highs.solve(lp).Status).toBe('Infeasible');
      }),
      { numRuns: RUNS },
    );
    expect(overloads).toBeGreaterThan(0);
  });
});

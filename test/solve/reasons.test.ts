import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrafficportError } from '../../src/errors.js';
import type { BalanceRule, Cloud, Policy } from '../../src/policy/types.js';
import { shareTolerance } from '../../src/solve/binding.js';
import { explainGeography } from '../../src/solve/explain.js';
import { type FlowInput, type FlowOutput, geoArcSpecs, PENALTY, solveFlow } from '../../src/solve/flow-model.js';
import { splitProblemAsLp } from '../../src/solve/reference-lp.js';
import { flowInputs, solve } from '../../src/solve/solve.js';
import type { GeographySplit, Reason, Splits } from '../../src/solve/types.js';
import { runs } from '../support/depth.js';
import { loadHighs } from '../support/highs.js';
import { momentArb, policyArb } from '../support/policy-arb.js';

/** 1,200 policies in the deep tier, 300 in the standard one (test/support/depth.ts). */
const RUNS = runs(1200);
/**
 * Relaxing solves a second LP with HiGHS for one geography of a policy, the one with the most
 * demand held by a capacity or balance bound: 400 policies (100 in the standard tier) check it on
 * more than a fifth as many such geographies (asserted below), while the claims themselves are
 * checked on all RUNS.
 */
const RELAX_RUNS = runs(400);
const TIGHT = 1e-6;

/** A rule's [min, max] for a cloud, restated from the documented semantics (fractions). */
function ruleRange(rule: BalanceRule, cloud: Cloud): { min: number; max: number } {
  let min = (rule.min[cloud] ?? 0) / 100;
  let max = (rule.max[cloud] ?? 100) / 100;
  if (rule.targets !== undefined) {
    // Targets are shares of all traffic; a cloud the targets do not name has target 0.
    const target = (rule.targets[cloud] ?? 0) / 100;
    min = Math.max(min, target - rule.tolerance / 100);
    max = Math.min(max, target + rule.tolerance / 100);
  }
  return { min, max };
}

/** Capacity of each endpoint as a fraction of all demand (one service: nothing shared). */
function capacities(policy: Policy): number[] {
  const total = policy.demand.total;
  return policy.endpoints.map((e) =>
    total === undefined || e.capacity === undefined
      ? Number.POSITIVE_INFINITY
      : (e.capacity * (1 - policy.rules.capacity.headroom / 100)) / total,
  );
}

interface Solved {
  readonly policy: Policy;
  readonly splits: Splits;
  readonly input: FlowInput;
  readonly flow: FlowOutput;
}

function trySolve(policy: Policy, at: number): Solved | undefined {
  try {
    const splits = solve(policy, at);
    const [input] = flowInputs(policy, at);
    return { policy, splits, input: input!, flow: solveFlow(input!) };
  } catch (error) {
    if (isTrafficportError(error)) return undefined;
    throw error;
  }
}

function cloudShares(s: Solved): Map<Cloud, number> {
  const shares = new Map<Cloud, number>();
  s.policy.endpoints.forEach((e, i) => {
    shares.set(e.cloud, (shares.get(e.cloud) ?? 0) + s.flow.load[i]!);
  });
  return shares;
}

/** Every claim of one geography's reasons, checked against the solution; returns the violations. */
function checkGeography(s: Solved, g: number, geo: GeographySplit): string[] {
  const { policy, input, flow } = s;
  const E = policy.endpoints.length;
  const ids = policy.endpoints.map((e) => e.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const cap = capacities(policy);
  const clouds = cloudShares(s);
  const share = (e: number) => flow.shares[g * E + e]!;
  const latency = (e: number) => input.latency[g * E + e]!;
  const bad: string[] = [];
  const where = `${geo.geo}:`;
  if (geo.reasons.length === 0) bad.push(`${where} no reason at all`);

  for (const r of geo.reasons) {
    if (r.kind === 'capacity') {
      const e = index.get(r.endpoint)!;
      if (flow.load[e]! < cap[e]! * (1 - TIGHT) - TIGHT) bad.push(`${where} ${r.endpoint} called full below capacity`);
      if ((r.detail === 'overloaded') !== flow.load[e]! > cap[e]! + TIGHT)
        bad.push(`${where} ${r.endpoint} called ${r.detail}`);
    }
    if (r.kind === 'balance') {
      const rule = policy.rules.balance.find((b) => b.name === r.rule)!;
      const bound = ruleRange(rule, r.cloud)[r.bound];
      const actual = clouds.get(r.cloud) ?? 0;
      const tight = r.bound === 'max' ? actual >= bound - TIGHT : actual <= bound + TIGHT;
      if (!tight) bad.push(`${where} ${r.cloud} at ${actual}, not at ${r.rule}'s ${r.bound} ${bound}`);
      // The named rule's bound is the one in force: no other rule's is tighter.
      for (const other of policy.rules.balance) {
        const o = ruleRange(other, r.cloud)[r.bound];
        if (r.bound === 'max' ? o < bound - 1e-12 : o > bound + 1e-12)
          bad.push(`${where} ${r.rule} named, but ${other.name} is tighter`);
      }
    }
    if (r.kind === 'spread-cap') {
      for (const id of r.endpoints) {
        if (Math.abs(share(index.get(id)!) - 1 / r.minEndpoints) > TIGHT)
          bad.push(`${where} ${id} not at 1/${r.minEndpoints}`);
      }
      // It would take more instead of another endpoint in use here.
      const others = policy.endpoints.filter((e, i) => !r.endpoints.includes(e.id) && share(i) > 1e-9);
      if (others.length === 0) bad.push(`${where} spread cap with nothing else in use`);
    }
  }

  // "Nothing closer could take it": every allowed endpoint nearer than one in use, with room left
  // in this geography, is held by a named bound (full, balance, minEndpoints, ramp).
  const specs = input.availability[g]!;
  // The engine's numerical tolerance on shares (wider for tiny geographies, whose shares are flows over tiny demands).
  const tolerance = shareTolerance(input.demand[g]!);
  const used = specs.allowed.filter((e) => share(e) > tolerance);
  const steady = specs.allowed.filter((e) => (specs.drain.get(e) ?? 0) === 0).length;
  const spreadCap = 1 / Math.max(1, Math.min(policy.rules.geography.minEndpoints, steady));
  const named = (e: number, kinds: readonly Reason['kind'][]) =>
    geo.reasons.some(
      (r) =>
        kinds.includes(r.kind) &&
        ((r.kind === 'capacity' && r.endpoint === ids[e]) ||
          (r.kind === 'ramp' && r.endpoint === ids[e]) ||
          ((r.kind === 'balance' || r.kind === 'spread-cap') && r.endpoints.includes(ids[e]!))),
    );
  for (const e of specs.allowed) {
    // Nearer by more than a microsecond (the engine's price resolution).
    const farther = used.filter((u) => u !== e && latency(u) > latency(e) + 2e-3);
    if (farther.length === 0 || share(e) >= spreadCap - tolerance) continue;
    if (!named(e, ['capacity', 'balance', 'ramp'])) {
      bad.push(
        `${where} ${ids[e]} (${latency(e).toFixed(2)} ms, ${share(e)}) nearer than ${farther.map((u) => ids[u]).join(',')} but nothing named`,
      );
    }
    for (const r of geo.reasons) {
      if (r.kind === 'balance' && r.endpoints.includes(ids[e]!)) {
        const own = policy.endpoints[e]!.cloud;
        const ok =
          r.bound === 'max'
            ? r.cloud === own
            : farther.some((u) => policy.endpoints[u]!.cloud === r.cloud) && r.cloud !== own;
        if (!ok) bad.push(`${where} balance ${r.bound} of ${r.cloud} cannot hold ${ids[e]}`);
      }
    }
  }
  return bad;
}

describe('reasons derived from the optimum', () => {
  it(`every claim holds on ${RUNS} generated policies, capacity- and balance-bound ones included`, () => {
    const seen = { capacity: 0, balance: 0, spreadCap: 0, ramp: 0, geographies: 0 };
    fc.assert(
      fc.property(policyArb, momentArb, (policy, at) => {
        const s = trySolve(policy, at);
        if (s === undefined) return;
        const bad: string[] = [];
        s.splits.services[0]!.geographies.forEach((geo, g) => {
          seen.geographies++;
          for (const r of geo.reasons) {
            if (r.kind === 'capacity') seen.capacity++;
            if (r.kind === 'balance') seen.balance++;
            if (r.kind === 'spread-cap') seen.spreadCap++;
            if (r.kind === 'ramp') seen.ramp++;
          }
          bad.push(...checkGeography(s, g, geo));
        });
        expect(bad.slice(0, 5)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    // The generated policies exercise every kind of bound.
    // (more than 100 of each in 1,200 policies, proportionally fewer in fewer)
    expect(seen.capacity).toBeGreaterThan(RUNS / 12);
    expect(seen.balance).toBeGreaterThan(RUNS / 12);
    expect(seen.spreadCap).toBeGreaterThan(RUNS / 12);
    expect(seen.ramp).toBeGreaterThan(0);
  }, 600_000);
});

/** The flow problem with the bounds a geography's reasons name lifted: capacities, and each named rule's side. */
function relaxed(s: Solved, reasons: readonly Reason[]): FlowInput {
  const capacity = Float64Array.from(s.input.capacity);
  const lifted = new Set<string>();
  for (const r of reasons) {
    if (r.kind === 'capacity')
      capacity[s.policy.endpoints.findIndex((e) => e.id === r.endpoint)] = Number.POSITIVE_INFINITY;
    if (r.kind === 'balance') lifted.add(`${r.rule}|${r.cloud}|${r.bound}`);
  }
  const cloudBounds = new Map(
    [...s.input.cloudBounds.keys()].map((cloud) => {
      let min = 0;
      let max = 1;
      for (const rule of s.policy.rules.balance) {
        const range = ruleRange(rule, cloud);
        if (!lifted.has(`${rule.name}|${cloud}|min`)) min = Math.max(min, range.min);
        if (!lifted.has(`${rule.name}|${cloud}|max`)) max = Math.min(max, range.max);
      }
      return [cloud, { min, max }] as const;
    }),
  );
  return { ...s.input, capacity, cloudBounds };
}

/**
 * What the solved split costs in a (relaxed) problem, written out from the model's definition
 * (docs/split-engine.md) rather than by the engine: latency (each geography's arcs filled
 * cheapest segment first), plus the penalties for overloads and balance misses.
 */
function costOf(s: Solved, problem: FlowInput): number {
  const E = s.policy.endpoints.length;
  let cost = 0;
  for (let g = 0; g < problem.geoCount; g++) {
    const d = problem.demand[g]!;
    if (d <= 0) continue;
    for (const spec of geoArcSpecs(problem, g)) {
      let left = s.flow.shares[g * E + spec.e]!;
      for (const segment of spec.segments) {
        const take = Math.min(left, segment.capacity);
        cost += d * take * segment.cost;
        left -= take;
      }
    }
  }
  const clouds = new Map<Cloud, number>();
  s.policy.endpoints.forEach((e, i) => {
    cost += PENALTY.CAPACITY * Math.max(0, s.flow.load[i]! - problem.capacity[i]!);
    clouds.set(e.cloud, (clouds.get(e.cloud) ?? 0) + s.flow.load[i]!);
  });
  for (const [cloud, { min, max }] of problem.cloudBounds) {
    const share = clouds.get(cloud) ?? 0;
    cost += PENALTY.BALANCE * (Math.max(0, min - share) + Math.max(0, share - max));
  }
  return cost;
}

describe('explain', () => {
  it(`gives every endpoint row a reason, in every geography of ${Math.ceil(RUNS / 4)} generated policies`, () => {
    fc.assert(
      fc.property(policyArb, momentArb, (policy, at) => {
        const s = trySolve(policy, at);
        if (s === undefined) return;
        for (const geo of s.splits.services[0]!.geographies) {
          for (const x of explainGeography(policy, s.splits, geo.geo)) {
            const silent = x.endpoints.filter((row) => row.notes.length === 0).map((row) => row.endpoint);
            expect(silent, geo.geo).toEqual([]);
            expect(x.because.length, geo.geo).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  }, 600_000);
});

describe('relaxing what the reasons name', () => {
  // At an optimum, a nearer endpoint passed over has a price gap made of positive prices of the
  // bounds named for it, whatever dual the solver found; so no dual gives them all a zero price,
  // and lifting them must let the optimum improve: the split would change.
  it(`lifting the bounds a geography's reasons name improves the optimum (${RELAX_RUNS} policies, HiGHS)`, async () => {
    const highs = await loadHighs();
    let checked = 0;
    fc.assert(
      fc.property(policyArb, momentArb, (policy, at) => {
        const s = trySolve(policy, at);
        if (s === undefined) return;
        // The geography with the most demand whose reasons name a capacity or balance bound; at
        // least 0.1% of all traffic, so that what it would gain shows above the LP's tolerances.
        const pick = s.splits.services[0]!.geographies.map((geo, g) => ({ geo, g }))
          .filter(({ g }) => s.input.demand[g]! > 1e-3 && s.flow.prices.greedy[g] === 0)
          .filter(({ geo }) => geo.reasons.some((r) => r.kind === 'capacity' || r.kind === 'balance'))
          .sort((a, b) => s.input.demand[b.g]! - s.input.demand[a.g]!)[0];
        if (pick === undefined) return;
        const problem = relaxed(s, pick.geo.reasons);
        const { lp, scale } = splitProblemAsLp(problem);
        const free = highs.solve(lp);
        expect(free.Status).toBe('Optimal');
        const kept = costOf(s, problem);
        const best = free.ObjectiveValue / scale;
        // Strictly better, beyond the LP solver's tolerance on objectives this large.
        expect(kept - best, pick.geo.geo).toBeGreaterThan(1e-9 + 1e-11 * Math.abs(kept));
        checked++;
      }),
      { numRuns: RELAX_RUNS },
    );
    expect(checked).toBeGreaterThan(RELAX_RUNS / 5);
  }, 600_000);
});

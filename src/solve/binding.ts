import type { BalanceRule, Cloud, Endpoint } from '../policy/types.js';
import { arcCost, type FlowInput, type FlowOutput, rampCapOf, spreadCapOf } from './flow-model.js';
import { ruleBounds } from './services.js';
import type { Reason } from './types.js';

/**
 * Shares within this fraction of a bound are at it; a geography's share is its flow over its
 * demand, so a tiny geography's shares carry the flows' absolute error (~1e-15) magnified.
 * Prices (and cost differences) below one microsecond of latency per unit of traffic are noise:
 * node potentials reach the simplex's artificial cost (~1e7), where doubles carry about 1e-9.
 */
const SHARE_TOLERANCE = 1e-7;
const PRICE_TOLERANCE = 1e-6;

export function shareTolerance(demand: number): number {
  return SHARE_TOLERANCE + (demand > 0 ? 1e-13 / demand : 0);
}

export interface BindingContext {
  readonly input: FlowInput;
  readonly flow: FlowOutput;
  readonly endpoints: readonly Endpoint[];
  readonly rules: readonly BalanceRule[];
  /** Each cloud's share of all traffic in the solved split, as a fraction. */
  readonly cloudShares: ReadonlyMap<Cloud, number>;
}

interface Option {
  readonly e: number;
  /** See ArcSpec: cost per unit, most of the geography it may take, most before a ramp step. */
  readonly cost: number;
  readonly cap: number;
  readonly rampCap: number;
  /** Its share of the geography in the solved split. */
  readonly share: number;
}

/**
 * What binds in one geography of the solved split, read from the optimum rather than narrated.
 * An endpoint nearer than one that serves here, with room left in this geography, is passed
 * over only because moving traffic to it would cost more at the margin: its price exceeds the
 * farther one's, and the excess is made of positive prices of tight bounds — its capacity (it is
 * full), its cloud's balance maximum, or the farther endpoint's cloud's balance minimum. An
 * endpoint at its 1/k share that would take more is held by minEndpoints; a draining endpoint at
 * its ramp step, by the ramp. Every claim names a bound that is tight in the solution (see
 * test/solve/reasons.test.ts, which checks each one on generated policies).
 */
export function bindingReasons(context: BindingContext, g: number): Reason[] {
  const { flow } = context;
  const options = optionsOf(context, g);
  const tolerance = shareTolerance(context.input.demand[g]!);
  const used = options.filter((o) => o.share > tolerance);
  const priced = flow.prices.greedy[g] === 0;
  const margin = (o: Option) => o.cost + (priced ? flow.prices.endpoint[o.e]! : 0);
  const capacity = new Map<number, 'full' | 'overloaded'>();
  const balance = new Map<string, { cloud: Cloud; bound: 'min' | 'max'; endpoints: Set<number> }>();
  const spreadCapped: number[] = [];
  const ramped: number[] = [];
  const hold = (cloud: Cloud, bound: 'min' | 'max', e: number) => {
    const key = `${cloud}|${bound}`;
    const entry = balance.get(key) ?? { cloud, bound, endpoints: new Set<number>() };
    entry.endpoints.add(e);
    balance.set(key, entry);
  };

  const farthestUsed = Math.max(...used.map((u) => u.cost));
  for (const option of options) {
    const passed = option.cost < farthestUsed - PRICE_TOLERANCE;
    if (option.share >= option.cap - tolerance) {
      // Held by the cap only if it would take traffic from a used endpoint that costs more at the margin.
      const wantsMore = used.some((u) => u.e !== option.e && margin(u) > margin(option) + PRICE_TOLERANCE);
      if (option.cap < 1 - tolerance && wantsMore) spreadCapped.push(option.e);
      continue;
    }
    if (!passed) continue;
    const farther = used.filter((u) => u.cost > option.cost + PRICE_TOLERANCE);
    if (option.share >= option.rampCap - tolerance) {
      ramped.push(option.e);
      continue;
    }
    // Rows filled greedily (no demand) never pass a nearer endpoint over: they take the cheapest first.
    if (!priced) continue;
    for (const bound of heldBy(context, option.e, farther)) {
      if (bound.kind === 'capacity') capacity.set(option.e, bound.detail);
      else hold(bound.cloud, bound.bound, option.e);
    }
  }

  const id = (e: number) => context.endpoints[e]!.id;
  const reasons: Reason[] = [];
  for (const [e, detail] of capacity) reasons.push({ kind: 'capacity', endpoint: id(e), detail });
  for (const { cloud, bound, endpoints } of balance.values()) {
    for (const rule of rulesHolding(context, cloud, bound)) {
      reasons.push({ kind: 'balance', rule, cloud, bound, endpoints: [...endpoints].map(id) });
    }
  }
  if (spreadCapped.length > 0) {
    const k = Math.round(1 / options.find((o) => o.e === spreadCapped[0])!.cap);
    reasons.push({ kind: 'spread-cap', minEndpoints: k, endpoints: spreadCapped.map(id) });
  }
  for (const e of ramped) reasons.push({ kind: 'ramp', endpoint: id(e) });
  return reasons;
}

type Held =
  | { readonly kind: 'capacity'; readonly detail: 'full' | 'overloaded' }
  | { readonly kind: 'balance'; readonly cloud: Cloud; readonly bound: 'min' | 'max' };

/**
 * The bounds between a passed-over endpoint and the farther ones used: the positive parts of
 * the price gap (at least one exists at an optimum), and the other bounds tight in the same
 * place. A degenerate optimum spreads a price over equivalent tight bounds arbitrarily (a
 * cloud's maximum is another's minimum when two clouds share all traffic), so each is named.
 */
function heldBy(context: BindingContext, e: number, farther: readonly Option[]): Held[] {
  const { input, flow } = context;
  const { prices } = flow;
  const held: Held[] = [];
  const add = (bound: Held) => {
    if (
      !held.some(
        (h) =>
          h.kind === bound.kind &&
          (h.kind === 'capacity' || (bound.kind === 'balance' && h.cloud === bound.cloud && h.bound === bound.bound)),
      )
    )
      held.push(bound);
  };
  const share = (c: Cloud) => context.cloudShares.get(c) ?? 0;
  const bounds = (c: Cloud) => input.cloudBounds.get(c) ?? { min: 0, max: 1 };
  if (prices.capacity[e]! > PRICE_TOLERANCE || flow.load[e]! >= input.capacity[e]! - SHARE_TOLERANCE)
    add({ kind: 'capacity', detail: capacityDetail(context, e) });
  const cloud = input.clouds[e]!;
  if (
    prices.cloud.get(cloud)! > PRICE_TOLERANCE ||
    (bounds(cloud).max < 1 && share(cloud) >= bounds(cloud).max - SHARE_TOLERANCE)
  )
    add({ kind: 'balance', cloud, bound: 'max' });
  for (const u of farther) {
    const other = input.clouds[u.e]!;
    if (other === cloud) continue;
    if (
      prices.cloud.get(other)! < -PRICE_TOLERANCE ||
      (bounds(other).min > 0 && share(other) <= bounds(other).min + SHARE_TOLERANCE)
    )
      add({ kind: 'balance', cloud: other, bound: 'min' });
  }
  return held;
}

function capacityDetail(context: BindingContext, e: number): 'full' | 'overloaded' {
  return context.flow.load[e]! > context.input.capacity[e]! + SHARE_TOLERANCE ? 'overloaded' : 'full';
}

/** The rules whose own bound for the cloud is the one in force (the tightest of them all). */
function rulesHolding(context: BindingContext, cloud: Cloud, bound: 'min' | 'max'): string[] {
  const inForce = context.input.cloudBounds.get(cloud) ?? { min: 0, max: 1 };
  return context.rules
    .filter((rule) => Math.abs(ruleBounds(rule, cloud)[bound] - inForce[bound]) < 1e-12)
    .map((rule) => rule.name);
}

function optionsOf(context: BindingContext, g: number): Option[] {
  const { input, flow } = context;
  const E = input.endpointCount;
  const cap = spreadCapOf(input, g);
  return input.availability[g]!.allowed.map((e) => ({
    e,
    cost: arcCost(input, g, e),
    cap,
    rampCap: rampCapOf(input, g, e, cap),
    share: flow.shares[g * E + e]!,
  }));
}

import type { Cloud } from '../policy/types.js';
import type { GeoAvailability } from './availability.js';
import { ArcList, type FlowResult, solveMinCostFlow } from './network-simplex.js';
import { closestOptimalFlow } from './stable.js';

/**
 * The split of one service at one moment as a minimum-cost flow:
 *
 *   geography g ──(latency, ≤ D_g / k)──▶ endpoint e ──(≤ capacity)──▶ cloud c ──(balance)──▶ sink
 *
 * Supplies are demand fractions (they sum to 1). Hard rules shape the arcs: a geography has arcs
 * only to endpoints that sovereignty, health and maintenance allow, so no flow can ever reach a
 * forbidden endpoint. Soft goals are penalties, ordered so a cheaper goal never buys a dearer
 * one: latency < latency bound < balance < ramp pace < capacity. A min-cost flow optimum is
 * therefore lexicographically best: capacity is respected whenever some split respects it.
 */
export const PENALTY = {
  LATENCY_BOUND: 10,
  BALANCE: 1_000,
  RAMP: 10_000,
  CAPACITY: 100_000,
} as const;

export interface FlowInput {
  readonly geoCount: number;
  readonly endpointCount: number;
  /** Demand fraction per geography. */
  readonly demand: Float64Array;
  /** Latency ms, geo-major. */
  readonly latency: Float64Array;
  readonly availability: readonly GeoAvailability[];
  /** Cloud of each endpoint. */
  readonly clouds: readonly Cloud[];
  /** Capacity per endpoint as a fraction of total demand (Infinity when unbounded). */
  readonly capacity: Float64Array;
  /** Lower and upper bound per cloud on its share of traffic. */
  readonly cloudBounds: ReadonlyMap<Cloud, { readonly min: number; readonly max: number }>;
  readonly minEndpoints: number;
  readonly maxLatencyMs?: number;
  /** Shares without maintenance (geo-major); caps a draining endpoint at (1 - drain) of it. */
  readonly baseline?: Float64Array;
  /**
   * The split to stay close to (geo-major fractions): what is published, or the plan of the
   * moment before. Among optimal splits, the one moving the least traffic from it is chosen.
   */
  readonly reference?: Float64Array;
}

export interface FlowOutput {
  /** Fraction of each geography's traffic per endpoint, geo-major; rows sum to 1. */
  readonly shares: Float64Array;
  /** Fraction of all traffic per endpoint. */
  readonly load: Float64Array;
  readonly cost: number;
  readonly prices: FlowPrices;
}

/**
 * The optimum's dual values, read from the network simplex's node potentials: what one more unit
 * of traffic costs at the margin from each node on. They say which bounds bind (see binding.ts):
 * an endpoint whose capacity price is positive is full and would take more with more capacity;
 * a cloud with a positive price is held at its balance maximum, a negative one at its minimum.
 */
export interface FlowPrices {
  /** Marginal cost of one more unit of a geography's traffic (geographies with demand only). */
  readonly geo: Float64Array;
  /** Marginal cost of one more unit through each endpoint: its capacity price plus its cloud's. */
  readonly endpoint: Float64Array;
  /** Capacity price per endpoint (≥ 0): what one more unit of capacity there would save. */
  readonly capacity: Float64Array;
  /** Balance price per cloud: > 0 held at its maximum, < 0 held at its minimum, 0 free. */
  readonly cloud: ReadonlyMap<Cloud, number>;
  /** 1 where a geography's row was filled greedily (no demand): no prices apply to it. */
  readonly greedy: Uint8Array;
}

export function solveFlow(input: FlowInput): FlowOutput {
  const { geoCount: G, endpointCount: E } = input;
  const cloudList = [...new Set(input.clouds)].sort();
  const cloudIndex = new Map(cloudList.map((c, i) => [c, i]));
  const endpointNode = (e: number) => G + e;
  const cloudNode = (c: number) => G + E + c;
  const sink = G + E + cloudList.length;
  const supply = new Float64Array(sink + 1);
  const arcs = new ArcList(G * Math.min(E, 16) + 4 * E + 4 * cloudList.length);
  const geoArcs: { g: number; e: number; arc: number }[] = [];

  for (let g = 0; g < G; g++) {
    const d = input.demand[g]!;
    if (d <= 0) continue;
    supply[g] = d;
    for (const { e, segments } of geoArcSpecs(input, g)) {
      for (const { capacity, cost } of segments)
        geoArcs.push({ g, e, arc: arcs.add(g, endpointNode(e), capacity * d, cost) });
    }
  }
  supply[sink] = -input.demand.reduce((sum, d) => sum + Math.max(d, 0), 0);

  for (let e = 0; e < E; e++) {
    const c = cloudIndex.get(input.clouds[e]!)!;
    const capacity = input.capacity[e]!;
    arcs.add(endpointNode(e), cloudNode(c), capacity, 0);
    if (capacity !== Number.POSITIVE_INFINITY)
      arcs.add(endpointNode(e), cloudNode(c), Number.POSITIVE_INFINITY, PENALTY.CAPACITY);
  }
  cloudList.forEach((cloud, c) => {
    const bounds = input.cloudBounds.get(cloud) ?? { min: 0, max: 1 };
    const min = Math.max(0, Math.min(bounds.min, 1));
    const max = Math.max(min, Math.min(bounds.max, 1));
    if (min > 0) arcs.add(cloudNode(c), sink, min, -PENALTY.BALANCE);
    arcs.add(cloudNode(c), sink, max - min, 0);
    if (max < 1) arcs.add(cloudNode(c), sink, Number.POSITIVE_INFINITY, PENALTY.BALANCE);
  });

  const result = solveMinCostFlow({ nodeCount: sink + 1, supply, arcs });
  if (!result.feasible) throw new Error('split flow has no feasible solution: every geography must keep an arc');
  const flow = input.reference === undefined ? result.flow : settle(input, sink + 1, supply, arcs, result, geoArcs);

  const prices = readPrices(result.potential, G, E, input.clouds, cloudList);
  const shares = new Float64Array(G * E);
  const load = new Float64Array(E);
  for (const { g, e, arc } of geoArcs) {
    const f = flow[arc]!;
    if (f <= 0) continue;
    shares[g * E + e] = shares[g * E + e]! + f / input.demand[g]!;
    load[e] = load[e]! + f;
  }
  for (let g = 0; g < G; g++) {
    if (input.demand[g]! <= 0) {
      greedyRow(input, g, shares);
      prices.greedy[g] = 1;
      continue;
    }
    // A demand far below the solver's tolerance (a share of 1e-300 beside one of 1) is routed as
    // nothing, which would leave the geography with all-zero weights; it weighs nothing on
    // capacity or balance either, so it is split as a geography without demand.
    let routed = 0;
    for (let e = 0; e < E; e++) routed += shares[g * E + e]!;
    if (Math.abs(routed - 1) > 1e-6) {
      shares.fill(0, g * E, (g + 1) * E);
      greedyRow(input, g, shares);
      prices.greedy[g] = 1;
    }
  }
  let cost = result.cost;
  if (flow !== result.flow) {
    cost = 0;
    for (let a = 0; a < arcs.length; a++) cost += flow[a]! * arcs.cost[a]!;
  }
  return { shares, load, cost, prices };
}

/** The optimal flow closest to the reference split (see stable.ts), or the optimum found. */
function settle(
  input: FlowInput,
  nodeCount: number,
  supply: Float64Array,
  arcs: ArcList,
  optimum: FlowResult,
  geoArcs: readonly { g: number; e: number; arc: number }[],
): Float64Array {
  const E = input.endpointCount;
  const pairOf = new Int32Array(arcs.length).fill(-1);
  const preferred = new Float64Array(input.geoCount * E);
  const demand = new Float64Array(input.geoCount * E);
  for (const { g, e, arc } of geoArcs) {
    pairOf[arc] = g * E + e;
    preferred[g * E + e] = (input.reference![g * E + e] ?? 0) * input.demand[g]!;
    demand[g * E + e] = input.demand[g]!;
  }
  return closestOptimalFlow({ nodeCount, supply, arcs, optimum, pairOf, preferred, demand }) ?? optimum.flow;
}

/**
 * Potentials to prices. With reduced cost c + π(u) − π(v) ≥ 0 on every unused arc, D(v) =
 * π(sink) − π(v) is the marginal cost from v to the sink; an endpoint's capacity price is what
 * its D exceeds its cloud's by (clamped at 0: an endpoint nobody can use has no price).
 */
function readPrices(
  potential: Float64Array,
  G: number,
  E: number,
  clouds: readonly Cloud[],
  cloudList: readonly Cloud[],
): FlowPrices & { greedy: Uint8Array } {
  const sink = G + E + cloudList.length;
  const value = (node: number) => potential[sink]! - potential[node]!;
  const cloud = new Map(cloudList.map((c, i) => [c, value(G + E + i)]));
  const endpoint = new Float64Array(E);
  const capacity = new Float64Array(E);
  for (let e = 0; e < E; e++) {
    const cloudValue = cloud.get(clouds[e]!)!;
    capacity[e] = Math.max(0, value(G + e) - cloudValue);
    endpoint[e] = cloudValue + capacity[e]!;
  }
  return {
    geo: Float64Array.from({ length: G }, (_, g) => value(g)),
    endpoint,
    capacity,
    cloud,
    greedy: new Uint8Array(G),
  };
}

export interface ArcSpec {
  readonly e: number;
  /** Cost of a unit of the geography's traffic here: latency, plus the maxLatencyMs penalty. */
  readonly cost: number;
  /** Most of the geography the endpoint may take (1/k with minEndpoints k). */
  readonly cap: number;
  /** Most it keeps before a ramp step is exceeded (equal to `cap` unless draining). */
  readonly rampCap: number;
  /**
   * Parallel arcs to the endpoint, each a capacity (fraction of the geography's demand) at a
   * cost: for a draining endpoint, its ramp step, then the traffic beyond it (penalized, used
   * only when nothing else can take it).
   */
  readonly segments: readonly { readonly capacity: number; readonly cost: number }[];
}

/**
 * Arcs from one geography. Spread: with k = minEndpoints, no endpoint takes more than 1/k of the
 * geography (so at least k share it), counting only endpoints not being drained; with fewer
 * available, as many as there are. A draining endpoint keeps at most (1 - drain) of its baseline.
 */
export function geoArcSpecs(input: FlowInput, g: number): ArcSpec[] {
  const spreadCap = spreadCapOf(input, g);
  return input.availability[g]!.allowed.map((e) => {
    const cost = arcCost(input, g, e);
    const rampCap = rampCapOf(input, g, e, spreadCap);
    if (rampCap === spreadCap) return { e, cost, cap: spreadCap, rampCap, segments: [{ capacity: spreadCap, cost }] };
    return {
      e,
      cost,
      cap: spreadCap,
      rampCap,
      segments: positive([
        { capacity: rampCap, cost },
        { capacity: spreadCap - rampCap, cost: cost + PENALTY.RAMP },
      ]),
    };
  });
}

/** The most of geography g one endpoint may take: 1/k with minEndpoints k, over endpoints not draining. */
export function spreadCapOf(input: FlowInput, g: number): number {
  const { allowed, drain } = input.availability[g]!;
  let steady = 0;
  for (const e of allowed) if ((drain.get(e) ?? 0) === 0) steady++;
  return 1 / Math.max(1, Math.min(input.minEndpoints, steady));
}

/** Cost of a unit of geography g's traffic at endpoint e: latency, plus the maxLatencyMs penalty. */
export function arcCost(input: FlowInput, g: number, e: number): number {
  const latency = input.latency[g * input.endpointCount + e]!;
  const over = input.maxLatencyMs !== undefined && latency > input.maxLatencyMs;
  return latency / 1000 + (over ? PENALTY.LATENCY_BOUND : 0);
}

/** The most a draining endpoint keeps before a ramp step is exceeded: (1 − drained) of its baseline. */
export function rampCapOf(input: FlowInput, g: number, e: number, spreadCap: number): number {
  const fraction = input.availability[g]!.drain.get(e) ?? 0;
  if (fraction === 0) return spreadCap;
  return Math.min(spreadCap, (1 - fraction) * (input.baseline?.[g * input.endpointCount + e] ?? spreadCap));
}

function positive(segments: { capacity: number; cost: number }[]): { capacity: number; cost: number }[] {
  return segments.filter((segment) => segment.capacity > 1e-12);
}

/** A geography without demand affects no capacity or balance: fill its cheapest arcs in order. */
function greedyRow(input: FlowInput, g: number, shares: Float64Array): void {
  const E = input.endpointCount;
  const specs = geoArcSpecs(input, g).flatMap((spec) => spec.segments.map((segment) => ({ e: spec.e, ...segment })));
  // Equal costs: the endpoint the reference split gives more of this geography first (stability).
  const preferred = (e: number) => input.reference?.[g * E + e] ?? 0;
  specs.sort((a, b) => a.cost - b.cost || preferred(b.e) - preferred(a.e) || a.e - b.e);
  let left = 1;
  for (const spec of specs) {
    if (left <= 1e-12) break;
    const take = Math.min(left, spec.capacity);
    shares[g * E + spec.e] = shares[g * E + spec.e]! + take;
    left -= take;
  }
}

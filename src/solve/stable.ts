import { ArcList, type FlowResult, solveMinCostFlow } from './network-simplex.js';

/**
 * Reduced costs within this much of zero (per unit of traffic; a tenth of a microsecond of
 * latency) count as zero: such arcs lie on the optimal face. Node potentials carry about 1e-9 of
 * rounding, so the face is taken a little wider than exact, never wider than the reasons'
 * resolution (binding.ts reads prices to 1e-6).
 */
export const OPTIMAL_FACE_TOLERANCE = 1e-7;

export interface StableInput {
  readonly nodeCount: number;
  readonly supply: Float64Array;
  readonly arcs: ArcList;
  /** The optimum found first, with its potentials. */
  readonly optimum: FlowResult;
  /** For each arc that carries a geography's traffic to an endpoint, the pair's index (else -1). */
  readonly pairOf: Int32Array;
  /** Per pair, the flow the reference split gives it (fraction of all traffic). */
  readonly preferred: Float64Array;
  /** Per pair, its geography's demand (fraction of all traffic): the tie-break below. */
  readonly demand: Float64Array;
}

/**
 * Among splits that move equally little traffic, the one whose shares move least: a unit of
 * traffic moved costs 1 plus this much per unit of share it changes (1 / the geography's
 * demand, taken at least MIN_TIE_DEMAND). A published split is a rounding of the split solved
 * (integer weights), so a re-plan from it must move a sliver of traffic back onto the optimal
 * face; charged by traffic alone, any geography that can take the sliver is as good, and a
 * geography with almost no demand would change its shares visibly for it (a re-plan right
 * after an apply would show changes). At most 1e-3 per unit, so the traffic moved stays the
 * least to within that.
 */
const SHARE_TIE_BREAK = 1e-9;
const MIN_TIE_DEMAND = 1e-6;

/**
 * Among the optimal flows, one that moves the least traffic away from a reference split: the
 * optimal face of a min-cost flow is the flows that keep every arc of negative reduced cost full
 * and every arc of positive reduced cost empty, and use the others freely; over it, a second
 * min-cost flow charges 1 per unit of a pair's flow beyond what the reference gives the pair.
 * Every optimum of the first problem is feasible here and the charge is the traffic moved, so
 * the result is exactly the least movement any optimal split allows. Returns the arcs' flows,
 * or undefined when rounding leaves the face infeasible (the first optimum then stands).
 */
export function closestOptimalFlow(input: StableInput): Float64Array | undefined {
  const { arcs, optimum } = input;
  const m = arcs.length;
  const pi = optimum.potential;
  const supply = Float64Array.from(input.supply);
  const budget = Float64Array.from(input.preferred);
  const fixed = new Float64Array(m);
  const state = new Int8Array(m);
  for (let a = 0; a < m; a++) {
    const rc = arcs.cost[a]! + pi[arcs.source[a]!]! - pi[arcs.target[a]!]!;
    const capacity = arcs.capacity[a]!;
    if (rc > OPTIMAL_FACE_TOLERANCE) state[a] = -1;
    else if (rc < -OPTIMAL_FACE_TOLERANCE && capacity !== Number.POSITIVE_INFINITY) {
      state[a] = 1;
      fixed[a] = capacity;
      supply[arcs.source[a]!] = supply[arcs.source[a]!]! - capacity;
      supply[arcs.target[a]!] = supply[arcs.target[a]!]! + capacity;
      const pair = input.pairOf[a]!;
      if (pair >= 0) budget[pair] = budget[pair]! - capacity;
    }
  }
  const face = new ArcList(Math.ceil(m * 1.5) + 1);
  const kept = new Int32Array(m).fill(-1);
  const beyond = new Int32Array(m).fill(-1);
  for (let a = 0; a < m; a++) {
    if (state[a] !== 0) continue;
    const capacity = arcs.capacity[a]!;
    const pair = input.pairOf[a]!;
    if (pair < 0) {
      kept[a] = face.add(arcs.source[a]!, arcs.target[a]!, capacity, 0);
      continue;
    }
    const keep = Math.min(capacity, Math.max(0, budget[pair]!));
    budget[pair] = budget[pair]! - keep;
    if (keep > 0) kept[a] = face.add(arcs.source[a]!, arcs.target[a]!, keep, 0);
    if (capacity - keep > 0) {
      const cost = 1 + SHARE_TIE_BREAK / Math.max(input.demand[pair]!, MIN_TIE_DEMAND);
      beyond[a] = face.add(arcs.source[a]!, arcs.target[a]!, capacity - keep, cost);
    }
  }
  const settled = solveMinCostFlow({ nodeCount: input.nodeCount, supply, arcs: face });
  if (!settled.feasible) return undefined;
  const flow = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    flow[a] =
      fixed[a]! + (kept[a]! >= 0 ? settled.flow[kept[a]!]! : 0) + (beyond[a]! >= 0 ? settled.flow[beyond[a]!]! : 0);
  }
  return flow;
}

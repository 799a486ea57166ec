/**
 * Minimum-cost flow by the primal network simplex method, the exact engine under the split
 * solver. Flows are real numbers (traffic fractions); capacities may be Infinity. The basis is a
 * spanning tree rooted at an artificial node, kept strongly feasible (Cunningham's leaving-arc
 * rule) so degenerate pivots cannot cycle. Entering arcs are chosen by block search, as in
 * LEMON's NetworkSimplex, which suits dense transportation-like networks.
 *
 * Pure and deterministic: the same network always gives the same flow.
 */
export interface FlowNetwork {
  readonly nodeCount: number;
  /** Net supply per node (positive: source of flow, negative: sink); must sum to 0. */
  readonly supply: Float64Array;
  readonly arcs: ArcList;
}

/** Arcs in structure-of-arrays form: fast to build for 25,000+ arcs. */
export class ArcList {
  source: Int32Array;
  target: Int32Array;
  capacity: Float64Array;
  cost: Float64Array;
  length = 0;

  constructor(expected = 64) {
    this.source = new Int32Array(expected);
    this.target = new Int32Array(expected);
    this.capacity = new Float64Array(expected);
    this.cost = new Float64Array(expected);
  }

  add(source: number, target: number, capacity: number, cost: number): number {
    if (this.length === this.source.length) this.grow();
    const index = this.length++;
    this.source[index] = source;
    this.target[index] = target;
    this.capacity[index] = capacity;
    this.cost[index] = cost;
    return index;
  }

  private grow(): void {
    const size = this.source.length * 2;
    const copy = <A extends Int32Array | Float64Array>(from: A, make: (n: number) => A): A => {
      const to = make(size);
      to.set(from);
      return to;
    };
    this.source = copy(this.source, (n) => new Int32Array(n));
    this.target = copy(this.target, (n) => new Int32Array(n));
    this.capacity = copy(this.capacity, (n) => new Float64Array(n));
    this.cost = copy(this.cost, (n) => new Float64Array(n));
  }
}

export interface FlowResult {
  readonly feasible: boolean;
  /** Flow per original arc. */
  readonly flow: Float64Array;
  readonly cost: number;
  /** Node potentials (duals) of the optimal basis; reduced cost = cost + pi[s] - pi[t]. */
  readonly potential: Float64Array;
  readonly pivots: number;
}

const LOWER = 1;
const TREE = 0;
const UPPER = -1;
const EPSILON = 1e-12;

export function solveMinCostFlow(network: FlowNetwork): FlowResult {
  return new Simplex(network).run();
}

class Simplex {
  private readonly n: number;
  private readonly m: number;
  private readonly root: number;
  private readonly src: Int32Array;
  private readonly dst: Int32Array;
  private readonly cap: Float64Array;
  private readonly cost: Float64Array;
  private readonly flow: Float64Array;
  private readonly state: Int8Array;
  private readonly pi: Float64Array;
  private readonly parent: Int32Array;
  private readonly pred: Int32Array;
  /** 1 when pred[u] points from u to its parent, -1 when from the parent to u. */
  private readonly up: Int8Array;
  private readonly depth: Int32Array;
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly prevSibling: Int32Array;
  private readonly epsilonCost: number;
  private nextArc = 0;

  constructor(network: FlowNetwork) {
    const n = network.nodeCount;
    const m = network.arcs.length;
    this.n = n;
    this.m = m;
    this.root = n;
    const total = m + n;
    this.src = new Int32Array(total);
    this.dst = new Int32Array(total);
    this.cap = new Float64Array(total);
    this.cost = new Float64Array(total);
    this.src.set(network.arcs.source.subarray(0, m));
    this.dst.set(network.arcs.target.subarray(0, m));
    this.cap.set(network.arcs.capacity.subarray(0, m));
    this.cost.set(network.arcs.cost.subarray(0, m));
    this.flow = new Float64Array(total);
    this.state = new Int8Array(total).fill(LOWER);
    this.pi = new Float64Array(n + 1);
    this.parent = new Int32Array(n + 1).fill(-1);
    this.pred = new Int32Array(n + 1).fill(-1);
    this.up = new Int8Array(n + 1);
    this.depth = new Int32Array(n + 1);
    this.firstChild = new Int32Array(n + 1).fill(-1);
    this.nextSibling = new Int32Array(n + 1).fill(-1);
    this.prevSibling = new Int32Array(n + 1).fill(-1);
    let maxCost = 0;
    for (let a = 0; a < m; a++) maxCost = Math.max(maxCost, Math.abs(this.cost[a]!));
    this.epsilonCost = Math.max(1e-9, maxCost * 1e-12);
    const artificialCost = (maxCost + 1) * (n + 1);
    this.initTree(network.supply, artificialCost);
  }

  /** Every node hangs off the root by an artificial arc carrying its supply. */
  private initTree(supply: Float64Array, artificialCost: number): void {
    for (let u = 0; u < this.n; u++) {
      const a = this.m + u;
      const b = supply[u] ?? 0;
      if (b >= 0) {
        this.src[a] = u;
        this.dst[a] = this.root;
        this.flow[a] = b;
        this.up[u] = 1;
        this.pi[u] = -artificialCost;
      } else {
        this.src[a] = this.root;
        this.dst[a] = u;
        this.flow[a] = -b;
        this.up[u] = -1;
        this.pi[u] = artificialCost;
      }
      this.cap[a] = Number.POSITIVE_INFINITY;
      this.cost[a] = artificialCost;
      this.state[a] = TREE;
      this.parent[u] = this.root;
      this.pred[u] = a;
      this.depth[u] = 1;
      this.attach(u, this.root);
    }
  }

  run(): FlowResult {
    let pivots = 0;
    const blockSize = Math.max(10, Math.ceil(Math.sqrt(this.m)));
    for (;;) {
      const entering = this.findEnteringArc(blockSize);
      if (entering < 0) break;
      this.pivot(entering);
      pivots++;
    }
    let feasible = true;
    for (let u = 0; u < this.n; u++) if (this.flow[this.m + u]! > 1e-9) feasible = false;
    let total = 0;
    for (let a = 0; a < this.m; a++) total += this.flow[a]! * this.cost[a]!;
    return { feasible, flow: this.flow.slice(0, this.m), cost: total, potential: this.pi.slice(0, this.n), pivots };
  }

  private reducedCost(a: number): number {
    return this.cost[a]! + this.pi[this.src[a]!]! - this.pi[this.dst[a]!]!;
  }

  /** Block search: scan arcs cyclically in blocks, take the most violating arc of a block. */
  private findEnteringArc(blockSize: number): number {
    const total = this.m;
    let best = -1;
    let bestViolation = -this.epsilonCost;
    let scanned = 0;
    let inBlock = 0;
    for (let count = 0; count < total; count++) {
      const a = this.nextArc;
      this.nextArc = a + 1 === total ? 0 : a + 1;
      const violation = this.state[a]! * this.reducedCost(a);
      if (violation < bestViolation && (this.state[a] !== LOWER || this.cap[a]! > EPSILON)) {
        bestViolation = violation;
        best = a;
      }
      scanned++;
      if (++inBlock === blockSize) {
        if (best >= 0) return best;
        inBlock = 0;
      }
    }
    return scanned > 0 ? best : -1;
  }

  private pivot(inArc: number): void {
    const forward = this.state[inArc] === LOWER;
    const first = forward ? this.src[inArc]! : this.dst[inArc]!;
    const second = forward ? this.dst[inArc]! : this.src[inArc]!;
    const join = this.findJoin(first, second);

    // Cunningham's rule: strict on the first side, non-strict on the second, so the tree stays
    // strongly feasible and degenerate pivots cannot cycle.
    let delta = this.cap[inArc]!;
    let leaving = -1;
    let leavingSide = 0;
    for (let u = first; u !== join; u = this.parent[u]!) {
      const e = this.pred[u]!;
      const d = this.up[u] === 1 ? this.flow[e]! : this.cap[e]! - this.flow[e]!;
      if (d < delta) {
        delta = d;
        leaving = u;
        leavingSide = 1;
      }
    }
    for (let u = second; u !== join; u = this.parent[u]!) {
      const e = this.pred[u]!;
      const d = this.up[u] === 1 ? this.cap[e]! - this.flow[e]! : this.flow[e]!;
      if (d <= delta) {
        delta = d;
        leaving = u;
        leavingSide = 2;
      }
    }

    if (delta > 0 && delta !== Number.POSITIVE_INFINITY)
      this.pushFlow(inArc, first, second, join, forward ? delta : -delta, delta);
    if (leavingSide === 0) {
      this.state[inArc] = -this.state[inArc]! as typeof LOWER;
      return;
    }
    const outArc = this.pred[leaving]!;
    this.state[inArc] = TREE;
    // The blocking arc sits at a bound; snap it there so rounding never leaves a sliver.
    const f = this.flow[outArc]!;
    const c = this.cap[outArc]!;
    if (f <= c - f) {
      this.state[outArc] = LOWER;
      this.flow[outArc] = 0;
    } else {
      this.state[outArc] = UPPER;
      this.flow[outArc] = c;
    }
    if (leavingSide === 1) this.reroot(leaving, first, second, inArc);
    else this.reroot(leaving, second, first, inArc);
  }

  private pushFlow(inArc: number, first: number, second: number, join: number, signed: number, delta: number): void {
    this.flow[inArc] = this.flow[inArc]! + signed;
    for (let u = first; u !== join; u = this.parent[u]!) {
      const e = this.pred[u]!;
      this.flow[e] = this.flow[e]! + (this.up[u] === 1 ? -delta : delta);
    }
    for (let u = second; u !== join; u = this.parent[u]!) {
      const e = this.pred[u]!;
      this.flow[e] = this.flow[e]! + (this.up[u] === 1 ? delta : -delta);
    }
  }

  private findJoin(a: number, b: number): number {
    let u = a;
    let v = b;
    while (this.depth[u]! > this.depth[v]!) u = this.parent[u]!;
    while (this.depth[v]! > this.depth[u]!) v = this.parent[v]!;
    while (u !== v) {
      u = this.parent[u]!;
      v = this.parent[v]!;
    }
    return u;
  }

  /**
   * The leaving arc cut off the subtree containing `inside` (the entering arc's endpoint on the
   * leaving side). Reverse the path from `inside` up to `cut`, hang `inside` under `outside` by
   * the entering arc, and shift potentials and depths of the moved subtree.
   */
  private reroot(cut: number, inside: number, outside: number, inArc: number): void {
    let child = inside;
    let newParent = outside;
    let newPred = inArc;
    let newUp: 1 | -1 = this.src[inArc] === inside ? 1 : -1;
    for (;;) {
      const oldParent = this.parent[child]!;
      const oldPred = this.pred[child]!;
      const oldUp = this.up[child]!;
      this.detach(child, oldParent);
      this.parent[child] = newParent;
      this.pred[child] = newPred;
      this.up[child] = newUp;
      this.attach(child, newParent);
      if (child === cut) break;
      newParent = child;
      newPred = oldPred;
      newUp = oldUp === 1 ? -1 : 1;
      child = oldParent;
    }
    const shift =
      this.src[inArc] === inside
        ? this.pi[outside]! - this.cost[inArc]! - this.pi[inside]!
        : this.pi[outside]! + this.cost[inArc]! - this.pi[inside]!;
    this.updateSubtree(inside, shift);
  }

  private updateSubtree(top: number, shift: number): void {
    const stack = [top];
    while (stack.length > 0) {
      const u = stack.pop()!;
      this.pi[u] = this.pi[u]! + shift;
      this.depth[u] = this.depth[this.parent[u]!]! + 1;
      for (let c = this.firstChild[u]!; c !== -1; c = this.nextSibling[c]!) stack.push(c);
    }
  }

  private attach(child: number, parent: number): void {
    const head = this.firstChild[parent]!;
    this.nextSibling[child] = head;
    this.prevSibling[child] = -1;
    if (head !== -1) this.prevSibling[head] = child;
    this.firstChild[parent] = child;
  }

  private detach(child: number, parent: number): void {
    const prev = this.prevSibling[child]!;
    const next = this.nextSibling[child]!;
    if (prev !== -1) this.nextSibling[prev] = next;
    else this.firstChild[parent] = next;
    if (next !== -1) this.prevSibling[next] = prev;
    this.nextSibling[child] = -1;
    this.prevSibling[child] = -1;
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArcList, solveMinCostFlow } from '../../src/solve/network-simplex.js';
import { loadHighs } from '../support/highs.js';

interface RandomNetwork {
  nodes: number;
  supply: number[];
  arcs: { s: number; t: number; cap: number; cost: number }[];
}

/** Random transportation networks with a few transshipment arcs, always feasible via a hub. */
const networkArb = fc
  .record({ sources: fc.integer({ min: 1, max: 6 }), sinks: fc.integer({ min: 1, max: 6 }) })
  .chain(({ sources, sinks }) =>
    fc
      .record({
        supplies: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: sources, maxLength: sources }),
        split: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: sinks, maxLength: sinks }),
        arcs: fc.array(
          fc.record({
            s: fc.integer({ min: 0, max: sources + sinks - 1 }),
            t: fc.integer({ min: 0, max: sources + sinks - 1 }),
            cap: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(Number.POSITIVE_INFINITY)),
            cost: fc.integer({ min: -5, max: 30 }),
          }),
          { maxLength: 30 },
        ),
      })
      .map(({ supplies, split, arcs }) => {
        const total = supplies.reduce((a, b) => a + b, 0);
        const splitTotal = split.reduce((a, b) => a + b, 0);
        const hub = sources + sinks;
        const supply = [...supplies, ...split.map((w) => -(total * w) / splitTotal), 0];
        const all = arcs
          .filter((arc) => arc.s !== arc.t && !(arc.cost < 0 && arc.cap === Number.POSITIVE_INFINITY))
          .concat(
            Array.from({ length: sources }, (_, i) => ({ s: i, t: hub, cap: Number.POSITIVE_INFINITY, cost: 100 })),
          )
          .concat(
            Array.from({ length: sinks }, (_, j) => ({
              s: hub,
              t: sources + j,
              cap: Number.POSITIVE_INFINITY,
              cost: 100,
            })),
          );
        return { nodes: hub + 1, supply, arcs: all } satisfies RandomNetwork;
      }),
  );

function solveWithSimplex(network: RandomNetwork) {
  const arcs = new ArcList();
  for (const arc of network.arcs) arcs.add(arc.s, arc.t, arc.cap, arc.cost);
  return solveMinCostFlow({ nodeCount: network.nodes, supply: Float64Array.from(network.supply), arcs });
}

function toLp(network: RandomNetwork): string {
  const terms = network.arcs.map((arc, i) => `${arc.cost >= 0 ? '+' : '-'} ${Math.abs(arc.cost)} x${i}`);
  const rows = network.supply.map((b, u) => {
    const out = network.arcs.flatMap((arc, i) => (arc.s === u ? [`+ x${i}`] : []));
    const inn = network.arcs.flatMap((arc, i) => (arc.t === u ? [`- x${i}`] : []));
    return ` n${u}: ${[...out, ...inn].join(' ') || '0 x0'} = ${b}`;
  });
  const bounds = network.arcs.map((arc, i) =>
    arc.cap === Number.POSITIVE_INFINITY ? ` x${i} >= 0` : ` 0 <= x${i} <= ${arc.cap}`,
  );
  return `Minimize\n obj: ${terms.join(' ')}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\nEnd\n`;
}

describe('network simplex', () => {
  it('solves a small transportation problem exactly', () => {
    // Two sources (10, 5) to two sinks (-8, -7); cheap arc 0->2 limited to 6.
    const arcs = new ArcList();
    arcs.add(0, 2, 6, 1);
    arcs.add(0, 3, Number.POSITIVE_INFINITY, 4);
    arcs.add(1, 2, Number.POSITIVE_INFINITY, 3);
    arcs.add(1, 3, Number.POSITIVE_INFINITY, 2);
    const result = solveMinCostFlow({ nodeCount: 4, supply: Float64Array.from([10, 5, -8, -7]), arcs });
    expect(result.feasible).toBe(true);
    expect([...result.flow]).toEqual([6, 4, 2, 3]);
    expect(result.cost).toBe(6 + 16 + 6 + 6);
  });

  it('reports infeasibility instead of inventing flow', () => {
    const arcs = new ArcList();
    arcs.add(0, 1, 3, 1);
    const result = solveMinCostFlow({ nodeCount: 2, supply: Float64Array.from([5, -5]), arcs });
    expect(result.feasible).toBe(false);
  });

  it('matches the HiGHS LP optimum on random networks', async () => {
    const highs = await loadHighs();
    fc.assert(
      fc.property(networkArb, (network) => {
        const ours = solveWithSimplex(network);
        const exact = highs.solve(toLp(network));
        expect(exact.Status).toBe('Optimal');
        expect(ours.feasible).toBe(true);
        expect(ours.cost).toBeCloseTo(exact.ObjectiveValue, 6);
        // Conservation and bounds hold for the returned flow itself.
        const balance = new Float64Array(network.nodes);
        network.arcs.forEach((arc, i) => {
          const f = ours.flow[i]!;
          expect(f).toBeGreaterThanOrEqual(-1e-9);
          expect(f).toBeLessThanOrEqual(arc.cap + 1e-9);
          balance[arc.s]! += f;
          balance[arc.t]! -= f;
        });
        for (const [u, b] of network.supply.entries()) expect(balance[u]).toBeCloseTo(b, 6);
      }),
      { numRuns: 400 },
    );
  });
});

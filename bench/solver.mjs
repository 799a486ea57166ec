// Solver benchmark: the split engine against the HiGHS LP solver on the same instances.
import { createRequire } from 'node:module';
import { solveFlow } from '../dist/solve/flow-model.js';
import { splitProblemAsLp } from '../dist/solve/reference-lp.js';
import { flowInputs, solve } from '../dist/solve/solve.js';
import { estatePolicy } from './instances.mjs';
import { median, table, timeRuns } from './stats.mjs';

const require = createRequire(import.meta.url);
const AT = Date.parse('2026-12-01T00:00:00Z');

export async function benchSolver({ quick = false } = {}) {
  const highs = await require('highs')();
  const headline = measure(highs, { endpoints: 100, constrained: true }, quick ? 5 : 21, quick ? 1 : 3);
  const grid = [];
  for (const endpoints of quick ? [10, 50] : [10, 25, 50, 100, 200]) {
    for (const constrained of [false, true]) {
      grid.push(measure(highs, { endpoints, constrained }, quick ? 3 : 9, endpoints >= 100 && !quick ? 1 : 0));
    }
  }
  return { headline, grid };
}

function measure(highs, shape, runs, lpRuns) {
  const policy = estatePolicy(shape);
  const [input] = flowInputs(policy, AT);
  const memoryBefore = process.memoryUsage().heapUsed;
  const engineMs = timeRuns(() => solveFlow(input), { runs });
  const fullMs = timeRuns(() => solve(policy, AT, { skipNextChange: true }), {
    runs: Math.max(3, Math.floor(runs / 3)),
    warmup: 1,
  });
  const heapMb = Math.max(0, process.memoryUsage().heapUsed - memoryBefore) / 2 ** 20;
  const engine = solveFlow(input);
  const { lp, offset, scale } = splitProblemAsLp(input);
  const lpMs = [];
  let lpObjective;
  for (let i = 0; i < Math.max(1, lpRuns); i++) {
    const start = performance.now();
    const result = highs.solve(lp);
    lpMs.push(performance.now() - start);
    lpObjective = result.ObjectiveValue / scale;
  }
  const engineObjective = engine.cost + offset;
  return {
    geographies: input.geoCount,
    endpoints: shape.endpoints,
    constrained: shape.constrained,
    arcs: input.availability.reduce((sum, a) => sum + a.allowed.length, 0),
    engineMedianMs: round(median(engineMs)),
    solveMedianMs: round(median(fullMs)),
    highsMedianMs: lpRuns > 0 ? round(median(lpMs)) : null,
    speedup: lpRuns > 0 ? round(median(lpMs) / median(engineMs), 1) : null,
    objectiveGapPercent:
      lpRuns > 0
        ? round((100 * Math.abs(engineObjective - lpObjective)) / Math.max(1e-9, Math.abs(lpObjective)), 6)
        : null,
    heapMb: round(heapMb, 1),
  };
}

function round(value, digits = 2) {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

export function formatSolver({ headline, grid }) {
  const columns = [
    'geographies',
    'endpoints',
    'constrained',
    'engineMedianMs',
    'solveMedianMs',
    'highsMedianMs',
    'speedup',
    'objectiveGapPercent',
  ];
  return [
    'Solver: 250 geographies x 100 endpoints, capacity + balance (goal: < 50 ms median, >= 10x HiGHS, same objective)',
    table([headline], columns),
    '',
    'Solver scale (engine = min-cost flow only; solve = whole plan with reasons; HiGHS where timed)',
    table(grid, columns),
  ].join('\n');
}

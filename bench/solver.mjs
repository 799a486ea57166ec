// Solver benchmark: the split engine against the HiGHS LP solver on the same instances, over a
// grid of estate sizes, with the memory each size needs and how the cost grows with size.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { solveFlow } from '../dist/solve/flow-model.js';
import { splitProblemAsLp } from '../dist/solve/reference-lp.js';
import { flowInputs, solve } from '../dist/solve/solve.js';
import { estatePolicy } from './instances.mjs';
import { fitPower, median, round, table, timeRuns } from './stats.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const AT = Date.parse('2026-12-01T00:00:00Z');

export async function benchSolver({ quick = false } = {}) {
  const highs = await require('highs')();
  // HiGHS is timed as often as the engine, after warm-up solves: timed once and cold, its figure
  // (and the speed-up) swung from 12x to 76x between runs of the same instance.
  const headline = measure(highs, { endpoints: 100, constrained: true }, quick ? 5 : 21, quick ? 5 : 21);
  const grid = [];
  for (const endpoints of quick ? [10, 50, 100, 200] : [10, 25, 50, 100, 150, 200]) {
    for (const constrained of [false, true]) {
      const row = measure(highs, { endpoints, constrained }, quick ? 3 : 9, endpoints >= 100 && !quick ? 3 : 0);
      grid.push({ ...row, ...peakMemory(endpoints, constrained) });
    }
  }
  return { headline, grid, growth: growthOf(grid) };
}

/** Peak RSS of one whole solve of this size, and the size of the plan it returns, in a process of its own. */
function peakMemory(endpoints, constrained) {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', join(here, 'solver-memory.mjs'), String(endpoints), String(constrained)],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`solver-memory failed: ${child.stderr.slice(0, 500)}`);
  const { peakRssDeltaMb, retainedMb } = JSON.parse(child.stdout);
  // Below about 0.1 MB the retained figure is GC noise (it can even come out negative).
  return { peakRssMb: round(peakRssDeltaMb, 1), planMb: round(Math.max(0, retainedMb), 1) };
}

/**
 * How time grows with the problem: the exponent k of a least-squares fit time ∝ arcs^k over the
 * grid (arcs = geographies x endpoints allowed), and the ratio from the largest size to half of it.
 */
function growthOf(grid) {
  return [false, true].map((constrained) => {
    const rows = grid.filter((r) => r.constrained === constrained);
    const largest = rows.at(-1);
    const half = rows.find((r) => r.endpoints === largest.endpoints / 2);
    return {
      constrained,
      engineExponent: round(fitPower(rows.map((r) => [r.arcs, r.engineMedianMs])), 2),
      solveExponent: round(fitPower(rows.map((r) => [r.arcs, r.solveMedianMs])), 2),
      memoryExponent: round(fitPower(rows.map((r) => [r.arcs, Math.max(r.peakRssMb, 0.1)])), 2),
      doubling: half ? `${half.endpoints} -> ${largest.endpoints}` : '',
      engineRatio: half ? round(largest.engineMedianMs / half.engineMedianMs, 1) : null,
      solveRatio: half ? round(largest.solveMedianMs / half.solveMedianMs, 1) : null,
    };
  });
}

function measure(highs, shape, runs, lpRuns) {
  const policy = estatePolicy(shape);
  const [input] = flowInputs(policy, AT);
  const engineMs = timeRuns(() => solveFlow(input), { runs });
  const fullMs = timeRuns(() => solve(policy, AT, { skipNextChange: true }), {
    runs: Math.max(3, Math.floor(runs / 3)),
    warmup: 1,
  });
  const engine = solveFlow(input);
  const { lp, offset, scale } = splitProblemAsLp(input);
  let lpObjective;
  const lpMs =
    lpRuns > 0
      ? timeRuns(
          () => {
            lpObjective = highs.solve(lp).ObjectiveValue / scale;
          },
          { runs: lpRuns, warmup: 2 },
        )
      : [];
  const spread = (times) => `${round(Math.min(...times), 1)}–${round(Math.max(...times), 1)}`;
  const engineObjective = engine.cost + offset;
  return {
    geographies: input.geoCount,
    endpoints: shape.endpoints,
    constrained: shape.constrained,
    arcs: input.availability.reduce((sum, a) => sum + a.allowed.length, 0),
    engineMedianMs: round(median(engineMs)),
    engineSpreadMs: spread(engineMs),
    solveMedianMs: round(median(fullMs)),
    solveSpreadMs: spread(fullMs),
    highsMedianMs: lpRuns > 0 ? round(median(lpMs)) : null,
    highsSpreadMs: lpRuns > 0 ? spread(lpMs) : null,
    highsRuns: lpRuns,
    /** HiGHS against the engine alone (both solve the same LP). */
    speedup: lpRuns > 0 ? round(median(lpMs) / median(engineMs), 1) : null,
    /** HiGHS against the whole solve (which adds building the problem, rounding and reasons). */
    speedupWhole: lpRuns > 0 ? round(median(lpMs) / median(fullMs), 1) : null,
    objectiveGapPercent:
      lpRuns > 0
        ? round((100 * Math.abs(engineObjective - lpObjective)) / Math.max(1e-9, Math.abs(lpObjective)), 6)
        : null,
  };
}

export function formatSolver({ headline, grid, growth }) {
  const columns = [
    'geographies',
    'endpoints',
    'constrained',
    'engineMedianMs',
    'engineSpreadMs',
    'solveMedianMs',
    'solveSpreadMs',
    'highsMedianMs',
    'highsSpreadMs',
    'speedup',
    'speedupWhole',
    'objectiveGapPercent',
  ];
  return [
    'Solver: 250 geographies x 100 endpoints, capacity + balance (goal: < 50 ms median, >= 10x HiGHS, same objective)',
    table([headline], columns),
    '',
    'Solver scale (engine = min-cost flow only; solve = whole plan with reasons; HiGHS where timed; peakRssMb = peak RSS of one solve in its own process, above what was loaded; planMb = heap the returned plan keeps)',
    table(grid, [...columns, 'peakRssMb', 'planMb']),
    '',
    'Solver growth (time ~ arcs^k, least squares over the grid; ratio = largest size / half of it)',
    table(growth, [
      'constrained',
      'engineExponent',
      'solveExponent',
      'memoryExponent',
      'doubling',
      'engineRatio',
      'solveRatio',
    ]),
  ].join('\n');
}

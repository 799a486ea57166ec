// Child process of solver.mjs (run with --expose-gc): the memory one whole solve of one grid size
// needs, measured alone so that nothing else (other sizes, HiGHS) shares the process. Prints JSON.
import { solve } from '../dist/solve/solve.js';
import { estatePolicy } from './instances.mjs';
import { peakRssBytes } from './peak.mjs';

const AT = Date.parse('2026-12-01T00:00:00Z');
const [endpoints, constrained] = [Number(process.argv[2]), process.argv[3] === 'true'];
// A small solve first, so that compiling the solver is not counted against the size measured.
solve(estatePolicy({ endpoints: 10, constrained: false }), AT, { skipNextChange: true });
const policy = estatePolicy({ endpoints, constrained });
global.gc();
const rssBefore = process.memoryUsage().rss;
const heapBefore = process.memoryUsage().heapUsed;
const plan = solve(policy, AT, { skipNextChange: true });
// The process's high-water mark: what the solve needed on top of what was there.
const peakRss = peakRssBytes();
global.gc();
const retained = process.memoryUsage().heapUsed - heapBefore;
process.stdout.write(
  JSON.stringify({
    services: plan.services.length,
    peakRssDeltaMb: Math.max(0, peakRss - rssBefore) / 2 ** 20,
    retainedMb: retained / 2 ** 20,
  }),
);

// `npm run bench`: prints figures with baselines measured in the same run and saves them as JSON.
//   --quick             a short run (about a minute): fewer repetitions, a small estate
//   --only=a,b          sections: startup, solver, replan, publish, memory; and scale (1,000 to
//                       10,000 services, about half an hour on 2 cores: only when named)
//   --baseline          also save the results as bench/results/baseline-<date>.json
// See docs/performance.md for what each figure means.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The AWS SDK warns on Node 20 that it will drop it; bin/trafficport.js hides the same warning.
const emit = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'NodeVersionSupportWarning' || String(warning).includes('NodeVersionSupportWarning')) return;
  emit.call(process, warning, ...rest);
};

const { formatMemory, formatPublish, formatStartup } = await import('./report.mjs');
const { benchSolver, formatSolver } = await import('./solver.mjs');

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wanted = (section) => only === undefined || only.includes(section);
const results = { date: new Date().toISOString(), node: process.version, quick, seconds: {} };

async function section(name, run) {
  if (!wanted(name)) return;
  const start = performance.now();
  console.log(`\n== ${name} ==`);
  await run();
  results.seconds[name] = Math.round((performance.now() - start) / 1000);
}

await section('startup', async () => {
  const { benchStartup } = await import('./startup.mjs');
  const { benchAnatomy } = await import('./startup-anatomy.mjs');
  const { benchBundle } = await import('./startup-bundle.mjs');
  const { benchPhases, formatPhases } = await import('./startup-phases.mjs');
  results.startup = benchStartup({ quick });
  results.startupAnatomy = benchAnatomy({ quick });
  results.startupBundled = benchBundle({ runs: quick ? 5 : 9 });
  console.log(formatStartup(results.startup, results.startupAnatomy, results.startupBundled));
  results.startupPhases = benchPhases({ runs: quick ? 3 : 11 });
  console.log(`\n${formatPhases(results.startupPhases)}`);
});

await section('solver', async () => {
  results.solver = await benchSolver({ quick });
  console.log(formatSolver(results.solver));
});

await section('replan', async () => {
  const { benchReplan, formatReplan } = await import('./replan.mjs');
  results.replan = await benchReplan({ quick });
  console.log(formatReplan(results.replan));
});

// Publishing and memory share one synthetic estate, solved once.
let estate;
const loadEstateOnce = async () => {
  if (estate !== undefined) return estate;
  const { ESTATE_AT, ESTATE_FULL, ESTATE_QUICK, loadEstate } = await import('./estate.mjs');
  const { solve } = await import('../dist/solve/solve.js');
  const shape = quick ? ESTATE_QUICK : ESTATE_FULL;
  const start = performance.now();
  const { policy, text } = loadEstate(shape);
  const plan = solve(policy, ESTATE_AT, { skipNextChange: true });
  estate = { shape, policy, text, plan, loadAndSolveS: Math.round((performance.now() - start) / 100) / 10 };
  return estate;
};

let published;
await section('publish', async () => {
  const { benchRoute53 } = await import('./publish-route53.mjs');
  const { benchAzure } = await import('./publish-azure.mjs');
  const { policy, plan, shape, loadAndSolveS } = await loadEstateOnce();
  const route53 = await benchRoute53({ policy, plan });
  published = route53.store;
  const azure = await benchAzure({ policy, plan });
  const phases = [...route53.phases, ...azure.phases];
  let azureDense;
  if (!quick) {
    const { ESTATE_AT, ESTATE_AZURE_DENSE, loadEstate } = await import('./estate.mjs');
    const { solve } = await import('../dist/solve/solve.js');
    const dense = loadEstate(ESTATE_AZURE_DENSE);
    const densePlan = solve(dense.policy, ESTATE_AT, { skipNextChange: true });
    const label = `, ${ESTATE_AZURE_DENSE.services} services in 1 zone`;
    const result = await benchAzure({ policy: dense.policy, plan: densePlan, label });
    azureDense = result.summary;
    phases.push(...result.phases);
  }
  results.publish = {
    estate: { ...shape, loadAndSolveS },
    route53: route53.summary,
    azure: azure.summary,
    ...(azureDense === undefined ? {} : { azureDense }),
    phases,
  };
  console.log(formatPublish(results.publish));
});

await section('memory', async () => {
  const { benchMemory } = await import('./memory.mjs');
  const { policy, plan, text } = await loadEstateOnce();
  results.memory = await benchMemory({ estate: text, policy, plan, published });
  console.log(formatMemory(results.memory));
});

if (only?.includes('scale')) {
  await section('scale', async () => {
    const { benchScale, formatScale } = await import('./scale.mjs');
    const sizes = quick ? [100, 300] : [1000, 3000, 10000];
    results.scale = await benchScale({ sizes, runs: (n) => (quick ? 1 : n <= 1000 ? 2 : 1) });
    console.log(formatScale(results.scale));
  });
}

mkdirSync(join(here, 'results'), { recursive: true });
const saved = [join(here, 'results', 'latest.json')];
if (process.argv.includes('--baseline'))
  saved.push(join(here, 'results', `baseline-${results.date.slice(0, 10)}.json`));
for (const file of saved) writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nsections took ${JSON.stringify(results.seconds)} s; saved ${saved.join(', ')}`);

// The read-back's evaluation alone (what `apply` does after publishing, and `verify`): every
// Route 53 provider's records, as rendered, compared with the plan by `comparePublished` (both
// sides evaluated for A, AAAA and CNAME), in process, no mock. The generated estate of section 5
// (100 services per zone). `node bench/read-back.mjs [dist-dir] [services] [runs]`: median and
// spread (wall and CPU) of the whole comparison over every provider, after one warm-up run; pass an older
// build's dist directory to compare builds in the same run.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { estateYaml } from './estate.mjs';
import { median, round } from './stats.mjs';

const dist = resolve(process.argv[2] ?? new URL('../dist', import.meta.url).pathname);
const services = Number(process.argv[3] ?? 1000);
const runs = Number(process.argv[4] ?? 5);
const load = (path) => import(pathToFileURL(resolve(dist, path)).href);
const { loadPolicy } = await load('policy/load.js');
const { solve } = await load('solve/solve.js');
const { loadProviderKit } = await load('providers/registry.js');
const { comparePublished } = await load('resolver/compare-published.js');
const { publishedEvaluator, sameResources } = await load('publish/verify-published.js');
const { servicesOf } = await load('publish/prepare.js');

const zones = Math.max(1, Math.round(services / 100));
const { policy } = loadPolicy(estateYaml({ services, zones }), 'estate.yaml');
const splits = solve(policy, Date.parse('2026-12-06T00:00:00Z'), { skipNextChange: true });
const kit = await loadProviderKit('route53');
const targets = policy.providers
  .filter((provider) => provider.type === 'route53')
  .map((provider) => {
    const desired = kit.render({ policy, splits, provider });
    // What a read gives back: the same records as new objects.
    return { provider, desired, live: structuredClone(desired.resources) };
  });

function compareAll() {
  let checked = 0;
  for (const { provider, desired, live } of targets) {
    const result = comparePublished({
      policy,
      splits,
      services: servicesOf(policy, provider),
      desired,
      // As apply's read-back passes them (builds before it had no `sameResources`: the records read).
      live: sameResources?.(desired.resources, live) ? desired.resources : live,
      evaluator: publishedEvaluator(kit, policy, provider, undefined),
    });
    if (result.mismatches.length > 0) throw new Error(`${provider.id}: ${result.mismatches.length} mismatches`);
    checked += result.checked;
  }
  return checked;
}

compareAll();
// CPU time (user + system) beside the wall time: on a shared machine the wall time mostly
// measures the other jobs.
const times = [];
const cpus = [];
let checked = 0;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  checked = compareAll();
  const used = process.cpuUsage(cpu);
  times.push(performance.now() - start);
  cpus.push((used.user + used.system) / 1000);
}
console.log(
  JSON.stringify({
    dist,
    services,
    providers: targets.length,
    checked,
    medianMs: round(median(times), 0),
    spreadMs: `${round(Math.min(...times), 0)}–${round(Math.max(...times), 0)}`,
    cpuMs: round(median(cpus), 0),
    cpuSpreadMs: `${round(Math.min(...cpus), 0)}–${round(Math.max(...cpus), 0)}`,
  }),
);

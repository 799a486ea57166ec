// Where the estate plan's memory goes, step by step (`node bench/memory-steps.mjs [--quick]`,
// after `npm run build`): the steps of `plan` (solve, then per Route 53 provider render, read,
// share, evaluate, build; only the provider plans are kept) in a child process, against the
// Route 53 mock served here on loopback.
// Per step: time, what it added to the old generation (promoted or pretenured: what V8 lets pile
// up between major GCs, so what drives the peak; pretenuring decisions make this vary by tens of
// MB between runs), and what it left on the heap after a forced GC. The child starts with a large
// old generation, so that no major GC runs inside a step.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';

const [mode, file, url, at] = process.argv.slice(2);
if (mode === '--child') await child();
else await parent(mode === '--quick');

async function parent(quick) {
  const { ESTATE_AT, ESTATE_FULL, ESTATE_QUICK, loadEstate } = await import('./estate.mjs');
  const { publishRoute53 } = await import('./memory.mjs');
  const { startRoute53Mock, createRoute53Backend } = await import('../dist/providers/route53/mock/index.js');
  const { formatInstant } = await import('../dist/policy/time.js');
  const { solve } = await import('../dist/solve/solve.js');
  const { policy, text } = loadEstate(quick ? ESTATE_QUICK : ESTATE_FULL);
  const store = await publishRoute53(policy, solve(policy, ESTATE_AT, { skipNextChange: true }));
  const mock = await startRoute53Mock({ backend: createRoute53Backend({ store }) });
  const estate = join(mkdtempSync(join(tmpdir(), 'trafficport-steps-')), 'estate.yaml');
  writeFileSync(estate, text);
  // Asynchronously: the mock the child reads from is served by this process's event loop.
  const flags = ['--expose-gc', '--initial-old-space-size=4096'];
  const args = [...flags, import.meta.filename, '--child', estate, mock.url, formatInstant(ESTATE_AT)];
  const run = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  await new Promise((resolve) => run.on('close', resolve));
  await mock.close();
}

async function child() {
  const steps = new Map();
  const old = () =>
    v8
      .getHeapSpaceStatistics()
      .filter((s) => s.space_name === 'old_space' || s.space_name === 'large_object_space')
      .reduce((sum, s) => sum + s.space_used_size, 0);
  const step = async (name, work) => {
    const [o, h, t] = [old(), process.memoryUsage().heapUsed, performance.now()];
    const result = await work();
    const row = steps.get(name) ?? { step: name, seconds: 0, oldGenMb: 0, keptMb: 0 };
    row.seconds += (performance.now() - t) / 1000;
    row.oldGenMb += (old() - o) / 2 ** 20;
    globalThis.gc();
    row.keptMb += (process.memoryUsage().heapUsed - h) / 2 ** 20;
    steps.set(name, row);
    return result;
  };
  const { loadPolicy } = await import('../dist/policy/load.js');
  const { solve } = await import('../dist/solve/solve.js');
  const { loadProviderKit } = await import('../dist/providers/registry.js');
  const { servicesOf } = await import('../dist/publish/prepare.js');
  const { buildProviderPlan } = await import('../dist/plan/build.js');
  const { reuseResources, sameResources, shareUnchanged } = await import('../dist/plan/share.js');
  const kit = await loadProviderKit('route53');
  globalThis.gc();
  const policy = await step('load policy', () => loadPolicy(readFileSync(file, 'utf8'), file).policy);
  const split = await step('solve', () => solve(policy, Date.parse(at), { detail: 'publish' }));
  const env = { ...process.env, TRAFFICPORT_ROUTE53_ENDPOINT: url };
  const kept = [];
  for (const provider of policy.providers.filter((p) => p.type === 'route53')) {
    const desired = await step('render', () => kit.render({ policy, plan: split, provider }));
    const adapter = await kit.createAdapter(provider, { mockStateDir: '/nonexistent', env });
    // As `plan` does it (publish/prepare.ts): read back into the rendered objects, evaluate the
    // live records only if they differ, keep only the provider's plan.
    const reuse = reuseResources(desired.resources);
    const read = await step('read', () => adapter.read(servicesOf(policy, provider), { reuse }));
    const live = await step('share', () => shareUnchanged(read, reuse));
    const after = await step('evaluate', () => kit.evaluate(desired.resources, policy, provider));
    const before = await step('evaluate', () =>
      sameResources(live.resources, desired.resources) ? after : kit.evaluate(live.resources, policy, provider),
    );
    kept.push(await step('build', () => buildProviderPlan({ desired, live, before, after, split })));
  }
  globalThis.gc();
  const { table, round } = await import('./stats.mjs');
  const rows = [...steps.values()].map((r) => ({
    step: r.step,
    seconds: round(r.seconds, 2),
    oldGenMb: round(r.oldGenMb, 1),
    keptMb: round(r.keptMb, 1),
  }));
  console.log(table(rows, ['step', 'seconds', 'oldGenMb', 'keptMb']));
  console.log(
    `heap kept at the end: ${round(process.memoryUsage().heapUsed / 2 ** 20, 1)} MB (${kept.length} providers)`,
  );
}

// Memory: peak RSS of `trafficport plan --json` for the whole estate, in a process of its own,
// against a one-service plan (the quick start) measured the same way.
//
// The Route 53 mock runs here, in the benchmark's process, served on loopback
// (TRAFFICPORT_ROUTE53_ENDPOINT): the figure is what trafficport holds, not what the fake cloud
// holds, as it would be against real Route 53. The plan is narrowed to the Route 53 providers
// with --provider, so the figure is the Route 53 plan's. The estate is already published (by the
// publishing section, or here), so the plan reads every record and holds live and desired state.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffResources } from '../dist/plan/diff.js';
import { formatInstant } from '../dist/policy/time.js';
import { createRoute53Adapter } from '../dist/providers/route53/index.js';
import { createRoute53Backend, emptyRoute53State, startRoute53Mock } from '../dist/providers/route53/mock/index.js';
import { servicesOf } from '../dist/publish/prepare.js';
import { renderRoute53 } from '../dist/render/route53.js';
import { ESTATE_AT } from './estate.mjs';
import { sharedStateStore, stopwatchMock } from './mock-harness.mjs';
import { round } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const QUICKSTART = join(here, '..', 'examples', 'quickstart.yaml');
export const MEMORY_GOAL_MB = 300;

export async function benchMemory({ estate, policy, plan, published }) {
  const work = mkdtempSync(join(tmpdir(), 'trafficport-bench-memory-'));
  const backend = createRoute53Backend({ store: published ?? (await publishRoute53(policy, plan)) });
  const watch = stopwatchMock(backend);
  const full = await startRoute53Mock({ backend });
  try {
    const file = join(work, 'estate.yaml');
    writeFileSync(file, estate);
    const providers = policy.providers.filter((p) => p.type === 'route53').map((p) => p.id);
    const args = ['plan', file, '--json', '--at', formatInstant(ESTATE_AT), '--provider', ...providers];
    // One at a time, so each child has the machine to itself.
    const rows = [
      await measure('plan quickstart (1 service)', ['plan', QUICKSTART, '--json'], work, {}),
      {
        ...(await measure(`plan estate, all published (${policy.services.length} services)`, args, work, {
          url: full.url,
        })),
        // Part of the wall time is the mock answering in this process, not trafficport.
        mockS: round(watch.seconds(), 1),
      },
    ];
    const [baseline] = rows;
    return rows.map((r) => ({
      ...r,
      ratio: round(r.peakRssMb / baseline.peakRssMb),
      goal: r === baseline ? '' : `< ${MEMORY_GOAL_MB} MB`,
      meets: r === baseline ? '' : r.peakRssMb < MEMORY_GOAL_MB ? 'yes' : 'no',
    }));
  } finally {
    await full.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs the CLI asynchronously: the mock it talks to is served by this very process. */
async function measure(name, args, work, { url }) {
  const rssFile = join(work, 'rss');
  const state = mkdtempSync(join(work, 'state-'));
  const env = { ...process.env, TRAFFICPORT_STATE_DIR: state, NO_COLOR: '1' };
  if (url !== undefined) env.TRAFFICPORT_ROUTE53_ENDPOINT = url;
  const start = performance.now();
  const child = spawn(process.execPath, [join(here, 'peak-rss.mjs'), rssFile, ...args], {
    cwd: work,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const status = await new Promise((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - start) / 1000;
  if (status !== 0) throw new Error(`${name} exited ${status}: ${stderr.slice(0, 500)}`);
  return { plan: name, peakRssMb: round(Number(readFileSync(rssFile, 'utf8')) / 2 ** 20, 1), wallS: round(seconds, 1) };
}

/** Publishes the estate's Route 53 records to a fresh mock state, without a rate limit. */
export async function publishRoute53(policy, plan) {
  const store = sharedStateStore(emptyRoute53State());
  const backend = createRoute53Backend({ store });
  await Promise.all(
    policy.providers
      .filter((provider) => provider.type === 'route53')
      .map(async (provider) => {
        const adapter = createRoute53Adapter(provider, { mockStateDir: '/nonexistent', backend, env: {} });
        const live = await adapter.read(servicesOf(policy, provider));
        const desired = renderRoute53({ policy, plan, provider }).resources;
        await adapter.apply(diffResources(desired, live.resources), live);
      }),
  );
  return store;
}

// What the quick start's Route 53 requests to the in-process mock cost a cold process (issue 18):
// a child process loads the mock's client (the tsc output in dist/, so that loading is done before
// the first mark), then times each step of the plan's conversation with the mock through the real
// SDK client: building the client, the first request (the zone lookup, which also creates the
// mock's state file), the geolocation list (ListGeoLocations, 4 pages of 100 for 305 locations),
// the read (records and health checks), and the geolocation list again with every function warm.
// CPU of the main thread (Linux) and of the whole process, medians with quartiles over the runs.
//
//   npm run build && node bench/startup-mock-requests.mjs [--runs=11] [--save=FILE]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpuMark, spread } from './startup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STEPS = ['client', 'first request', 'geolocation list', 'read', 'geolocation list, warm'];

async function child() {
  const { createRoute53Adapter } = await import(
    pathToFileURL(join(root, 'dist', 'providers', 'route53', 'client.js')).href
  );
  const dir = mkdtempSync(join(tmpdir(), 'trafficport-bench-mock-'));
  try {
    const provider = { id: 'r53', type: 'route53', zone: 'example.com', backend: 'mock' };
    const marks = [cpuMark()];
    const adapter = createRoute53Adapter(provider, { mockStateDir: dir, adapter: {} });
    marks.push(cpuMark());
    await adapter.zoneId();
    marks.push(cpuMark());
    await adapter.geoList();
    marks.push(cpuMark());
    await adapter.read(['shop.example.com']);
    marks.push(cpuMark());
    // A second adapter: its own list, read again through the now warm code.
    await createRoute53Adapter(provider, { mockStateDir: dir, adapter: {} }).geoList();
    marks.push(cpuMark());
    process.stdout.write(`${JSON.stringify(marks)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function benchMockRequests({ runs = 11 } = {}) {
  const samples = [];
  for (let i = 0; i < runs + 1; i++) {
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`child exited ${run.status}: ${run.stderr.slice(0, 500)}`);
    if (i >= 1) samples.push(JSON.parse(run.stdout.trim().split('\n').pop()));
  }
  return {
    node: process.version,
    runs,
    steps: STEPS.map((step, index) => ({
      step,
      cpu: spread(samples.map((m) => m[index + 1].cpu - m[index].cpu)),
      ...(samples[0][0].main === undefined
        ? {}
        : { main: spread(samples.map((m) => m[index + 1].main - m[index].main)) }),
    })),
  };
}

const fmt = (s) => (s === undefined ? '-' : `${s.median} (${s.q1}..${s.q3})`);

if (process.argv[2] === '--child') {
  await child();
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const result = benchMockRequests({ runs: Number(option('runs') ?? 11) });
  console.log(`node ${result.node}, ${result.runs} runs, ms, median (quartiles)`);
  for (const s of result.steps) console.log(`${s.step.padEnd(24)} CPU ${fmt(s.cpu)}  main thread ${fmt(s.main)}`);
  const save = option('save');
  if (save !== undefined) writeFileSync(save, `${JSON.stringify(result, null, 2)}\n`);
}

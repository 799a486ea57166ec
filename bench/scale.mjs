// Scale: `splits --json`, `plan --json` and `apply` of generated estates of 1,000, 3,000 and
// 10,000 services (100 per zone, as in issue 18), each command in a process of its own through
// peak-rss.mjs, against the in-process Route 53 mock with a state file (backend: mock), the
// client's pacing off (TRAFFICPORT_ROUTE53_RATE=off) so the figure is trafficport's work, not
// the rate limit. The baseline is the 1,000-service run of the same command in the same run:
// linear growth means 3x and 10x. `node bench/scale.mjs [--quick] [--sizes=1000,3000]
// [--commands=apply] [--runs=3]`. CPU time (user + system) is reported beside the wall time: on a
// shared machine the wall time mostly measures the other jobs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { estateYaml } from './estate.mjs';
import { median, round, table } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const AT = '2026-12-06T00:00Z';

/** Runs one CLI command in a child process; its wall time and peak RSS. */
async function measure(args, cwd, state) {
  const rssFile = join(cwd, 'rss');
  const start = performance.now();
  const child = spawn(process.execPath, [join(here, 'peak-rss.mjs'), rssFile, ...args], {
    cwd,
    env: { ...process.env, TRAFFICPORT_STATE_DIR: state, TRAFFICPORT_ROUTE53_RATE: 'off', NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const status = await new Promise((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - start) / 1000;
  if (status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} exited ${status}: ${stderr.slice(-600)}`);
  return {
    wallS: seconds,
    cpuS: Number(readFileSync(`${rssFile}.cpu`, 'utf8')) / 1e6,
    peakMb: Number(readFileSync(rssFile, 'utf8')) / 2 ** 20,
  };
}

/** Each command at each size, `runs(size)` times; medians with the spread (min–max). */
export async function benchScale({ sizes, runs, only }) {
  const rows = [];
  for (const services of sizes) {
    const work = mkdtempSync(join(tmpdir(), 'trafficport-bench-scale-'));
    try {
      const zones = Math.max(1, Math.round(services / 100));
      writeFileSync(join(work, 'estate.yaml'), estateYaml({ services, zones }));
      const r53 = Array.from({ length: zones }, (_, z) => `r53-${String(z).padStart(2, '0')}`);
      const commands = {
        'splits --json': () => ['splits', 'estate.yaml', '--json', '--at', AT],
        'plan --json': () => ['plan', 'estate.yaml', '--json', '--at', AT, '--provider', ...r53],
        apply: () => ['apply', 'estate.yaml', '--at', AT, '--auto-approve', '--force', '--provider', ...r53],
      };
      for (const [name, args] of Object.entries(commands)) {
        if (only !== undefined && !only.includes(name.split(' ')[0])) continue;
        const samples = [];
        for (let i = 0; i < runs(services); i++) {
          // A fresh state each time: the plan reads empty zones, the apply creates every record.
          const state = mkdtempSync(join(work, 'state-'));
          const load = loadavg()[0];
          samples.push({ ...(await measure(args(), work, state)), load });
          rmSync(state, { recursive: true, force: true });
        }
        const walls = samples.map((s) => s.wallS);
        const cpus = samples.map((s) => s.cpuS);
        const peaks = samples.map((s) => s.peakMb);
        rows.push({
          command: name,
          services,
          runs: samples.length,
          wallS: round(median(walls), 1),
          wallSpread: `${round(Math.min(...walls), 1)}–${round(Math.max(...walls), 1)}`,
          cpuS: round(median(cpus), 1),
          cpuSpread: `${round(Math.min(...cpus), 1)}–${round(Math.max(...cpus), 1)}`,
          peakMb: Math.round(median(peaks)),
          // The machine's 1-minute load average as each run started (2 cores: above 2, runs wait).
          load: round(median(samples.map((s) => s.load)), 1),
          peakSpread: `${Math.round(Math.min(...peaks))}–${Math.round(Math.max(...peaks))}`,
        });
        console.log(formatScale(rows.slice(-1)));
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  // The baseline: the smallest size of the same command, in this run.
  for (const row of rows) {
    const base = rows.find((r) => r.command === row.command);
    row.sizeRatio = round(row.services / base.services, 1);
    row.timeRatio = round(row.wallS / base.wallS, 2);
    row.cpuRatio = round(row.cpuS / base.cpuS, 2);
  }
  return rows;
}

export function formatScale(rows) {
  return table(
    rows,
    [
      'command',
      'services',
      'runs',
      'wallS',
      'wallSpread',
      'cpuS',
      'cpuSpread',
      'peakMb',
      'peakSpread',
      'load',
      'sizeRatio',
      'timeRatio',
      'cpuRatio',
    ].filter((c) => rows.some((r) => r[c] !== undefined)),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='))?.slice(8);
  const sizes = sizesArg ? sizesArg.split(',').map(Number) : quick ? [100, 300] : [1000, 3000, 10000];
  const only = process.argv
    .find((a) => a.startsWith('--commands='))
    ?.slice(11)
    .split(',');
  const runsArg = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7));
  const runs = (n) => (runsArg > 0 ? runsArg : quick ? 1 : n <= 1000 ? 2 : 1);
  const rows = await benchScale({ sizes, runs, only });
  console.log(`\n${formatScale(rows)}`);
  writeFileSync(
    join(here, 'results', 'scale-latest.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadAverage: loadavg(), rows }, null, 2)}\n`,
  );
}

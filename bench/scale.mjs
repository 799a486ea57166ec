// Scale: `splits --json`, `plan --json` and `apply` of generated estates of 1,000, 3,000 and
// 10,000 services (100 per zone, as in issue 18), each command in a process of its own through
// peak-rss.mjs, against the Route 53 mock with a state file (backend: mock), the client's pacing
// off (TRAFFICPORT_ROUTE53_RATE=off) so the figure is trafficport's work, not the rate limit.
// `--mock=in-process` (the default) runs the mock inside the measured process; `--mock=serve`
// runs it in a process of its own (`trafficport mock serve`, reached through
// TRAFFICPORT_ROUTE53_ENDPOINT), as the real provider is, and reports that process's peak RSS and
// CPU apart (mockPeakMb, mockCpuS). The baseline is the 1,000-service run of the same command in
// the same run: linear growth means 3x and 10x. `node bench/scale.mjs [--quick]
// [--sizes=1000,3000] [--commands=apply] [--runs=3] [--mock=serve] [--out=FILE]`. CPU time
// (user + system) is reported beside the wall time: on a shared machine the wall time mostly
// measures the other jobs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { estateYaml } from './estate.mjs';
import { median, round, table } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const AT = '2026-12-06T00:00Z';

/** Reads what peak-rss.mjs wrote: peak RSS in MB and CPU seconds. */
function readPeak(rssFile) {
  return {
    cpuS: Number(readFileSync(`${rssFile}.cpu`, 'utf8')) / 1e6,
    peakMb: Number(readFileSync(rssFile, 'utf8')) / 2 ** 20,
  };
}

/**
 * Starts `trafficport mock serve` in a process of its own (through peak-rss.mjs) on the state
 * directory given; resolves with the variables that point trafficport at it and a `stop()` that
 * interrupts it and resolves with its peak RSS and CPU time.
 */
async function serveMock(cwd, state) {
  const rssFile = join(state, 'mock-rss');
  const child = spawn(process.execPath, [join(here, 'peak-rss.mjs'), rssFile, 'mock', 'serve'], {
    cwd,
    env: { ...process.env, TRAFFICPORT_STATE_DIR: state, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const closed = new Promise((resolve) => child.on('close', resolve));
  let out = '';
  const env = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /export TRAFFICPORT_ROUTE53_ENDPOINT=(\S+)/.exec(out)?.[1];
      if (url !== undefined) resolve({ TRAFFICPORT_ROUTE53_ENDPOINT: url });
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    closed.then((status) => reject(new Error(`mock serve exited ${status}: ${out.slice(-600)}`)));
  });
  let stopped;
  return {
    env,
    stop() {
      stopped ??= (async () => {
        child.kill('SIGINT');
        await closed;
        const peak = readPeak(rssFile);
        return { mockCpuS: peak.cpuS, mockPeakMb: peak.peakMb };
      })();
      return stopped;
    },
  };
}

/** Runs one CLI command in a child process; its wall time and peak RSS. */
async function measure(args, cwd, state, extraEnv = {}) {
  const rssFile = join(cwd, 'rss');
  const start = performance.now();
  const child = spawn(process.execPath, [join(here, 'peak-rss.mjs'), rssFile, ...args], {
    cwd,
    env: {
      ...process.env,
      TRAFFICPORT_STATE_DIR: state,
      TRAFFICPORT_ROUTE53_RATE: 'off',
      NO_COLOR: '1',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const status = await new Promise((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - start) / 1000;
  if (status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} exited ${status}: ${stderr.slice(-600)}`);
  return { wallS: seconds, ...readPeak(rssFile) };
}

/** Each command at each size, `runs(size)` times; medians with the spread (min–max). */
export async function benchScale({ sizes, runs, only, mock = 'in-process' }) {
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
          // splits reads no provider: the mock process is only for plan and apply.
          const server = mock === 'serve' && name !== 'splits --json' ? await serveMock(work, state) : undefined;
          try {
            const sample = await measure(args(), work, state, server?.env);
            samples.push({ ...sample, ...(await server?.stop()), load });
          } finally {
            await server?.stop();
          }
          rmSync(state, { recursive: true, force: true });
        }
        const walls = samples.map((s) => s.wallS);
        const cpus = samples.map((s) => s.cpuS);
        const peaks = samples.map((s) => s.peakMb);
        const mockPeaks = samples.map((s) => s.mockPeakMb).filter((m) => m !== undefined);
        const mockCpus = samples.map((s) => s.mockCpuS).filter((m) => m !== undefined);
        rows.push({
          command: name,
          services,
          mock:
            mock === 'serve' && name !== 'splits --json' ? 'serve' : name === 'splits --json' ? 'none' : 'in-process',
          runs: samples.length,
          wallS: round(median(walls), 1),
          wallSpread: `${round(Math.min(...walls), 1)}–${round(Math.max(...walls), 1)}`,
          cpuS: round(median(cpus), 1),
          cpuSpread: `${round(Math.min(...cpus), 1)}–${round(Math.max(...cpus), 1)}`,
          peakMb: Math.round(median(peaks)),
          // The machine's 1-minute load average as each run started (2 cores: above 2, runs wait).
          load: round(median(samples.map((s) => s.load)), 1),
          peakSpread: `${Math.round(Math.min(...peaks))}–${Math.round(Math.max(...peaks))}`,
          ...(mockPeaks.length > 0
            ? { mockCpuS: round(median(mockCpus), 1), mockPeakMb: Math.round(median(mockPeaks)) }
            : {}),
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
      'mock',
      'runs',
      'wallS',
      'wallSpread',
      'cpuS',
      'cpuSpread',
      'peakMb',
      'peakSpread',
      'load',
      'mockCpuS',
      'mockPeakMb',
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
  const mock = process.argv.find((a) => a.startsWith('--mock='))?.slice(7) ?? 'in-process';
  if (mock !== 'in-process' && mock !== 'serve') throw new Error(`--mock=${mock}: in-process or serve`);
  const out = process.argv.find((a) => a.startsWith('--out='))?.slice(6) ?? join(here, 'results', 'scale-latest.json');
  const rows = await benchScale({ sizes, runs, only, mock });
  console.log(`\n${formatScale(rows)}`);
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, mock, loadAverage: loadavg(), rows }, null, 2)}\n`,
  );
}

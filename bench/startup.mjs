// Start-up: whole-process wall time of CLI commands against bare `node -e 0`, measured in
// alternating pairs so that drift on a noisy machine hits both sides alike. BIN is the shipped
// binary, which runs the bundle in dist/cli-bundle/ (`npm run build` writes it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(root, 'bin', 'trafficport.js');
const QUICKSTART = join(root, 'examples', 'quickstart.yaml');

export const STARTUP_COMMANDS = [
  { name: '--version', args: ['--version'], goalMs: 40 },
  // The same answer through commander and the command tree: what --version cost before main.ts
  // answered it up front, and what every other command still pays for parsing its arguments.
  { name: '--version --no-color (commander)', args: ['--version', '--no-color'] },
  { name: 'validate quickstart', args: ['validate', QUICKSTART] },
  { name: 'plan quickstart --json', args: ['plan', QUICKSTART, '--json'], goalMs: 250 },
];

/** Runs `node ...args` once and returns its wall time in ms; a failure stops the benchmark. */
export function timeProcess(args, options) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 500)}`);
  }
  return ms;
}

/**
 * `runs` pairs of (baseline, command), after `warmup` unrecorded pairs (the first plan creates the
 * mock zone, and the first runs warm the file cache). Medians of each side, and the median of the
 * per-pair difference and ratio, which are steadier than the difference of the medians.
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
  return {
    runs,
    baselineMs: round(median(a), 1),
    medianMs: round(median(b), 1),
    deltaMs: round(median(b.map((ms, i) => ms - a[i])), 1),
    ratio: round(median(b.map((ms, i) => ms / a[i]))),
  };
}

export function benchStartup({ quick = false } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'trafficport-bench-startup-'));
  // Its own state directory and working directory: plan's mock zone never touches the checkout.
  const options = { cwd: work, env: { ...process.env, TRAFFICPORT_STATE_DIR: join(work, 'state'), NO_COLOR: '1' } };
  try {
    return STARTUP_COMMANDS.map((command) => {
      const pairs = comparePairs(
        () => timeProcess(['-e', '0'], options),
        () => timeProcess([BIN, ...command.args], options),
        { runs: quick ? 5 : 15 },
      );
      return {
        command: command.name,
        ...pairs,
        goal: command.goalMs === undefined ? '' : `+${command.goalMs} ms`,
        meets: command.goalMs === undefined ? '' : pairs.deltaMs <= command.goalMs ? 'yes' : 'no',
      };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

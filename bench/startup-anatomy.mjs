// Where start-up time goes: the cost of each layer `plan` loads (median of several child
// processes), and which packages each command loads, by module count and size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, STARTUP_COMMANDS, timeProcess } from './startup.mjs';
import { median, round } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const QUICKSTART = join(here, '..', 'examples', 'quickstart.yaml');

export function benchAnatomy({ quick = false } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'trafficport-bench-anatomy-'));
  try {
    return { layers: layerCosts(work, quick ? 3 : 7), census: STARTUP_COMMANDS.map((c) => census(c, work)) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function layerCosts(work, runs) {
  const state = join(work, 'state');
  timeProcess([BIN, 'plan', QUICKSTART, '--json'], {
    cwd: work,
    env: { ...process.env, TRAFFICPORT_STATE_DIR: state },
  });
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [join(here, 'startup-layers.mjs'), QUICKSTART, state], {
      cwd: work,
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`startup-layers failed: ${child.stderr.slice(0, 500)}`);
    samples.push(JSON.parse(child.stdout).steps);
  }
  return samples[0].map(({ step }, i) => ({ step, medianMs: round(median(samples.map((s) => s[i].ms)), 1) }));
}

/** Modules a command loads, grouped by bundle chunk, package (node_modules) or dist/ area. */
function census(command, work) {
  const out = join(work, 'census.json');
  const child = spawnSync(process.execPath, ['--import', join(here, 'module-census.mjs'), BIN, ...command.args], {
    cwd: work,
    env: { ...process.env, TRAFFICPORT_STATE_DIR: join(work, 'state'), TRAFFICPORT_BENCH_CENSUS: out },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (child.status !== 0) throw new Error(`census of ${command.name} failed: ${String(child.stderr).slice(0, 500)}`);
  const groups = new Map();
  const loaded = JSON.parse(readFileSync(out, 'utf8'));
  for (const { url, bytes } of loaded) {
    const key = groupOf(url);
    const group = groups.get(key) ?? { group: key, modules: 0, kb: 0 };
    group.modules += 1;
    group.kb += bytes / 1024;
    groups.set(key, group);
  }
  const top = [...groups.values()].sort((a, b) => b.kb - a.kb).map((g) => ({ ...g, kb: Math.round(g.kb) }));
  return {
    command: command.name,
    modules: loaded.length,
    kb: Math.round(loaded.reduce((sum, m) => sum + m.bytes, 0) / 1024),
    top,
  };
}

function groupOf(url) {
  // The shipped binary loads bundle chunks, named after a module they hold: `kit-D7tb7X9B.js`.
  const chunk = url.match(/\/dist\/cli-bundle\/(.+?)(-[\w-]{8})?\.js$/);
  if (chunk) return `bundle/${chunk[1]}`;
  const pkg = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const dist = url.match(/\/dist\/([^/]+)/);
  if (dist) return `dist/${dist[1].replace(/\.js$/, '')}`;
  return url.split('/').slice(-2).join('/');
}

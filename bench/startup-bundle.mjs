// What if dist were bundled? Builds a throw-away bundle of dist/cli/main.js in a temp directory
// (code-split, so commands still load lazily) and times each start-up command with it against
// the unbundled dist, in alternating pairs. Nothing in the project changes; this only measures.
//
// The bundler is rolldown, which is already installed as a dependency of vitest's vite; esbuild
// (the usual choice) is not installed, and the benchmark never installs anything. Either would
// do the same job here: one file per lazily loaded command instead of hundreds of modules.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, comparePairs, STARTUP_COMMANDS, timeProcess } from './startup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROLLDOWN = join(root, 'node_modules', '.bin', 'rolldown');

export function benchBundle({ runs = 9 } = {}) {
  if (!existsSync(ROLLDOWN)) return { skipped: 'rolldown is not installed (it comes with vitest)' };
  const work = mkdtempSync(join(tmpdir(), 'trafficport-bench-bundle-'));
  try {
    // main.js reads ../../package.json relative to itself: keep that shape.
    const out = join(work, 'dist', 'cli');
    const started = performance.now();
    const build = spawnSync(
      ROLLDOWN,
      [
        join(root, 'dist', 'cli', 'main.js'),
        '--dir',
        out,
        '--format',
        'esm',
        '--platform',
        'node',
        '--logLevel',
        'warn',
      ],
      { encoding: 'utf8' },
    );
    if (build.status !== 0) return { skipped: `rolldown failed: ${build.stderr.slice(0, 300)}` };
    const buildS = (performance.now() - started) / 1000;
    copyFileSync(join(root, 'package.json'), join(work, 'package.json'));
    // The same bin shim, so it imports ../dist/cli/main.js: the bundle's entry.
    const bin = join(work, 'bin', 'trafficport.js');
    mkdirSync(dirname(bin));
    copyFileSync(BIN, bin);
    const options = { cwd: work, env: { ...process.env, TRAFFICPORT_STATE_DIR: join(work, 'state'), NO_COLOR: '1' } };
    const rows = STARTUP_COMMANDS.map((command) => ({
      command: command.name,
      ...comparePairs(
        () => timeProcess([BIN, ...command.args], options),
        () => timeProcess([bin, ...command.args], options),
        { runs },
      ),
    }));
    return { bundler: 'rolldown', buildS: Math.round(buildS * 10) / 10, files: countFiles(out), rows };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function countFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.js')).length;
}

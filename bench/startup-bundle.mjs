// What the bundle buys: bin/trafficport.js runs dist/cli-bundle/ (scripts/bundle.mjs: rolldown,
// dependencies included, code-split so commands still load lazily). This times each start-up
// command through it against the same bin pointed at dist/cli/main.js, the plain tsc output with
// its dependencies loaded from node_modules, in alternating pairs. Nothing is built here.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BIN, comparePairs, STARTUP_COMMANDS, scratch, timeProcess } from './startup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(root, 'dist', 'cli-bundle');
const UNBUNDLED = join(root, 'dist', 'cli', 'main.js');
const SHIPPED_LOAD = "require('./bundle-loader.cjs').loadBundle(bundle, version)";

export function benchBundle({ runs = 9 } = {}) {
  if (!existsSync(join(BUNDLE, 'main.js')) || !existsSync(UNBUNDLED)) return { skipped: 'not built' };
  // The unbundled baseline is the shipped bin with one line changed, so both sides pay for the
  // same warning filter. The unbundled tsc output is ES modules: it gets no code cache on Node 20.
  const shipped = readFileSync(BIN, 'utf8');
  if (!shipped.includes(SHIPPED_LOAD)) return { skipped: `bin/trafficport.js no longer runs ${SHIPPED_LOAD}` };
  const { work, options, remove } = scratch('trafficport-bench-bundle-');
  try {
    const baselineBin = join(work, 'unbundled.mjs');
    const baseline = shipped
      .replace(SHIPPED_LOAD, `await import('${pathToFileURL(UNBUNDLED).href}')`)
      .replaceAll("'../package.json'", `'${pathToFileURL(join(root, 'package.json')).href}'`);
    writeFileSync(baselineBin, baseline);
    const rows = STARTUP_COMMANDS.map((command) => ({
      command: command.name,
      ...comparePairs(
        () => timeProcess([baselineBin, ...command.args], options),
        () => timeProcess([BIN, ...command.args], options),
        { runs },
      ),
    }));
    return { bundler: 'rolldown', files: countFiles(BUNDLE), rows };
  } finally {
    remove();
  }
}

function countFiles(dir) {
  return readdirSync(dir).filter((name) => name.endsWith('.js')).length;
}

// What a code cache would buy on Node 20 (issue 18): the shipped bundle is ES modules, for which
// Node 20 keeps no compiled code between runs (module.enableCompileCache arrived in 22.1). This
// builds the same CLI as CommonJS into dist/bench-cjs/, runs it under a small loader that keeps
// V8's code cache per chunk (vm.Script `cachedData`, the technique of v8-compile-cache; on Node
// >= 22.1 the runtime's own compile cache instead), and times `plan --json` on the quick start
// against the shipped binary, each paired with bare `node -e 0` as bench/startup.mjs does.
//
// A CommonJS build needs the bundle's two top-level awaits gone: yoga-layout awaits its
// WebAssembly (here compiled synchronously, from the same bytes) and ink's reconciler awaits two
// imports that only its dev mode reaches (which scripts/bundle.mjs already turns off). Both
// transforms fail the build if the packages' code no longer matches. Nothing here is shipped.
//
//   npm run build && node bench/startup-cjs.mjs [--runs=11] [--save=FILE]
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, scratch, spread, timeProcess } from './startup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const QUICKSTART = join(root, 'examples', 'quickstart.yaml');
const PLAN = ['plan', QUICKSTART, '--json'];

/** Replaces each `from` once in a module's code; fails if one is missing (the package changed). */
function edit(code, id, edits) {
  let out = code;
  for (const [from, to] of edits) {
    if (!out.includes(from)) throw new Error(`${id} no longer contains ${from}: review bench/startup-cjs.mjs`);
    out = out.replace(from, to);
  }
  return { code: out, map: null };
}

/** yoga-layout's `await loadYoga()` as a synchronous instantiation through Emscripten's hook. */
const yogaSync = {
  name: 'bench:yoga-sync',
  transform: {
    filter: { id: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ },
    handler(code, id) {
      const binary = readFileSync(join(id, '..', '..', 'binaries', 'yoga-wasm-base64-esm.js'), 'utf8');
      const base64 = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(binary)?.[1];
      if (base64 === undefined) throw new Error('yoga-layout: no embedded WebAssembly found');
      const sync = [
        'const yogaModule = { instantiateWasm(imports, receive) {',
        `  const bytes = Buffer.from(${JSON.stringify(base64)}, 'base64');`,
        '  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);',
        '  receive(instance);',
        '  return instance.exports;',
        '} };',
        'loadYoga(yogaModule);',
        'const Yoga = wrapAssembly(yogaModule);',
      ].join('\n');
      return edit(code, id, [['const Yoga = wrapAssembly(await loadYoga());', sync]]);
    },
  },
};

/** ink's dev mode off (as scripts/bundle.mjs does) and the two awaits only dev mode reaches. */
const inkNoTopLevelAwait = {
  name: 'bench:ink-no-top-level-await',
  transform: {
    filter: { id: /[\\/]node_modules[\\/]ink[\\/]build[\\/](reconciler|utils)\.js$/ },
    handler(code, id) {
      return edit(
        code,
        id,
        id.endsWith('utils.js')
          ? [["process.env['DEV'] === 'true'", 'false']]
          : [
              ["await import('./devtools.js');", 'void 0;'],
              ['? await loadPackageJson()', '? undefined'],
            ],
      );
    },
  },
};

/**
 * The loader: Node >= 22.1 uses its compile cache (which covers CommonJS); older Node compiles
 * each chunk as a vm.Script with the cached data of an earlier run, and at exit writes the data of
 * chunks that had none (created after the run, so it holds the functions the run compiled).
 * A cache it cannot read or write is ignored; TP_NO_CODE_CACHE=1 turns it off.
 */
const RUNNER = `'use strict';
const Module = require('node:module');
const vm = require('node:vm');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const bundle = path.join(__dirname, 'cjs') + path.sep;
if (process.env.TP_NO_CODE_CACHE === '1') {
  // measured without any cache
} else if (typeof Module.enableCompileCache === 'function') {
  try { Module.enableCompileCache(); } catch {}
} else {
  const dir = path.join(os.tmpdir(), 'trafficport-bench-code-cache', process.version + '-' + process.arch);
  const fresh = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (!filename.startsWith(bundle)) return compile.call(this, content, filename);
    const file = path.join(dir, path.basename(filename) + '.' + content.length);
    let cachedData;
    try { cachedData = fs.readFileSync(file); } catch {}
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected) fresh.push({ script, file });
    const mod = this;
    const req = (id) => mod.require(id);
    req.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    req.main = process.mainModule;
    req.cache = Module._cache;
    return script.runInThisContext().call(mod.exports, mod.exports, req, mod, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    if (fresh.length === 0) return;
    try {
      fs.mkdirSync(dir, { recursive: true });
      for (const { script, file } of fresh) fs.writeFileSync(file, script.createCachedData());
    } catch {}
  });
}
require('./cjs/main.cjs').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
`;

/** The CommonJS build of dist/cli/main.js into `dir`/cjs, and the loader as `dir`/run.cjs. */
export async function buildCommonJs(dir) {
  const { build } = await import('rolldown');
  await build({
    input: { main: join(root, 'dist', 'cli', 'main.js') },
    platform: 'node',
    resolve: { mainFields: ['module', 'main'] },
    external: ['react-devtools-core'],
    plugins: [yogaSync, inkNoTopLevelAwait],
    transform: { target: 'node20', define: { 'process.env.NODE_ENV': '"production"' } },
    logLevel: 'silent',
    output: {
      dir: join(dir, 'cjs'),
      format: 'cjs',
      minify: false,
      entryFileNames: '[name].cjs',
      chunkFileNames: '[name]-[hash].cjs',
    },
  });
  const runner = join(dir, 'run.cjs');
  writeFileSync(runner, RUNNER);
  return runner;
}

/** The plan without its two timestamps: what must come out the same from both builds. */
function planOf(args, options) {
  const run = spawnSync(process.execPath, args, { ...options, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`);
  const { createdAt: _c, at: _a, ...plan } = JSON.parse(run.stdout);
  return JSON.stringify(plan);
}

export async function benchCommonJs({ runs = 11 } = {}) {
  // Inside the package (dist/, which npm pack leaves out): the CLI finds its package.json above it.
  const build = join(root, 'dist', 'bench-cjs');
  rmSync(build, { recursive: true, force: true });
  const { options, remove } = scratch('trafficport-bench-cjs-run-');
  try {
    const runner = await buildCommonJs(build);
    if (planOf([runner, ...PLAN], options) !== planOf([BIN, ...PLAN], options)) {
      throw new Error('the CommonJS build plans differently from the shipped one');
    }
    const noCache = { ...options, env: { ...options.env, TP_NO_CODE_CACHE: '1' } };
    const variants = {
      'bare node -e 0': () => timeProcess(['-e', '0'], options),
      'shipped (ES modules)': () => timeProcess([BIN, ...PLAN], options),
      'CommonJS, no cache': () => timeProcess([runner, ...PLAN], noCache),
      'CommonJS, code cache': () => timeProcess([runner, ...PLAN], options),
    };
    const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
    // Rounds in turn, after 2 unrecorded ones (they also write the cache).
    for (let i = 0; i < runs + 2; i++) {
      for (const [name, run] of Object.entries(variants)) {
        const sample = run();
        if (i >= 2) samples[name].push(sample);
      }
    }
    const bare = samples['bare node -e 0'];
    const shipped = samples['shipped (ES modules)'];
    const rows = Object.entries(samples).map(([name, list]) => ({
      variant: name,
      cpu: spread(list.map((s) => s.cpuMs)),
      overBare: spread(list.map((s, i) => s.cpuMs - bare[i].cpuMs)),
      ...(list[0].mainCpuMs === undefined
        ? {}
        : { mainOverBare: spread(list.map((s, i) => s.mainCpuMs - bare[i].mainCpuMs)) }),
      againstShipped: spread(list.map((s, i) => s.cpuMs - shipped[i].cpuMs)),
    }));
    return { node: process.version, runs, rows };
  } finally {
    remove();
    rmSync(build, { recursive: true, force: true });
  }
}

const fmt = (s) => (s === undefined ? '-' : `${s.median} (${s.q1}..${s.q3})`);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const result = await benchCommonJs({ runs: Number(option('runs') ?? 11) });
  console.log(`node ${result.node}, ${result.runs} rounds, \`plan quickstart --json\`, CPU ms, median (quartiles)`);
  for (const row of result.rows) {
    console.log(
      `${row.variant.padEnd(22)} CPU ${fmt(row.cpu)}  over bare ${fmt(row.overBare)}  main thread over bare ${fmt(row.mainOverBare)}  against shipped ${fmt(row.againstShipped)}`,
    );
  }
  const save = option('save');
  if (save !== undefined) {
    let saved = {};
    try {
      saved = JSON.parse(readFileSync(save, 'utf8'));
    } catch {
      // A new file.
    }
    saved[`node ${process.versions.node.split('.')[0]}`] = { date: new Date().toISOString(), ...result };
    writeFileSync(save, `${JSON.stringify(saved, null, 2)}\n`);
  }
}

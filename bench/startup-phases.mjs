// The floor of `plan --json` on the quick start (issue 18): where its CPU goes, in one process.
// A child process (1) loads every chunk the plan loads, found by a first run with a `require` hook:
// the cost of loading (read, compile, link, top-level code); (2) runs the plan: the
// work on a cold JIT (each function compiled on its first call); (3) runs the same plan again: the
// work with warm code. Each phase's CPU (all threads, and the main thread alone on Linux) and wall
// time, medians with quartiles over the runs, next to bare `node -e 0` alternated in the same run.
//
//   node bench/startup-phases.mjs [--runs=11]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, cpuMark, scratch, spread, timeProcess } from './startup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BUNDLE = join(here, '..', 'dist', 'cli-bundle');
const QUICKSTART = join(here, '..', 'examples', 'quickstart.yaml');
const PLAN = ['plan', QUICKSTART, '--json'];

/** The child: loads the chunks named on the command line, then plans twice; prints the marks. */
async function child(chunks) {
  const marks = [cpuMark()];
  // As bin/trafficport.js does: the code cache (Node 20: bin/bundle-loader.cjs; Node >= 22.1: the
  // runtime's), warm after the first runs, so the load phase shows what it leaves of compiling.
  const require = module.createRequire(import.meta.url);
  const { version } = JSON.parse(readFileSync(join(BUNDLE, '..', '..', 'package.json'), 'utf8'));
  require('../bin/bundle-loader.cjs').enableCodeCache(BUNDLE, version);
  for (const chunk of chunks) require(join(BUNDLE, chunk));
  marks.push(cpuMark());
  const cli = require(join(BUNDLE, 'main.js'));
  const write = process.stdout.write;
  process.stdout.write = (_chunk, encoding, callback) => {
    (typeof encoding === 'function' ? encoding : callback)?.();
    return true;
  };
  for (let i = 0; i < 2; i++) {
    const code = await cli.main(PLAN);
    if (code !== 0) throw new Error(`plan exited ${code}`);
    marks.push(cpuMark());
  }
  process.stdout.write = write;
  process.stdout.write(`${JSON.stringify(marks)}\n`);
}

/** The chunks a plan loads (CommonJS: each `require` loads what it needs first, so any order). */
function planChunks(options) {
  const log = join(options.cwd, 'resolved.log');
  const preload = join(options.cwd, 'require-log.cjs');
  writeFileSync(
    preload,
    "const { appendFileSync } = require('node:fs');\nconst Module = require('node:module');\n" +
      'const resolve = Module._resolveFilename;\n' +
      'Module._resolveFilename = function (...args) {\n' +
      '  const file = resolve.apply(this, args);\n' +
      `  appendFileSync(${JSON.stringify(log)}, file + '\\n');\n` +
      '  return file;\n};\n',
  );
  writeFileSync(log, '');
  const run = spawnSync(process.execPath, ['--require', preload, BIN, ...PLAN], { ...options, stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`plan exited ${run.status}`);
  const prefix = `${BUNDLE}/`;
  const loaded = [...new Set(readFileSync(log, 'utf8').split('\n'))].filter((file) => file.startsWith(prefix));
  return loaded.map((file) => file.slice(prefix.length)).filter((chunk) => chunk !== 'main.js');
}

export function benchPhases({ runs = 11 } = {}) {
  const { options, remove } = scratch('trafficport-bench-phases-');
  try {
    const chunks = planChunks(options);
    const samples = [];
    for (let i = 0; i < runs + 2; i++) {
      const bare = timeProcess(['-e', '0'], options);
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', ...chunks], {
        ...options,
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`phases child exited ${run.status}: ${run.stderr.slice(0, 500)}`);
      if (i >= 2) samples.push({ bare, marks: JSON.parse(run.stdout.trim().split('\n').pop()) });
    }
    const phase = (name, from, to) => {
      const of = (key) => spread(samples.map((s) => s.marks[to][key] - s.marks[from][key]));
      return {
        phase: name,
        cpu: of('cpu'),
        ...(samples[0].marks[0].main === undefined ? {} : { main: of('main') }),
        wall: of('wall'),
      };
    };
    return {
      runs,
      chunks: chunks.length + 1,
      bareNode: {
        cpu: spread(samples.map((s) => s.bare.cpuMs)),
        ...(samples[0].bare.mainCpuMs === undefined ? {} : { main: spread(samples.map((s) => s.bare.mainCpuMs)) }),
      },
      start: { cpu: spread(samples.map((s) => s.marks[0].cpu)) },
      phases: [phase('load the plan path', 0, 1), phase('first plan (cold)', 1, 2), phase('second plan (warm)', 2, 3)],
    };
  } finally {
    remove();
  }
}

const fmt = (s) => (s === undefined ? '-' : `${s.median} (${s.q1}..${s.q3})`);

/** The phases as lines for the terminal: each with CPU, the main thread's CPU and wall time. */
export function formatPhases(result) {
  return [
    `The floor of \`plan --json\` (bench/startup-phases.mjs): ${result.chunks} chunk files, ${result.runs} runs, ms, median (quartiles)`,
    `bare node -e 0: CPU ${fmt(result.bareNode.cpu)}, main thread ${fmt(result.bareNode.main)}`,
    `the child's CPU when its first line runs: ${fmt(result.start.cpu)}`,
    ...result.phases.map(
      (p) => `${p.phase.padEnd(20)} CPU ${fmt(p.cpu)}  main thread ${fmt(p.main)}  wall ${fmt(p.wall)}`,
    ),
  ].join('\n');
}

if (process.argv[2] === '--child') {
  await child(process.argv.slice(3));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const result = benchPhases({ runs: Number(option('runs') ?? 11) });
  console.log(`node ${process.version}`);
  console.log(formatPhases(result));
  const save = option('save');
  if (save !== undefined) writeFileSync(save, `${JSON.stringify({ node: process.version, ...result }, null, 2)}\n`);
}

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, saveForThisNode, scratch, spread, timeProcess } from './startup.mjs';

const QUICKSTART = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'quickstart.yaml');
const PLAN = ['plan', QUICKSTART, '--json'];

export function benchCodeCache({ runs = 11 } = {}) {
  const { options, remove } = scratch('trafficport-bench-code-cache-');
  try {
    const noCache = { ...options, env: { ...options.env, TRAFFICPORT_NO_CODE_CACHE: '1' } };
    const variants = {
      'bare node -e 0': () => timeProcess(['-e', '0'], options),
      'no code cache': () => timeProcess([BIN, ...PLAN], noCache),
      'code cache (shipped)': () => timeProcess([BIN, ...PLAN], options),
    };
    const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
    for (let i = 0; i < runs + 2; i++) {
      for (const [name, run] of Object.entries(variants)) {
        const sample = run();
        if (i >= 2) samples[name].push(sample);
      }
    }
    const bare = samples['bare node -e 0'];
    const without = samples['no code cache'];
    const rows = Object.entries(samples).map(([name, list]) => ({
      variant: name,
      cpu: spread(list.map((s) => s.cpuMs)),
      overBare: spread(list.map((s, i) => s.cpuMs - bare[i].cpuMs)),
      ...(list[0].mainCpuMs === undefined
        ? {}
        : { mainOverBare: spread(list.map((s, i) => s.mainCpuMs - bare[i].mainCpuMs)) }),
      againstNoCache: spread(list.map((s, i) => s.cpuMs - without[i].cpuMs)),
    }));
    return { node: process.version, runs, rows };
  } finally {
    remove();
  }
}

const fmt = (s) => (s === undefined ? '-' : `${s.median} (${s.q1}..${s.q3})`);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const result = benchCodeCache({ runs: Number(option('runs') ?? 11) });
  console.log(`node ${result.node}, ${result.runs} rounds, \`plan quickstart --json\`, CPU ms, median (quartiles)`);
  for (const row of result.rows) {
    console.log(
      `${row.variant.padEnd(22)} CPU ${fmt(row.cpu)}  over bare ${fmt(row.overBare)}  main thread over bare ${fmt(row.mainOverBare)}  against no cache ${fmt(row.againstNoCache)}`,
    );
  }
  const save = option('save');
  if (save !== undefined) {
    saveForThisNode(save, result);
  }
}

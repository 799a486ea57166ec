import { fileURLToPath } from 'node:url';
import { BIN, STARTUP_COMMANDS, saveForThisNode, scratch, spread, timeProcess } from './startup.mjs';

export function benchBeforeAfter({ before, runs = 11 }) {
  const { options, remove } = scratch('trafficport-bench-before-after-');
  try {
    return STARTUP_COMMANDS.filter((command) => command.name !== '--version').map((command) => {
      const samples = { bare: [], before: [], after: [] };
      for (let i = 0; i < runs + 2; i++) {
        const round = {
          bare: timeProcess(['-e', '0'], options),
          before: timeProcess([before, ...command.args], options),
          after: timeProcess([BIN, ...command.args], options),
        };
        if (i >= 2) for (const key of Object.keys(samples)) samples[key].push(round[key]);
      }
      const over = (list, key) => spread(list.map((s, i) => s[key] - samples.bare[i][key]));
      return {
        command: command.name,
        before: { cpu: over(samples.before, 'cpuMs'), main: over(samples.before, 'mainCpuMs') },
        after: { cpu: over(samples.after, 'cpuMs'), main: over(samples.after, 'mainCpuMs') },
        change: spread(samples.after.map((s, i) => s.cpuMs - samples.before[i].cpuMs)),
      };
    });
  } finally {
    remove();
  }
}

const fmt = (s) => `${s.median} (${s.q1}..${s.q3})`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const before = option('before');
  if (before === undefined) throw new Error('--before=PATH: the other build’s bin/trafficport.js');
  const runs = Number(option('runs') ?? 11);
  const rows = benchBeforeAfter({ before, runs });
  console.log(`node ${process.version}, ${runs} rounds, CPU ms over bare node, median (quartiles)`);
  for (const row of rows) {
    console.log(
      `${row.command.padEnd(24)} before +${fmt(row.before.cpu)} (main +${row.before.main.median})  after +${fmt(row.after.cpu)} (main +${row.after.main.median})  change ${fmt(row.change)}`,
    );
  }
  const save = option('save');
  if (save !== undefined) {
    saveForThisNode(save, { node: process.version, runs, rows });
  }
}

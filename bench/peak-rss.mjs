// Runs the CLI in this process (`node bench/peak-rss.mjs <rss-file> <cli args...>`) and, at
// exit, writes the process's peak resident set size in bytes to <rss-file> (and the CPU time it
// used, user + system, in microseconds, to <rss-file>.cpu: on a shared machine the wall time
// depends on the other jobs, the CPU time much less). A wrapper rather
// than /usr/bin/time, so it works wherever Node does (see peak.mjs for how the peak is read).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRssBytes } from './peak.mjs';

const [file, ...args] = process.argv.slice(2);
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'trafficport.js');
process.argv = [process.argv[0], bin, ...args];
process.on('exit', () => {
  writeFileSync(file, String(peakRssBytes()));
  const cpu = process.cpuUsage();
  writeFileSync(`${file}.cpu`, String(cpu.user + cpu.system));
});
await import(bin);

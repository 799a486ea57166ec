// Runs the CLI in this process (`node bench/peak-rss.mjs <rss-file> <cli args...>`) and, at
// exit, writes the process's peak resident set size in bytes to <rss-file>. A wrapper rather
// than /usr/bin/time, so it works wherever Node does (see peak.mjs for how the peak is read).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peakRssBytes } from './peak.mjs';

const [file, ...args] = process.argv.slice(2);
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'trafficport.js');
process.argv = [process.argv[0], bin, ...args];
process.on('exit', () => writeFileSync(file, String(peakRssBytes())));
await import(bin);

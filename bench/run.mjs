// `npm run bench`: prints figures with baselines measured in the same run and saves them as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSolver, formatSolver } from './solver.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7);
const results = { date: new Date().toISOString(), node: process.version, quick };

if (!only || only === 'solver') {
  results.solver = await benchSolver({ quick });
  console.log(formatSolver(results.solver));
}

mkdirSync(join(here, 'results'), { recursive: true });
const file = join(here, 'results', 'latest.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nsaved ${file}`);

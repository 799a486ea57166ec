import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanDocument } from '../../src/plan/types.js';
import { loadPolicy } from '../../src/policy/load.js';
import { solve } from '../../src/solve/solve.js';
import type { Splits } from '../../src/solve/types.js';
import { runCli } from '../support/run-cli.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const AT = '2026-12-01T00:00:00Z';

/** Solves an example policy in-process (no CLI), as the views receive it. */
export function solveExample(name: string, at = AT): Splits {
  const file = join(ROOT, 'examples', name);
  const result = loadPolicy(readFileSync(file, 'utf8'), file);
  if (!result.ok) throw new Error(`${name} does not load`);
  return solve(result.policy, Date.parse(at));
}

/** A real plan document: `plan --json` against a fresh mock backend. */
export async function planExample(name: string): Promise<PlanDocument> {
  const stateDir = mkdtempSync(join(tmpdir(), 'trafficport-ui-'));
  const run = await runCli(['plan', join('examples', name), '--json', '--at', AT, '--state-dir', stateDir], {
    cwd: ROOT,
  });
  rmSync(stateDir, { recursive: true, force: true });
  if (run.code !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as PlanDocument;
}

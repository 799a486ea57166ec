/**
 * The fault matrix, a process killed mid-apply: Route 53, a stale lock, the built binary
 * (docs/reliability.md; the matrix is split over fault-matrix-*.test.ts so two test workers share
 * it, and its moves live in fault-run.ts). The real CLI (in-process) making a ramped move is killed
 * right after one of its change batches (nothing later is written), then resumed or rolled back,
 * every persisted state checked as in the other files; the recovery must converge. A lock left by
 * a dead process must not block; the built binary is killed for real, with the real delays. Which
 * writes it is killed after depends on the tier (fault-run.ts killPoints).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEEP } from '../support/depth.js';
import {
  applyArgs,
  binary,
  expectConverged,
  intersect,
  killAtEveryWrite,
  killWhen,
  noteSeen,
  publishTemplates,
  summaryAfterAll,
  type Templates,
} from './fault-run.js';
import { BEFORE, excludedAt, IN_WINDOW, momentArgs, POLICY_FILE, POLICY_TEXT, World } from './world.js';

// The fault matrix's replacements (fault-mocks.ts): vitest hoists only the vi.mock calls of the
// test file itself, so each file of the matrix names the modules and takes the factories from there.
vi.mock('../../src/providers/mock/state-store.js', async (original) =>
  (await import('./fault-mocks.js')).stateStore(await original()),
);
vi.mock('../../src/io/write-file.js', async (original) =>
  (await import('./fault-mocks.js')).writeFile(await original()),
);
vi.mock('../../src/providers/route53/mock/faults.js', async (original) =>
  (await import('./fault-mocks.js')).route53Faults(await original()),
);
vi.mock('../../src/providers/azure/mock/faults.js', async (original) =>
  (await import('./fault-mocks.js')).azureFaults(await original()),
);
vi.mock('../../src/providers/azure/mock/handler.js', async (original) =>
  (await import('./fault-mocks.js')).azureHandler(await original()),
);
vi.mock('../../src/providers/route53/client.js', async (original) =>
  (await import('./fault-mocks.js')).route53Client(await original()),
);
vi.mock('../../src/providers/azure/client.js', async (original) =>
  (await import('./fault-mocks.js')).azureClient(await original()),
);

summaryAfterAll('kills, Route 53 and the binary');

let templates: Templates;
beforeAll(async () => {
  templates = await publishTemplates();
}, 600_000);

describe('a process killed at every step of an apply', { timeout: 600_000 }, () => {
  it('Route 53: a ramped move into a maintenance window, killed after its change batches', async () => {
    const writes = await killAtEveryWrite('r53 ramp', templates.before, BEFORE, IN_WINDOW, 30, 'r53');
    noteSeen(
      `- killed after ${DEEP ? 'each' : 'a spread of'} ${writes} Route 53 writes: resume/rollback converged every time`,
    );
  });

  it('a lock file left by a killed process does not block the next command', async () => {
    const world = new World(templates.before);
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('exit', () => resolve(child.pid!));
    });
    for (const name of ['route53.json', 'azure.json']) {
      writeFileSync(join(world.dir, '.trafficport', 'mock', `${name}.lock`), String(dead));
    }
    world.requireAnswers = true;
    world.mustNotAnswer = intersect(excludedAt(BEFORE), excludedAt(IN_WINDOW));
    const applied = await world.cli(applyArgs(IN_WINDOW, false));
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    // Without the dead owner's lock broken, this waits out its 10 s lock timeout and fails ("locked by
    // another process"): the fresh locks are far from the 30 s after which any lock counts as stale.
    for (const name of ['route53.json', 'azure.json']) {
      expect(existsSync(join(world.dir, '.trafficport', 'mock', `${name}.lock`))).toBe(false);
    }
    await expectConverged(world, IN_WINDOW);
  });

  it('the built binary, SIGKILLed between ramp steps, resumes to the planned state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-kill-'));
    writeFileSync(join(dir, POLICY_FILE), POLICY_TEXT);
    cpSync(join(templates.before, '.trafficport'), join(dir, '.trafficport'), { recursive: true });
    const args = [...applyArgs(IN_WINDOW, false), '--max-shift', '30', '--step-wait', '1s'];
    const killed = await killWhen(args, dir, (output) => (output.match(/before the next step/g) ?? []).length >= 1);
    expect(killed).toBe(true);
    const world = new World();
    // Judge the files the killed process left, as a resolver would.
    cpSync(join(dir, '.trafficport'), join(world.dir, '.trafficport'), { recursive: true });
    world.requireAnswers = true;
    world.mustNotAnswer = intersect(excludedAt(BEFORE), excludedAt(IN_WINDOW));
    world.checkFiles('binary killed between steps');
    const journal = JSON.parse(readFileSync(join(dir, '.trafficport', 'journal', 'current.json'), 'utf8'));
    expect(journal.status).toBe('in-progress');
    const resumed = await binary(['apply', '--resume', POLICY_FILE], dir);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const plan = await binary(['plan', POLICY_FILE, ...momentArgs(IN_WINDOW), '--detailed-exitcode'], dir);
    expect(plan.code, plan.stdout).toBe(0);
    cpSync(join(dir, '.trafficport'), join(world.dir, '.trafficport'), { recursive: true });
    world.mustNotAnswer = excludedAt(IN_WINDOW);
    world.checkFiles('binary resumed');
    await world.checkOldOrNew();
    expect(world.violations).toEqual([]);
    expect(existsSync(join(dir, '.trafficport', 'journal', 'current.json'))).toBe(false);
  });
});

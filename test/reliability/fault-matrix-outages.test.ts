/**
 * The fault matrix, slow propagation and one provider down (docs/reliability.md; the matrix is split over
 * fault-matrix-*.test.ts so two test workers share it, and its moves live in fault-run.ts):
 * the real CLI (in-process) publishing the EU-sovereignty policy to Route 53 and Azure mocks under
 * faults, every persisted state evaluated as a resolver would see it and checked against the
 * rules (no sovereign geography answered by a forbidden endpoint, no endpoint answering while
 * drained or down, no geography without an answer once published, every geography on a planned
 * split, never a mix). After every fault, resume converges: plan shows no changes.
 *
 * SDK retry delays are shortened in this file (fault-mocks.ts); attempt counts and retry rules
 * are the product's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  applyArgs,
  expectConverged,
  type FaultScenario,
  intersect,
  publishTemplates,
  runScenario,
  summaryAfterAll,
  type Templates,
} from './fault-run.js';
import { BEFORE, excludedAt, IN_WINDOW, momentArgs, POLICY_FILE, World } from './world.js';

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

summaryAfterAll('outages');

let templates: Templates;
beforeAll(async () => {
  templates = await publishTemplates();
}, 600_000);

describe('publishing under faults', { timeout: 600_000 }, () => {
  const scenarios: FaultScenario[] = [
    {
      name: 'slow propagation and slow answers',
      faults: (_, seed) => ({
        route53: { propagationMs: 60 },
        azure: { rules: [{ kind: 'slow', delayMs: 5, probability: 0.5 }], seed },
      }),
    },
    {
      name: 'Azure down while Route 53 is up (Azure back for the resume)',
      faults: (n) =>
        n === 0 ? { azure: { rules: [{ kind: 'status', status: 503, retryAfterSeconds: 0 }] } } : undefined,
    },
    {
      name: 'Route 53 down while Azure is up (Route 53 back for the resume)',
      faults: (n) => (n === 0 ? { route53: { failRate: 1, failStatus: 500 } } : undefined),
    },
  ];
  for (const scenario of scenarios) {
    it(scenario.name, () => runScenario(templates, scenario));
  }

  it('one provider down: the other is published, the journal says which to resume', async () => {
    const world = new World(templates.before);
    world.requireAnswers = true;
    world.mustNotAnswer = intersect(excludedAt(BEFORE), excludedAt(IN_WINDOW));
    const down = { azure: { rules: [{ kind: 'status', status: 503, retryAfterSeconds: 0 }] } };
    const partial = await world.cli(applyArgs(IN_WINDOW, false), { faults: down });
    expect(partial.code).toBe(1);
    expect(partial.stdout).toMatch(/✓ r53: \d+ changes applied/);
    expect(partial.stdout).toMatch(/✗ azdns: PROVIDER\.UNAVAILABLE/);
    const journal = JSON.parse(readFileSync(join(world.dir, '.trafficport', 'journal', 'current.json'), 'utf8'));
    expect([journal.status, journal.providers.r53.status, journal.providers.azdns.status]).toEqual([
      'failed',
      'done',
      'failed',
    ]);
    // Still down: resuming fails the same way and changes nothing at Route 53.
    const again = await world.cli(['apply', '--resume', POLICY_FILE], { faults: down });
    expect(again.code).toBe(1);
    // A plan meanwhile cannot be made against a provider it cannot read.
    const blocked = await world.cli(['plan', POLICY_FILE, ...momentArgs(IN_WINDOW)], { faults: down });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('PROVIDER.UNAVAILABLE');
    expect((await world.cli(['apply', '--resume', POLICY_FILE])).code).toBe(0);
    await expectConverged(world, IN_WINDOW);
    await world.checkOldOrNew();
    expect(world.violations.slice(0, 20)).toEqual([]);
  });
});

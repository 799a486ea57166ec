/**
 * The fault matrix, a process killed mid-apply: Azure (docs/reliability.md; the matrix is split
 * over fault-matrix-*.test.ts so two test workers share it, and its moves live in fault-run.ts).
 * The real CLI (in-process) taking an endpoint down inside the maintenance window is killed right
 * after one of its profile or record-set writes (nothing later is written), then resumed (odd
 * writes) or rolled back (even ones); every persisted state is checked as in the other files, and
 * the recovery must converge. Which writes depends on the tier (fault-run.ts killPoints).
 */
import { beforeAll, describe, it, vi } from 'vitest';
import { DEEP } from '../support/depth.js';
import { killAtEveryWrite, noteSeen, publishTemplates, summaryAfterAll, type Templates } from './fault-run.js';
import { IN_WINDOW, IN_WINDOW_ZRH_DOWN } from './world.js';

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

summaryAfterAll('kills, Azure');

let templates: Templates;
beforeAll(async () => {
  templates = await publishTemplates();
}, 600_000);

describe('a process killed at every step of an apply', { timeout: 600_000 }, () => {
  it('Azure: taking an endpoint down inside the window, killed after its profile and record-set writes', async () => {
    const writes = await killAtEveryWrite(
      'azure down',
      templates.window,
      IN_WINDOW,
      IN_WINDOW_ZRH_DOWN,
      false,
      'azdns',
    );
    noteSeen(
      `- killed after ${DEEP ? 'each' : 'a spread of'} ${writes} Azure writes: resume/rollback converged every time`,
    );
  });
});

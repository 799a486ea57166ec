import { beforeAll, describe, it, vi } from 'vitest';
import { type FaultScenario, publishTemplates, runScenario, summaryAfterAll, type Templates } from './fault-run.js';

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

summaryAfterAll('storms');

let templates: Templates;
beforeAll(async () => {
  templates = await publishTemplates();
}, 600_000);

describe('publishing under faults', { timeout: 600_000 }, () => {
  const scenarios: FaultScenario[] = [
    {
      name: 'throttling storm on both providers',
      faults: (_, seed) => ({
        route53: { throttleRate: 0.5, seed },
        azure: { rules: [{ kind: 'throttle', probability: 0.5, retryAfterSeconds: 0 }], seed },
      }),
    },
    {
      name: '5xx on both providers',
      faults: (_, seed) => ({
        route53: { failRate: 0.4, failStatus: 503, seed },
        azure: {
          rules: [
            { kind: 'status', status: 500, probability: 0.3 },
            { kind: 'status', status: 503, probability: 0.2, retryAfterSeconds: 0 },
          ],
          seed,
        },
      }),
    },
    {
      name: 'timeouts (Route 53 change requests time out, Azure connections hang and drop)',
      faults: (_, seed) => ({
        // Every third list or change request never answers; the SDK times out after 1 s and retries.
        route53: { timeoutEvery: 3, operations: ['ListResourceRecordSets', 'ChangeResourceRecordSets'] },
        azure: { rules: [{ kind: 'timeout', delayMs: 20, probability: 0.25 }], seed },
      }),
    },
    {
      name: 'connection resets after the write landed (responses lost)',
      faults: (attempt, seed) => ({
        // The first change of each apply lands, but its connection drops before the answer: the
        // SDK sends it again and Route 53 refuses the repeat (exact-match CREATE/DELETE).
        route53:
          attempt === 0
            ? { resetEvery: 2, afterApply: true, operations: ['ListResourceRecordSets', 'ChangeResourceRecordSets'] }
            : { resetRate: 0.2, afterApply: true, seed },
        azure: { rules: [{ kind: 'reset', probability: 0.15 }], seed },
      }),
      loseAzureResponses: 0.25,
    },
  ];
  for (const scenario of scenarios) {
    it(scenario.name, () => runScenario(templates, scenario));
  }
});

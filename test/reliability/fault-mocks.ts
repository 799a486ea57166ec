/**
 * The fault matrix's replacements of src modules, one factory per module, shared by its files
 * (fault-matrix-*.test.ts). Each file names the modules in its own `vi.mock` calls (vitest hoists
 * only those) and takes the factory from here:
 *
 *   vi.mock('../../src/io/write-file.js', async (original) => (await import('./fault-mocks.js')).writeFile(await original()));
 *
 * Every persisted mock state is reported to the world and a crashed "process" freezes; injected
 * faults are counted; Azure responses to writes that landed can be lost; SDK retry delays,
 * GetChange polls and request timeouts are short (100 ms instead of 1 s) and change batches small,
 * while the number of attempts and what is retried stay the product's.
 *
 * Like hooks.ts, nothing from src/ is imported at the top: these run while the modules they
 * replace are being loaded, so what they need from src/ is imported inside the factories.
 */
import { join } from 'node:path';
import { alive, countFault, hooks, never, runContext, track } from './hooks.js';

type StateStore = typeof import('../../src/providers/mock/state-store.js');
type WriteFile = typeof import('../../src/io/write-file.js');
type Route53Faults = typeof import('../../src/providers/route53/mock/faults.js');
type AzureFaults = typeof import('../../src/providers/azure/mock/faults.js');
type AzureHandler = typeof import('../../src/providers/azure/mock/handler.js');
type Route53Client = typeof import('../../src/providers/route53/client.js');
type AzureClient = typeof import('../../src/providers/azure/client.js');

/** Every state update is reported (the world drops those that change no record); a dead process never reads or writes. */
export function stateStore(original: StateStore): StateStore {
  return {
    ...original,
    fileStore<T>(path: string, initial: () => T, options?: Parameters<StateStore['fileStore']>[2]) {
      const inner = original.fileStore(path, initial, options);
      return {
        read: (): Promise<T> => (alive() ? inner.read() : never<T>()),
        async update<R>(change: (state: T) => R | Promise<R>): Promise<R> {
          if (!alive()) return never<R>();
          let after: T | undefined;
          const result = await track(
            inner.update(async (state) => {
              const value = await change(state);
              after = state;
              return value;
            }),
          );
          if (after !== undefined) hooks.onWrite?.(path, after);
          return result;
        },
      };
    },
  } as StateStore;
}

/**
 * Journals (and plan files) of a crashed process are never written again either: neither the
 * journal's base file nor its progress log. The mocks' state files are the clouds' side: a write
 * already on its way lands (stateStore decides what a dead process starts).
 */
export function writeFile(original: WriteFile): WriteFile {
  const frozen = (path: string) => !alive() && !/[\\/]mock[\\/]/.test(path);
  return {
    ...original,
    writeFileAtomic: (...args: Parameters<WriteFile['writeFileAtomic']>) =>
      frozen(args[0]) ? never<boolean>() : track(original.writeFileAtomic(...args)),
    appendFileText: (...args: Parameters<WriteFile['appendFileText']>) =>
      frozen(args[0]) ? never<void>() : track(original.appendFileText(...args)),
  };
}

/** Counts the faults the Route 53 mock injects. */
export function route53Faults(original: Route53Faults): Route53Faults {
  return {
    ...original,
    createFaultInjector(options?: Parameters<Route53Faults['createFaultInjector']>[0]) {
      const inner = original.createFaultInjector(options);
      return {
        next(operation: Parameters<typeof inner.next>[0]) {
          const fault = inner.next(operation);
          if (fault !== undefined) countFault(`route53 ${fault}`);
          return fault;
        },
      };
    },
  };
}

/** Counts the faults the Azure mock injects. */
export function azureFaults(original: AzureFaults): AzureFaults {
  return {
    ...original,
    createFaultInjector(faults?: Parameters<AzureFaults['createFaultInjector']>[0]) {
      const inner = original.createFaultInjector(faults);
      return {
        pick(operation: string, method: string) {
          const fault = inner.pick(operation, method);
          if (fault !== undefined) countFault(`azure ${fault.kind}`);
          return fault;
        },
      };
    },
  };
}

/** The Azure mock has no afterApply: lose the response of a write that landed, as a reset would. */
export async function azureHandler(original: AzureHandler): Promise<AzureHandler> {
  const { TransportFault } = await import('../../src/providers/azure/mock/faults.js');
  return {
    ...original,
    createAzureMockHandler(options?: Parameters<AzureHandler['createAzureMockHandler']>[0]) {
      const backend = original.createAzureMockHandler(options);
      return {
        ...backend,
        async handle(request: Parameters<typeof backend.handle>[0]) {
          const response = await backend.handle(request);
          const lose = runContext.getStore()?.loseAzureResponses;
          const write = ['PUT', 'PATCH', 'DELETE'].includes(request.method.toUpperCase());
          if (lose !== undefined && write && response.status < 300 && lose.random() < lose.probability) {
            countFault('azure lost response (write applied)');
            throw new TransportFault('reset', 0);
          }
          return response;
        },
      };
    },
  };
}

/** Short SDK retry delays, GetChange polls and request timeouts, small change batches. */
export async function route53Client(original: Route53Client): Promise<Route53Client> {
  const { ConfiguredRetryStrategy } = await import('@smithy/core/retry');
  const mock = await import('../../src/providers/route53/mock/index.js');
  return {
    ...original,
    createRoute53Adapter: (...[provider, options]: Parameters<Route53Client['createRoute53Adapter']>) => {
      const inProcess = provider.backend === 'mock' && !options.env?.TRAFFICPORT_ROUTE53_ENDPOINT && !options.backend;
      // The same backend client.ts builds (file state, the faults asked for), with a shorter timeout.
      const backend = inProcess
        ? mock.createRoute53Backend({
            store: mock.route53StateFile(join(options.mockStateDir, 'route53.json')),
            ...(options.faults === undefined ? {} : { faults: options.faults }),
          })
        : undefined;
      return original.createRoute53Adapter(provider, {
        ...options,
        clientConfig: {
          retryStrategy: new ConfiguredRetryStrategy(original.ROUTE53_MAX_ATTEMPTS, () => 2),
          ...(backend === undefined
            ? {}
            : { requestHandler: mock.mockRequestHandler(backend, { requestTimeoutMs: 100 }) }),
          ...options.clientConfig,
        },
        // Small change batches (40 records): every step takes several requests, so the order
        // of the changes is observed between them, as it would be for a large estate.
        adapter: {
          pollIntervalMs: 20,
          limits: { maxElements: 40, maxValueChars: 32_000, aliasElements: 1 },
          ...options.adapter,
        },
      });
    },
  };
}

/** Short Azure SDK retry delays. */
export function azureClient(original: AzureClient): AzureClient {
  return {
    ...original,
    createAzureAdapter: (...[provider, options]: Parameters<AzureClient['createAzureAdapter']>) =>
      original.createAzureAdapter(provider, {
        ...options,
        retryOptions: { retryDelayInMs: 2, maxRetryDelayInMs: 10, ...options.retryOptions },
      }),
  };
}

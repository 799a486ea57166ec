import { join } from 'node:path';

/** The mock backends as `mock serve` runs them: both on loopback, state in one directory. */
export interface ServedMocks {
  readonly route53Url: string;
  readonly azureUrl: string;
  /** PEM of the Azure mock's loopback TLS certificate authority, for clients to trust. */
  readonly azureCa: string;
  close(): Promise<void>;
}

export interface ServeMocksOptions {
  readonly dir: string;
  readonly route53Port: number;
  readonly azurePort: number;
  /** Enforce the providers' documented rate limits. */
  readonly rateLimits: boolean;
}

/**
 * Starts the file-backed mock backends on loopback. The one door from outside providers/ to the
 * mocks' servers: commands import this, never a mock module.
 */
export async function serveMocks(options: ServeMocksOptions): Promise<ServedMocks> {
  const [route53, azure, stores] = await Promise.all([
    import('./route53/mock/index.js'),
    import('./azure/mock/index.js'),
    import('./mock/state-store.js'),
  ]);
  const r53 = await route53.startRoute53Mock({
    port: options.route53Port,
    store: route53.route53StateFile(join(options.dir, 'route53.json')),
    ...(options.rateLimits ? { rateLimit: route53.DOCUMENTED_RATE_LIMIT } : {}),
  });
  const az = await azure.startAzureMock({
    port: options.azurePort,
    store: azure.createAzureMockStore(join(options.dir, 'azure.json')),
    ...(options.rateLimits ? { rateLimits: 'documented' as const } : {}),
  });
  return {
    route53Url: r53.url,
    azureUrl: az.url,
    azureCa: az.ca,
    close: async () => {
      // The servers stop listening and drop their connections at once; the store update already
      // running finishes (its client gets no answer), queued ones are refused, and the state
      // files are left whole bases again (state-store.ts).
      const servers = Promise.all([r53.close(), az.close()]);
      await stores.closeMockStores();
      await servers;
    },
  };
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DnsManagementClient } from '@azure/arm-dns';
import type { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import type { TokenCredential } from '@azure/identity';
import { TrafficportError } from '../../errors.js';
import type { AzureProvider, Provider } from '../../policy/types.js';
import { endpointOverride } from '../endpoint-override.js';
import { retryWaitBound } from '../retry-wait.js';
import type { AdapterOptions } from '../types.js';
import { type AzureAdapter, type AzureGeoOptions, createAdapterFromClients } from './adapter.js';
import { createRequestMeter, type RequestMeter } from './meter.js';
import type { AzureMockFaults } from './mock/faults.js';
import type { AzureRateLimits } from './mock/rate-limits.js';
import { type PacingClock, trafficManagerPacing } from './tm-pacing.js';

/**
 * The composition root for Azure: real SDK clients, pointed at Azure, at the in-process mock, or
 * at a mock served on loopback. The SDKs (and the mock) are imported here, lazily, so commands
 * that publish nothing to Azure never load them.
 *
 * - backend `azure`: DefaultAzureCredential (environment, workload identity, managed identity,
 *   Azure CLI, ...) and the provider's subscription.
 * - backend `mock`: the mock in process, state in `<mockStateDir>/azure.json`, a fixed token.
 * - TRAFFICPORT_AZURE_ENDPOINT (either backend): send requests to that https:// URL instead, trusting
 *   the PEM certificate in the file TRAFFICPORT_AZURE_CA names (`trafficport mock serve` prints both),
 *   with a fake token unless --send-credentials-to-endpoint (see ../endpoint-override.ts).
 */

export interface AzureClientOptions {
  readonly mockStateDir: string;
  /** Environment to read TRAFFICPORT_AZURE_* from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Faults for the in-process mock (tests). */
  readonly faults?: AzureMockFaults;
  readonly rateLimits?: AzureRateLimits | 'documented' | false;
  /** Send DefaultAzureCredential's tokens to TRAFFICPORT_AZURE_ENDPOINT (see endpoint-override.ts). */
  readonly sendCredentialsToEndpoint?: boolean;
  /** Retry waits outside an apply's progress (see AdapterOptions.onWait). */
  readonly onWait?: AdapterOptions['onWait'];
  /**
   * Pacing of Traffic Manager requests to the documented budgets (tm-pacing.ts). Default: on
   * against Azure, off against the mocks (which limit nothing unless asked to), as for Route 53.
   * `true` paces a mock too (one served with documented rate limits); a clock and sleep of their
   * own for tests.
   */
  readonly pacing?: PacingClock | boolean;
  /** SDK retry tuning; tests shorten the delays. */
  readonly retryOptions?: {
    readonly maxRetries?: number;
    readonly retryDelayInMs?: number;
    readonly maxRetryDelayInMs?: number;
  };
}

export interface AzureClients {
  readonly dns: DnsManagementClient;
  readonly tm: TrafficManagerManagementClient;
  /** The SDK's `getContinuationToken`, for defensive paging. */
  readonly continuationToken: (page: unknown) => string | undefined;
  readonly meter: RequestMeter;
}

/**
 * More retries than the SDK's default 3: Azure DNS throttles per zone per minute, and a 429 storm
 * during a large apply should slow it down, not fail it half-way.
 */
const DEFAULT_RETRIES = { maxRetries: 6, maxRetryDelayInMs: 30_000 };

export async function createAzureClients(provider: AzureProvider, options: AzureClientOptions): Promise<AzureClients> {
  const [{ DnsManagementClient, getContinuationToken }, { TrafficManagerManagementClient }] = await Promise.all([
    import('@azure/arm-dns'),
    import('@azure/arm-trafficmanager'),
  ]);
  const meter = createRequestMeter(retryWaitBound(options.env ?? process.env));
  const report = options.onWait;
  if (report !== undefined) meter.onWait = (ms, reason) => report({ provider: provider.id, ms, reason });
  const transport = await transportOptions(provider, options);
  const paced = options.pacing ?? transport.account === 'azure';
  const pacing =
    paced === false
      ? []
      : [
          {
            policy: trafficManagerPacing(
              `${transport.account} subscription ${provider.subscription.toLowerCase()}`,
              (ms) => meter.onWait?.(ms, 'pacing'),
              typeof paced === 'object' ? paced : undefined,
            ),
            position: 'perRetry' as const,
          },
        ];
  const clientOptions = {
    ...transport.options,
    retryOptions: { ...DEFAULT_RETRIES, ...options.retryOptions },
    additionalPolicies: [...pacing, { policy: meter.policy, position: 'perRetry' as const }],
  };
  return {
    dns: new DnsManagementClient(transport.credential, provider.subscription, clientOptions),
    tm: new TrafficManagerManagementClient(transport.credential, provider.subscription, clientOptions),
    continuationToken: getContinuationToken,
    meter,
  };
}

interface Transport {
  readonly credential: TokenCredential;
  readonly options: Record<string, unknown>;
  /** Whose Traffic Manager budget the requests draw from (the endpoint; an in-process mock is its own). */
  readonly account: string;
}

const backendIds = new WeakMap<object, number>();
let nextBackendId = 0;

function mockAccount(backend: object): string {
  let id = backendIds.get(backend);
  if (id === undefined) {
    id = nextBackendId++;
    backendIds.set(backend, id);
  }
  return `in-process mock #${id}`;
}

const ARM_SCOPE = 'https://management.azure.com/.default';

/** Points the SDKs at an Azure mock served on loopback (`trafficport mock serve`). */
export const AZURE_ENDPOINT_ENV = 'TRAFFICPORT_AZURE_ENDPOINT';

async function transportOptions(provider: AzureProvider, options: AzureClientOptions): Promise<Transport> {
  const env = options.env ?? process.env;
  const override = endpointOverride({
    variable: AZURE_ENDPOINT_ENV,
    value: env[AZURE_ENDPOINT_ENV],
    realBackend: provider.backend !== 'mock',
    sendCredentials: options.sendCredentialsToEndpoint === true,
    protocols: ['https:'],
    example: 'https://127.0.0.1:8443',
  });
  if (override !== undefined) {
    const caFile = env.TRAFFICPORT_AZURE_CA;
    const ca = caFile ? await readCa(caFile) : undefined;
    return {
      // A mock gets a fixed fake token: the real one is for Azure (or where the user said).
      credential: override.realCredentials ? await azureCredential() : await mockCredential(),
      options: {
        endpoint: override.url,
        credentialScopes: [ARM_SCOPE],
        ...(ca === undefined ? {} : { tlsOptions: { ca } }),
      },
      account: override.url,
    };
  }
  if (provider.backend === 'azure') return { credential: await azureCredential(), options: {}, account: 'azure' };
  const mock = await import('./mock/index.js');
  const backend = mock.createAzureMockHandler({
    store: mock.createAzureMockStore(join(options.mockStateDir, 'azure.json')),
    // The mock's subscription allows what the policy says the real one does.
    limits: { profilesPerSubscription: provider.trafficManager.profileQuota },
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
  });
  return {
    credential: await mockCredential(),
    options: mock.inProcessClientOptions(backend),
    account: mockAccount(backend),
  };
}

async function readCa(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new TrafficportError(
      'PROVIDER.BAD_ENDPOINT',
      `cannot read TRAFFICPORT_AZURE_CA '${file}': ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      { hint: 'use the CA file `trafficport mock serve` prints, or unset the variable' },
    );
  }
}

async function mockCredential(): Promise<TokenCredential> {
  return (await import('./mock/http-client.js')).createMockCredential();
}

async function azureCredential(): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential();
}

export async function createAzureAdapter(
  provider: Provider,
  options: AzureClientOptions,
  geo: AzureGeoOptions = {},
): Promise<AzureAdapter> {
  if (provider.type !== 'azure')
    throw new Error(`createAzureAdapter: provider '${provider.id}' is not an azure provider`);
  return createAdapterFromClients(provider, await createAzureClients(provider, options), {
    source: geoListSource(provider, options),
    ...geo,
  });
}

/** Names the hierarchy's origin in plans: Azure itself, a mock on an endpoint, or the in-process mock. */
function geoListSource(provider: AzureProvider, options: AzureClientOptions): string {
  const endpoint = (options.env ?? process.env).TRAFFICPORT_AZURE_ENDPOINT;
  const where =
    endpoint !== undefined && endpoint !== '' ? ` (${endpoint})` : provider.backend === 'mock' ? ' (mock)' : '';
  return `azure trafficManagerGeographicHierarchies/default${where}`;
}

/** Adapters of one run against the same backend read the hierarchy once. */
export function azureGeoShareKey(provider: AzureProvider, options: AzureClientOptions): string {
  const endpoint = (options.env ?? process.env).TRAFFICPORT_AZURE_ENDPOINT;
  if (endpoint !== undefined && endpoint !== '') return `azure endpoint ${endpoint}`;
  return provider.backend === 'mock' ? `azure mock ${options.mockStateDir}` : `azure ${provider.subscription}`;
}

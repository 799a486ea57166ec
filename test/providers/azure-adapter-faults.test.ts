import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DnsManagementClient, getContinuationToken } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffResources } from '../../src/plan/diff.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { AzureProvider, Policy } from '../../src/policy/types.js';
import { createAdapterFromClients } from '../../src/providers/azure/adapter.js';
import { type AzureClientOptions, createAzureAdapter } from '../../src/providers/azure/client.js';
import { createRequestMeter } from '../../src/providers/azure/meter.js';
import {
  createAzureMockHandler,
  createAzureMockStore,
  createMockCredential,
  inProcessClientOptions,
} from '../../src/providers/azure/mock/index.js';
import { renderAzure } from '../../src/render/azure.js';
import { solve } from '../../src/solve/solve.js';
import { azureProviderYaml } from '../support/azure-policy.js';

const POLICY = `
version: 1
${azureProviderYaml()}endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
services:
  - { name: api.example.com, ttl: 60, endpoints: [aws-fra, az-weu, aws-use1], publish: [az] }
rules:
  geography: { prefer: nearest, minEndpoints: 2 }
`;

const AT = Date.parse('2026-12-01T00:00:00Z');
const FAST = { retryDelayInMs: 1, maxRetryDelayInMs: 5 };
const SUB = '11111111-2222-3333-4444-555555555555';

function load(): { policy: Policy; provider: AzureProvider } {
  const result = loadPolicy(POLICY, 'policy.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return { policy: result.policy, provider: result.policy.providers[0] as AzureProvider };
}

async function publish(options: AzureClientOptions) {
  const { policy, provider } = load();
  const adapter = await createAzureAdapter(provider, options);
  const desired = renderAzure({ policy, splits: solve(policy, AT), provider });
  const live = await adapter.read(['api.example.com']);
  const waits: string[] = [];
  const report = await adapter.apply(diffResources(desired.resources, live.resources), live, {
    onWait: (event) => waits.push(event.reason),
  });
  return { adapter, desired, report, waits };
}

describe('AzureAdapter under faults', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tp-azure-faults-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('completes through a 429 storm and injected 503s, and counts the retried calls', async () => {
    const faults = {
      rules: [
        {
          kind: 'throttle' as const,
          retryAfterSeconds: 0,
          operations: ['RecordSets_CreateOrUpdate', 'Profiles_CreateOrUpdate'],
          times: 5,
        },
        {
          kind: 'status' as const,
          status: 503,
          operations: ['Profiles_ListByResourceGroup', 'RecordSets_ListAllByDnsZone'],
          times: 3,
        },
      ],
    };
    const { adapter, desired, report, waits } = await publish({ mockStateDir: dir, faults, retryOptions: FAST });
    const after = await adapter.read(['api.example.com']);
    expect(diffResources(desired.resources, after.resources)).toEqual([]);
    expect(waits.filter((w) => w === 'throttled').length).toBe(5);
    // All creates: one write per profile and record set (no GET: the read listed the group), plus
    // the 5 throttled attempts the SDK retried. The 503s hit the read, before the apply.
    expect(report.calls).toBe(report.changes + 5);
  });

  it('surfaces throttling that outlasts the retries as PROVIDER.THROTTLED, and 5xx as PROVIDER.UNAVAILABLE', async () => {
    const throttled = {
      rules: [{ kind: 'throttle' as const, retryAfterSeconds: 0, operations: ['Profiles_CreateOrUpdate'] }],
    };
    const retries = { ...FAST, maxRetries: 2 };
    await expect(publish({ mockStateDir: dir, faults: throttled, retryOptions: retries })).rejects.toMatchObject({
      code: 'PROVIDER.THROTTLED',
    });
    const down = { rules: [{ kind: 'status' as const, status: 503, operations: ['Profiles_CreateOrUpdate'] }] };
    await expect(publish({ mockStateDir: dir, faults: down, retryOptions: retries })).rejects.toMatchObject({
      code: 'PROVIDER.UNAVAILABLE',
    });
  });

  it('fails with PROVIDER.CONFLICT when a profile changed between read and apply (no ETags in Traffic Manager)', async () => {
    const { adapter } = await publish({ mockStateDir: dir, retryOptions: FAST });
    const live = await adapter.read(['api.example.com']);
    const backend = createAzureMockHandler({ store: createAzureMockStore(join(dir, 'azure.json')) });
    const tm = new TrafficManagerManagementClient(createMockCredential(), SUB, inProcessClientOptions(backend));
    const profile = live.resources.find((r) => r.key === 'azure.tm-profile|tp-api-example-com')!;
    const current = await tm.profiles.get('tm-rg', 'tp-api-example-com');
    await tm.profiles.createOrUpdate('tm-rg', 'tp-api-example-com', {
      ...current,
      dnsConfig: { ...current.dnsConfig, ttl: 5 },
    });
    const change = { action: 'delete' as const, key: profile.key, before: profile };
    await expect(adapter.apply([change], live)).rejects.toMatchObject({ code: 'PROVIDER.CONFLICT' });
    expect((await tm.profiles.get('tm-rg', 'tp-api-example-com')).dnsConfig?.ttl).toBe(5);
  });

  it('refuses a missing zone on real Azure (PROVIDER.NO_ZONE) instead of creating it', async () => {
    const { provider } = load();
    const options = inProcessClientOptions(createAzureMockHandler());
    const clients = {
      dns: new DnsManagementClient(createMockCredential(), SUB, options),
      tm: new TrafficManagerManagementClient(createMockCredential(), SUB, options),
      continuationToken: getContinuationToken,
      meter: createRequestMeter(),
    };
    const adapter = createAdapterFromClients({ ...provider, backend: 'azure' }, clients);
    await expect(adapter.read(['api.example.com'])).rejects.toMatchObject({ code: 'PROVIDER.NO_ZONE' });
  });

  it.each([
    ['returns the same nextLink forever', (_page: number) => ({ value: [], nextLink: loopLink(0) }), 'nextLink'],
    [
      'repeats records on later pages',
      (page: number) => ({ value: [txtSet()], nextLink: loopLink(page + 1) }),
      'later page',
    ],
  ])('stops with PROVIDER.PAGING when the service %s', async (_, pageOf, why) => {
    const { provider } = load();
    const options = {
      endpoint: 'https://management.mock',
      credentialScopes: ['x/.default'],
      httpClient: fakeArm(pageOf),
    };
    const clients = {
      dns: new DnsManagementClient(createMockCredential(), SUB, options),
      tm: new TrafficManagerManagementClient(createMockCredential(), SUB, options),
      continuationToken: getContinuationToken,
      meter: createRequestMeter(),
    };
    const read = createAdapterFromClients(provider, clients).read(['api.example.com']);
    await expect(read).rejects.toMatchObject({ code: 'PROVIDER.PAGING', message: expect.stringContaining(why) });
  });
});

function loopLink(page: number): string {
  return `https://management.mock/subscriptions/${SUB}/resourceGroups/dns-rg/providers/Microsoft.Network/dnszones/example.com/all?api-version=2018-05-01&page=${page}`;
}

function txtSet() {
  const id = `/subscriptions/${SUB}/resourceGroups/dns-rg/providers/Microsoft.Network/dnszones/example.com/TXT/api`;
  return {
    id,
    name: 'api',
    type: 'Microsoft.Network/dnszones/TXT',
    etag: 'e',
    properties: { TTL: 60, TXTRecords: [{ value: ['x'] }] },
  };
}

/** An ARM endpoint whose record-set listing pages misbehave; everything else is empty and well-formed. */
function fakeArm(pageOf: (page: number) => unknown): HttpClient {
  return {
    async sendRequest(request: PipelineRequest) {
      const url = new URL(request.url);
      const page = Number(url.searchParams.get('page') ?? -1);
      const body = url.pathname.endsWith('/all')
        ? pageOf(page)
        : url.pathname.toLowerCase().endsWith('/trafficmanagerprofiles')
          ? { value: [] }
          : { id: url.pathname, name: 'example.com', location: 'global', properties: {} };
      return {
        request,
        status: 200,
        headers: createHttpHeaders({ 'content-type': 'application/json' }),
        bodyAsText: JSON.stringify(body),
      };
    },
  };
}

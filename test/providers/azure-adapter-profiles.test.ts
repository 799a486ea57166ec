import { getContinuationToken } from '@azure/arm-dns';
import type { Profile } from '@azure/arm-trafficmanager';
import { describe, expect, it } from 'vitest';
import { type Change, diffResources } from '../../src/plan/diff.js';
import type { LiveState } from '../../src/plan/types.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { AzureProvider, Policy } from '../../src/policy/types.js';
import { createAdapterFromClients } from '../../src/providers/azure/adapter.js';
import { createRequestMeter } from '../../src/providers/azure/meter.js';
import { type AzureMockBackend, createAzureMockHandler } from '../../src/providers/azure/mock/index.js';
import { renderAzure } from '../../src/render/azure.js';
import { solve } from '../../src/solve/solve.js';
import { azureProviderYaml } from '../support/azure-policy.js';
import { inProcessClients, SUB } from './azure-mock-support.js';

/**
 * The Traffic Manager call pattern of an apply. Profiles have no ETags, so creates rely on the
 * read's listing of the resource group (one PUT each) and updates and deletes GET first.
 */

const POLICY = `
version: 1
${azureProviderYaml({ subscription: SUB })}endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  az-eus: { cloud: azure, region: eastus, a: [198.51.100.10] }
services:
  - { name: api.example.com, ttl: 60, endpoints: [aws-fra, az-weu, aws-use1, az-eus], publish: [az] }
rules:
  geography: { prefer: nearest, minEndpoints: 2 }
  maintenance:
    - { name: weu-patch, target: az-weu, start: "2026-12-06T02:00Z", end: "2026-12-06T04:00Z", ramp: 20m }
`;

const BEFORE = Date.parse('2026-12-01T00:00:00Z');
const DURING = Date.parse('2026-12-06T03:00:00Z');
const SERVICES = ['api.example.com'];

function load(): { policy: Policy; provider: AzureProvider } {
  const result = loadPolicy(POLICY, 'policy.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return { policy: result.policy, provider: result.policy.providers[0] as AzureProvider };
}

function world() {
  const backend = createAzureMockHandler();
  const { policy, provider } = load();
  const clients = {
    ...inProcessClients(backend),
    continuationToken: getContinuationToken,
    meter: createRequestMeter(),
  };
  const adapter = createAdapterFromClients(provider, clients);
  const desired = (at: number) => renderAzure({ policy, splits: solve(policy, at), provider }).resources;
  return { backend, adapter, other: inProcessClients(backend), desired };
}

/** What the mock served during `run`, by operation. */
async function callsDuring(backend: AzureMockBackend, run: () => Promise<unknown>): Promise<Record<string, number>> {
  backend.resetStats();
  await run();
  return backend.stats().calls;
}

/** A Weighted profile someone else made, answering under `relativeName`. */
function foreignProfile(relativeName: string): Profile {
  return {
    location: 'global',
    trafficRoutingMethod: 'Weighted',
    dnsConfig: { relativeName, ttl: 30 },
    monitorConfig: { protocol: 'HTTPS', port: 443, path: '/' },
    endpoints: [],
  };
}

function count(changes: readonly Change[], action: Change['action'], kind: string): number {
  return changes.filter((c) => c.action === action && c.key.startsWith(`${kind}|`)).length;
}

describe('Traffic Manager profile writes', () => {
  it('a create-only apply makes exactly one PUT per resource and no GET', async () => {
    const { backend, adapter, desired } = world();
    const live = await adapter.read(SERVICES);
    const changes = diffResources(desired(BEFORE), live.resources);
    expect(changes.every((c) => c.action === 'create')).toBe(true);
    const calls = await callsDuring(backend, () => adapter.apply(changes, live));
    expect(calls).toEqual({
      Profiles_CreateOrUpdate: count(changes, 'create', 'azure.tm-profile'),
      RecordSets_CreateOrUpdate: count(changes, 'create', 'azure.recordset'),
    });
    expect(calls.Profiles_CreateOrUpdate).toBeGreaterThan(1);
    expect(diffResources(desired(BEFORE), (await adapter.read(SERVICES)).resources)).toEqual([]);
  });

  it('updates and deletes still GET each profile first; creates in the same apply do not', async () => {
    const { backend, adapter, desired } = world();
    const first = await adapter.read(SERVICES);
    await adapter.apply(diffResources(desired(BEFORE), first.resources), first);
    const live = await adapter.read(SERVICES);
    const changes = diffResources(desired(DURING), live.resources);
    const profile = 'azure.tm-profile';
    expect(count(changes, 'update', profile) + count(changes, 'delete', profile)).toBeGreaterThan(0);
    expect(count(changes, 'create', profile)).toBeGreaterThan(0);
    const calls = await callsDuring(backend, () => adapter.apply(changes, live));
    expect(calls.Profiles_Get).toBe(count(changes, 'update', profile) + count(changes, 'delete', profile));
    expect(calls.Profiles_CreateOrUpdate).toBe(count(changes, 'create', profile) + count(changes, 'update', profile));
    expect(calls.Profiles_Delete ?? 0).toBe(count(changes, 'delete', profile));
  });

  it('refuses an update with PROVIDER.CONFLICT when someone changed the profile after the read', async () => {
    const { adapter, other, desired } = world();
    const first = await adapter.read(SERVICES);
    await adapter.apply(diffResources(desired(BEFORE), first.resources), first);
    const live = await adapter.read(SERVICES);
    const before = live.resources.find((r) => r.key === 'azure.tm-profile|tp-api-example-com')!;
    const current = await other.tm.profiles.get('tm-rg', 'tp-api-example-com');
    await other.tm.profiles.createOrUpdate('tm-rg', 'tp-api-example-com', {
      ...current,
      dnsConfig: { ...current.dnsConfig, ttl: 5 },
    });
    const body = before.body as { properties: { dnsConfig: object } };
    const after = {
      ...before,
      body: { ...body, properties: { ...body.properties, dnsConfig: { ...body.properties.dnsConfig, ttl: 30 } } },
    };
    const change: Change = { action: 'update', key: before.key, before, after };
    await expect(adapter.apply([change], live)).rejects.toMatchObject({ code: 'PROVIDER.CONFLICT' });
    expect((await other.tm.profiles.get('tm-rg', 'tp-api-example-com')).dnsConfig?.ttl).toBe(5);
  });

  it('refuses to create over a profile the read listed but does not own, before writing anything', async () => {
    const { backend, adapter, other, desired } = world();
    await other.tm.profiles.createOrUpdate('tm-rg', 'TP-API-EXAMPLE-COM', foreignProfile('someone-elses'));
    const live = await adapter.read(SERVICES);
    const changes = diffResources(desired(BEFORE), live.resources);
    let refusal: unknown;
    const calls = await callsDuring(backend, () => adapter.apply(changes, live).catch((e: unknown) => (refusal = e)));
    expect(refusal).toMatchObject({ code: 'PROVIDER.FOREIGN_RECORD', message: expect.stringContaining('tp-api') });
    expect(calls).toEqual({});
    expect((await other.tm.profiles.get('tm-rg', 'tp-api-example-com')).dnsConfig?.relativeName).toBe('someone-elses');
  });

  it('accepted race: a profile of a trafficport name created after the read is overwritten by the create', async () => {
    // Documented in apply.ts and docs/azure-rendering.md: a GET would only narrow this window.
    const { adapter, other, desired } = world();
    const live = await adapter.read(SERVICES);
    const changes = diffResources(desired(BEFORE), live.resources);
    await other.tm.profiles.createOrUpdate('tm-rg', 'tp-api-example-com', foreignProfile('raced-in'));
    await adapter.apply(changes, live);
    expect((await other.tm.profiles.get('tm-rg', 'tp-api-example-com')).dnsConfig?.relativeName).not.toBe('raced-in');
  });

  it('falls back to a GET before each create when the live state was not read by this adapter', async () => {
    const { backend, adapter, desired } = world();
    const read = await adapter.read(SERVICES);
    const live: LiveState = { ...read };
    const changes = diffResources(desired(BEFORE), live.resources);
    const calls = await callsDuring(backend, () => adapter.apply(changes, live));
    expect(calls.Profiles_Get).toBe(count(changes, 'create', 'azure.tm-profile'));
    expect(calls.Profiles_CreateOrUpdate).toBe(count(changes, 'create', 'azure.tm-profile'));
  });
});

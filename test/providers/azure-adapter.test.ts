import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DnsManagementClient } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffResources } from '../../src/plan/diff.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { AzureProvider, Policy } from '../../src/policy/types.js';
import { type AzureClientOptions, createAzureAdapter } from '../../src/providers/azure/client.js';
import {
  createAzureMockHandler,
  createAzureMockStore,
  createMockCredential,
  inProcessClientOptions,
  startAzureMock,
} from '../../src/providers/azure/mock/index.js';
import type { ApplyEvents } from '../../src/providers/types.js';
import { renderAzure } from '../../src/render/azure.js';
import { verifyAzure } from '../../src/resolver/azure.js';
import { solve } from '../../src/solve/solve.js';
import { azureProviderYaml } from '../support/azure-policy.js';

const POLICY = `
version: 1
${azureProviderYaml()}endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20, 203.0.113.21] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  az-eus: { cloud: azure, region: eastus, a: [198.51.100.10] }
services:
  - { name: api.example.com, ttl: 60, endpoints: [aws-fra, az-weu, aws-use1, az-eus], publish: [az] }
rules:
  geography: { prefer: nearest, minEndpoints: 2 }
  sovereignty:
    - { name: gdpr, users: [EEA], allow: { jurisdiction: EU }, whenUnservable: fail }
  maintenance:
    - { name: weu-patch, target: az-weu, start: "2026-12-06T02:00Z", end: "2026-12-06T04:00Z", ramp: 20m }
`;

const BEFORE = Date.parse('2026-12-01T00:00:00Z');
const DURING = Date.parse('2026-12-06T03:00:00Z');
const FAST = { retryDelayInMs: 2, maxRetryDelayInMs: 10 };
const SUB = '11111111-2222-3333-4444-555555555555';

function load(): { policy: Policy; provider: AzureProvider } {
  const result = loadPolicy(POLICY, 'policy.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return { policy: result.policy, provider: result.policy.providers[0] as AzureProvider };
}

/** Direct SDK clients on the same state, standing in for other users of the subscription. */
function bystander(file: string) {
  const options = { ...inProcessClientOptions(createAzureMockHandler({ store: createAzureMockStore(file) })) };
  return {
    dns: new DnsManagementClient(createMockCredential(), SUB, options),
    tm: new TrafficManagerManagementClient(createMockCredential(), SUB, options),
  };
}

async function seedForeign(other: ReturnType<typeof bystander>) {
  await other.dns.zones.createOrUpdate('dns-rg', 'example.com', { location: 'global' });
  // Not at 'api': below the apex the service name is a CNAME, which stands alone.
  await other.dns.recordSets.createOrUpdate('dns-rg', 'example.com', 'api-verify', 'TXT', {
    ttl: 300,
    txtRecords: [{ value: ['v=verify'] }],
  });
  await other.dns.recordSets.createOrUpdate('dns-rg', 'example.com', 'other', 'TXT', {
    ttl: 300,
    txtRecords: [{ value: ['x'] }],
  });
  await other.dns.recordSets.createOrUpdate('dns-rg', 'example.com', 'www2', 'A', {
    ttl: 300,
    aRecords: [{ ipv4Address: '192.0.2.1' }],
  });
  await other.tm.profiles.createOrUpdate('tm-rg', 'tp-foreign', {
    location: 'global',
    trafficRoutingMethod: 'Weighted',
    dnsConfig: { relativeName: 'someone-elses-profile', ttl: 30 },
    monitorConfig: { protocol: 'HTTPS', port: 443, path: '/' },
    endpoints: [
      { name: 'x', type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints', target: '192.0.2.9', weight: 5 },
    ],
  });
}

async function foreignSnapshot(other: ReturnType<typeof bystander>) {
  const get = (name: string, type: 'A' | 'TXT') => other.dns.recordSets.get('dns-rg', 'example.com', name, type);
  return {
    sets: await Promise.all([get('api-verify', 'TXT'), get('other', 'TXT'), get('www2', 'A')]),
    profile: await other.tm.profiles.get('tm-rg', 'tp-foreign'),
  };
}

async function publish(options: AzureClientOptions, at: number, events?: ApplyEvents) {
  const { policy, provider } = load();
  const splits = solve(policy, at);
  const adapter = await createAzureAdapter(provider, options);
  const desired = renderAzure({ policy, splits, provider });
  const live = await adapter.read(['api.example.com']);
  const changes = diffResources(desired.resources, live.resources);
  const report = await adapter.apply(changes, live, events);
  const after = await adapter.read(['api.example.com']);
  return { splits, provider, desired, live, changes, report, after, adapter };
}

async function roundTrip(options: AzureClientOptions, other: ReturnType<typeof bystander>) {
  await seedForeign(other);
  const foreign = await foreignSnapshot(other);
  const batches: number[] = [];
  const first = await publish(options, BEFORE, { onBatch: (e) => batches.push(e.changes) });
  expect(first.live.resources).toEqual([]);
  expect(first.live.foreign).toEqual([]);
  expect(first.changes.every((c) => c.action === 'create')).toBe(true);
  expect(batches.reduce((a, b) => a + b, 0)).toBe(first.changes.length);
  expect(first.report).toMatchObject({ provider: 'az', changes: first.changes.length, batches: batches.length });
  expect(first.report.calls).toBeGreaterThanOrEqual(first.changes.length);
  expect(diffResources(first.desired.resources, first.after.resources)).toEqual([]);
  expect(verifyAzure({ resources: first.after.resources, splits: first.splits, provider: first.provider }).ok).toBe(
    true,
  );
  expect(await foreignSnapshot(other)).toEqual(foreign);

  const drain = await publish(options, DURING);
  expect(drain.changes.length).toBeGreaterThan(0);
  expect(diffResources(drain.desired.resources, drain.after.resources)).toEqual([]);
  const report = verifyAzure({ resources: drain.after.resources, splits: drain.splits, provider: drain.provider });
  expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  expect(report.checks.every((c) => (c.answers?.['az-weu'] ?? 0) === 0)).toBe(true);
  expect(await foreignSnapshot(other)).toEqual(foreign);
  return drain;
}

describe('AzureAdapter round trip through the real SDK clients', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tp-azure-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('in process: render → read → apply → read gives an empty diff, through a drain, leaving foreign resources alone', async () => {
    const drain = await roundTrip({ mockStateDir: dir, retryOptions: FAST }, bystander(join(dir, 'azure.json')));
    // Deleted weighted profiles are gone from Azure, not just from the read.
    const deleted = drain.changes.filter((c) => c.action === 'delete').map((c) => c.key.split('|')[1]!);
    const names = [];
    for await (const p of bystander(join(dir, 'azure.json')).tm.profiles.listByResourceGroup('tm-rg'))
      names.push(p.name);
    for (const name of deleted) expect(names).not.toContain(name);
  });

  it('over loopback HTTPS (TRAFFICPORT_AZURE_ENDPOINT + TRAFFICPORT_AZURE_CA)', async () => {
    const file = join(dir, 'served.json');
    const server = await startAzureMock({ store: createAzureMockStore(file) });
    try {
      const ca = join(dir, 'ca.pem');
      await writeFile(ca, server.ca);
      const env = { TRAFFICPORT_AZURE_ENDPOINT: server.url, TRAFFICPORT_AZURE_CA: ca };
      await roundTrip({ mockStateDir: join(dir, 'unused'), env, retryOptions: FAST }, bystander(file));
      expect(server.backend.stats().calls.Profiles_CreateOrUpdate).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('refuses to write over a foreign record set of the type it needs, before writing anything', async () => {
    const other = bystander(join(dir, 'azure.json'));
    await other.dns.zones.createOrUpdate('dns-rg', 'example.com', { location: 'global' });
    await other.dns.recordSets.createOrUpdate('dns-rg', 'example.com', 'api', 'A', {
      ttl: 300,
      aRecords: [{ ipv4Address: '192.0.2.7' }],
    });
    const result = publish({ mockStateDir: dir, retryOptions: FAST }, BEFORE);
    await expect(result).rejects.toMatchObject({ code: 'PROVIDER.FOREIGN_RECORD' });
    const profiles = [];
    for await (const p of other.tm.profiles.listByResourceGroup('tm-rg')) profiles.push(p.name);
    expect(profiles).toEqual([]);
  });

  it('fails with PROVIDER.CONFLICT (412) when someone writes the record set between read and apply', async () => {
    const { policy, provider } = load();
    const adapter = await createAzureAdapter(provider, { mockStateDir: dir, retryOptions: FAST });
    const desired = renderAzure({ policy, splits: solve(policy, BEFORE), provider });
    const live = await adapter.read(['api.example.com']);
    const other = bystander(join(dir, 'azure.json'));
    await other.dns.recordSets.createOrUpdate('dns-rg', 'example.com', 'api', 'CNAME', {
      ttl: 5,
      cnameRecord: { cname: 'elsewhere.example.net' },
    });
    const apply = adapter.apply(diffResources(desired.resources, live.resources), live);
    await expect(apply).rejects.toMatchObject({
      code: 'PROVIDER.CONFLICT',
      message: expect.stringContaining('changed since read'),
    });
    expect((await other.dns.recordSets.get('dns-rg', 'example.com', 'api', 'CNAME')).ttl).toBe(5);
  });

  it('fails with PROVIDER.CONFLICT when an owned record set changed after read (If-Match)', async () => {
    const first = await publish({ mockStateDir: dir, retryOptions: FAST }, BEFORE);
    const live = await first.adapter.read(['api.example.com']);
    const other = bystander(join(dir, 'azure.json'));
    const set = await other.dns.recordSets.get('dns-rg', 'example.com', 'api', 'CNAME');
    await other.dns.recordSets.createOrUpdate('dns-rg', 'example.com', 'api', 'CNAME', { ...set, ttl: 61 });
    const before = live.resources.find((r) => r.key === 'azure.recordset|api|CNAME')!;
    const after = { ...before, body: { ...(before.body as object), TTL: 30 } };
    const ttl30 = [{ action: 'update' as const, key: before.key, before, after }];
    await expect(first.adapter.apply(ttl30, live)).rejects.toMatchObject({ code: 'PROVIDER.CONFLICT' });
  });
});

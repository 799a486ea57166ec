/**
 * The Azure hand-over refuses what changed since the adoption read it, through the real SDK
 * clients on the mock: a foreign record set edited meanwhile is not switched (PROVIDER.CONFLICT,
 * nothing overwritten), a foreign profile edited meanwhile is not deleted. And the order of a
 * tree: parents before every profile they nest, however deep (azure-tree.ts).
 */
import { DnsManagementClient, getContinuationToken } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { describe, expect, it } from 'vitest';
import { profileTree } from '../../src/adopt/azure-tree.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { AzureProvider } from '../../src/policy/types.js';
import { createAdapterFromClients } from '../../src/providers/azure/adapter.js';
import { profileFromSdk, recordSetFromSdk } from '../../src/providers/azure/canonical.js';
import { createRequestMeter } from '../../src/providers/azure/meter.js';
import {
  createAzureMockHandler,
  createMockCredential,
  inProcessClientOptions,
} from '../../src/providers/azure/mock/index.js';
import { NESTED_TYPE } from '../../src/render/azure-bodies.js';
import type { Resource } from '../../src/render/types.js';

const SUB = '00000000-0000-0000-0000-000000000000';
const POLICY = `version: 1
providers:
  az: { type: azure, zone: example.com, subscription: "${SUB}", resourceGroup: dns, backend: mock, trafficManager: { resourceGroup: traffic } }
endpoints:
  a: { cloud: aws, region: us-east-1, cname: a.example.net }
services:
  - { name: shop.example.com, endpoints: [a], publish: [az] }
`;
const EXTERNAL = 'Microsoft.Network/trafficManagerProfiles/externalEndpoints';

async function world() {
  const loaded = loadPolicy(POLICY, 'p.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  const provider = loaded.policy.providers[0] as AzureProvider;
  const options = inProcessClientOptions(createAzureMockHandler());
  const dns = new DnsManagementClient(createMockCredential(), SUB, options);
  const tm = new TrafficManagerManagementClient(createMockCredential(), SUB, options);
  const adapter = createAdapterFromClients(provider, {
    dns,
    tm,
    continuationToken: getContinuationToken,
    meter: createRequestMeter(),
  });
  await dns.zones.createOrUpdate('dns', 'example.com', { location: 'global' });
  const profile = await tm.profiles.createOrUpdate('traffic', 'theirs', {
    location: 'global',
    trafficRoutingMethod: 'Weighted',
    dnsConfig: { relativeName: 'theirs-example', ttl: 60 },
    monitorConfig: { protocol: 'HTTPS', port: 443, path: '/' },
    endpoints: [{ name: 'a', type: EXTERNAL, target: 'a.example.net', weight: 1 }],
  });
  const set = await dns.recordSets.createOrUpdate('dns', 'example.com', 'shop', 'CNAME', {
    ttl: 60,
    cnameRecord: { cname: 'theirs-example.trafficmanager.net' },
  });
  const before: Resource = { kind: 'azure.recordset', key: 'azure.recordset|shop|CNAME', body: recordSetFromSdk(set) };
  const after: Resource = {
    kind: 'azure.recordset',
    key: 'azure.recordset|shop|CNAME',
    body: { TTL: 60, metadata: { trafficport: 'owned' }, CNAMERecord: { cname: 'a.example.net' } },
  };
  const removed: Resource = { kind: 'azure.tm-profile', key: 'azure.tm-profile|theirs', body: profileFromSdk(profile) };
  return {
    adapter,
    dns,
    tm,
    handOver: { service: 'shop.example.com', switch: { before, after }, create: [], remove: [removed] },
  };
}

describe('Azure hand-over', () => {
  it('does not switch a record set changed since it was read', async () => {
    const { adapter, dns, handOver } = await world();
    await dns.recordSets.update('dns', 'example.com', 'shop', 'CNAME', { ttl: 300 });
    await expect(adapter.handOver(handOver, 'take')).rejects.toMatchObject({ code: 'PROVIDER.CONFLICT' });
    expect((await dns.recordSets.get('dns', 'example.com', 'shop', 'CNAME')).ttl).toBe(300);
  });

  it('does not delete a foreign profile changed since it was read, after the switch', async () => {
    const { adapter, dns, tm, handOver } = await world();
    await tm.profiles.update('traffic', 'theirs', { dnsConfig: { relativeName: 'theirs-example', ttl: 30 } });
    await expect(adapter.handOver(handOver, 'take')).rejects.toMatchObject({ code: 'PROVIDER.CONFLICT' });
    expect((await dns.recordSets.get('dns', 'example.com', 'shop', 'CNAME')).cnameRecord?.cname).toBe('a.example.net');
    expect((await tm.profiles.get('traffic', 'theirs')).dnsConfig?.ttl).toBe(30);
    // Nor is it overwritten to give the records back: the record set stays trafficport's (answering).
    await expect(adapter.handOver(handOver, 'give-back')).rejects.toMatchObject({ code: 'PROVIDER.CONFLICT' });
    expect((await tm.profiles.get('traffic', 'theirs')).dnsConfig?.ttl).toBe(30);
    expect((await dns.recordSets.get('dns', 'example.com', 'shop', 'CNAME')).cnameRecord?.cname).toBe('a.example.net');
  });

  it('orders a tree parents first, a profile nested at two depths after its deepest parent', () => {
    const id = (name: string) =>
      `/subscriptions/s/resourcegroups/traffic/providers/microsoft.network/trafficmanagerprofiles/${name}`;
    const profile = (name: string, nests: string[]): Resource => ({
      kind: 'azure.tm-profile',
      key: `azure.tm-profile|${name}`,
      body: {
        properties: {
          dnsConfig: { relativeName: `${name}-rel` },
          endpoints: nests.map((child) => ({
            name: child,
            type: NESTED_TYPE,
            properties: { targetResourceId: id(child) },
          })),
        },
      },
    });
    const profiles = [
      profile('leaf', []),
      profile('mid', ['leaf']),
      profile('root', ['mid', 'leaf']),
      profile('other', []),
    ];
    const set: Resource = {
      kind: 'azure.recordset',
      key: 'azure.recordset|shop|CNAME',
      body: { CNAMERecord: { cname: 'root-rel.trafficmanager.net' } },
    };
    const tree = profileTree(set, profiles, 'traffic');
    expect(tree.profiles.map((p) => p.key.split('|')[1])).toEqual(['root', 'mid', 'leaf']);
    expect(tree.missing).toEqual([]);
  });
});

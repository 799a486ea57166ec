import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { renderAzure } from '../../src/render/azure.js';
import { EXTERNAL_TYPE, NESTED_TYPE, profileBody, recordSetBody } from '../../src/render/azure-bodies.js';
import { DEFAULT_MONITOR } from '../../src/render/azure-monitor.js';
import type { Resource } from '../../src/render/types.js';
import { AZURE_TOLERANCE, azureDistributions, verifyAzure } from '../../src/resolver/azure.js';
import { AzureResources } from '../../src/resolver/azure-evaluate.js';
import { solve } from '../../src/solve/solve.js';
import type { Splits } from '../../src/solve/types.js';

const ARM = '/subscriptions/s/resourcegroups/rg/providers/microsoft.network/trafficmanagerprofiles';

function weighted(name: string, endpoints: [string, number, 'Enabled' | 'Disabled'][]): Resource {
  const body = profileBody({
    tags: {},
    profileStatus: 'Enabled',
    trafficRoutingMethod: 'Weighted',
    relativeName: name,
    ttl: 60,
    monitor: DEFAULT_MONITOR,
    endpoints: endpoints.map(([id, weight, endpointStatus]) => ({
      name: id,
      type: EXTERNAL_TYPE,
      target: '192.0.2.1',
      weight,
      endpointStatus,
    })),
  });
  return { kind: 'azure.tm-profile', key: `azure.tm-profile|${name}`, body };
}

function geographic(name: string, mapping: Record<string, string[]>): Resource {
  const body = profileBody({
    tags: {},
    profileStatus: 'Enabled',
    trafficRoutingMethod: 'Geographic',
    relativeName: `${name}-rel`,
    ttl: 60,
    monitor: DEFAULT_MONITOR,
    endpoints: Object.entries(mapping).map(([child, geoMapping]) => ({
      name: child,
      type: NESTED_TYPE,
      targetResourceId: `${ARM}/${child}`,
      endpointStatus: 'Enabled',
      minChildEndpoints: 1,
      geoMapping,
    })),
  });
  return { kind: 'azure.tm-profile', key: `azure.tm-profile|${name}`, body };
}

const TREE: Resource[] = [
  weighted('eu', [
    ['fra.1', 30, 'Enabled'],
    ['fra.2', 30, 'Enabled'],
    ['weu', 40, 'Enabled'],
    ['use1', 1, 'Disabled'],
  ]),
  weighted('us', [['use1', 1, 'Enabled']]),
  weighted('ca', [
    ['use1', 1, 'Disabled'],
    ['weu', 3, 'Enabled'],
  ]),
  geographic('root', { eu: ['GEO-EU'], us: ['US'], ca: ['US-CA'] }),
  {
    kind: 'azure.recordset',
    key: 'azure.recordset|api|A',
    body: recordSetBody({ ttl: 60, targetResourceId: `${ARM}/root` }),
  },
  {
    kind: 'azure.recordset',
    key: 'azure.recordset|www|CNAME',
    body: recordSetBody({ ttl: 60, cname: 'root-rel.trafficmanager.net' }),
  },
];

describe('Azure evaluation of Traffic Manager trees', () => {
  const live = new AzureResources(TREE, 'example.com');
  const fractions = (geo: string, service = 'api.example.com', type: 'A' | 'CNAME' = 'A') => {
    const answer = live.evaluate(service, type, geo);
    return answer.kind === 'answers' ? Object.fromEntries(answer.fractions) : answer.reason;
  };

  it('answers the most specific mapping: state over country over region; Disabled endpoints never answer', () => {
    expect(fractions('US-CA')).toEqual({ weu: 1 });
    expect(fractions('US-TX')).toEqual({ use1: 1 });
    expect(fractions('DE')).toEqual({ fra: 0.6, weu: 0.4 });
    expect(fractions('GEO-EU', 'www.example.com', 'CNAME')).toEqual({ fra: 0.6, weu: 0.4 });
  });

  it('gives NODATA where nothing maps (no WORLD record) or no record set exists', () => {
    expect(fractions('JP')).toMatch(/nothing maps JP/);
    expect(fractions('*')).toMatch(/nothing maps WORLD/);
    expect(fractions('DE', 'nope.example.com')).toMatch(/no A record set/);
  });
});

const POLICY = `
version: 1
providers:
  az: { type: azure, zone: example.com, subscription: s, resourceGroup: rg, backend: mock }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20, 203.0.113.21] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
services:
  - { name: api.example.com, ttl: 60, endpoints: [aws-fra, az-weu, aws-use1], publish: [az] }
rules:
  geography: { prefer: nearest, minEndpoints: 2 }
`;

describe('verifyAzure', () => {
  const loaded = loadPolicy(POLICY, 'p.yaml');
  if (!loaded.ok) throw new Error('policy');
  const policy: Policy = loaded.policy;
  const provider = policy.providers[0]!;
  const splits: Splits = solve(policy, Date.parse('2026-01-01T00:00:00Z'));
  const desired = renderAzure({ policy, splits, provider });

  it('finds the rendered state within the rounding tolerance for every plan geography', () => {
    const report = verifyAzure({ resources: desired.resources, splits, provider });
    expect(report.ok).toBe(true);
    expect(report.tolerance).toBe(AZURE_TOLERANCE);
    expect(Math.max(...report.checks.map((c) => c.deviation))).toBeLessThan(0.002);
    const distributions = azureDistributions(desired.resources, policy, provider).get('api.example.com')!;
    expect([...distributions.keys()].sort()).toEqual(splits.services[0]!.geographies.map((g) => g.geo).sort());
  });

  it('reports a geography whose live weights moved away from the plan, and NODATA as deviation 1', () => {
    const tampered = desired.resources.map((r) => {
      if (r.kind !== 'azure.tm-profile' || JSON.stringify(r.body).includes('Geographic')) return r;
      const body = structuredClone(r.body) as {
        properties: { endpoints: { properties: { weight: number; endpointStatus: string } }[] };
      };
      for (const e of body.properties.endpoints) if (e.properties.endpointStatus === 'Enabled') e.properties.weight = 1;
      return { ...r, body: body as never };
    });
    const report = verifyAzure({ resources: tampered, splits, provider });
    expect(report.ok).toBe(false);
    const gone = verifyAzure({ resources: [], splits, provider, services: ['api.example.com'] });
    expect(gone.checks.every((c) => c.deviation === 1 && c.nodata !== undefined)).toBe(true);
  });
});

describe('Azure evaluation: lookups the per-call indexes must answer like the scans they replaced', () => {
  const record = (name: string, type: 'A' | 'CNAME', target: string): Resource => ({
    kind: 'azure.recordset',
    key: `azure.recordset|${name}|${type}`,
    body: recordSetBody(type === 'A' ? { ttl: 60, targetResourceId: `${ARM}/${target}` } : { ttl: 60, cname: target }),
  });
  const renamed = (resource: Resource, relativeName: string, key: string): Resource => {
    const body = structuredClone(resource.body) as { properties: { dnsConfig: { relativeName: string } } };
    body.properties.dnsConfig.relativeName = relativeName;
    return { ...resource, key, body: body as never };
  };
  const tree: Resource[] = [
    weighted('eu', [['weu', 1, 'Enabled']]),
    weighted('us', [['use1', 1, 'Enabled']]),
    // Two endpoints map DE: the first one listed answers.
    geographic('root', { eu: ['GEO-EU', 'DE'], us: ['DE', 'US'] }),
    // Nested Geographic under Geographic: the child's answer depends on where the user is.
    geographic('inner', { eu: ['FR'], us: ['GEO-NA'] }),
    geographic('outer', { inner: ['WORLD'] }),
    // Two profiles share a relative name: a CNAME to it resolves to the first in resource order.
    renamed(weighted('first', [['use1', 1, 'Enabled']]), 'shared', 'azure.tm-profile|first'),
    renamed(weighted('second', [['weu', 1, 'Enabled']]), 'shared', 'azure.tm-profile|second'),
    record('api', 'A', 'root'),
    record('nest', 'A', 'outer'),
    record('www', 'CNAME', 'SHARED.trafficmanager.net.'),
  ];
  const live = new AzureResources(tree, 'example.com');
  const fractions = (service: string, geo: string, type: 'A' | 'CNAME' = 'A') => {
    const answer = live.evaluate(`${service}.example.com`, type, geo);
    return answer.kind === 'answers' ? Object.fromEntries(answer.fractions) : answer.reason;
  };

  it('takes the first endpoint mapping a code, and the first profile with a relative name', () => {
    expect(fractions('api', 'DE')).toEqual({ weu: 1 });
    expect(fractions('api', 'US-TX')).toEqual({ use1: 1 });
    expect(fractions('www', 'JP', 'CNAME')).toEqual({ use1: 1 });
  });

  it('answers per location under a nested Geographic profile, and alike under a Weighted one', () => {
    expect(fractions('nest', 'FR')).toEqual({ weu: 1 });
    expect(fractions('nest', 'US')).toEqual({ use1: 1 });
    expect(fractions('nest', 'JP')).toMatch(/nothing maps JP/);
    expect(fractions('api', 'FR')).toEqual(fractions('api', 'AT'));
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { renderAzure } from '../../src/render/azure.js';
import { fitLabel, serviceSlugs } from '../../src/render/azure-names.js';
import type { JsonValue } from '../../src/render/types.js';
import { solve } from '../../src/solve/solve.js';
import type { GeographySplit, SplitPlan } from '../../src/solve/types.js';
import { canonicalJson } from '../../src/util/json.js';
import { verifyAzure } from '../../src/verify/azure.js';
import { AzureResources } from '../../src/verify/azure-evaluate.js';

const POLICY = `
version: 1
providers:
  az:
    type: azure
    zone: example.com
    subscription: 11111111-2222-3333-4444-555555555555
    resourceGroup: dns-rg
    backend: mock
    trafficManager: { resourceGroup: tm-rg, profilePrefix: tp }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20, 203.0.113.21] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20], aaaa: ['2001:db8::20'] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  az-eus: { cloud: azure, region: eastus, a: [198.51.100.10], aaaa: ['2001:db8::10'] }
  web-fra: { cloud: aws, region: eu-central-1, cname: fra.example.net }
  web-use1: { cloud: aws, region: us-east-1, cname: use1.example.net }
services:
  - { name: api.example.com, ttl: 60, endpoints: [aws-fra, az-weu, aws-use1, az-eus], publish: [az] }
  - { name: www.example.com, ttl: 30, endpoints: [web-fra, web-use1], publish: [az] }
  - { name: example.com, ttl: 30, endpoints: [web-fra, web-use1], publish: [az] }
rules:
  geography: { prefer: nearest, minEndpoints: 1 }
`;

function load(text: string): Policy {
  const result = loadPolicy(text, 'policy.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.policy;
}

const EU = { 'aws-fra': 60, 'az-weu': 40, 'aws-use1': 0, 'az-eus': 0 };
const DEFAULT = { 'aws-fra': 0, 'az-weu': 0, 'aws-use1': 50, 'az-eus': 50 };

/** A hand-made plan for api.example.com: EU countries share a split, CH and California differ. */
function apiPlan(policy: Policy, geos: Record<string, Record<string, number>>): SplitPlan {
  const geographies: GeographySplit[] = Object.entries(geos).map(([geo, shares]) => ({
    geo,
    name: geo,
    demand: 1,
    shares,
    latencyMs: 10,
    reasons: [],
  }));
  const service = policy.services[0]!;
  return {
    version: 1,
    at: '2026-01-01T00:00:00Z',
    overrides: { downEndpoints: [], downRegions: [], downClouds: [] },
    services: [
      {
        service: service.name,
        ttl: service.ttl,
        endpoints: [],
        clouds: {},
        geographies,
        shortfalls: [],
        meanLatencyMs: 10,
      },
    ],
  };
}

const GEOS = {
  '*': DEFAULT,
  DE: EU,
  FR: EU,
  IT: EU,
  GB: EU,
  CH: { 'aws-fra': 100, 'az-weu': 0, 'aws-use1': 0, 'az-eus': 0 },
  US: DEFAULT,
  'US-CA': { 'aws-fra': 0, 'az-weu': 0, 'aws-use1': 100, 'az-eus': 0 },
  JP: DEFAULT,
};

type ProfileBody = {
  properties: {
    trafficRoutingMethod: string;
    endpoints: {
      name: string;
      properties: { endpointStatus: string; weight?: number; geoMapping?: string[]; target?: string };
    }[];
  };
};

function profiles(resources: readonly { kind: string; body: JsonValue }[], method: string): ProfileBody[] {
  return resources
    .filter((r) => r.kind === 'azure.tm-profile')
    .map((r) => r.body as unknown as ProfileBody)
    .filter((b) => b.properties.trafficRoutingMethod === method);
}

describe('renderAzure', () => {
  const policy = load(POLICY);
  const provider = policy.providers[0]!;
  const apiOnly = { ...policy, services: [policy.services[0]!] };
  const desired = renderAzure({ policy: apiOnly, plan: apiPlan(policy, GEOS), provider });

  it('shares one weighted profile among geographies with identical splits and compresses to Traffic Manager regions', () => {
    const a = profiles(desired.resources, 'Weighted').filter((p) => p.properties.endpoints[0]?.name.startsWith('aws'));
    // A: default, EU, CH, US-CA. AAAA: default and EU only (CH and US-CA have no IPv6 endpoint).
    expect(desired.stats[0]).toMatchObject({ weightedGroups: 6, geographies: 9 });
    expect(a).toHaveLength(4);
    const published = desired.published[0]!;
    expect(Object.keys(published.geographies)).toEqual(['*', 'CH', 'GEO-EU', 'US-CA']);
    expect(published.types).toEqual(['A', 'AAAA']);
    const [geographic] = profiles(desired.resources, 'Geographic');
    const mappings = geographic!.properties.endpoints.map((e) => e.properties.geoMapping).sort();
    expect(mappings).toEqual([['CH'], ['GEO-EU'], ['US-CA'], ['WORLD']]);
  });

  it('publishes a drained endpoint Disabled (never weighted), and every weight within 1-1000', () => {
    for (const profile of profiles(desired.resources, 'Weighted')) {
      for (const endpoint of profile.properties.endpoints) {
        expect(Number.isInteger(endpoint.properties.weight)).toBe(true);
        expect(endpoint.properties.weight).toBeGreaterThanOrEqual(1);
        expect(endpoint.properties.weight).toBeLessThanOrEqual(1000);
        expect(['Enabled', 'Disabled']).toContain(endpoint.properties.endpointStatus);
      }
    }
    const ch = desired.published[0]!.geographies.CH!;
    expect(ch).toEqual({ 'aws-fra': 2, 'az-weu': 0, 'aws-use1': 0, 'az-eus': 0 });
    const live = new AzureResources(desired.resources, 'example.com');
    for (const [geo, shares] of Object.entries(GEOS)) {
      const answer = live.evaluate('api.example.com', 'A', geo);
      expect(answer.kind).toBe('answers');
      if (answer.kind !== 'answers') continue;
      for (const [id, share] of Object.entries(shares)) {
        if (share === 0) expect(answer.fractions.get(id) ?? 0).toBe(0);
        else expect(answer.fractions.get(id)).toBeCloseTo(share / 100, 2);
      }
    }
  });

  it('splits a multi-address endpoint into one external endpoint per address', () => {
    const eu = profiles(desired.resources, 'Weighted').find(
      (p) =>
        p.properties.endpoints.some((e) => e.name === 'aws-fra.1' && e.properties.endpointStatus === 'Enabled') &&
        p.properties.endpoints.some((e) => e.name === 'az-weu' && e.properties.endpointStatus === 'Enabled'),
    );
    const rows = eu!.properties.endpoints.map((e) => [
      e.name,
      e.properties.target,
      e.properties.weight,
      e.properties.endpointStatus,
    ]);
    // 60 % over two addresses and 40 % on one: 3 + 3 against 4.
    expect(rows).toEqual([
      ['aws-fra.1', '203.0.113.20', 3, 'Enabled'],
      ['aws-fra.2', '203.0.113.21', 3, 'Enabled'],
      ['aws-use1', '203.0.113.10', 1, 'Disabled'],
      ['az-eus', '198.51.100.10', 1, 'Disabled'],
      ['az-weu', '198.51.100.20', 4, 'Enabled'],
    ]);
    expect(desired.published[0]!.geographies['GEO-EU']).toEqual({
      'aws-fra': 6,
      'az-weu': 4,
      'aws-use1': 0,
      'az-eus': 0,
    });
  });

  it('renders A and AAAA trees with alias record sets; AAAA leaves out endpoints without IPv6 as a degradation', () => {
    const sets = desired.resources.filter((r) => r.kind === 'azure.recordset');
    expect(sets.map((r) => r.key)).toEqual(['azure.recordset|api|A', 'azure.recordset|api|AAAA']);
    expect(sets[0]!.body).toEqual({
      TTL: 60,
      metadata: { trafficport: 'owned' },
      targetResource: {
        id: '/subscriptions/11111111-2222-3333-4444-555555555555/resourcegroups/tm-rg/providers/microsoft.network/trafficmanagerprofiles/tp-api-example-com',
      },
    });
    expect((sets[1]!.body as { targetResource: { id: string } }).targetResource.id).toMatch(/tp-api-example-com-v6$/);
    expect(desired.degradations.map((d) => d.code).sort()).toEqual(['AZURE.NO_TARGETS', 'AZURE.PARTIAL_FAMILY']);
  });

  it('is deterministic: same input, or geographies in another order, give byte-identical output', () => {
    const again = renderAzure({ policy: apiOnly, plan: apiPlan(policy, GEOS), provider });
    const shuffled = Object.fromEntries(Object.entries(GEOS).reverse());
    const reordered = renderAzure({ policy: apiOnly, plan: apiPlan(policy, shuffled), provider });
    expect(canonicalJson(again as unknown as JsonValue)).toBe(canonicalJson(desired as unknown as JsonValue));
    expect(canonicalJson(reordered.resources as unknown as JsonValue)).toBe(
      canonicalJson(desired.resources as unknown as JsonValue),
    );
  });

  it('publishes cname services as a CNAME to the trafficmanager.net name, and degrades a CNAME at the apex', () => {
    const plan = solve(policy, Date.parse('2026-01-01T00:00:00Z'));
    const state = renderAzure({ policy, plan, provider });
    const www = state.resources.find((r) => r.key === 'azure.recordset|www|CNAME');
    expect(www?.body).toMatchObject({
      TTL: 30,
      CNAMERecord: { cname: expect.stringMatching(/^tp-www-example-com-[0-9a-f]{6}\.trafficmanager\.net$/) },
    });
    expect(state.resources.some((r) => r.key.startsWith('azure.recordset|@|'))).toBe(false);
    expect(state.degradations.find((d) => d.code === 'AZURE.CNAME_AT_APEX')?.service).toBe('example.com');
    expect(state.published.find((p) => p.service === 'example.com')).toEqual({
      service: 'example.com',
      types: [],
      geographies: {},
    });
    expect(state.resources.some((r) => r.key === 'azure.tm-profile|tp-example-com')).toBe(true);
  });

  it('keeps labels within 63 characters and distinct for colliding slugs', () => {
    const long = fitLabel(`tp-${'a'.repeat(80)}`, ['v6', '0123abcd']);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long.endsWith('-v6-0123abcd')).toBe(true);
    expect(fitLabel(`tp-${'a'.repeat(80)}x`, ['v6'])).not.toBe(fitLabel(`tp-${'a'.repeat(80)}y`, ['v6']));
    const slugs = serviceSlugs(['a.b.example.com', 'a-b.example.com', 'c.example.com']);
    expect(new Set(slugs.values()).size).toBe(3);
    expect(slugs.get('c.example.com')).toBe('c-example-com');
  });

  it('degrades more than 200 distinct splits and keeps the geographic profile within the limit', () => {
    const countries = ['DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'AT', 'PL', 'SE', 'NO', 'DK', 'FI'];
    const geos: Record<string, Record<string, number>> = { '*': DEFAULT };
    const codes = listCountries()
      .filter((c) => !countries.includes(c))
      .slice(0, 210);
    codes.forEach((code, i) => {
      geos[code] = { 'aws-fra': 1 + (i % 15), 'az-weu': 1 + Math.floor(i / 15), 'aws-use1': 50, 'az-eus': 0 };
    });
    const state = renderAzure({ policy: apiOnly, plan: apiPlan(policy, geos), provider });
    expect(state.degradations.map((d) => d.code)).toContain('AZURE.TOO_MANY_SPLITS');
    for (const profile of profiles(state.resources, 'Geographic'))
      expect(profile.properties.endpoints.length).toBeLessThanOrEqual(200);
  });

  it('renders the eu-sovereignty example so every plan geography answers as planned', () => {
    const example = load(readFileSync('examples/eu-sovereignty.yaml', 'utf8'));
    const plan = solve(example, Date.parse('2026-01-01T00:00:00Z'));
    const azure = example.providers.find((p) => p.type === 'azure')!;
    const state = renderAzure({ policy: example, plan, provider: azure });
    expect(state.degradations).toEqual([]);
    expect(state.stats[0]!.geographyRecords).toBeLessThan(state.stats[0]!.geographies / 2);
    const report = verifyAzure({ resources: state.resources, plan, provider: azure });
    // Geographies Traffic Manager's published hierarchy lacks (CG, EH) answer as their fallback says.
    const unlisted = new Set(state.fallbacks.map((f) => f.geo));
    expect([...unlisted].sort()).toEqual(['CG', 'EH']);
    expect(report.checks.filter((c) => !c.ok && !unlisted.has(c.geo))).toEqual([]);
    expect(report.checks).toHaveLength(plan.services[0]!.geographies.length);
    for (const fallback of state.fallbacks) {
      const check = report.checks.find((c) => c.geo === fallback.geo && c.type === fallback.type)!;
      const total = Object.values(fallback.weights).reduce((sum, w) => sum + w, 0);
      const expected = Object.fromEntries(Object.entries(fallback.weights).map(([id, w]) => [id, w / total]));
      expect(check.answers).toEqual(expected);
    }
  });
});

function listCountries(): string[] {
  const example = load(readFileSync('examples/eu-sovereignty.yaml', 'utf8'));
  return solve(example, Date.parse('2026-01-01T00:00:00Z'))
    .services[0]!.geographies.map((g) => g.geo)
    .filter((g) => /^[A-Z]{2}$/.test(g));
}

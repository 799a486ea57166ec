import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/geo/countries.js';
import { SUBDIVISIONS } from '../../src/geo/subdivisions.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { renderAzure } from '../../src/render/azure.js';
import { fitLabel, serviceSlugs } from '../../src/render/azure-names.js';
import type { DesiredState, JsonValue, Resource } from '../../src/render/types.js';
import { verifyAzure } from '../../src/resolver/azure.js';
import { AzureResources } from '../../src/resolver/azure-evaluate.js';
import { greatCircleKm } from '../../src/solve/latency.js';
import { solve } from '../../src/solve/solve.js';
import type { GeographySplit, Splits } from '../../src/solve/types.js';
import { canonicalJson } from '../../src/util/json.js';
import { azureProviderYaml } from '../support/azure-policy.js';

const POLICY = `
version: 1
${azureProviderYaml()}endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20, 203.0.113.21] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  az-eus: { cloud: azure, region: eastus, a: [198.51.100.10] }
  dual-weu: { cloud: azure, region: westeurope, a: [198.51.100.40], aaaa: ['2001:db8::40'] }
  dual-eus: { cloud: azure, region: eastus, a: [198.51.100.30], aaaa: ['2001:db8::30'] }
  web-fra: { cloud: aws, region: eu-central-1, cname: fra.example.net }
  web-use1: { cloud: aws, region: us-east-1, cname: use1.example.net }
services:
  - { name: api.example.com, ttl: 60, endpoints: [aws-fra, az-weu, aws-use1, az-eus], publish: [az] }
  - { name: api2.example.com, ttl: 60, endpoints: [aws-fra, az-weu, aws-use1, az-eus], publish: [az] }
  - { name: dual.example.com, ttl: 60, endpoints: [dual-weu, dual-eus], publish: [az] }
  - { name: example.com, ttl: 60, endpoints: [aws-use1, az-eus], publish: [az] }
  - { name: www.example.com, ttl: 30, endpoints: [web-fra, web-use1], publish: [az] }
rules:
  geography: { prefer: nearest, minEndpoints: 1 }
`;

const SUB = '11111111-2222-3333-4444-555555555555';
const ARM = `/subscriptions/${SUB}/resourcegroups/tm-rg/providers/microsoft.network/trafficmanagerprofiles`;

function load(text: string): Policy {
  const result = loadPolicy(text, 'policy.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.policy;
}

type Shares = Record<string, number>;

const EU: Shares = { 'aws-fra': 60, 'az-weu': 40, 'aws-use1': 0, 'az-eus': 0 };
const DEFAULT: Shares = { 'aws-fra': 0, 'az-weu': 0, 'aws-use1': 50, 'az-eus': 50 };

/** A hand-made plan: every named service gets the same geographies and splits. */
function planFor(policy: Policy, services: readonly string[], geos: Record<string, Shares>): Splits {
  const geographies: GeographySplit[] = Object.entries(geos).map(([geo, shares]) => ({
    geo,
    name: geo,
    demand: 1,
    shares,
    latencyMs: 10,
    reasons: [],
  }));
  return {
    version: 1,
    at: '2026-01-01T00:00:00Z',
    overrides: { downEndpoints: [], downRegions: [], downClouds: [] },
    services: services.map((name) => ({
      service: name,
      ttl: policy.services.find((s) => s.name === name)!.ttl,
      endpoints: [],
      clouds: {},
      geographies,
      shortfalls: [],
      meanLatencyMs: 10,
    })),
  };
}

const GEOS: Record<string, Shares> = {
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

interface EndpointBody {
  name: string;
  type: string;
  properties: {
    endpointStatus: string;
    weight?: number;
    geoMapping?: string[];
    target?: string;
    targetResourceId?: string;
    priority?: number;
  };
}
interface ProfileBody {
  tags: Record<string, string>;
  properties: { trafficRoutingMethod: string; endpoints: EndpointBody[] };
}

function profile(state: DesiredState, name: string): ProfileBody {
  const found = state.resources.find((r) => r.key === `azure.tm-profile|${name}`);
  if (found === undefined) throw new Error(`no profile ${name}`);
  return found.body as unknown as ProfileBody;
}

function profilesOf(resources: readonly Resource[], method?: string): ProfileBody[] {
  return resources
    .filter((r) => r.kind === 'azure.tm-profile')
    .map((r) => r.body as unknown as ProfileBody)
    .filter((b) => method === undefined || b.properties.trafficRoutingMethod === method);
}

function only(policy: Policy, ...names: string[]): Policy {
  return { ...policy, services: policy.services.filter((s) => names.includes(s.name)) };
}

const policy = load(POLICY);
const provider = policy.providers[0]!;
if (provider.type !== 'azure') throw new Error('the test policy publishes to Azure');
/**
 * The same provider with `failoverBackups: false`: the Weighted/Geographic layout alone, which the
 * default (backups on) wraps in Priority profiles wherever a split has endpoints it gives no share
 * to. Tests of that base layout use it; the default's layout is pinned beside them.
 */
const withoutBackups = {
  ...provider,
  trafficManager: { ...provider.trafficManager, failoverBackups: false, failoverBackupsExplicit: true },
};

/** `tp-w-…` profiles by routing method. */
function sharedByMethod(state: DesiredState): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of state.resources)
    if (r.key.startsWith('azure.tm-profile|tp-w-')) {
      const method = (r.body as unknown as ProfileBody).properties.trafficRoutingMethod;
      counts[method] = (counts[method] ?? 0) + 1;
    }
  return counts;
}

describe('renderAzure below the zone apex: a CNAME alias to the root profile', () => {
  const api = only(policy, 'api.example.com');
  const desired = renderAzure({ policy: api, splits: planFor(policy, ['api.example.com'], GEOS), provider });
  const root = profile(desired, 'tp-api-example-com');

  it('points the name at the root with an alias record set of type CNAME (targetResource, no CNAMERecord)', () => {
    const sets = desired.resources.filter((r) => r.kind === 'azure.recordset');
    expect(sets).toEqual([
      {
        kind: 'azure.recordset',
        key: 'azure.recordset|api|CNAME',
        body: { TTL: 60, metadata: { trafficport: 'owned' }, targetResource: { id: `${ARM}/tp-api-example-com` } },
      },
    ]);
  });

  it('maps a split with one target to an external endpoint of the root, and shares a Weighted profile per split with several (without failover backups)', () => {
    const desired = renderAzure({
      policy: api,
      splits: planFor(policy, ['api.example.com'], GEOS),
      provider: withoutBackups,
    });
    const root = profile(desired, 'tp-api-example-com');
    expect(root.properties.trafficRoutingMethod).toBe('Geographic');
    const rows = root.properties.endpoints.map((e) => [e.type.split('/').pop(), e.properties.geoMapping]);
    // default and EU (several targets) and CH (one endpoint, two addresses) nest; California is one address.
    expect(rows.filter(([type]) => type === 'externalEndpoints')).toEqual([['externalEndpoints', ['US-CA']]]);
    const ca = root.properties.endpoints.find((e) => e.properties.geoMapping?.includes('US-CA'))!;
    expect(ca).toMatchObject({ name: 'aws-use1', properties: { target: '203.0.113.10', endpointStatus: 'Enabled' } });
    const nested = root.properties.endpoints.filter((e) => e.type.endsWith('nestedEndpoints'));
    expect(nested.map((e) => e.properties.geoMapping).sort()).toEqual([['CH'], ['GEO-EU'], ['WORLD']]);
    for (const endpoint of nested) {
      const child = endpoint.properties.targetResourceId!.split('/').pop()!;
      expect(child).toMatch(/^tp-w-[0-9a-f]{12}$/);
      expect(endpoint.name).toBe(`w-${child.slice(5)}`);
      expect(profile(desired, child).tags).toEqual({ trafficport: 'owned', 'trafficport-shared': 'weighted' });
    }
    expect(desired.stats[0]).toMatchObject({ profiles: 4, ownProfiles: 1, weightedGroups: 4, geographies: 9 });
    expect(Object.keys(desired.published[0]!.geographies)).toEqual(['*', 'CH', 'GEO-EU', 'US-CA']);
  });

  it('with the default failover backups, each single-geography record nests a Priority profile: the split, then its unused endpoints nearest first', () => {
    // CH and US-CA each have a record of their own (their splits differ from their regions').
    const at = (geo: string) => SUBDIVISIONS.get(geo) ?? COUNTRIES.get(geo)!;
    const endpoints = new Map(policy.endpoints.map((e) => [e.id, e.location]));
    for (const geo of ['CH', 'US-CA']) {
      const record = root.properties.endpoints.find((e) => e.properties.geoMapping?.includes(geo))!;
      expect(record.type).toMatch(/nestedEndpoints$/);
      const priority = profile(desired, record.properties.targetResourceId!.split('/').pop()!);
      expect(priority.properties.trafficRoutingMethod).toBe('Priority');
      const ordered = [...priority.properties.endpoints].sort(
        (a, b) => a.properties.priority! - b.properties.priority!,
      );
      const backups = [...new Set(ordered.slice(1).map((e) => e.name.split('.')[0]!))];
      const unused = Object.keys(GEOS[geo]!).filter((id) => GEOS[geo]![id] === 0);
      const { lat, lon } = at(geo);
      const km = (id: string) => greatCircleKm(lat, lon, endpoints.get(id)!.lat, endpoints.get(id)!.lon);
      expect(backups).toEqual([...unused].sort((a, b) => km(a) - km(b) || (a < b ? -1 : 1)));
      // Priority 1 holds the split: only endpoints with a share in it are Enabled there.
      const first = ordered[0]!;
      const used = Object.keys(GEOS[geo]!).filter((id) => GEOS[geo]![id]! > 0);
      if (first.type.endsWith('externalEndpoints')) expect(used).toEqual([first.name.split('.')[0]]);
      else {
        const weighted = profile(desired, first.properties.targetResourceId!.split('/').pop()!);
        const enabled = weighted.properties.endpoints.filter((e) => e.properties.endpointStatus === 'Enabled');
        expect([...new Set(enabled.map((e) => e.name.split('.')[0]!))].sort()).toEqual(used.sort());
      }
    }
  });

  it('publishes a drained endpoint Disabled (never weighted), every weight within 1-1000, and answers as planned', () => {
    for (const weighted of profilesOf(desired.resources, 'Weighted')) {
      for (const endpoint of weighted.properties.endpoints) {
        expect(Number.isInteger(endpoint.properties.weight)).toBe(true);
        expect(endpoint.properties.weight).toBeGreaterThanOrEqual(1);
        expect(endpoint.properties.weight).toBeLessThanOrEqual(1000);
        expect(['Enabled', 'Disabled']).toContain(endpoint.properties.endpointStatus);
      }
    }
    expect(desired.published[0]!.geographies.CH).toEqual({ 'aws-fra': 2, 'az-weu': 0, 'aws-use1': 0, 'az-eus': 0 });
    const live = new AzureResources(desired.resources, 'example.com');
    for (const [geo, shares] of Object.entries(GEOS)) {
      const answer = live.evaluate('api.example.com', 'CNAME', geo);
      expect(answer.kind).toBe('answers');
      if (answer.kind !== 'answers') continue;
      for (const [id, share] of Object.entries(shares)) {
        if (share === 0) expect(answer.fractions.get(id) ?? 0).toBe(0);
        else expect(answer.fractions.get(id)).toBeCloseTo(share / 100, 2);
      }
    }
  });

  it('splits a multi-address endpoint into one external endpoint per address', () => {
    const eu = profilesOf(desired.resources, 'Weighted').find((p) =>
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

  it('makes the root itself a Weighted profile when every geography has the same split (one profile; without failover backups)', () => {
    const splits = planFor(policy, ['api.example.com'], { '*': EU, DE: EU });
    const state = renderAzure({ policy: api, splits, provider: withoutBackups });
    expect(state.resources.map((r) => r.key)).toEqual([
      'azure.recordset|api|CNAME',
      'azure.tm-profile|tp-api-example-com',
    ]);
    expect(profile(state, 'tp-api-example-com').properties.trafficRoutingMethod).toBe('Weighted');
    expect(state.stats[0]).toMatchObject({ profiles: 1, ownProfiles: 1 });
    expect(state.degradations).toEqual([]);
    // With the default backups the split has unused endpoints (aws-use1, az-eus) to stand in, which
    // a Weighted root cannot hold: a Geographic root nests Priority profiles over one shared
    // Weighted profile holding the split.
    const backed = renderAzure({ policy: api, splits, provider });
    expect(profile(backed, 'tp-api-example-com').properties.trafficRoutingMethod).toBe('Geographic');
    const counts = sharedByMethod(backed);
    expect(counts.Weighted).toBe(1);
    expect(counts.Priority).toBeGreaterThanOrEqual(1);
    expect(backed.stats[0]).toMatchObject({ profiles: 1 + 1 + counts.Priority!, ownProfiles: 1 });
    expect(backed.degradations).toEqual([]);
  });

  it('shares nested profiles between services with the same endpoints and weights; each keeps its own root', () => {
    const both = only(policy, 'api.example.com', 'api2.example.com');
    const splits = planFor(policy, ['api.example.com', 'api2.example.com'], GEOS);
    // With the default backups: both services nest exactly the shared profiles one of them alone
    // nests (Weighted and Priority alike), so the provider holds them once plus two roots.
    const one = renderAzure({ policy: api, splits: planFor(policy, ['api.example.com'], GEOS), provider });
    const sharedKeys = (state: DesiredState) =>
      state.resources.map((r) => r.key).filter((k) => k.startsWith('azure.tm-profile|tp-w-'));
    const backed = renderAzure({ policy: both, splits, provider });
    expect(sharedKeys(backed)).toEqual(sharedKeys(one));
    expect(sharedByMethod(one).Priority).toBeGreaterThan(0);
    const n = sharedKeys(one).length;
    expect(backed.stats.map((s) => s.profiles)).toEqual([1 + n, 1 + n]);
    expect(backed.resources.filter((r) => r.key.startsWith('azure.tm-profile|'))).toHaveLength(2 + n);
    // Without them, the base layout: three shared Weighted profiles.
    const state = renderAzure({ policy: both, splits, provider: withoutBackups });
    const keys = state.resources.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    const shared = keys.filter((k) => k.startsWith('azure.tm-profile|tp-w-'));
    expect(shared).toHaveLength(3);
    expect(keys).toContain('azure.tm-profile|tp-api-example-com');
    expect(keys).toContain('azure.tm-profile|tp-api2-example-com');
    // Each service costs its root plus the three shared ones; the provider holds 5, not 8.
    expect(state.stats.map((s) => s.profiles)).toEqual([4, 4]);
    expect(keys.filter((k) => k.startsWith('azure.tm-profile|'))).toHaveLength(5);
    const nested = (name: string) =>
      profile(state, name)
        .properties.endpoints.filter((e) => e.type.endsWith('nestedEndpoints'))
        .map((e) => e.properties.targetResourceId)
        .sort();
    expect(nested('tp-api2-example-com')).toEqual(nested('tp-api-example-com'));
  });

  it('does not share between services whose TTL differs (the TTL is part of the profile)', () => {
    const text = POLICY.replace('name: api2.example.com, ttl: 60', 'name: api2.example.com, ttl: 30');
    const other = load(text);
    const both = only(other, 'api.example.com', 'api2.example.com');
    const splits = planFor(other, ['api.example.com', 'api2.example.com'], GEOS);
    const state = renderAzure({ policy: both, splits, provider: withoutBackups });
    expect(state.resources.filter((r) => r.key.startsWith('azure.tm-profile|tp-w-'))).toHaveLength(6);
    // With the default backups: each service its own shared profiles, none in common.
    const alone = renderAzure({
      policy: only(other, 'api.example.com'),
      splits: planFor(other, ['api.example.com'], GEOS),
      provider,
    });
    const n = alone.resources.filter((r) => r.key.startsWith('azure.tm-profile|tp-w-')).length;
    const backed = renderAzure({ policy: both, splits, provider: other.providers[0]! });
    expect(backed.resources.filter((r) => r.key.startsWith('azure.tm-profile|tp-w-'))).toHaveLength(2 * n);
  });

  it('is deterministic: same input, or geographies in another order, give byte-identical output', () => {
    const again = renderAzure({ policy: api, splits: planFor(policy, ['api.example.com'], GEOS), provider });
    const shuffled = Object.fromEntries(Object.entries(GEOS).reverse());
    const reordered = renderAzure({ policy: api, splits: planFor(policy, ['api.example.com'], shuffled), provider });
    expect(canonicalJson(again as unknown as JsonValue)).toBe(canonicalJson(desired as unknown as JsonValue));
    expect(canonicalJson(reordered.resources as unknown as JsonValue)).toBe(
      canonicalJson(desired.resources as unknown as JsonValue),
    );
  });

  it('degrades more than 200 distinct splits and keeps the root within the limit', () => {
    const countries = ['DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'AT', 'PL', 'SE', 'NO', 'DK', 'FI'];
    const geos: Record<string, Shares> = { '*': DEFAULT };
    const codes = listCountries()
      .filter((c) => !countries.includes(c))
      .slice(0, 210);
    codes.forEach((code, i) => {
      geos[code] = { 'aws-fra': 1 + (i % 15), 'az-weu': 1 + Math.floor(i / 15), 'aws-use1': 50, 'az-eus': 0 };
    });
    const state = renderAzure({ policy: api, splits: planFor(policy, ['api.example.com'], geos), provider });
    expect(state.degradations.map((d) => d.code)).toContain('AZURE.TOO_MANY_SPLITS');
    for (const p of profilesOf(state.resources)) expect(p.properties.endpoints.length).toBeLessThanOrEqual(200);
  });
});

describe('renderAzure where only an A/AAAA alias can stand: roots of external IP endpoints', () => {
  const DUAL = {
    '*': { 'dual-weu': 50, 'dual-eus': 50 },
    DE: { 'dual-weu': 100, 'dual-eus': 0 },
    US: { 'dual-weu': 0, 'dual-eus': 100 },
  };

  it('dual-stack name: A and AAAA aliases; a split with several targets degrades to its largest, named with its geographies', () => {
    const state = renderAzure({
      policy: only(policy, 'dual.example.com'),
      splits: planFor(policy, ['dual.example.com'], DUAL),
      provider,
    });
    expect(state.resources.filter((r) => r.kind === 'azure.recordset').map((r) => r.key)).toEqual([
      'azure.recordset|dual|A',
      'azure.recordset|dual|AAAA',
    ]);
    const flat = state.degradations.filter((d) => d.code === 'AZURE.FLAT_PROFILE_ONLY');
    expect(flat).toHaveLength(2);
    // Ties go to the first endpoint of the service.
    expect(flat[0]!.message).toContain('* get only dual-weu instead of dual-eus 50%, dual-weu 50%');
    expect(flat[0]!.message).toContain('dual-stack');
    expect(state.published[0]!.geographies['*']).toEqual({ 'dual-weu': 1, 'dual-eus': 0 });
    for (const [name, family] of [
      ['tp-dual-example-com', 4],
      ['tp-dual-example-com-v6', 6],
    ] as const) {
      for (const endpoint of profile(state, name).properties.endpoints) {
        expect(endpoint.type).toMatch(/externalEndpoints$/);
        expect(isIP(endpoint.properties.target ?? '')).toBe(family);
      }
    }
    expect(state.resources.some((r) => r.key.includes('tp-w-'))).toBe(false);
  });

  it('dual-stack name whose splits each have one target: published exactly, no degradation', () => {
    const splits = planFor(policy, ['dual.example.com'], { '*': DUAL.DE, DE: DUAL.DE, US: DUAL.US });
    const state = renderAzure({ policy: only(policy, 'dual.example.com'), splits, provider });
    expect(state.degradations).toEqual([]);
    expect(profile(state, 'tp-dual-example-com').properties.trafficRoutingMethod).toBe('Geographic');
    expect(state.stats[0]).toMatchObject({ profiles: 2, ownProfiles: 2 });
  });

  it('apex: one split for everyone is a Weighted root of external endpoints behind an A alias', () => {
    const splits = planFor(policy, ['example.com'], { '*': DEFAULT, US: DEFAULT });
    const state = renderAzure({ policy: only(policy, 'example.com'), splits, provider });
    expect(state.degradations).toEqual([]);
    expect(state.resources.map((r) => r.key)).toEqual(['azure.recordset|@|A', 'azure.tm-profile|tp-example-com']);
    expect(profile(state, 'tp-example-com').properties.trafficRoutingMethod).toBe('Weighted');
  });

  it('apex: different splits with several targets degrade, and the plan shows what users get instead', () => {
    const geos = { '*': DEFAULT, US: { 'aws-use1': 80, 'az-eus': 20 } };
    const state = renderAzure({
      policy: only(policy, 'example.com'),
      splits: planFor(policy, ['example.com'], geos),
      provider,
    });
    const flat = state.degradations.filter((d) => d.code === 'AZURE.FLAT_PROFILE_ONLY').map((d) => d.message);
    expect(flat).toEqual([
      expect.stringContaining('* get only aws-use1 instead of aws-use1 50%, az-eus 50%'),
      expect.stringContaining('US get only aws-use1 instead of aws-use1 80%, az-eus 20%'),
    ]);
    expect(flat[0]).toContain('zone apex');
    const live = new AzureResources(state.resources, 'example.com');
    const answer = live.evaluate('example.com', 'A', 'US');
    expect(answer.kind === 'answers' && Object.fromEntries(answer.fractions)).toEqual({ 'aws-use1': 1 });
  });

  it('cname endpoints: a CNAME alias below the apex; at the apex nothing at all (no profile spends quota)', () => {
    const splits = solve(policy, Date.parse('2026-01-01T00:00:00Z'));
    const state = renderAzure({ policy: only(policy, 'www.example.com'), splits, provider });
    expect(state.resources.find((r) => r.key === 'azure.recordset|www|CNAME')?.body).toEqual({
      TTL: 30,
      metadata: { trafficport: 'owned' },
      targetResource: { id: `${ARM}/tp-www-example-com` },
    });
    const apex = load(
      POLICY.replace('name: www.example.com', 'name: example.com').replace(
        / {2}- \{ name: example.com, ttl: 60.*\n/,
        '',
      ),
    );
    const apexState = renderAzure({
      policy: only(apex, 'example.com'),
      splits: solve(apex, Date.parse('2026-01-01T00:00:00Z')),
      provider,
    });
    expect(apexState.degradations.map((d) => d.code)).toEqual(['AZURE.CNAME_AT_APEX']);
    expect(apexState.resources).toEqual([]);
    expect(apexState.published).toEqual([{ service: 'example.com', types: [], geographies: {} }]);
  });
});

describe('renderAzure on generated splits: what Azure accepts, whatever the splits', () => {
  const IDS = ['aws-fra', 'az-weu', 'aws-use1', 'az-eus'];
  const DUAL_IDS = ['dual-weu', 'dual-eus'];
  const GEO_POOL = ['*', 'DE', 'FR', 'CH', 'US', 'US-CA', 'JP', 'BR', 'ZA', 'AU'];
  const sharesArb = (ids: readonly string[]) =>
    fc
      .array(fc.integer({ min: 0, max: 10 }), { minLength: ids.length, maxLength: ids.length })
      .filter((v) => v.some((x) => x > 0))
      .map((v) => Object.fromEntries(ids.map((id, i) => [id, (100 * v[i]!) / v.reduce((a, b) => a + b, 0)])));
  const geosArb = (ids: readonly string[]) =>
    fc
      .uniqueArray(fc.constantFrom(...GEO_POOL.slice(1)), { maxLength: 6 })
      .chain((geos) => fc.tuple(...['*', ...geos].map(() => sharesArb(ids))).map((s) => ({ geos: ['*', ...geos], s })))
      .map(({ geos, s }) => Object.fromEntries(geos.map((g, i) => [g, s[i]!])));

  it('A/AAAA aliases target roots of external IP endpoints only; CNAMEs and nested endpoints target rendered profiles; drains stay Disabled', () => {
    fc.assert(
      fc.property(geosArb(IDS), geosArb(DUAL_IDS), geosArb(['aws-use1', 'az-eus']), (apiGeos, dualGeos, apexGeos) => {
        const splits = planFor(policy, ['api.example.com'], apiGeos);
        const services = [
          ...splits.services,
          ...planFor(policy, ['dual.example.com'], dualGeos).services,
          ...planFor(policy, ['example.com'], apexGeos).services,
        ];
        const state = renderAzure({
          policy: only(policy, 'api.example.com', 'dual.example.com', 'example.com'),
          splits: { ...splits, services },
          provider,
        });
        checkAcceptable(state);
        // Nothing drained anywhere is Enabled: each Enabled external endpoint has a share somewhere.
        const planned = new Set(
          services.flatMap((s) =>
            s.geographies.flatMap((g) => Object.keys(g.shares).filter((id) => g.shares[id]! > 0)),
          ),
        );
        // Backups (priority 2… of a Priority profile, failoverBackups by default) are the exception:
        // endpoints with no share that stand in when the split is down. Nothing is drained or held
        // down in these hand-made plans, so any of the service's endpoints may be one.
        const members = new Set(IDS);
        for (const p of profilesOf(state.resources))
          for (const e of p.properties.endpoints) {
            if (!e.type.endsWith('externalEndpoints') || e.properties.endpointStatus !== 'Enabled') continue;
            const id = e.name.split('.')[0]!;
            if (p.properties.trafficRoutingMethod === 'Priority' && (e.properties.priority ?? 1) > 1)
              expect(members.has(id)).toBe(true);
            else expect(planned.has(id)).toBe(true);
          }
      }),
      { numRuns: 150, seed: 20261206 },
    );
  });
});

describe('renderAzure on the eu-sovereignty example', () => {
  it('answers every plan geography as planned (fallbacks as said), with 1 root, 15 shared Weighted and 42 shared Priority profiles', () => {
    const example = load(readFileSync('examples/eu-sovereignty.yaml', 'utf8'));
    const splits = solve(example, Date.parse('2026-01-01T00:00:00Z'));
    const azure = example.providers.find((p) => p.type === 'azure')!;
    if (azure.type !== 'azure') throw new Error('azure provider expected');
    const state = renderAzure({ policy: example, splits, provider: azure });
    expect(state.degradations).toEqual([]);
    checkAcceptable(state);
    // Without backups: 1 root + 15 shared Weighted profiles (one per distinct split, all with
    // several targets). The default keeps those very profiles and wraps them in Priority ones, one
    // per distinct (split, backups nearest first) pair: 42 here (docs/azure-rendering.md).
    const bare = renderAzure({
      policy: example,
      splits,
      provider: { ...azure, trafficManager: { ...azure.trafficManager, failoverBackups: false } },
    });
    expect(bare.stats[0]).toMatchObject({ profiles: 16, ownProfiles: 1 });
    const weightedKeys = (s: DesiredState) =>
      s.resources
        .filter((r) => r.key.startsWith('azure.tm-profile|tp-w-'))
        .filter((r) => (r.body as unknown as ProfileBody).properties.trafficRoutingMethod === 'Weighted')
        .map((r) => r.key);
    expect(weightedKeys(state)).toEqual(weightedKeys(bare));
    expect(sharedByMethod(state)).toEqual({ Weighted: 15, Priority: 42 });
    expect(state.stats[0]).toMatchObject({ profiles: 1 + 15 + 42, ownProfiles: 1 });
    // Compression: without backups continents stand in for most of their countries. With them a
    // country compresses into its region only where its backups come in the same order, so fewer
    // do: 154 records for the 251 geographies.
    expect(bare.stats[0]!.geographyRecords).toBeLessThan(bare.stats[0]!.geographies / 2);
    expect(state.stats[0]!.geographyRecords).toBe(154);
    expect(state.stats[0]!.geographyRecords).toBeGreaterThan(bare.stats[0]!.geographyRecords);
    const report = verifyAzure({ resources: state.resources, splits, provider: azure });
    // Geographies Traffic Manager's published hierarchy lacks (CG, EH) answer as their fallback says.
    const unlisted = new Set(state.fallbacks.map((f) => f.geo));
    expect([...unlisted].sort()).toEqual(['CG', 'EH']);
    expect(report.checks.filter((c) => !c.ok && !unlisted.has(c.geo))).toEqual([]);
    expect(report.checks).toHaveLength(splits.services[0]!.geographies.length);
    for (const fallback of state.fallbacks) {
      const check = report.checks.find((c) => c.geo === fallback.geo)!;
      const total = Object.values(fallback.weights).reduce((sum, w) => sum + w, 0);
      const expected = Object.fromEntries(Object.entries(fallback.weights).map(([id, w]) => [id, w / total]));
      expect(check.answers).toEqual(expected);
    }
  });
});

describe('Azure names', () => {
  it('keeps labels within 63 characters and distinct for colliding slugs', () => {
    const long = fitLabel(`tp-${'a'.repeat(80)}`, ['v6', '0123abcd']);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long.endsWith('-v6-0123abcd')).toBe(true);
    expect(fitLabel(`tp-${'a'.repeat(80)}x`, ['v6'])).not.toBe(fitLabel(`tp-${'a'.repeat(80)}y`, ['v6']));
    const slugs = serviceSlugs(['a.b.example.com', 'a-b.example.com', 'c.example.com']);
    expect(new Set(slugs.values()).size).toBe(3);
    expect(slugs.get('c.example.com')).toBe('c-example-com');
  });
});

/**
 * What Azure refuses, checked on the rendered bodies alone: an A/AAAA alias whose target has a
 * nested endpoint or a non-IP (or other-family) target; a reference to a profile not rendered;
 * more than 200 endpoints in a profile.
 */
function checkAcceptable(state: DesiredState): void {
  const profiles = new Map(
    state.resources
      .filter((r) => r.kind === 'azure.tm-profile')
      .map((r) => [r.key.split('|')[1]!, r.body as unknown as ProfileBody]),
  );
  for (const set of state.resources.filter((r) => r.kind === 'azure.recordset')) {
    const type = set.key.split('|')[2]!;
    const target = profiles.get(nameOf((set.body as { targetResource: { id: string } }).targetResource.id));
    expect(target, set.key).toBeDefined();
    if (type === 'CNAME') continue;
    for (const endpoint of target!.properties.endpoints) {
      expect(endpoint.type, set.key).toMatch(/externalEndpoints$/);
      expect(isIP(endpoint.properties.target ?? ''), set.key).toBe(type === 'A' ? 4 : 6);
    }
  }
  for (const p of profiles.values()) {
    expect(p.properties.endpoints.length).toBeLessThanOrEqual(200);
    for (const e of p.properties.endpoints)
      if (e.type.endsWith('nestedEndpoints')) expect(profiles.has(nameOf(e.properties.targetResourceId!))).toBe(true);
  }
}

function nameOf(armId: string): string {
  return armId.split('/trafficmanagerprofiles/')[1]!;
}

function listCountries(): string[] {
  const example = load(readFileSync('examples/eu-sovereignty.yaml', 'utf8'));
  return solve(example, Date.parse('2026-01-01T00:00:00Z'))
    .services[0]!.geographies.map((g) => g.geo)
    .filter((g) => /^[A-Z]{2}$/.test(g));
}

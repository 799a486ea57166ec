import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { renderRoute53 } from '../../src/render/route53.js';
import { recordSetOf } from '../../src/render/route53-body.js';
import { route53Name, weightedGroupName } from '../../src/render/route53-names.js';
import type { DesiredState } from '../../src/render/types.js';
import { evaluateRoute53 } from '../../src/resolver/route53.js';
import { compareRoute53WithPlan } from '../../src/resolver/route53-compare.js';
import type { ServiceSplit, Splits } from '../../src/solve/types.js';

/** Route 53 rendering: groups, compression, ownership, record types, determinism, invariants. */

const POLICY = `
version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints:
  e-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20, 203.0.113.21], aaaa: ["2001:db8::20"] }
  e-dub: { cloud: aws, region: eu-west-1, a: [203.0.113.30] }
  e-use: { cloud: aws, region: us-east-1, a: [203.0.113.10], aaaa: ["2001:db8::10"] }
  e-usw: { cloud: aws, region: us-west-2, a: [203.0.113.40] }
  e-syd: { cloud: aws, region: ap-southeast-2, a: [203.0.113.50] }
  e-gru: { cloud: aws, region: sa-east-1, a: [203.0.113.60] }
services:
  - { name: www.example.com, ttl: 60, endpoints: [e-fra, e-dub, e-use, e-usw], publish: [r53] }
`;

function load(text: string): Policy {
  const loaded = loadPolicy(text, 'inline.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.policy;
}

const policy = load(POLICY);

function planOf(service: string, shares: Record<string, Record<string, number>>): Splits {
  const split = {
    service,
    ttl: 60,
    endpoints: [],
    clouds: {},
    geographies: Object.entries(shares).map(([geo, s]) => ({
      geo,
      name: geo,
      demand: 1,
      shares: s,
      latencyMs: 10,
      reasons: [],
    })),
    shortfalls: [],
    meanLatencyMs: 10,
  } as ServiceSplit;
  return {
    version: 1,
    at: '2026-01-01T00:00:00Z',
    services: [split],
    overrides: { downEndpoints: [], downRegions: [], downClouds: [] },
  };
}

const eu = { 'e-fra': 70, 'e-dub': 30, 'e-use': 0, 'e-usw': 0 };
const na = { 'e-fra': 0, 'e-dub': 0, 'e-use': 60, 'e-usw': 40 };
const SHARES = {
  '*': { 'e-fra': 50, 'e-dub': 0, 'e-use': 50, 'e-usw': 0 },
  DE: eu,
  FR: eu,
  IT: eu,
  CH: { 'e-fra': 100, 'e-dub': 0, 'e-use': 0, 'e-usw': 0 },
  US: na,
  CA: na,
  MX: na,
  'US-TX': na,
  'US-CA': { 'e-fra': 0, 'e-dub': 0, 'e-use': 0, 'e-usw': 100 },
  JP: { 'e-fra': 50, 'e-dub': 0, 'e-use': 50, 'e-usw': 0 },
};

function render(p: Policy = policy, shares: Record<string, Record<string, number>> = SHARES): DesiredState {
  return renderRoute53({ policy: p, splits: planOf(p.services[0]!.name, shares), provider: p.providers[0]! });
}

const sets = (state: DesiredState) => state.resources.map(recordSetOf);
const aliases = (state: DesiredState, type: string) =>
  sets(state).filter((set) => set.Type === type && set.AliasTarget !== undefined);

describe('renderRoute53', () => {
  // Developer Guide: Supported DNS record types (CNAME) — no CNAME at the zone apex, alias or not.
  it('renders no CNAME at the zone apex and says so, but A/AAAA there as anywhere', () => {
    const apex = load(`
version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints:
  c-fra: { cloud: aws, region: eu-central-1, cname: fra.example.net }
  c-use: { cloud: aws, region: us-east-1, cname: use.example.net }
services:
  - { name: example.com, ttl: 60, endpoints: [c-fra, c-use], publish: [r53] }
`);
    const state = renderRoute53({
      policy: apex,
      splits: planOf('example.com', { '*': { 'c-fra': 50, 'c-use': 50 } }),
      provider: apex.providers[0]!,
    });
    expect(state.resources).toEqual([]);
    expect(state.degradations.map((d) => d.code)).toEqual(['ROUTE53.CNAME_AT_APEX']);
    const addresses = load(POLICY.replace('name: www.example.com', 'name: example.com'));
    const atApex = render(addresses);
    expect(atApex.degradations.map((d) => d.code)).not.toContain('ROUTE53.CNAME_AT_APEX');
    expect(atApex.resources.some((r) => r.key.startsWith('route53.rrset|example.com.|A|tp:geo:'))).toBe(true);
  });

  const state = render();

  it('gives geographies with identical weights one weighted group', () => {
    const a = aliases(state, 'A');
    const target = (id: string) => a.find((set) => set.SetIdentifier === id)?.AliasTarget?.DNSName;
    expect(target('tp:geo:default')).toMatch(/^tp-[0-9a-f]{10}\.www\.example\.com\.$/);
    expect(new Set(a.map((set) => set.AliasTarget?.DNSName)).size).toBe(5);
    expect(state.stats[0]).toEqual({
      service: 'www.example.com',
      records: 20,
      geographyRecords: 8,
      weightedGroups: 8,
      geographies: 11,
    });
  });

  it('compresses countries into continents and keeps only the exceptions', () => {
    expect(aliases(state, 'A').map((set) => set.SetIdentifier)).toEqual([
      'tp:geo:CH',
      'tp:geo:US-CA',
      'tp:geo:continent-EU',
      'tp:geo:continent-NA',
      'tp:geo:default',
    ]);
    expect(Object.keys(state.published[0]!.geographies)).toEqual(['*', 'CH', 'US-CA', 'continent:EU', 'continent:NA']);
    expect(state.published[0]!.geographies['continent:EU']).toEqual({ 'e-dub': 3, 'e-fra': 7, 'e-use': 0, 'e-usw': 0 });
  });

  it('writes the SDK shape with owned identifiers and the zone placeholder', () => {
    const ca = state.resources.find((resource) => resource.key === 'route53.rrset|www.example.com.|A|tp:geo:US-CA');
    expect(ca?.kind).toBe('route53.rrset');
    expect(ca?.body).toEqual({
      Name: 'www.example.com.',
      Type: 'A',
      SetIdentifier: 'tp:geo:US-CA',
      GeoLocation: { CountryCode: 'US', SubdivisionCode: 'CA' },
      AliasTarget: { HostedZoneId: 'ZONE', DNSName: expect.stringMatching(/^tp-/), EvaluateTargetHealth: true },
    });
    const fra = sets(state).find((set) => set.SetIdentifier === 'tp:e-fra' && set.Type === 'A' && set.Weight === 7);
    expect(fra).toMatchObject({ TTL: 60, ResourceRecords: [{ Value: '203.0.113.20' }, { Value: '203.0.113.21' }] });
    expect(sets(state).every((set) => set.SetIdentifier?.startsWith('tp:'))).toBe(true);
    expect(state.resources.map((r) => r.key)).toEqual([...state.resources.map((r) => r.key)].sort());
  });

  it('publishes AAAA over the endpoints with IPv6 only, and reports geographies it cannot serve', () => {
    expect(aliases(state, 'AAAA').map((set) => set.SetIdentifier)).toEqual([
      'tp:geo:continent-EU',
      'tp:geo:continent-NA',
      'tp:geo:default',
    ]);
    const weights = sets(state).filter((set) => set.Type === 'AAAA' && set.Weight !== undefined);
    expect(weights.map((set) => set.SetIdentifier).sort()).toEqual(['tp:e-fra', 'tp:e-fra', 'tp:e-use', 'tp:e-use']);
    expect(state.degradations).toEqual([
      expect.objectContaining({ code: 'ROUTE53.TYPE_UNSERVED', service: 'www.example.com', geo: 'US-CA' }),
    ]);
    expect(state.degradations[0]?.message).toContain("'continent:NA'");
    expect(state.published[0]!.types).toEqual(['A', 'AAAA']);
  });

  it('never writes a positive weight for an endpoint with share 0', () => {
    const drained = { ...SHARES, DE: { 'e-fra': 100, 'e-dub': 0, 'e-use': 0, 'e-usw': 0 } };
    const result = render(policy, drained);
    const answers = evaluateRoute53(result.resources, 'www.example.com', Object.keys(drained), policy.endpoints);
    // AAAA in US-CA is the reported degradation (no IPv6 endpoint has a share there).
    for (const answer of answers.filter((a) => a.type === 'A')) {
      const shares = drained[answer.geo as keyof typeof drained];
      for (const [id, fraction] of Object.entries(answer.distribution)) {
        if (fraction > 0) expect(shares[id as keyof typeof shares]).toBeGreaterThan(0);
      }
    }
    expect(answers.find((a) => a.type === 'A' && a.geo === 'DE')?.distribution).toEqual({ 'e-fra': 1 });
  });

  it('is deterministic, whatever the order of endpoints and geographies', () => {
    const shuffled = { ...policy, endpoints: [...policy.endpoints].reverse() };
    const reversed = Object.fromEntries(Object.entries(SHARES).reverse());
    expect(JSON.stringify(render(shuffled, reversed))).toBe(JSON.stringify(render()));
  });

  it('publishes CNAME groups for endpoints with names', () => {
    const cnames = load(
      POLICY.replace('a: [203.0.113.20, 203.0.113.21], aaaa: ["2001:db8::20"]', 'cname: fra.example.net')
        .replace('a: [203.0.113.30]', 'cname: dub.example.net')
        .replace('a: [203.0.113.10], aaaa: ["2001:db8::10"]', 'cname: USE.example.net')
        .replace('a: [203.0.113.40]', 'cname: usw.example.net'),
    );
    const result = render(cnames);
    expect(new Set(sets(result).map((set) => set.Type))).toEqual(new Set(['CNAME']));
    expect(sets(result).find((set) => set.SetIdentifier === 'tp:e-use')?.ResourceRecords).toEqual([
      { Value: 'use.example.net' },
    ]);
    expect(result.degradations).toEqual([]);
  });
});

describe('names', () => {
  it('spells names as Route 53 returns them, idempotently', () => {
    expect(route53Name('WWW.Example.com')).toBe('www.example.com.');
    expect(route53Name('*.example.com')).toBe('\\052.example.com.');
    expect(route53Name(route53Name('*.example.com'))).toBe('\\052.example.com.');
  });

  it('spells every name as the escaping rules say, whether or not it was canonical already (property)', () => {
    // The rules, restated: trim, undo escapes, lower-case, end with a dot, then escape anything
    // outside a-z 0-9 - _ . as three octal digits. route53Name skips this for canonical names.
    const spelled = (name: string) => {
      const plain = name
        .trim()
        .replace(/\\([0-7]{3}|.)/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(Number.parseInt(e, 8)) : e))
        .toLowerCase();
      const dotted = plain.endsWith('.') ? plain : `${plain}.`;
      return [...dotted]
        .map((c) => (/^[a-z0-9\-_.]$/.test(c) ? c : `\\${(c.codePointAt(0) ?? 0).toString(8).padStart(3, '0')}`))
        .join('');
    };
    const label = fc.stringMatching(/^[a-zA-Z0-9_*\- ]{0,6}$/);
    const name = fc
      .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([labels, dot]) => `${labels.join('.')}${dot ? '.' : ''}`);
    fc.assert(
      fc.property(fc.oneof(name, name.map(spelled), fc.string()), (candidate) => {
        expect(route53Name(candidate)).toBe(spelled(candidate));
      }),
      { numRuns: 2000 },
    );
  });

  it('names a group after its type and positive weights only', () => {
    const name = weightedGroupName('www.example.com', 'A', { a: 2, b: 1, c: 0 });
    expect(weightedGroupName('www.example.com', 'A', { b: 1, a: 2 })).toBe(name);
    expect(weightedGroupName('www.example.com', 'AAAA', { a: 2, b: 1 })).not.toBe(name);
    expect(weightedGroupName('www.example.com', 'A', { a: 1, b: 2 })).not.toBe(name);
  });
});

describe('rendered weights (property)', () => {
  const ids = ['e-fra', 'e-dub', 'e-use', 'e-usw', 'e-syd', 'e-gru'];
  const geos = ['*', 'DE', 'FR', 'CH', 'GB', 'US', 'CA', 'US-CA', 'US-NY', 'JP', 'BR', 'AU'];
  const vector = (n: number) =>
    fc
      .array(
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0.001, max: 1, noNaN: true })),
        {
          minLength: n,
          maxLength: n,
        },
      )
      .filter((raw) => raw.some((x) => x > 0));
  const arb = fc.integer({ min: 1, max: ids.length }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      geos: fc.subarray(geos.slice(1)).map((picked) => ['*', ...picked]),
      vectors: fc.array(vector(n), { minLength: geos.length, maxLength: geos.length }),
    }),
  );

  it('keeps share-0 endpoints at 0, never leaves a group all-zero, stays within rounding of the plan', () => {
    fc.assert(
      fc.property(arb, ({ n, geos: picked, vectors }) => {
        const endpoints = ids.slice(0, n);
        const p: Policy = { ...policy, services: [{ ...policy.services[0]!, endpoints }] };
        const shares = Object.fromEntries(
          picked.map((geo, g) => {
            const raw = vectors[g]!;
            const total = raw.reduce((a, b) => a + b, 0);
            return [geo, Object.fromEntries(endpoints.map((id, i) => [id, (100 * raw[i]!) / total]))];
          }),
        );
        const state = render(p, shares);
        const records = sets(state);
        for (const set of records.filter((s) => s.Weight !== undefined)) {
          expect(set.Weight).toBeGreaterThan(0);
          expect(set.Weight).toBeLessThanOrEqual(255);
        }
        for (const set of records.filter((s) => s.AliasTarget !== undefined)) {
          expect(records.some((s) => s.Name === set.AliasTarget?.DNSName && s.Type === set.Type)).toBe(true);
        }
        const split = planOf('www.example.com', shares).services[0]!;
        const members = p.endpoints.filter((e) => endpoints.includes(e.id));
        const answers = evaluateRoute53(state.resources, 'www.example.com', picked, members);
        expect(compareRoute53WithPlan(answers, split, members).filter((d) => !d.ok)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

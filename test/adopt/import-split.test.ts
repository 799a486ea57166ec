import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildImportedService } from '../../src/adopt/build.js';
import { readRoute53Layout } from '../../src/adopt/route53-import.js';
import { addImported } from '../../src/adopt/write.js';
import { COUNTRIES } from '../../src/geo/countries.js';
import type { ForeignRecord } from '../../src/plan/types.js';
import { loadPolicy } from '../../src/policy/load.js';
import { type Route53RecordSet, recordSetResource } from '../../src/render/route53-body.js';
import { Route53SetIndex } from '../../src/resolver/route53-index.js';
import { resolveRoute53 } from '../../src/resolver/route53-resolve.js';
import { solve } from '../../src/solve/solve.js';

/**
 * The imported policy's split is what was published: for generated foreign layouts (geolocation
 * records, some aliasing weighted pools, some simple; with or without a default; hand-written
 * weighted sets), the split the solver gives the imported policy equals, geography by geography,
 * the resolver's evaluation of the records, to the 0.001 points the pins are written with.
 */

const PROVIDERS = `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints: {}
services: []
`;
const NAME = 'www.example.com.';
const ADDRESSES = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '198.51.100.7', '203.0.113.9'];
const LOCATIONS = ['*', 'continent:EU', 'continent:AS', 'continent:NA', 'DE', 'FR', 'JP', 'US', 'BR', 'US-CA'];

const foreign = (set: Route53RecordSet): ForeignRecord => {
  const resource = recordSetResource(set);
  return {
    name: set.Name,
    type: set.Type,
    ...(set.SetIdentifier === undefined ? {} : { setIdentifier: set.SetIdentifier }),
    body: resource.body,
    resource,
  };
};

function location(geo: string): NonNullable<Route53RecordSet['GeoLocation']> {
  if (geo === '*') return { CountryCode: '*' };
  if (geo.startsWith('continent:')) return { ContinentCode: geo.slice(10) };
  if (geo.includes('-')) return { CountryCode: 'US', SubdivisionCode: geo.slice(3) };
  return { CountryCode: geo };
}

/** A plain A geolocation record set at NAME. */
function geoSet(id: string, geo: string, address: string): Route53RecordSet {
  return {
    Name: NAME,
    Type: 'A',
    SetIdentifier: id,
    GeoLocation: location(geo),
    TTL: 60,
    ResourceRecords: [{ Value: address }],
  };
}

const poolArb = fc.uniqueArray(
  fc.record({ address: fc.constantFrom(...ADDRESSES), weight: fc.integer({ min: 0, max: 255 }) }),
  { minLength: 1, maxLength: 4, selector: (m) => m.address },
);

const layoutArb = fc.oneof(
  // A hand-written weighted set at the name.
  poolArb.map((pool) =>
    pool.map((m, i) => ({
      Name: NAME,
      Type: 'A',
      SetIdentifier: `w${i}`,
      Weight: m.weight,
      TTL: 60,
      ResourceRecords: [{ Value: m.address }],
    })),
  ),
  // Geolocation records: each a plain value or an alias to a weighted pool (OctoDNS-like names).
  fc
    .uniqueArray(
      fc.record({
        geo: fc.constantFrom(...LOCATIONS),
        pool: fc.option(poolArb, { nil: undefined }),
        address: fc.constantFrom(...ADDRESSES),
      }),
      { minLength: 1, maxLength: 6, selector: (r) => r.geo },
    )
    .map((rules) =>
      rules.flatMap((rule, r): Route53RecordSet[] => {
        const id = rule.geo.replace(/[^A-Za-z-]/g, '') || 'default';
        if (rule.pool === undefined)
          return [
            {
              Name: NAME,
              Type: 'A',
              SetIdentifier: `geo-${id}`,
              GeoLocation: location(rule.geo),
              TTL: 60,
              ResourceRecords: [{ Value: rule.address }],
            },
          ];
        const pool = `_octodns-pool${r}-value.${NAME}`;
        return [
          {
            Name: NAME,
            Type: 'A',
            SetIdentifier: `geo-${id}`,
            GeoLocation: location(rule.geo),
            AliasTarget: { HostedZoneId: 'ZONE', DNSName: pool, EvaluateTargetHealth: true },
          },
          ...rule.pool.map((m, i) => ({
            Name: pool,
            Type: 'A',
            SetIdentifier: `pool${r}-${i}`,
            Weight: m.weight,
            TTL: 60,
            ResourceRecords: [{ Value: m.address }],
          })),
        ];
      }),
    ),
);

describe('import: the pinned split is what was published', () => {
  it('property: solving the imported policy gives every answered geography the resolver’s answer', () => {
    fc.assert(
      fc.property(layoutArb, (sets) => {
        const records = sets.map(foreign);
        const layout = readRoute53Layout('www.example.com', records);
        const service = buildImportedService('www.example.com', [{ provider: 'r53', layout }], []);
        const text = addImported(PROVIDERS, [service]);
        const loaded = loadPolicy(text, 'imported.yaml');
        if (!loaded.ok) throw new Error(`${text}\n${JSON.stringify(loaded.diagnostics)}`);
        const plan = solve(loaded.policy, Date.parse('2026-12-01T00:00Z'));
        const byId = new Map(service.endpoints.map((e) => [e.id, e]));
        const index = new Route53SetIndex(records.map((r) => r.resource!));
        for (const geography of plan.services[0]!.geographies) {
          // Independent evaluation: values, not endpoint ids.
          const published = resolveRoute53(index, NAME, 'A', geography.geo, {
            identify: (values) => [...values].sort().join(','),
          });
          if (published.size === 0) continue;
          const solved = new Map<string, number>();
          for (const [id, share] of Object.entries(geography.shares)) {
            if (share === 0) continue;
            const key = [...(byId.get(id)?.a ?? [])].join(',');
            solved.set(key, (solved.get(key) ?? 0) + share / 100);
          }
          for (const key of new Set([...published.keys(), ...solved.keys()])) {
            expect(
              Math.abs((solved.get(key) ?? 0) - (published.get(key) ?? 0)),
              `${geography.geo} ${key}`,
            ).toBeLessThan(2e-5);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('writes few pins: a continent entry for what most of it shares, exceptions by country', () => {
    const sets = [
      geoSet('eu', 'continent:EU', '192.0.2.1'),
      geoSet('de', 'DE', '192.0.2.2'),
      geoSet('all', '*', '192.0.2.3'),
    ];
    const layout = readRoute53Layout('www.example.com', sets.map(foreign));
    const service = buildImportedService('www.example.com', [{ provider: 'r53', layout }], []);
    expect(service.pinned).toEqual({ '*': { all: 100 }, 'continent:EU': { eu: 100 }, DE: { de: 100 } });
    expect(COUNTRIES.get('DE')?.continent).toBe('EU');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Route53RecordSet, recordSetResource } from '../../src/render/route53-body.js';
import { Route53SetIndex } from '../../src/resolver/route53-index.js';
import { resolveRoute53 } from '../../src/resolver/route53-resolve.js';

/** The general Route 53 resolver on layouts other tools write, health included. */

const NAME = 'www.example.com.';
const identify = (values: readonly string[], type: string) =>
  type === 'ALIAS' ? `alias:${values[0]}` : [...values].sort().join(',');
const resolve = (sets: readonly Route53RecordSet[], geo: string, down: readonly string[] = [], type = 'A') =>
  Object.fromEntries(
    resolveRoute53(new Route53SetIndex(sets.map(recordSetResource)), NAME, type, geo, {
      identify,
      healthy: (id) => !down.includes(id),
    }),
  );
const a = (value: string, extra: Partial<Route53RecordSet> = {}, name = NAME): Route53RecordSet => ({
  Name: name,
  Type: 'A',
  TTL: 60,
  ResourceRecords: [{ Value: value }],
  ...extra,
});

describe('resolveRoute53', () => {
  it('simple: every value of the one set, as one answer', () => {
    expect(
      resolve([{ ...a('192.0.2.1'), ResourceRecords: [{ Value: '192.0.2.2' }, { Value: '192.0.2.1' }] }], 'DE'),
    ).toEqual({
      '192.0.2.1,192.0.2.2': 1,
    });
  });

  it('weighted: weight over total among healthy sets; all unhealthy counts as all healthy', () => {
    const sets = [
      a('192.0.2.1', { SetIdentifier: 'one', Weight: 3, HealthCheckId: 'h1' }),
      a('192.0.2.2', { SetIdentifier: 'two', Weight: 1, HealthCheckId: 'h2' }),
    ];
    expect(resolve(sets, 'DE')).toEqual({ '192.0.2.1': 0.75, '192.0.2.2': 0.25 });
    expect(resolve(sets, 'DE', ['h1'])).toEqual({ '192.0.2.2': 1 });
    expect(resolve(sets, 'DE', ['h1', 'h2'])).toEqual({ '192.0.2.1': 0.75, '192.0.2.2': 0.25 });
  });

  it('weighted: all weights 0 answer evenly', () => {
    const sets = [
      a('192.0.2.1', { SetIdentifier: 'one', Weight: 0 }),
      a('192.0.2.2', { SetIdentifier: 'two', Weight: 0 }),
    ];
    expect(resolve(sets, 'JP')).toEqual({ '192.0.2.1': 0.5, '192.0.2.2': 0.5 });
  });

  it('geolocation: most specific wins; an unhealthy one gives way to the next; no default → no answer', () => {
    const sets = [
      a('192.0.2.1', { SetIdentifier: 'de', GeoLocation: { CountryCode: 'DE' }, HealthCheckId: 'hde' }),
      a('192.0.2.2', { SetIdentifier: 'eu', GeoLocation: { ContinentCode: 'EU' } }),
      a('192.0.2.3', { SetIdentifier: 'ca', GeoLocation: { CountryCode: 'US', SubdivisionCode: 'CA' } }),
    ];
    expect(resolve(sets, 'DE')).toEqual({ '192.0.2.1': 1 });
    expect(resolve(sets, 'DE', ['hde'])).toEqual({ '192.0.2.2': 1 });
    expect(resolve(sets, 'FR')).toEqual({ '192.0.2.2': 1 });
    expect(resolve(sets, 'US-CA')).toEqual({ '192.0.2.3': 1 });
    expect(resolve(sets, 'US-TX')).toEqual({});
    expect(resolve(sets, '*')).toEqual({});
  });

  it('alias in the zone: followed to the weighted group; EvaluateTargetHealth skips a dead group', () => {
    const group = (name: string, value: string, hc: string) =>
      a(value, { SetIdentifier: value, Weight: 1, HealthCheckId: hc }, `${name}.${NAME}`);
    const alias = (id: string, location: Route53RecordSet['GeoLocation'], target: string): Route53RecordSet => ({
      Name: NAME,
      Type: 'A',
      SetIdentifier: id,
      ...(location === undefined ? {} : { GeoLocation: location }),
      AliasTarget: { HostedZoneId: 'ZONE', DNSName: `${target}.${NAME}`, EvaluateTargetHealth: true },
    });
    const sets = [
      alias('de', { CountryCode: 'DE' }, 'pool-de'),
      alias('default', { CountryCode: '*' }, 'pool-all'),
      group('pool-de', '192.0.2.1', 'h1'),
      group('pool-all', '192.0.2.2', 'h2'),
      group('pool-all', '192.0.2.3', 'h3'),
    ];
    expect(resolve(sets, 'DE')).toEqual({ '192.0.2.1': 1 });
    expect(resolve(sets, 'DE', ['h1'])).toEqual({ '192.0.2.2': 0.5, '192.0.2.3': 0.5 });
    expect(resolve(sets, 'JP')).toEqual({ '192.0.2.2': 0.5, '192.0.2.3': 0.5 });
  });

  it('alias out of the zone: an answer of its own', () => {
    const sets: Route53RecordSet[] = [
      {
        Name: NAME,
        Type: 'A',
        AliasTarget: {
          HostedZoneId: 'Z35SXDOTRQ7X7K',
          DNSName: 'dualstack.lb-1.us-east-1.elb.amazonaws.com.',
          EvaluateTargetHealth: false,
        },
      },
    ];
    expect(resolve(sets, 'BR')).toEqual({ 'alias:dualstack.lb-1.us-east-1.elb.amazonaws.com.': 1 });
  });

  it('failover: primary while healthy, else secondary, both down → primary', () => {
    const sets = [
      a('192.0.2.1', { SetIdentifier: 'p', Failover: 'PRIMARY', HealthCheckId: 'hp' } as Partial<Route53RecordSet>),
      a('192.0.2.2', { SetIdentifier: 's', Failover: 'SECONDARY', HealthCheckId: 'hs' } as Partial<Route53RecordSet>),
    ];
    expect(resolve(sets, 'DE')).toEqual({ '192.0.2.1': 1 });
    expect(resolve(sets, 'DE', ['hp'])).toEqual({ '192.0.2.2': 1 });
    expect(resolve(sets, 'DE', ['hp', 'hs'])).toEqual({ '192.0.2.1': 1 });
  });

  it('latency: the nearest region by distance (an approximation), skipping unhealthy ones', () => {
    const sets = [
      a('192.0.2.1', { SetIdentifier: 'use1', Region: 'us-east-1', HealthCheckId: 'h1' } as Partial<Route53RecordSet>),
      a('192.0.2.2', { SetIdentifier: 'fra', Region: 'eu-central-1' } as Partial<Route53RecordSet>),
    ];
    expect(resolve(sets, 'US')).toEqual({ '192.0.2.1': 1 });
    expect(resolve(sets, 'DE')).toEqual({ '192.0.2.2': 1 });
    expect(resolve(sets, 'US', ['h1'])).toEqual({ '192.0.2.2': 1 });
  });

  it('property: a weighted group answers weight / total for any weights (all healthy)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 10 }), (weights) => {
        const sets = weights.map((weight, i) => a(`192.0.2.${i + 1}`, { SetIdentifier: `s${i}`, Weight: weight }));
        const got = resolve(sets, 'DE');
        const total = weights.reduce((sum, w) => sum + w, 0);
        weights.forEach((weight, i) => {
          const want = total === 0 ? 1 / weights.length : weight / total;
          expect(got[`192.0.2.${i + 1}`] ?? 0).toBeCloseTo(want, 12);
        });
      }),
    );
  });
});

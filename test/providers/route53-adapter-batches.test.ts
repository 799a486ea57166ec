import { describe, expect, it } from 'vitest';
import { type Change, diffResources } from '../../src/plan/diff.js';
import {
  type ChangeUnit,
  orderChanges,
  packBatches,
  ROUTE53_BATCH_LIMITS,
} from '../../src/providers/route53/batches.js';
import { createRoute53Adapter } from '../../src/providers/route53/client.js';
import { withRealCheckIds } from '../../src/providers/route53/health-checks.js';
import { createRoute53Backend } from '../../src/providers/route53/mock/index.js';
import { type Route53RecordSet, recordSetOf, recordSetResource } from '../../src/render/route53-body.js';
import type { Resource } from '../../src/render/types.js';
import { mockProvider } from './route53-mock-helpers.js';

/** Batch packing to Route 53's request limits, and the phase order inside a change list. */

const provider = mockProvider;

function weighted(group: number, member: number): Resource {
  return recordSetResource({
    Name: `tp-bulk${group}.bulk.example.com`,
    Type: 'A',
    SetIdentifier: `tp:e${member}`,
    Weight: 1 + (member % 7),
    TTL: 60,
    ResourceRecords: [{ Value: `10.${group}.${Math.floor(member / 250)}.${member % 250}` }],
  });
}

function alias(geo: Route53RecordSet['GeoLocation'] & object, id: string, group: number): Resource {
  return recordSetResource({
    Name: 'bulk.example.com',
    Type: 'A',
    SetIdentifier: `tp:geo:${id}`,
    GeoLocation: geo,
    AliasTarget: { HostedZoneId: 'ZONE', DNSName: `tp-bulk${group}.bulk.example.com`, EvaluateTargetHealth: true },
  });
}

function unit(elements: number, valueChars = elements * 10): ChangeUnit {
  return { changes: [], planChanges: 1, elements, valueChars };
}

describe('packBatches', () => {
  it('needs ceil(elements / 1000) requests for single-value sets', () => {
    const batches = packBatches(Array.from({ length: 2345 }, () => unit(1)));
    expect(batches.map((batch) => batch.elements)).toEqual([1000, 1000, 345]);
    expect(batches).toHaveLength(Math.ceil(2345 / 1000));
  });

  it('respects the 32,000-character limit on values (IPv6 addresses fill it before 1,000 records)', () => {
    const batches = packBatches(Array.from({ length: 1500 }, () => unit(1, 39)));
    expect(batches.every((batch) => batch.valueChars <= ROUTE53_BATCH_LIMITS.maxValueChars)).toBe(true);
    expect(batches).toHaveLength(Math.ceil((1500 * 39) / 32_000));
  });

  it('packs aliases (no ResourceRecord elements) into whatever request has room', () => {
    const batches = packBatches([unit(1000), ...Array.from({ length: 300 }, () => unit(0, 0)), unit(1)]);
    expect(batches.map((batch) => batch.planChanges)).toEqual([301, 1]);
  });
});

describe('orderChanges', () => {
  const group = (n: number) => weighted(n, 1);
  const de = alias({ CountryCode: 'DE' }, 'DE', 1);
  const ca = alias({ CountryCode: 'US', SubdivisionCode: 'CA' }, 'US-CA', 1);
  const eu = alias({ ContinentCode: 'EU' }, 'continent-EU', 1);
  const world = alias({ CountryCode: '*' }, 'default', 1);

  it('creates groups, then aliases most specific first, then deletes least specific first', () => {
    const changes: Change[] = [
      { action: 'create', key: world.key, after: world },
      { action: 'create', key: eu.key, after: eu },
      { action: 'delete', key: ca.key, before: ca },
      { action: 'create', key: de.key, after: de },
      { action: 'delete', key: group(2).key, before: group(2) },
      { action: 'create', key: group(1).key, after: group(1) },
      { action: 'delete', key: 'x', before: alias({ CountryCode: '*' }, 'old-default', 2) },
    ];
    const order = orderChanges(changes, 'Z1').flatMap((u) =>
      u.changes.map((c) => `${c.Action} ${c.ResourceRecordSet?.SetIdentifier} ${c.ResourceRecordSet?.Name}`),
    );
    expect(order).toEqual([
      'CREATE tp:e1 tp-bulk1.bulk.example.com.',
      'CREATE tp:geo:DE bulk.example.com.',
      'CREATE tp:geo:continent-EU bulk.example.com.',
      'CREATE tp:geo:default bulk.example.com.',
      'DELETE tp:geo:old-default bulk.example.com.',
      'DELETE tp:geo:US-CA bulk.example.com.',
      'DELETE tp:e1 tp-bulk2.bulk.example.com.',
    ]);
  });

  it('writes an update as DELETE(before) + CREATE(after) in one unit, with the real zone id', () => {
    const moved = alias({ CountryCode: 'DE' }, 'DE', 2);
    const [only] = orderChanges([{ action: 'update', key: de.key, before: de, after: moved }], 'Z1');
    expect(only?.changes.map((c) => [c.Action, c.ResourceRecordSet?.AliasTarget?.DNSName])).toEqual([
      ['DELETE', 'tp-bulk1.bulk.example.com.'],
      ['CREATE', 'tp-bulk2.bulk.example.com.'],
    ]);
    expect(only?.changes[0]?.ResourceRecordSet?.AliasTarget?.HostedZoneId).toBe('Z1');
  });
});

describe('what a unit holds', () => {
  it('builds its SDK changes when read, so a planned apply holds no second copy of its records', () => {
    const de = alias({ CountryCode: 'DE' }, 'DE', 1);
    const [only] = orderChanges([{ action: 'create', key: de.key, after: de }], 'Z1');
    const first = only?.changes;
    expect(first).toEqual(only?.changes);
    expect(first).not.toBe(only?.changes);
    // The rendered record is not shared with the request (the SDK's middleware may normalize ids in it).
    expect(first?.[0]?.ResourceRecordSet).not.toBe(de.body);
  });

  it('keeps a change that names no health check as it is, not a copy', () => {
    const de = alias({ CountryCode: 'DE' }, 'DE', 1);
    const moved = alias({ CountryCode: 'DE' }, 'DE', 2);
    for (const change of [
      { action: 'create', key: de.key, after: de },
      { action: 'delete', key: de.key, before: de },
      { action: 'update', key: de.key, before: de, after: moved },
    ] as Change[]) {
      expect(withRealCheckIds(change, new Map())).toBe(change);
    }
  });
});

describe('large applies against the mock', () => {
  it('splits 2,345 records into the minimum number of requests, and the mock accepts each', async () => {
    const backend = createRoute53Backend();
    const adapter = createRoute53Adapter(provider, { mockStateDir: '/nonexistent', backend, env: {} });
    const groups = Array.from({ length: 47 }, (_, g) => g);
    const records = groups.flatMap((g) => Array.from({ length: g === 46 ? 45 : 50 }, (_, m) => weighted(g, m)));
    const countries = ['DE', 'FR', 'IT', 'ES', 'PL', 'SE', 'JP', 'BR', 'AU', 'IN'];
    const aliases = countries.map((country, i) => alias({ CountryCode: country }, country, i));
    const desired = [...records, ...aliases, alias({ CountryCode: '*' }, 'default', 0)];
    const live = await adapter.read(['bulk.example.com']);
    const report = await adapter.apply(diffResources(desired, live.resources), live);
    expect(records).toHaveLength(2345);
    expect(report.batches).toBe(Math.ceil(2345 / 1000));
    expect(backend.counters().calls.ChangeResourceRecordSets).toBe(report.batches);
    expect(backend.counters().errors).toEqual({});
    const after = await adapter.read(['bulk.example.com']);
    expect(after.resources.map(recordSetOf)).toHaveLength(desired.length);
    expect(diffResources(desired, after.resources)).toEqual([]);
  });
});

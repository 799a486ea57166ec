import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/providers/mock/state-store.js';
import { emptyRoute53State, recordSetKey, sortRecordSets } from '../../src/providers/route53/mock/state.js';
import type { RecordSetData, Route53State } from '../../src/providers/route53/mock/types.js';
import { create, send, simple, weighted, zoneFixture } from './route53-mock-helpers.js';

/**
 * A change request against a large zone must not copy the zone (docs/performance.md §5c): the
 * record sets it did not touch are the very objects the state held before, and a refused batch
 * leaves the whole state as it was.
 */

const SETS = 5_000;
const BATCH = 1_000;

async function largeZone() {
  const store = memoryStore<Route53State>(emptyRoute53State());
  const fixture = await zoneFixture({ store });
  for (let start = 0; start < SETS; start += BATCH) {
    const changes = Array.from({ length: BATCH }, (_, offset) => {
      const n = start + offset;
      return create(simple(`s${n}.example.com`, `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`));
    });
    await send(fixture, changes);
  }
  const zoneKey = fixture.zoneId.replace('/hostedzone/', '');
  const setsOf = async (): Promise<readonly RecordSetData[]> => {
    const zone = (await store.read()).zones[zoneKey];
    if (!zone) throw new Error('zone missing');
    return zone.recordSets;
  };
  return { store, fixture, setsOf };
}

describe('Route 53 mock: a change request copies only what it touches', () => {
  it('keeps every untouched record set of a 5,000-set zone identical (===) across a change', async () => {
    const { fixture, setsOf } = await largeZone();
    const before = await setsOf();
    expect(before.length).toBe(SETS + 2); // + SOA and NS
    await send(fixture, [
      { Action: 'UPSERT', ResourceRecordSet: simple('s17.example.com', '192.0.2.17') },
      { Action: 'DELETE', ResourceRecordSet: simple('s42.example.com', '10.0.0.42') },
      create(simple('new.example.com', '192.0.2.1')),
    ]);
    const after = await setsOf();
    expect(after).not.toBe(before);
    const touched = new Set(['s17.example.com.|A|', 's42.example.com.|A|', 'new.example.com.|A|']);
    const beforeByKey = new Map(before.map((set) => [recordSetKey(set), set]));
    let untouched = 0;
    for (const set of after) {
      const key = recordSetKey(set);
      if (touched.has(key)) {
        expect(beforeByKey.get(key)).not.toBe(set);
        continue;
      }
      expect(set).toBe(beforeByKey.get(key));
      untouched += 1;
    }
    expect(untouched).toBe(SETS + 2 - 2);
    expect(after.map(recordSetKey)).not.toContain('s42.example.com.|A|');
    expect(after.find((set) => set.name === 's17.example.com.')?.resourceRecords).toEqual(['192.0.2.17']);
    expect(Object.isFrozen(after)).toBe(true);
    expect(after.every((set) => Object.isFrozen(set))).toBe(true);
  }, 60_000);

  it('leaves the whole state untouched (the same object) when a batch against it is refused', async () => {
    const { fixture, store } = await largeZone();
    const before = await store.read();
    await expect(
      send(fixture, [
        { Action: 'UPSERT', ResourceRecordSet: simple('s1.example.com', '192.0.2.1') },
        create(simple('s2.example.com', '192.0.2.2')), // exists: the whole batch is refused
      ]),
    ).rejects.toThrow(/already exists/);
    expect(await store.read()).toBe(before);
  }, 60_000);

  it('keeps the zone in list order: new sets placed among the old, replaced ones where they were', async () => {
    // Names and identifiers drawn as integers, so every generated batch is valid by construction.
    const label = fc.integer({ min: 0, max: 40 });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(label, { minLength: 1, maxLength: 12 }),
        fc.uniqueArray(label, { minLength: 1, maxLength: 12 }),
        async (existing, added) => {
          const store = memoryStore<Route53State>(emptyRoute53State());
          const fixture = await zoneFixture({ store });
          const name = (n: number) => (n % 3 === 0 ? `n${n}.sub.example.com` : `n${n}.example.com`);
          await send(
            fixture,
            existing.map((n) => create(weighted(name(n), `w${n}`, n, '192.0.2.1'))),
          );
          const fresh = added.filter((n) => !existing.includes(n));
          const replaced = existing.slice(0, 2);
          await send(fixture, [
            ...fresh.map((n) => create(weighted(name(n), `w${n}`, n, '192.0.2.2'))),
            ...replaced.map((n) => ({
              Action: 'DELETE' as const,
              ResourceRecordSet: weighted(name(n), `w${n}`, n, '192.0.2.1'),
            })),
            ...replaced.map((n) => create(weighted(name(n), `w${n}`, n + 1, '192.0.2.3'))),
          ]);
          const sets = (await store.read()).zones[fixture.zoneId.replace('/hostedzone/', '')]?.recordSets ?? [];
          expect(sets.map(recordSetKey)).toEqual(sortRecordSets([...sets]).map(recordSetKey));
          expect(sets).toHaveLength(2 + new Set([...existing, ...fresh]).size);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});

import { ListResourceRecordSetsCommand, type ResourceRecordSet } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { create, expectFailure, listAll, send, simple, weighted, zoneFixture } from './route53-mock-helpers.js';

/** ListResourceRecordSets order and pagination [API Reference: ListResourceRecordSets]. */

const label = (set: ResourceRecordSet) => [set.Name, set.Type, set.SetIdentifier].filter(Boolean).join(' ');

describe('ListResourceRecordSets', () => {
  it('orders by reversed-label name (ASCII, `-` before the dot), then type, then SetIdentifier', async () => {
    const fixture = await zoneFixture();
    await send(fixture, [
      create(simple('b.example.com', '192.0.2.1')),
      create(simple('a.b.example.com', '192.0.2.1')),
      create(simple('b-a.example.com', '192.0.2.1')),
      create(simple('b.example.com', '"txt"', 'TXT')),
      create(simple('b.example.com', '2001:db8::1', 'AAAA')),
      create(weighted('w.example.com', 'b', 1, '192.0.2.1')),
      create(weighted('w.example.com', 'a', 1, '192.0.2.1')),
    ]);
    expect((await listAll(fixture)).sets.map(label)).toEqual([
      'example.com. NS',
      'example.com. SOA',
      'b-a.example.com. A',
      'b.example.com. A',
      'b.example.com. AAAA',
      'b.example.com. TXT',
      'a.b.example.com. A',
      'w.example.com. A a',
      'w.example.com. A b',
    ]);
  });

  it('pages through more than 300 sets, 300 at a time, continuing inside weighted groups', async () => {
    const fixture = await zoneFixture();
    const names = Array.from({ length: 6 }, (_, index) => `pool${index}.example.com`);
    const changes = names.flatMap((name) =>
      Array.from({ length: 60 }, (_, index) =>
        create(weighted(name, `ep-${String(index).padStart(2, '0')}`, index % 5, `198.51.100.${index}`)),
      ),
    );
    await send(fixture, changes);
    const first = await fixture.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: fixture.zoneId }));
    expect(first.ResourceRecordSets).toHaveLength(300);
    expect(first.MaxItems).toBe(300);
    expect(first.IsTruncated).toBe(true);
    // 2 apex sets + 298 weighted sets: the page ends inside pool4's group.
    expect([first.NextRecordName, first.NextRecordType, first.NextRecordIdentifier]).toEqual([
      'pool4.example.com.',
      'A',
      'ep-58',
    ]);
    const all = await listAll(fixture);
    expect(all.pages).toBe(2);
    expect(all.sets).toHaveLength(362);
    expect(new Set(all.sets.map(label)).size).toBe(362);
    const small = await listAll(fixture, 7);
    expect(small.pages).toBe(52);
    expect(small.sets).toEqual(all.sets);
  });

  it('caps maxitems at 300 and starts from name, type and identifier', async () => {
    const fixture = await zoneFixture();
    await send(
      fixture,
      Array.from({ length: 320 }, (_, index) =>
        create(simple(`h${String(index).padStart(3, '0')}.example.com`, '192.0.2.1')),
      ),
    );
    const capped = await fixture.client.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: fixture.zoneId, MaxItems: 1000 }),
    );
    expect(capped.ResourceRecordSets).toHaveLength(300);
    const from = await fixture.client.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: fixture.zoneId,
        StartRecordName: 'H100.example.com',
        MaxItems: 2,
      }),
    );
    expect(from.ResourceRecordSets?.map(label)).toEqual(['h100.example.com. A', 'h101.example.com. A']);
    const afterType = await fixture.client.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: fixture.zoneId,
        StartRecordName: 'h100.example.com',
        StartRecordType: 'AAAA',
        MaxItems: 1,
      }),
    );
    expect(afterType.ResourceRecordSets?.map(label)).toEqual(['h101.example.com. A']);
  });

  it('refuses a start type without a start name (InvalidInput)', async () => {
    const fixture = await zoneFixture();
    await expectFailure(
      fixture.client.send(new ListResourceRecordSetsCommand({ HostedZoneId: fixture.zoneId, StartRecordType: 'A' })),
      'InvalidInput',
      /must specify name when you specify type/,
    );
  });
});

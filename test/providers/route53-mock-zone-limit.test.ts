import { GetHostedZoneLimitCommand } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { create, expectFailure, listAll, send, simple, zoneFixture } from './route53-mock-helpers.js';

/** GetHostedZoneLimit and the `drop` fault, through the real SDK client. */

const limitOf = (fixture: Awaited<ReturnType<typeof zoneFixture>>, type = 'MAX_RRSETS_BY_ZONE') =>
  fixture.client.send(
    new GetHostedZoneLimitCommand({ HostedZoneId: fixture.zoneId.replace('/hostedzone/', ''), Type: type as never }),
  );

describe('GetHostedZoneLimit', () => {
  it('reports the record-set quota (documented default 10,000) and the sets the zone holds, SOA and NS included', async () => {
    const fixture = await zoneFixture();
    expect(await limitOf(fixture)).toMatchObject({ Limit: { Type: 'MAX_RRSETS_BY_ZONE', Value: 10_000 }, Count: 2 });
    await send(fixture, [
      create(simple('www.example.com', '192.0.2.1')),
      create(simple('api.example.com', '192.0.2.2')),
    ]);
    expect((await limitOf(fixture)).Count).toBe(4);
  });

  it('reports a configured quota, the one ChangeResourceRecordSets enforces', async () => {
    const fixture = await zoneFixture({ limits: { maxRecordSetsPerZone: 3 } });
    expect((await limitOf(fixture)).Limit?.Value).toBe(3);
    await send(fixture, [create(simple('www.example.com', '192.0.2.1'))]);
    await expectFailure(send(fixture, [create(simple('api.example.com', '192.0.2.2'))]), 'InvalidChangeBatch');
    expect((await limitOf(fixture)).Count).toBe(3);
  });

  it('refuses an unknown limit type, and the VPC limit of a public zone', async () => {
    const fixture = await zoneFixture();
    await expectFailure(limitOf(fixture, 'MAX_RECORDS'), 'InvalidInput');
    await expectFailure(limitOf(fixture, 'MAX_VPCS_ASSOCIATED_BY_ZONE'), 'HostedZoneNotPrivate');
  });
});

describe('the drop fault', () => {
  it('answers a change batch as a success with a change id, and changes nothing', async () => {
    const fixture = await zoneFixture({ faults: { dropEvery: 1, operations: ['ChangeResourceRecordSets'] } });
    const answer = await send(fixture, [create(simple('www.example.com', '192.0.2.1'))]);
    expect(answer.ChangeInfo?.Id).toMatch(/^\/change\//);
    expect((await listAll(fixture)).sets.map((set) => set.Type).sort()).toEqual(['NS', 'SOA']);
    expect(fixture.backend.counters().faults.drop).toBe(1);
  });

  it('still checks the batch: a batch Route 53 refuses is refused, not dropped', async () => {
    const fixture = await zoneFixture({ faults: { dropEvery: 1, operations: ['ChangeResourceRecordSets'] } });
    await expectFailure(
      send(fixture, [create(simple('www.example.com', '192.0.2.1')), create(simple('www.example.com', '192.0.2.1'))]),
      'InvalidChangeBatch',
    );
  });
});

import type { Change, ResourceRecordSet } from '@aws-sdk/client-route-53';
import { beforeEach, describe, it } from 'vitest';
import {
  create,
  expectFailure,
  type Fixture,
  listAll,
  send,
  simple,
  weighted,
  zoneFixture,
} from './route53-mock-helpers.js';

/** Rules on what may live together in a zone: policies, CNAMEs, aliases, geolocation, apex. */

const del = (set: ResourceRecordSet): Change => ({ Action: 'DELETE', ResourceRecordSet: set });
const geo = (
  name: string,
  id: string,
  location: NonNullable<ResourceRecordSet['GeoLocation']>,
  value = '192.0.2.9',
) => ({
  ...simple(name, value),
  SetIdentifier: id,
  GeoLocation: location,
});

let fixture: Fixture;
beforeEach(async () => {
  fixture = await zoneFixture();
});

async function snapshot() {
  return (await listAll(fixture)).sets;
}

describe('zone rules (InvalidChangeBatch)', () => {
  it('routing policies cannot be mixed on one name and type', async () => {
    await send(fixture, [create(simple('www.example.com', '192.0.2.1'))]);
    await expectFailure(
      send(fixture, [create(weighted('www.example.com', 'aws', 1, '192.0.2.2'))]),
      'InvalidChangeBatch',
      '[RRSet with DNS name www.example.com., type A, SetIdentifier aws cannot be created as a non-weighted set exists with the same name and type.]',
    );
    await send(fixture, [create(weighted('w.example.com', 'aws', 1, '192.0.2.2'))]);
    await expectFailure(
      send(fixture, [create(geo('w.example.com', 'eu', { ContinentCode: 'EU' }))]),
      'InvalidChangeBatch',
      /SetIdentifier eu cannot be created as a non-geolocation set exists/,
    );
  });

  it('a CNAME cannot share its name with another type, either way round', async () => {
    await send(fixture, [create(simple('www.example.com', '192.0.2.1'))]);
    await expectFailure(
      send(fixture, [create(simple('www.example.com', 'shop.example.net', 'CNAME'))]),
      'InvalidChangeBatch',
      '[RRSet of type CNAME with DNS name www.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.]',
    );
    await send(fixture, [create(simple('c.example.com', 'shop.example.net', 'CNAME'))]);
    await expectFailure(
      send(fixture, [create(simple('c.example.com', '"v=spf1 -all"', 'TXT'))]),
      'InvalidChangeBatch',
      '[RRSet of type TXT with DNS name c.example.com. is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone example.com.]',
    );
  });

  it('a CNAME is not allowed at the zone apex and has one value', async () => {
    await expectFailure(
      send(fixture, [create(simple('example.com', 'x.example.net', 'CNAME'))]),
      'InvalidChangeBatch',
      /not permitted at apex/,
    );
    const two = {
      ...simple('c.example.com', 'a.example.net', 'CNAME'),
      ResourceRecords: [{ Value: 'a.example.net' }, { Value: 'b.example.net' }],
    };
    await expectFailure(send(fixture, [create(two)]), 'InvalidChangeBatch', /has more than one value/);
  });

  it('an alias must target an existing set of the same type in the zone', async () => {
    await send(fixture, [create(weighted('pool.example.com', 'a', 1, '192.0.2.1'))]);
    const alias = (type: 'A' | 'AAAA', dnsName: string) => ({
      Name: 'www.example.com',
      Type: type,
      AliasTarget: { HostedZoneId: fixture.zoneId, DNSName: dnsName, EvaluateTargetHealth: true },
    });
    const zone = fixture.zoneId.replace('/hostedzone/', '');
    await expectFailure(
      send(fixture, [create(alias('A', 'missing.example.com'))]),
      'InvalidChangeBatch',
      `[Tried to create an alias that targets missing.example.com., type A in zone ${zone}, but that target was not found]`,
    );
    await expectFailure(
      send(fixture, [create(alias('AAAA', 'pool.example.com'))]),
      'InvalidChangeBatch',
      /type AAAA .* that target was not found/,
    );
    await expectFailure(
      send(fixture, [create(alias('A', 'www.example.org'))]),
      'InvalidChangeBatch',
      /does not lie within the target zone/,
    );
    await send(fixture, [create(alias('A', 'pool.example.com'))]);
    await expectFailure(
      send(fixture, [del(weighted('pool.example.com', 'a', 1, '192.0.2.1'))]),
      'InvalidChangeBatch',
      /but it is the target of alias resource record set \[name='www.example.com.', type='A'\]/,
    );
  });

  it.each([
    [{ ContinentCode: 'XX' }, 'continent = XX'],
    [{ CountryCode: 'ZZ' }, 'country = ZZ'],
    [{ CountryCode: 'BV' }, 'country = BV'],
    [{ CountryCode: 'CA', SubdivisionCode: 'NL' }, 'country = CA subdivision = NL'],
  ])('geolocation %j is refused', async (location, described) => {
    await expectFailure(
      send(fixture, [create(geo('g.example.com', 'x', location))]),
      'InvalidChangeBatch',
      `[Cannot find location: '${described}'.  No changes made.]`,
    );
  });

  it('geolocation accepts continents, countries, US states and the default, each once per name and type', async () => {
    const locations = [
      { ContinentCode: 'EU' },
      { CountryCode: 'DE' },
      { CountryCode: 'US', SubdivisionCode: 'CA' },
      { CountryCode: '*' },
    ];
    await send(
      fixture,
      locations.map((location, index) => create(geo('g.example.com', `g${index}`, location))),
    );
    await expectFailure(
      send(fixture, [create(geo('g.example.com', 'again', { CountryCode: 'DE' }))]),
      'InvalidChangeBatch',
      /location 'country = DE' already exists/,
    );
  });

  it('a record must lie inside the zone and have valid values', async () => {
    await expectFailure(
      send(fixture, [create(simple('www.example.org', '192.0.2.1'))]),
      'InvalidChangeBatch',
      '[RRSet with DNS name www.example.org. is not permitted in zone example.com.]',
    );
    await expectFailure(
      send(fixture, [create(simple('www.example.com', '999.1.1.1'))]),
      'InvalidChangeBatch',
      /ARRDATAIllegalIPv4Address/,
    );
    await expectFailure(
      send(fixture, [create(simple('www.example.com', '192.0.2.1', 'AAAA'))]),
      'InvalidChangeBatch',
      /AAAARRDATAIllegalIPv6Address/,
    );
  });

  it("the zone's SOA and apex NS sets cannot be deleted", async () => {
    const apex = (await snapshot()).filter((set) => set.Name === 'example.com.');
    await expectFailure(
      send(fixture, apex.map(del)),
      'InvalidChangeBatch',
      /must contain exactly one SOA record.*at least one NS record/,
    );
  });
});

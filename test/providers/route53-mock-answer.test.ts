import { CreateHealthCheckCommand, type ResourceRecordSet, TestDNSAnswerCommand } from '@aws-sdk/client-route-53';
import { beforeEach, describe, expect, it } from 'vitest';
import { locationFromMockIp, MOCK_GEO_HEADER, mockClientIp } from '../../src/providers/route53/mock/index.js';
import { create, type Fixture, send, simple, weighted, zoneFixture } from './route53-mock-helpers.js';

/**
 * What the mock answers: geolocation (most specific wins) → alias → weighted, with health, as
 * the distribution helper `verify` uses and as TestDNSAnswer samples it.
 */

function geoAlias(
  fixture: Fixture,
  id: string,
  location: NonNullable<ResourceRecordSet['GeoLocation']>,
  target: string,
  evaluate = false,
): ResourceRecordSet {
  return {
    Name: 'www.example.com',
    Type: 'A',
    SetIdentifier: id,
    GeoLocation: location,
    AliasTarget: { HostedZoneId: fixture.zoneId, DNSName: target, EvaluateTargetHealth: evaluate },
  };
}

async function publish(fixture: Fixture, options: { evaluate?: boolean; healthCheck?: string } = {}) {
  const fra = {
    ...weighted('eu.pool.example.com', 'aws-fra', 3, '192.0.2.10'),
    ...(options.healthCheck ? { HealthCheckId: options.healthCheck } : {}),
  };
  await send(fixture, [
    create(fra),
    create(weighted('eu.pool.example.com', 'az-weu', 1, '192.0.2.20')),
    create(weighted('us.pool.example.com', 'aws-use1', 1, '192.0.2.30')),
    create(weighted('ca.pool.example.com', 'aws-usw2', 1, '192.0.2.40')),
  ]);
  await send(fixture, [
    create(geoAlias(fixture, 'geo-eu', { ContinentCode: 'EU' }, 'eu.pool.example.com', options.evaluate)),
    create(geoAlias(fixture, 'geo-us-ca', { CountryCode: 'US', SubdivisionCode: 'CA' }, 'ca.pool.example.com')),
    create(geoAlias(fixture, 'geo-us', { CountryCode: 'US' }, 'us.pool.example.com')),
    create(geoAlias(fixture, 'geo-default', { CountryCode: '*' }, 'us.pool.example.com')),
  ]);
}

async function shares(fixture: Fixture, location?: string, name = 'www.example.com') {
  const distribution = await fixture.backend.answerDistribution({ name, type: 'A', ...(location ? { location } : {}) });
  return Object.fromEntries(distribution.outcomes.map((outcome) => [outcome.recordData.join(','), outcome.share]));
}

let fixture: Fixture;
beforeEach(async () => {
  fixture = await zoneFixture({ seed: 7 });
});

describe('answer distribution', () => {
  it('follows geolocation → alias → weighted, most specific location first', async () => {
    await publish(fixture);
    expect(await shares(fixture, 'DE')).toEqual({ '192.0.2.10': 0.75, '192.0.2.20': 0.25 });
    expect(await shares(fixture, 'US-CA')).toEqual({ '192.0.2.40': 1 });
    expect(await shares(fixture, 'US-NY')).toEqual({ '192.0.2.30': 1 });
    expect(await shares(fixture, 'JP')).toEqual({ '192.0.2.30': 1 });
    expect(await shares(fixture)).toEqual({ '192.0.2.30': 1 });
    const de = await fixture.backend.answerDistribution({ name: 'www.example.com', type: 'A', location: 'DE' });
    expect(de.outcomes[0]?.path).toEqual([
      { name: 'www.example.com.', type: 'A', setIdentifier: 'geo-eu' },
      { name: 'eu.pool.example.com.', type: 'A', setIdentifier: 'aws-fra' },
    ]);
  });

  it('without a default record, an unmapped client gets no answer (NOERROR, empty)', async () => {
    await send(fixture, [create(weighted('eu.pool.example.com', 'a', 1, '192.0.2.10'))]);
    await send(fixture, [create(geoAlias(fixture, 'geo-eu', { ContinentCode: 'EU' }, 'eu.pool.example.com'))]);
    const distribution = await fixture.backend.answerDistribution({
      name: 'www.example.com',
      type: 'A',
      location: 'JP',
    });
    expect(distribution).toEqual({ responseCode: 'NOERROR', outcomes: [] });
  });

  it('answers an all-zero weighted group evenly and leaves zero weights out otherwise', async () => {
    await send(fixture, [
      create(weighted('zero.example.com', 'a', 0, '192.0.2.1')),
      create(weighted('zero.example.com', 'b', 0, '192.0.2.2')),
      create(weighted('mixed.example.com', 'a', 0, '192.0.2.1')),
      create(weighted('mixed.example.com', 'b', 5, '192.0.2.2')),
    ]);
    expect(await shares(fixture, undefined, 'zero.example.com')).toEqual({ '192.0.2.1': 0.5, '192.0.2.2': 0.5 });
    expect(await shares(fixture, undefined, 'mixed.example.com')).toEqual({ '192.0.2.2': 1 });
  });

  it('skips unhealthy weighted records, and treats all as healthy when all are unhealthy', async () => {
    const check = await fixture.client.send(
      new CreateHealthCheckCommand({
        CallerReference: 'fra',
        HealthCheckConfig: { Type: 'TCP', IPAddress: '192.0.2.10', Port: 443 },
      }),
    );
    const id = check.HealthCheck?.Id ?? '';
    await publish(fixture, { healthCheck: id });
    await fixture.backend.setHealthCheckStatus(id, false);
    expect(await shares(fixture, 'DE')).toEqual({ '192.0.2.20': 1 });
  });

  it('with EvaluateTargetHealth, an alias to an all-unhealthy group falls back to a less specific location', async () => {
    const check = await fixture.client.send(
      new CreateHealthCheckCommand({
        CallerReference: 'fra',
        HealthCheckConfig: { Type: 'TCP', IPAddress: '192.0.2.10', Port: 443 },
      }),
    );
    const id = check.HealthCheck?.Id ?? '';
    await publish(fixture, { evaluate: true, healthCheck: id });
    await send(fixture, [
      { Action: 'DELETE', ResourceRecordSet: weighted('eu.pool.example.com', 'az-weu', 1, '192.0.2.20') },
      create({ ...weighted('eu.pool.example.com', 'az-weu', 1, '192.0.2.20'), HealthCheckId: id }),
    ]);
    await fixture.backend.setHealthCheckStatus(id, false);
    expect(await shares(fixture, 'DE')).toEqual({ '192.0.2.30': 1 });
  });

  it('answers NXDOMAIN for a missing name, NOERROR for another type, and uses wildcards', async () => {
    await send(fixture, [
      create(simple('*.apps.example.com', '192.0.2.5')),
      create(simple('txt.example.com', '"x"', 'TXT')),
    ]);
    expect((await fixture.backend.answerDistribution({ name: 'missing.example.com', type: 'A' })).responseCode).toBe(
      'NXDOMAIN',
    );
    expect(await fixture.backend.answerDistribution({ name: 'txt.example.com', type: 'A' })).toEqual({
      responseCode: 'NOERROR',
      outcomes: [],
    });
    expect(await shares(fixture, undefined, 'shop.apps.example.com')).toEqual({ '192.0.2.5': 1 });
  });
});

describe('TestDNSAnswer through the SDK', () => {
  it('locates the client from a synthetic EDNS0 client-subnet address and samples the weights', async () => {
    await publish(fixture);
    const counts: Record<string, number> = {};
    for (let index = 0; index < 200; index++) {
      const answer = await fixture.client.send(
        new TestDNSAnswerCommand({
          HostedZoneId: fixture.zoneId,
          RecordName: 'www.example.com',
          RecordType: 'A',
          EDNS0ClientSubnetIP: mockClientIp('DE'),
        }),
      );
      expect(answer).toMatchObject({
        ResponseCode: 'NOERROR',
        Protocol: 'UDP',
        RecordName: 'www.example.com.',
        RecordType: 'A',
      });
      const value = answer.RecordData?.join(',') ?? '';
      counts[value] = (counts[value] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['192.0.2.10', '192.0.2.20']);
    // Weights 3:1 → about 150 of 200; the seed makes the exact count repeatable.
    expect(counts['192.0.2.10']).toBeGreaterThan(125);
    expect(counts['192.0.2.10']).toBeLessThan(175);
  });

  it('reads US states from the synthetic address and the resolver IP as a fallback', async () => {
    await publish(fixture);
    const ask = (query: { EDNS0ClientSubnetIP?: string; ResolverIP?: string }) =>
      fixture.client.send(
        new TestDNSAnswerCommand({
          HostedZoneId: fixture.zoneId,
          RecordName: 'www.example.com',
          RecordType: 'A',
          ...query,
        }),
      );
    expect((await ask({ EDNS0ClientSubnetIP: mockClientIp('US-CA') })).RecordData).toEqual(['192.0.2.40']);
    expect((await ask({ ResolverIP: mockClientIp('FR') })).RecordData?.[0]).toMatch(/^192\.0\.2\.(10|20)$/);
    expect((await ask({ ResolverIP: '203.0.113.1' })).RecordData).toEqual(['192.0.2.30']);
    expect((await ask({})).ResponseCode).toBe('NOERROR');
  });

  it('accepts the mock-only location header on raw requests', async () => {
    await publish(fixture);
    const zone = fixture.zoneId.replace('/hostedzone/', '');
    const response = await fixture.backend.handle({
      method: 'GET',
      path: '/2013-04-01/testdnsanswer',
      query: { hostedzoneid: zone, recordname: 'www.example.com', recordtype: 'A' },
      headers: { [MOCK_GEO_HEADER]: 'US-CA' },
      body: '',
    });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<RecordDataEntry>192.0.2.40</RecordDataEntry>');
  });

  it('round-trips synthetic client addresses', () => {
    expect(mockClientIp('DE')).toBe('2001:db8:4445::');
    expect(mockClientIp('US-CA')).toBe('2001:db8:5553:4341::');
    expect(locationFromMockIp('2001:db8:5553:4341::')).toEqual({ countryCode: 'US', subdivisionCode: 'CA' });
    expect(locationFromMockIp('2001:0db8:4445:0000::/56')).toEqual({ countryCode: 'DE' });
    expect(locationFromMockIp('192.0.2.1')).toBeUndefined();
  });
});

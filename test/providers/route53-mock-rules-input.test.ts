import { beforeEach, describe, it } from 'vitest';
import { create, expectFailure, type Fixture, send, simple, weighted, zoneFixture } from './route53-mock-helpers.js';

/** Schema-level rules (InvalidInput): the error name the SDK surfaces, and its message. */

let fixture: Fixture;
beforeEach(async () => {
  fixture = await zoneFixture();
});

describe('schema checks (InvalidInput)', () => {
  it.each([256, -1])('weight %i is outside 0–255', async (weight) => {
    await expectFailure(
      send(fixture, [create(weighted('w.example.com', 'a', weight, '192.0.2.1'))]),
      'InvalidInput',
      new RegExp(
        `Invalid XML ; cvc-(max|min)Inclusive-valid: Value '${weight}' is not facet-valid .* for type 'ResourceRecordSetWeight'`,
      ),
    );
  });

  it('weight must be an integer', async () => {
    await expectFailure(
      send(fixture, [create(weighted('w.example.com', 'a', 1.5, '192.0.2.1'))]),
      'InvalidInput',
      "Invalid XML ; cvc-datatype-valid.1.2.1: '1.5' is not a valid value for 'integer'.",
    );
  });

  it('SetIdentifier is at most 128 characters', async () => {
    await expectFailure(
      send(fixture, [create(weighted('w.example.com', 'x'.repeat(129), 1, '192.0.2.1'))]),
      'InvalidInput',
      /cvc-maxLength-valid: .* with length = '129' is not facet-valid with respect to maxLength '128'/,
    );
  });

  // The name is quoted as sent (observed: ministryofjustice/modernisation-platform#10072 quotes
  // "Name=portal-oid.aws.uat.legalservices.gov.uk" as its Terraform sent it, without the dot).
  it('a weighted or geolocation set needs a SetIdentifier', async () => {
    await expectFailure(
      send(fixture, [create({ ...simple('w.example.com', '192.0.2.1'), Weight: 10 })]),
      'InvalidInput',
      "Invalid request: Missing field 'SetIdentifier' in Change with [Action=CREATE, Name=w.example.com, Type=A, SetIdentifier=null]",
    );
    await expectFailure(
      send(fixture, [create({ ...simple('W.Example.com.', '192.0.2.1'), Weight: 10 })]),
      'InvalidInput',
      "Invalid request: Missing field 'SetIdentifier' in Change with [Action=CREATE, Name=W.Example.com., Type=A, SetIdentifier=null]",
    );
  });

  it('a SetIdentifier needs exactly one routing policy', async () => {
    await expectFailure(
      send(fixture, [create({ ...simple('w.example.com', '192.0.2.1'), SetIdentifier: 'a' })]),
      'InvalidInput',
      /Expected exactly one of \[Weight, .*\], but found none in Change with \[Action=CREATE, Name=w.example.com, Type=A, SetIdentifier=a\]/,
    );
    await expectFailure(
      send(fixture, [
        create({ ...weighted('w.example.com', 'a', 1, '192.0.2.1'), GeoLocation: { CountryCode: 'DE' } }),
      ]),
      'InvalidInput',
      /but found more than one/,
    );
  });

  it('an alias carries no TTL or values, a plain set needs both', async () => {
    const alias = { HostedZoneId: fixture.zoneId, DNSName: 'pool.example.com', EvaluateTargetHealth: false };
    await expectFailure(
      send(fixture, [create({ ...simple('www.example.com', '192.0.2.1'), AliasTarget: alias })]),
      'InvalidInput',
      /Expected exactly one of \[AliasTarget, all of \[TTL, and ResourceRecords\].*\], but found more than one/,
    );
    await expectFailure(
      send(fixture, [create({ Name: 'www.example.com', Type: 'A', TTL: 60 })]),
      'InvalidInput',
      /but found none/,
    );
  });

  it('routing features the mock does not model are refused plainly', async () => {
    await expectFailure(
      send(fixture, [create({ ...simple('www.example.com', '192.0.2.1'), SetIdentifier: 'a', Failover: 'PRIMARY' })]),
      'InvalidInput',
      /does not support Failover/,
    );
  });
});

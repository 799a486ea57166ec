import {
  ChangeResourceRecordSetsCommand,
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  DeleteHealthCheckCommand,
  DeleteHostedZoneCommand,
  GetChangeCommand,
  GetHealthCheckCommand,
  GetHostedZoneCommand,
  ListHealthChecksCommand,
  ListHostedZonesByNameCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRoute53Backend,
  type RunningRoute53Mock,
  startRoute53Mock,
} from '../../src/providers/route53/mock/index.js';
import {
  create,
  credentials,
  expectFailure,
  inProcessClient,
  listAll,
  send,
  simple,
  zoneFixture,
} from './route53-mock-helpers.js';

describe('Route 53 mock: hosted zones and changes through the real SDK (in-process)', () => {
  it('creates a zone with its SOA and NS sets, a delegation set and a PENDING-or-INSYNC change', async () => {
    const client = inProcessClient(createRoute53Backend());
    const created = await client.send(new CreateHostedZoneCommand({ Name: 'Example.COM', CallerReference: 'r1' }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.Location).toMatch(/\/2013-04-01\/hostedzone\/Z[0-9A-Z]+$/);
    expect(created.HostedZone).toMatchObject({
      Name: 'example.com.',
      CallerReference: 'r1',
      ResourceRecordSetCount: 2,
    });
    expect(created.HostedZone?.Id).toMatch(/^\/hostedzone\/Z/);
    expect(created.DelegationSet?.NameServers).toHaveLength(4);
    expect(created.ChangeInfo?.Status).toBe('INSYNC');
    const got = await client.send(new GetHostedZoneCommand({ Id: created.HostedZone?.Id }));
    expect(got.HostedZone?.Name).toBe('example.com.');
  });

  it('refuses a second zone with the same caller reference (HostedZoneAlreadyExists)', async () => {
    const client = inProcessClient(createRoute53Backend());
    await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'same' }));
    await expectFailure(
      client.send(new CreateHostedZoneCommand({ Name: 'example.org', CallerReference: 'same' })),
      'HostedZoneAlreadyExists',
      /caller reference/,
    );
  });

  it('answers NoSuchHostedZone (404) for an unknown zone', async () => {
    const client = inProcessClient(createRoute53Backend());
    const error = await expectFailure(
      client.send(new GetHostedZoneCommand({ Id: 'ZNOPE' })),
      'NoSuchHostedZone',
      'No hosted zone found with ID: ZNOPE',
    );
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(404);
  });

  it('lists zones with a marker, and by name in reversed-label order', async () => {
    const client = inProcessClient(createRoute53Backend());
    for (const name of ['b.example.org', 'example.com', 'a.example.org']) {
      await client.send(new CreateHostedZoneCommand({ Name: name, CallerReference: name }));
    }
    const first = await client.send(new ListHostedZonesCommand({ MaxItems: 2 }));
    expect(first.HostedZones?.map((zone) => zone.Name)).toEqual(['b.example.org.', 'example.com.']);
    expect(first.IsTruncated).toBe(true);
    const second = await client.send(new ListHostedZonesCommand({ Marker: first.NextMarker }));
    expect(second.HostedZones?.map((zone) => zone.Name)).toEqual(['a.example.org.']);
    const byName = await client.send(new ListHostedZonesByNameCommand({}));
    expect(byName.HostedZones?.map((zone) => zone.Name)).toEqual(['example.com.', 'a.example.org.', 'b.example.org.']);
    const fromOrg = await client.send(new ListHostedZonesByNameCommand({ DNSName: 'example.org', MaxItems: 1 }));
    expect(fromOrg.HostedZones?.map((zone) => zone.Name)).toEqual(['a.example.org.']);
    expect(fromOrg.NextDNSName).toBe('b.example.org.');
  });

  it('deletes only an empty zone (HostedZoneNotEmpty otherwise)', async () => {
    const fixture = await zoneFixture();
    await send(fixture, [create(simple('www.example.com', '192.0.2.1'))]);
    await expectFailure(fixture.client.send(new DeleteHostedZoneCommand({ Id: fixture.zoneId })), 'HostedZoneNotEmpty');
    await send(fixture, [{ Action: 'DELETE', ResourceRecordSet: simple('www.example.com', '192.0.2.1') }]);
    const deleted = await fixture.client.send(new DeleteHostedZoneCommand({ Id: fixture.zoneId }));
    expect(deleted.ChangeInfo?.Id).toMatch(/^\/change\/C/);
    await expectFailure(fixture.client.send(new GetHostedZoneCommand({ Id: fixture.zoneId })), 'NoSuchHostedZone');
  });

  it('reports a change PENDING until the propagation delay has passed, then INSYNC', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const fixture = await zoneFixture({ clock: () => now, faults: { propagationMs: 30_000 } });
    const submitted = await send(fixture, [create(simple('www.example.com', '192.0.2.1'))]);
    expect(submitted.ChangeInfo?.Status).toBe('PENDING');
    expect(submitted.ChangeInfo?.SubmittedAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const id = submitted.ChangeInfo?.Id ?? '';
    now += 29_999;
    expect((await fixture.client.send(new GetChangeCommand({ Id: id }))).ChangeInfo?.Status).toBe('PENDING');
    now += 1;
    expect((await fixture.client.send(new GetChangeCommand({ Id: id }))).ChangeInfo?.Status).toBe('INSYNC');
    await expectFailure(fixture.client.send(new GetChangeCommand({ Id: 'CNOPE' })), 'NoSuchChange');
  });

  it('keeps the batch comment on the change', async () => {
    const fixture = await zoneFixture();
    const result = await fixture.client.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: fixture.zoneId,
        ChangeBatch: { Comment: 'trafficport apply 1/3', Changes: [create(simple('www.example.com', '192.0.2.1'))] },
      }),
    );
    expect(result.ChangeInfo?.Comment).toBe('trafficport apply 1/3');
  });

  it('returns names lower-case with a trailing dot, `*` as \\052 and other characters octal-escaped', async () => {
    const fixture = await zoneFixture();
    await send(fixture, [
      create(simple('*.Example.com', '192.0.2.1')),
      create(simple('WWW.example.com.', '192.0.2.2')),
      create(simple('a@b.example.com', '192.0.2.3')),
    ]);
    const names = (await listAll(fixture)).sets.map((set) => set.Name);
    expect(names).toEqual([
      'example.com.',
      'example.com.',
      '\\052.example.com.',
      'a\\100b.example.com.',
      'www.example.com.',
    ]);
    // The escaped spelling names the same set as the plain one.
    await send(fixture, [{ Action: 'DELETE', ResourceRecordSet: simple('\\052.example.com.', '192.0.2.1') }]);
    expect((await listAll(fixture)).sets).toHaveLength(4);
  });

  it('creates, reads, lists and deletes health checks; a referenced one is HealthCheckInUse', async () => {
    const fixture = await zoneFixture();
    const config = {
      Type: 'HTTPS' as const,
      FullyQualifiedDomainName: 'aws-fra.example.net',
      Port: 443,
      ResourcePath: '/health',
    };
    const created = await fixture.client.send(
      new CreateHealthCheckCommand({ CallerReference: 'hc1', HealthCheckConfig: config }),
    );
    const id = created.HealthCheck?.Id ?? '';
    expect(created.HealthCheck?.HealthCheckConfig).toMatchObject(config);
    const retried = await fixture.client.send(
      new CreateHealthCheckCommand({ CallerReference: 'hc1', HealthCheckConfig: config }),
    );
    expect(retried.HealthCheck?.Id).toBe(id);
    await expectFailure(
      fixture.client.send(
        new CreateHealthCheckCommand({ CallerReference: 'hc1', HealthCheckConfig: { ...config, Port: 8443 } }),
      ),
      'HealthCheckAlreadyExists',
    );
    expect((await fixture.client.send(new GetHealthCheckCommand({ HealthCheckId: id }))).HealthCheck?.Id).toBe(id);
    expect((await fixture.client.send(new ListHealthChecksCommand({}))).HealthChecks?.map((check) => check.Id)).toEqual(
      [id],
    );
    await send(fixture, [create({ ...simple('www.example.com', '192.0.2.1'), HealthCheckId: id })]);
    await expectFailure(fixture.client.send(new DeleteHealthCheckCommand({ HealthCheckId: id })), 'HealthCheckInUse');
    await send(fixture, [
      { Action: 'DELETE', ResourceRecordSet: { ...simple('www.example.com', '192.0.2.1'), HealthCheckId: id } },
    ]);
    await fixture.client.send(new DeleteHealthCheckCommand({ HealthCheckId: id }));
    await expectFailure(fixture.client.send(new GetHealthCheckCommand({ HealthCheckId: id })), 'NoSuchHealthCheck');
  });

  it('refuses a record set naming an unknown health check (NoSuchHealthCheck)', async () => {
    const fixture = await zoneFixture();
    await expectFailure(
      send(fixture, [create({ ...simple('www.example.com', '192.0.2.1'), HealthCheckId: 'nope' })]),
      'NoSuchHealthCheck',
    );
  });
});

describe('Route 53 mock over a loopback server (SDK endpoint option)', () => {
  let running: RunningRoute53Mock | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('serves the same API to a client configured with endpoint: http://127.0.0.1:PORT', async () => {
    running = await startRoute53Mock();
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new Route53Client({ region: 'us-east-1', endpoint: running.url, credentials });
    const zone = await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'srv' }));
    const zoneId = zone.HostedZone?.Id ?? '';
    await client.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: { Changes: [create(simple('www.example.com', '192.0.2.1'))] },
      }),
    );
    const listed = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
    expect(listed.ResourceRecordSets?.map((set) => `${set.Name} ${set.Type}`)).toEqual([
      'example.com. NS',
      'example.com. SOA',
      'www.example.com. A',
    ]);
    await expectFailure(
      client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: { Changes: [create(simple('www.example.com', '192.0.2.1'))] },
        }),
      ),
      'InvalidChangeBatch',
      "[Tried to create resource record set [name='www.example.com.', type='A'] but it already exists]",
    );
    const counters = (await (await fetch(`${running.url}/__mock/counters`)).json()) as {
      calls: Record<string, number>;
    };
    expect(counters.calls).toEqual({ CreateHostedZone: 1, ChangeResourceRecordSets: 2, ListResourceRecordSets: 1 });
    client.destroy();
  });
});

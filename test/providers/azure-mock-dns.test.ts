import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordSet } from '@azure/arm-dns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAzureMockHandler } from '../../src/providers/azure/mock/handler.js';
import { createAzureMockStore } from '../../src/providers/azure/mock/state.js';
import { EXTERNAL, failure, inProcessClients, profileArmId, RG, weightedProfile, ZONE } from './azure-mock-support.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('Azure DNS mock through the real DnsManagementClient (in-process)', () => {
  let backend: ReturnType<typeof createAzureMockHandler>;
  let clients: ReturnType<typeof inProcessClients>;

  beforeEach(async () => {
    backend = createAzureMockHandler();
    clients = inProcessClients(backend);
    await clients.dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
  });

  it('creates a zone with SOA and NS at the apex and reports the documented limits', async () => {
    const zone = await clients.dns.zones.get(RG, ZONE);
    expect(zone).toMatchObject({
      name: ZONE,
      maxNumberOfRecordSets: 10_000,
      maxNumberOfRecordsPerRecordSet: 20,
      numberOfRecordSets: 2,
    });
    expect(zone.nameServers).toHaveLength(4);
    const apex = await collect(clients.dns.recordSets.listAllByDnsZone(RG, ZONE));
    expect(apex.map((set) => set.type)).toEqual(['Microsoft.Network/dnszones/NS', 'Microsoft.Network/dnszones/SOA']);
  });

  it('puts, gets, patches and deletes a record set, keeping metadata and changing the etag on every write', async () => {
    const created = await clients.dns.recordSets.createOrUpdate(RG, ZONE, 'www', 'A', {
      ttl: 60,
      aRecords: [{ ipv4Address: '203.0.113.10' }],
      metadata: { 'trafficport-owner': 'policy-a' },
    });
    expect(created.fqdn).toBe('www.example.com.');
    const fetched = await clients.dns.recordSets.get(RG, ZONE, 'www', 'A');
    expect(fetched).toMatchObject({ ttl: 60, metadata: { 'trafficport-owner': 'policy-a' }, etag: created.etag });
    expect(fetched.aRecords).toEqual([{ ipv4Address: '203.0.113.10' }]);

    const patched = await clients.dns.recordSets.update(RG, ZONE, 'www', 'A', { ttl: 30 });
    expect(patched.ttl).toBe(30);
    expect(patched.aRecords).toEqual([{ ipv4Address: '203.0.113.10' }]);
    expect(patched.etag).not.toBe(created.etag);

    await clients.dns.recordSets.delete(RG, ZONE, 'www', 'A', { ifMatch: patched.etag ?? '' });
    expect(await failure(clients.dns.recordSets.get(RG, ZONE, 'www', 'A'))).toMatchObject({
      statusCode: 404,
      code: 'NotFound',
    });
  });

  it('pages list results with nextLink, which the SDK iterators follow', async () => {
    for (let index = 0; index < 130; index++) {
      await clients.dns.recordSets.createOrUpdate(RG, ZONE, `host-${String(index).padStart(3, '0')}`, 'TXT', {
        ttl: 300,
        txtRecords: [{ value: [`v=${index}`] }],
      });
    }
    backend.resetStats();
    const byType = await collect(clients.dns.recordSets.listByType(RG, ZONE, 'TXT'));
    expect(byType).toHaveLength(130);
    expect(new Set(byType.map((set) => set.name)).size).toBe(130);
    expect(backend.stats().calls).toEqual({ RecordSets_ListByType: 2 });

    backend.resetStats();
    const all = await collect(clients.dns.recordSets.listByDnsZone(RG, ZONE, { top: 50 }));
    expect(all).toHaveLength(132);
    expect(backend.stats().calls).toEqual({ RecordSets_ListByDnsZone: 3 });
  });

  it('refuses a write whose If-Match etag is stale with 412 PreconditionFailed', async () => {
    const first = await clients.dns.recordSets.createOrUpdate(RG, ZONE, 'api', 'A', {
      ttl: 60,
      aRecords: [{ ipv4Address: '203.0.113.1' }],
    });
    await clients.dns.recordSets.createOrUpdate(RG, ZONE, 'api', 'A', {
      ttl: 60,
      aRecords: [{ ipv4Address: '203.0.113.2' }],
    });
    const stale = await failure(
      clients.dns.recordSets.createOrUpdate(
        RG,
        ZONE,
        'api',
        'A',
        { ttl: 60, aRecords: [{ ipv4Address: '203.0.113.3' }] },
        { ifMatch: first.etag ?? '' },
      ),
    );
    expect(stale).toMatchObject({ statusCode: 412, code: 'PreconditionFailed' });
    expect(stale.message).toBe('The Record set api has been modified (etag mismatch).');
    expect((await clients.dns.recordSets.get(RG, ZONE, 'api', 'A')).aRecords).toEqual([{ ipv4Address: '203.0.113.2' }]);
    const staleDelete = await failure(
      clients.dns.recordSets.delete(RG, ZONE, 'api', 'A', { ifMatch: first.etag ?? '' }),
    );
    expect(staleDelete).toMatchObject({ statusCode: 412, code: 'PreconditionFailed' });
  });

  it('refuses If-None-Match: * on an existing record set with 412', async () => {
    const set: RecordSet = { ttl: 60, cnameRecord: { cname: 'shop-weu.example.net' } };
    await clients.dns.recordSets.createOrUpdate(RG, ZONE, 'shop', 'CNAME', set, { ifNoneMatch: '*' });
    const again = await failure(
      clients.dns.recordSets.createOrUpdate(RG, ZONE, 'shop', 'CNAME', set, { ifNoneMatch: '*' }),
    );
    expect(again).toMatchObject({ statusCode: 412, code: 'PreconditionFailed' });
    expect(again.message).toContain('exists already');
  });

  it('refuses a CNAME next to other records of the same name, in both orders, with 409 Conflict', async () => {
    await clients.dns.recordSets.createOrUpdate(RG, ZONE, 'mixed', 'TXT', { ttl: 60, txtRecords: [{ value: ['x'] }] });
    const cname = await failure(
      clients.dns.recordSets.createOrUpdate(RG, ZONE, 'mixed', 'CNAME', {
        ttl: 60,
        cnameRecord: { cname: 'a.example.net' },
      }),
    );
    expect(cname).toMatchObject({ statusCode: 409, code: 'Conflict' });
    await clients.dns.recordSets.createOrUpdate(RG, ZONE, 'alias', 'CNAME', {
      ttl: 60,
      cnameRecord: { cname: 'a.example.net' },
    });
    const txt = await failure(
      clients.dns.recordSets.createOrUpdate(RG, ZONE, 'alias', 'TXT', { ttl: 60, txtRecords: [{ value: ['x'] }] }),
    );
    expect(txt).toMatchObject({ statusCode: 409, code: 'Conflict' });
  });

  it('enforces 20 records per set, the SOA lifecycle and the per-zone record-set limit', async () => {
    const aRecords = Array.from({ length: 21 }, (_, index) => ({ ipv4Address: `198.51.100.${index + 1}` }));
    expect(
      await failure(clients.dns.recordSets.createOrUpdate(RG, ZONE, 'big', 'A', { ttl: 60, aRecords })),
    ).toMatchObject({
      statusCode: 400,
      code: 'BadRequest',
    });
    await clients.dns.recordSets.createOrUpdate(RG, ZONE, 'big', 'A', { ttl: 60, aRecords: aRecords.slice(0, 20) });
    expect(await failure(clients.dns.recordSets.delete(RG, ZONE, '@', 'SOA'))).toMatchObject({
      statusCode: 400,
      message: "RecordSets of type 'SOA' with name '@' cannot be deleted.",
    });

    const small = createAzureMockHandler({ limits: { recordSetsPerZone: 3 } });
    const { dns } = inProcessClients(small);
    await dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
    await dns.recordSets.createOrUpdate(RG, ZONE, 'one', 'A', { ttl: 60, aRecords: [{ ipv4Address: '192.0.2.1' }] });
    const full = await failure(
      dns.recordSets.createOrUpdate(RG, ZONE, 'two', 'A', { ttl: 60, aRecords: [{ ipv4Address: '192.0.2.2' }] }),
    );
    expect(full).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    expect(full.message).toContain('maximum number of record sets (3)');
    // Replacing an existing set is not a new set, so the full zone still accepts it.
    await dns.recordSets.createOrUpdate(RG, ZONE, 'one', 'A', { ttl: 60, aRecords: [{ ipv4Address: '192.0.2.9' }] });
  });

  it('stores an alias record set pointing at a Traffic Manager profile, and checks the target', async () => {
    const missing = await failure(
      clients.dns.recordSets.createOrUpdate(RG, ZONE, 'www', 'A', {
        ttl: 60,
        targetResource: { id: profileArmId('nope') },
      }),
    );
    expect(missing).toMatchObject({ statusCode: 400, code: 'BadRequest' });

    await clients.tm.profiles.createOrUpdate(
      RG,
      'www-ip',
      weightedProfile('www-ip', [{ name: 'use1', type: EXTERNAL, target: '203.0.113.10', weight: 3 }]),
    );
    await clients.tm.profiles.createOrUpdate(
      RG,
      'www-fqdn',
      weightedProfile('www-fqdn', [{ name: 'weu', type: EXTERNAL, target: 'shop-weu.example.net', weight: 1 }]),
    );
    const alias = await clients.dns.recordSets.createOrUpdate(RG, ZONE, 'www', 'A', {
      ttl: 60,
      targetResource: { id: profileArmId('www-ip') },
    });
    expect(alias.targetResource?.id).toBe(profileArmId('www-ip'));
    expect(alias.aRecords).toEqual([]);

    const fqdnAlias = await failure(
      clients.dns.recordSets.createOrUpdate(RG, ZONE, 'shop', 'A', {
        ttl: 60,
        targetResource: { id: profileArmId('www-fqdn') },
      }),
    );
    expect(fqdnAlias).toMatchObject({ statusCode: 400 });
    expect(fqdnAlias.message).toContain('must reference a traffic manager profile with endpoints containing valid IP');
    const cnameAlias = await clients.dns.recordSets.createOrUpdate(RG, ZONE, 'shop', 'CNAME', {
      ttl: 60,
      targetResource: { id: profileArmId('www-fqdn') },
    });
    expect(cnameAlias.targetResource?.id).toBe(profileArmId('www-fqdn'));
  });

  it('deletes a zone with the SDK long-running delete', async () => {
    await clients.dns.zones.beginDeleteAndWait(RG, ZONE);
    expect(await failure(clients.dns.zones.get(RG, ZONE))).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    expect(await collect(clients.dns.zones.listByResourceGroup(RG))).toEqual([]);
  });
});

describe('Azure mock state in a file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'azure-mock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lets a second backend instance on the same file see the first one’s writes', async () => {
    const path = join(dir, 'azure.json');
    const first = inProcessClients(createAzureMockHandler({ store: createAzureMockStore(path) }));
    await first.dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
    const written = await first.dns.recordSets.createOrUpdate(RG, ZONE, 'www', 'AAAA', {
      ttl: 60,
      aaaaRecords: [{ ipv6Address: '2001:db8::10' }],
    });

    const second = inProcessClients(createAzureMockHandler({ store: createAzureMockStore(path) }));
    const read = await second.dns.recordSets.get(RG, ZONE, 'www', 'AAAA');
    expect(read.aaaaRecords).toEqual([{ ipv6Address: '2001:db8::10' }]);
    expect(read.etag).toBe(written.etag);
    // Etags stay unique across instances because the counter lives in the shared file.
    const rewritten = await second.dns.recordSets.createOrUpdate(RG, ZONE, 'other', 'A', {
      ttl: 60,
      aRecords: [{ ipv4Address: '192.0.2.7' }],
    });
    expect(rewritten.etag).not.toBe(written.etag);
  });
});

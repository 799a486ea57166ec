/**
 * The A/AAAA alias rule of Azure DNS, through the real SDK clients: an alias record set of type A
 * or AAAA may only target a Traffic Manager profile whose endpoints are all external endpoints
 * with IP addresses of the record's family.
 *
 * Sources: Microsoft, "Azure DNS alias records overview" (external endpoints with IPv4/IPv6
 * addresses only); MicrosoftDocs/azure-docs #68893 (the portal quoting the service:
 * "RecordSets of type A or AAAA must reference a traffic manager profile with endpoints containing
 * valid IP addresses"); MicrosoftDocs/azure-docs #32911 (nested profiles are not supported, from
 * the Traffic Manager product team); octodns/octodns #730 (OctoDNS limited its A/AAAA layout for
 * it) and #738 (endpoints added to an already aliased profile are accepted: the check runs when
 * the record set is written).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ALIAS_TARGET_MESSAGE } from '../../src/providers/azure/mock/dns-records.js';
import { createAzureMockHandler } from '../../src/providers/azure/mock/handler.js';
import {
  EXTERNAL,
  failure,
  inProcessClients,
  NESTED,
  profileArmId,
  RG,
  weightedProfile,
  ZONE,
} from './azure-mock-support.js';

type Clients = ReturnType<typeof inProcessClients>;

async function seed(clients: Clients): Promise<void> {
  await clients.dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
  await clients.tm.profiles.createOrUpdate(
    RG,
    'leaf-v4',
    weightedProfile('leaf-v4', [
      { name: 'a', type: EXTERNAL, target: '203.0.113.10', weight: 3 },
      { name: 'b', type: EXTERNAL, target: '203.0.113.11', weight: 1, endpointStatus: 'Disabled' },
    ]),
  );
  await clients.tm.profiles.createOrUpdate(
    RG,
    'leaf-v6',
    weightedProfile('leaf-v6', [{ name: 'a', type: EXTERNAL, target: '2001:db8::10', weight: 1 }]),
  );
  await clients.tm.profiles.createOrUpdate(RG, 'geo-nested', {
    location: 'global',
    trafficRoutingMethod: 'Geographic',
    dnsConfig: { relativeName: 'geo-nested', ttl: 60 },
    monitorConfig: { protocol: 'TCP', port: 443 },
    endpoints: [
      {
        name: 'w',
        type: NESTED,
        targetResourceId: profileArmId('leaf-v4'),
        minChildEndpoints: 1,
        geoMapping: ['WORLD'],
      },
    ],
  });
  await clients.tm.profiles.createOrUpdate(
    RG,
    'fqdn',
    weightedProfile('fqdn', [{ name: 'a', type: EXTERNAL, target: 'shop.example.net', weight: 1 }]),
  );
}

const alias = (clients: Clients, name: string, type: 'A' | 'AAAA' | 'CNAME', profile: string, ttl = 60) =>
  clients.dns.recordSets.createOrUpdate(RG, ZONE, name, type, { ttl, targetResource: { id: profileArmId(profile) } });

describe('Azure DNS A/AAAA alias to Traffic Manager (mock, strict by default)', () => {
  let clients: Clients;
  beforeEach(async () => {
    clients = inProcessClients(createAzureMockHandler());
    await seed(clients);
  });

  it('accepts A to a profile of IPv4 external endpoints (Disabled ones too) and AAAA to IPv6', async () => {
    expect((await alias(clients, '@', 'A', 'leaf-v4')).targetResource?.id).toBe(profileArmId('leaf-v4'));
    expect((await alias(clients, '@', 'AAAA', 'leaf-v6')).targetResource?.id).toBe(profileArmId('leaf-v6'));
  });

  it('refuses A to a profile with a nested endpoint: 400 with the service message (#32911, #68893)', async () => {
    const refused = await failure(alias(clients, '@', 'A', 'geo-nested'));
    expect(refused).toEqual({ statusCode: 400, code: 'BadRequest', message: ALIAS_TARGET_MESSAGE });
    expect(ALIAS_TARGET_MESSAGE).toBe(
      'RecordSets of type A or AAAA must reference a traffic manager profile with endpoints containing valid IP addresses',
    );
    await expect(clients.dns.recordSets.get(RG, ZONE, '@', 'A')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses A to FQDN targets and AAAA to IPv4 targets (docs: IPv4/IPv6 addresses only)', async () => {
    expect(await failure(alias(clients, 'x', 'A', 'fqdn'))).toMatchObject({
      statusCode: 400,
      message: ALIAS_TARGET_MESSAGE,
    });
    expect(await failure(alias(clients, 'x', 'AAAA', 'leaf-v4'))).toMatchObject({ statusCode: 400 });
  });

  it('accepts a CNAME alias to the nested profile (the layout below the apex; octodns-azure)', async () => {
    expect((await alias(clients, 'api', 'CNAME', 'geo-nested')).targetResource?.id).toBe(profileArmId('geo-nested'));
  });

  it('accepts endpoints added to an aliased profile later, and refuses the next write of the alias (#738)', async () => {
    await clients.tm.profiles.createOrUpdate(RG, 'root', weightedProfile('root', []));
    await alias(clients, '@', 'A', 'root');
    // A whole-profile PUT and an endpoint PUT both go through: the check is on the record set.
    const nested = { name: 'w', type: NESTED, targetResourceId: profileArmId('leaf-v4'), minChildEndpoints: 1 };
    await clients.tm.profiles.createOrUpdate(RG, 'root', weightedProfile('root', [nested]));
    await clients.tm.endpoints.createOrUpdate(RG, 'root', 'NestedEndpoints', 'w2', {
      targetResourceId: profileArmId('leaf-v6'),
      minChildEndpoints: 1,
    });
    expect((await clients.tm.profiles.get(RG, 'root')).endpoints).toHaveLength(2);
    // Rewriting the record set (a TTL change) is a new write, checked again.
    expect(await failure(alias(clients, '@', 'A', 'root', 300))).toMatchObject({
      statusCode: 400,
      message: ALIAS_TARGET_MESSAGE,
    });
    expect((await clients.dns.recordSets.get(RG, ZONE, '@', 'A')).ttl).toBe(60);
  });

  it('takes the lenient reading of earlier versions only when asked (limits.aliasThroughNestedProfiles)', async () => {
    const lenient = inProcessClients(createAzureMockHandler({ limits: { aliasThroughNestedProfiles: true } }));
    await seed(lenient);
    expect((await alias(lenient, '@', 'A', 'geo-nested')).targetResource?.id).toBe(profileArmId('geo-nested'));
    expect(await failure(alias(lenient, 'x', 'A', 'fqdn'))).toMatchObject({ statusCode: 400 });
  });
});

/**
 * Rules of the Azure mock that were UNCONFIRMED, settled from public sources or tightened to the
 * stricter reading (docs/mock-azure.md, "Rules enforced"), each through the real SDK clients and
 * naming its source.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createAzureMockHandler } from '../../src/providers/azure/mock/handler.js';
import { EXTERNAL, failure, inProcessClients, NESTED, RG, weightedProfile, ZONE } from './azure-mock-support.js';

type Clients = ReturnType<typeof inProcessClients>;

describe('settled and tightened Azure mock rules', () => {
  let clients: Clients;
  beforeEach(async () => {
    clients = inProcessClients(createAzureMockHandler());
    await clients.dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
  });

  it('record set not found: 404 NotFound with the service message (azure-cli #27374 transcript; #1132)', async () => {
    const missing = await failure(clients.dns.recordSets.get(RG, ZONE, 'nope', 'A'));
    expect(missing).toEqual({
      statusCode: 404,
      code: 'NotFound',
      message: `The resource record 'nope' does not exist in resource group '${RG}' of subscription '00000000-0000-0000-0000-00000000c0de'.`,
    });
  });

  it('a taken relative DNS name: the name check answers as the REST spec example, and a PUT taking it is refused', async () => {
    await clients.tm.profiles.createOrUpdate(RG, 'one', weightedProfile('shared-name', []));
    const check = await clients.tm.profiles.checkTrafficManagerNameAvailabilityV2({
      name: 'shared-name',
      type: 'Microsoft.Network/trafficManagerProfiles',
    });
    // NameAvailabilityV2Test_NameNotAvailable-POST-example-23.json (2022-04-01).
    expect(check).toMatchObject({
      nameAvailable: false,
      reason: 'AlreadyExists',
      message: 'Domain name shared-name.trafficmanager.net already exists. Please choose a different DNS prefix.',
    });
    const taken = await failure(clients.tm.profiles.createOrUpdate(RG, 'two', weightedProfile('shared-name', [])));
    expect(taken).toMatchObject({ statusCode: 409, message: check.message });
  });

  it('a profile PUT without dnsConfig.ttl is refused (Azure documents no default: the stricter reading), unless a default is configured', async () => {
    const body = { ...weightedProfile('no-ttl', []), dnsConfig: { relativeName: 'no-ttl' } };
    expect(await failure(clients.tm.profiles.createOrUpdate(RG, 'no-ttl', body))).toMatchObject({
      statusCode: 400,
      code: 'BadRequest',
    });
    const lenient = inProcessClients(createAzureMockHandler({ limits: { profileTtlDefault: 60 } }));
    expect((await lenient.tm.profiles.createOrUpdate(RG, 'no-ttl', body)).dnsConfig?.ttl).toBe(60);
  });

  it('priority on some endpoints of a Priority profile but not all is refused (REST spec: "If specified, it must be specified on all endpoints")', async () => {
    const profile = (priorities: (number | undefined)[]) => ({
      ...weightedProfile('prio', []),
      trafficRoutingMethod: 'Priority',
      endpoints: priorities.map((priority, i) => ({
        name: `e${i}`,
        type: EXTERNAL,
        target: `192.0.2.${i + 1}`,
        ...(priority === undefined ? {} : { priority }),
      })),
    });
    expect(await failure(clients.tm.profiles.createOrUpdate(RG, 'prio', profile([1, undefined])))).toMatchObject({
      statusCode: 400,
    });
    expect(await failure(clients.tm.profiles.createOrUpdate(RG, 'prio', profile([1, 1])))).toMatchObject({
      statusCode: 400,
    });
    await clients.tm.profiles.createOrUpdate(RG, 'prio', profile([2, 1]));
    const none = await clients.tm.profiles.createOrUpdate(RG, 'prio', profile([undefined, undefined]));
    expect(none.endpoints?.map((e) => e.priority)).toEqual([1, 2]);
  });

  it('two external endpoints of a profile with one target are refused (UNCONFIRMED: the stricter reading), as profile or endpoint PUT', async () => {
    const profile = (targets: string[]) =>
      weightedProfile(
        'twice',
        targets.map((target, i) => ({ name: `e${i}`, type: EXTERNAL, target, weight: 1 })),
      );
    for (const targets of [
      ['192.0.2.1', '192.0.2.1'],
      ['2001:db8::a', '2001:DB8:0::A'],
      ['App.Example.net.', 'app.example.net'],
    ]) {
      const refused = await failure(clients.tm.profiles.createOrUpdate(RG, 'twice', profile(targets)));
      expect(refused, targets.join(' ')).toMatchObject({ statusCode: 400, code: 'BadRequest' });
      expect(refused.message).toContain("is already the target of endpoint 'e0'");
    }
    await clients.tm.profiles.createOrUpdate(RG, 'twice', profile(['192.0.2.1', '192.0.2.2']));
    const second = clients.tm.endpoints.createOrUpdate(RG, 'twice', 'ExternalEndpoints', 'e1', {
      target: '192.0.2.1',
      weight: 1,
    });
    expect(await failure(second)).toMatchObject({ statusCode: 400 });
    const profileNow = await clients.tm.profiles.get(RG, 'twice');
    expect(profileNow.endpoints?.map((e) => e.target)).toEqual(['192.0.2.1', '192.0.2.2']);
  });

  it('200 endpoints per profile ("Traffic Manager limits"), 201 refused', async () => {
    const endpoints = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        name: `e${i}`,
        type: EXTERNAL,
        target: `10.0.${i >> 8}.${i & 255}`,
        weight: 1,
      }));
    await clients.tm.profiles.createOrUpdate(RG, 'big', weightedProfile('big', endpoints(200)));
    expect(
      await failure(clients.tm.profiles.createOrUpdate(RG, 'big', weightedProfile('big', endpoints(201)))),
    ).toMatchObject({
      statusCode: 400,
    });
  });

  it('a profile another profile nests is not deleted (undocumented: the stricter reading), its parent first is', async () => {
    const child = await clients.tm.profiles.createOrUpdate(
      RG,
      'child',
      weightedProfile('child-rel', [{ name: 'a', type: EXTERNAL, target: '192.0.2.1', weight: 1 }]),
    );
    await clients.tm.profiles.createOrUpdate(
      RG,
      'parent',
      weightedProfile('parent-rel', [{ name: 'n', type: NESTED, targetResourceId: child.id!, weight: 1 }]),
    );
    expect(await failure(clients.tm.profiles.delete(RG, 'child'))).toMatchObject({ statusCode: 409, code: 'Conflict' });
    await clients.tm.profiles.delete(RG, 'parent');
    await clients.tm.profiles.delete(RG, 'child');
    const lenient = inProcessClients(createAzureMockHandler({ limits: { deleteNestedProfiles: true } }));
    const kid = await lenient.tm.profiles.createOrUpdate(RG, 'kid', weightedProfile('kid-rel', []));
    await lenient.tm.profiles.createOrUpdate(
      RG,
      'mum',
      weightedProfile('mum-rel', [{ name: 'n', type: NESTED, targetResourceId: kid.id!, weight: 1 }]),
    );
    await lenient.tm.profiles.delete(RG, 'kid');
  });
});

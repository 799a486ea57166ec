import { beforeEach, describe, expect, it } from 'vitest';
import { geoCoverageChain } from '../../src/geo/traffic-manager-hierarchy.js';
import { evaluateTrafficManager } from '../../src/providers/azure/mock/evaluate.js';
import { createAzureMockHandler } from '../../src/providers/azure/mock/handler.js';
import { setEndpointHealth } from '../../src/providers/azure/mock/state.js';
import {
  EXTERNAL,
  failure,
  inProcessClients,
  NESTED,
  profileArmId,
  RG,
  weightedProfile,
} from './azure-mock-support.js';

describe('Traffic Manager mock through the real TrafficManagerManagementClient (in-process)', () => {
  let backend: ReturnType<typeof createAzureMockHandler>;
  let clients: ReturnType<typeof inProcessClients>;

  beforeEach(() => {
    backend = createAzureMockHandler();
    clients = inProcessClients(backend);
  });

  it('creates a weighted profile and reports its trafficmanager.net fqdn and endpoint defaults', async () => {
    const created = await clients.tm.profiles.createOrUpdate(
      RG,
      'www-eu',
      weightedProfile('www-eu', [
        { name: 'aws-fra', type: EXTERNAL, target: '203.0.113.20', weight: 700 },
        { name: 'az-weu', type: EXTERNAL, target: '203.0.113.30', weight: 300, endpointStatus: 'Disabled' },
      ]),
    );
    expect(created.dnsConfig).toEqual({ relativeName: 'www-eu', fqdn: 'www-eu.trafficmanager.net', ttl: 60 });
    expect(created.endpoints?.map((e) => [e.name, e.weight, e.endpointStatus, e.endpointMonitorStatus])).toEqual([
      ['aws-fra', 700, 'Enabled', 'Online'],
      ['az-weu', 300, 'Disabled', 'Disabled'],
    ]);
    const listed = [];
    for await (const profile of clients.tm.profiles.listByResourceGroup(RG)) listed.push(profile.name);
    expect(listed).toEqual(['www-eu']);
  });

  it('refuses weight 0 with 400 BadRequest', async () => {
    const result = await failure(
      clients.tm.profiles.createOrUpdate(
        RG,
        'zero',
        weightedProfile('zero', [{ name: 'drained', type: EXTERNAL, target: '203.0.113.1', weight: 0 }]),
      ),
    );
    expect(result).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    expect(result.message).toContain('from 1 to 1000');
    expect(await failure(clients.tm.profiles.get(RG, 'zero'))).toMatchObject({ statusCode: 404 });
  });

  it('refuses a geographic code mapped to two endpoints with 400 BadRequest', async () => {
    const result = await failure(
      clients.tm.profiles.createOrUpdate(RG, 'geo', {
        location: 'global',
        trafficRoutingMethod: 'Geographic',
        dnsConfig: { relativeName: 'geo', ttl: 60 },
        endpoints: [
          { name: 'eu-1', type: EXTERNAL, target: '203.0.113.1', geoMapping: ['GEO-EU', 'DE'] },
          { name: 'eu-2', type: EXTERNAL, target: '203.0.113.2', geoMapping: ['DE'] },
        ],
      }),
    );
    expect(result).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    expect(result.message).toContain("'DE' is mapped to both endpoint 'eu-1' and endpoint 'eu-2'");
    const unknown = await failure(
      clients.tm.profiles.createOrUpdate(RG, 'geo', {
        location: 'global',
        trafficRoutingMethod: 'Geographic',
        dnsConfig: { relativeName: 'geo', ttl: 60 },
        endpoints: [{ name: 'eu', type: EXTERNAL, target: '203.0.113.1', geoMapping: ['EUROPE'] }],
      }),
    );
    expect(unknown).toMatchObject({ statusCode: 400, code: 'BadRequest' });
  });

  it('keeps relative DNS names unique and nested targets existing', async () => {
    await clients.tm.profiles.createOrUpdate(
      RG,
      'a',
      weightedProfile('shared', [{ name: 'x', type: EXTERNAL, target: '192.0.2.1' }]),
    );
    expect(
      await failure(
        clients.tm.profiles.createOrUpdate(
          RG,
          'b',
          weightedProfile('shared', [{ name: 'x', type: EXTERNAL, target: '192.0.2.1' }]),
        ),
      ),
    ).toMatchObject({ statusCode: 409, code: 'Conflict' });
    expect(
      await failure(
        clients.tm.profiles.createOrUpdate(
          RG,
          'b',
          weightedProfile('b', [{ name: 'child', type: NESTED, targetResourceId: profileArmId('missing') }]),
        ),
      ),
    ).toMatchObject({ statusCode: 400, code: 'BadRequest' });
  });

  it('enforces the endpoints-per-profile limit (configurable, 200 by default)', async () => {
    const small = inProcessClients(createAzureMockHandler({ limits: { endpointsPerProfile: 2 } }));
    const endpoints = [1, 2, 3].map((n) => ({ name: `e${n}`, type: EXTERNAL, target: `192.0.2.${n}` }));
    expect(
      await failure(small.tm.profiles.createOrUpdate(RG, 'many', weightedProfile('many', endpoints))),
    ).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    const created = await small.tm.profiles.createOrUpdate(RG, 'many', weightedProfile('many', endpoints.slice(0, 2)));
    expect(created.endpoints).toHaveLength(2);
  });

  it('updates one endpoint through the endpoints sub-resource', async () => {
    await clients.tm.profiles.createOrUpdate(
      RG,
      'p',
      weightedProfile('p', [
        { name: 'one', type: EXTERNAL, target: '192.0.2.1', weight: 1 },
        { name: 'two', type: EXTERNAL, target: '192.0.2.2', weight: 1 },
      ]),
    );
    const updated = await clients.tm.endpoints.update(RG, 'p', 'ExternalEndpoints', 'two', { weight: 9 });
    expect(updated.weight).toBe(9);
    expect(updated.target).toBe('192.0.2.2');
    expect(
      await failure(clients.tm.endpoints.update(RG, 'p', 'ExternalEndpoints', 'two', { weight: 0 })),
    ).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    const profile = await clients.tm.profiles.get(RG, 'p');
    expect(profile.endpoints?.map((e) => e.weight)).toEqual([1, 9]);
  });
});

describe('evaluateTrafficManager on a geographic → nested weighted tree', () => {
  it('walks the most specific mapping and splits by weight, giving disabled endpoints no share', async () => {
    const backend = createAzureMockHandler();
    const { tm } = inProcessClients(backend);
    await tm.profiles.createOrUpdate(
      RG,
      'eu-split',
      weightedProfile('eu-split', [
        { name: 'aws-fra', type: EXTERNAL, target: '203.0.113.20', weight: 3 },
        { name: 'az-weu', type: EXTERNAL, target: '203.0.113.30', weight: 1 },
        { name: 'az-drained', type: EXTERNAL, target: '203.0.113.40', weight: 1000, endpointStatus: 'Disabled' },
      ]),
    );
    await tm.profiles.createOrUpdate(
      RG,
      'us-split',
      weightedProfile('us-split', [
        { name: 'aws-use1', type: EXTERNAL, target: '203.0.113.10', weight: 1 },
        { name: 'aws-usw2', type: EXTERNAL, target: '203.0.113.11', weight: 1 },
      ]),
    );
    await tm.profiles.createOrUpdate(RG, 'root', {
      location: 'global',
      trafficRoutingMethod: 'Geographic',
      dnsConfig: { relativeName: 'root', ttl: 60 },
      endpoints: [
        {
          name: 'eu',
          type: NESTED,
          targetResourceId: profileArmId('eu-split'),
          geoMapping: ['GEO-EU'],
          minChildEndpoints: 1,
        },
        { name: 'us', type: NESTED, targetResourceId: profileArmId('us-split'), geoMapping: ['US', 'GEO-NA'] },
        { name: 'california', type: EXTERNAL, target: '203.0.113.99', geoMapping: ['US-CA'] },
      ],
    });
    const root = profileArmId('root');
    let state = await backend.store.read();

    const germany = evaluateTrafficManager(state, root, 'DE');
    expect(germany).toEqual({
      kind: 'answers',
      answers: [
        { target: '203.0.113.20', share: 0.75, path: ['root/eu (GEO-EU)', 'eu-split/aws-fra'] },
        { target: '203.0.113.30', share: 0.25, path: ['root/eu (GEO-EU)', 'eu-split/az-weu'] },
      ],
    });
    expect(evaluateTrafficManager(state, root, 'US-CA')).toMatchObject({
      answers: [{ target: '203.0.113.99', share: 1 }],
    });
    expect(evaluateTrafficManager(state, root, 'US-TX')).toMatchObject({
      answers: [
        { target: '203.0.113.10', share: 0.5 },
        { target: '203.0.113.11', share: 0.5 },
      ],
    });
    expect(evaluateTrafficManager(state, root, 'JP')).toMatchObject({ kind: 'nodata' });

    await backend.store.update((draft) => setEndpointHealth(draft, profileArmId('eu-split'), 'aws-fra', 'Degraded'));
    state = await backend.store.read();
    expect(evaluateTrafficManager(state, root, 'FR')).toMatchObject({
      answers: [{ target: '203.0.113.30', share: 1 }],
    });

    // All enabled endpoints unhealthy: Traffic Manager fails open to them, still never to a disabled one.
    await backend.store.update((draft) => setEndpointHealth(draft, profileArmId('eu-split'), 'az-weu', 'Degraded'));
    state = await backend.store.read();
    const failOpen = evaluateTrafficManager(state, root, 'FR');
    expect(failOpen.kind === 'answers' && failOpen.answers.map((a) => [a.target, a.share])).toEqual([
      ['203.0.113.20', 0.75],
      ['203.0.113.30', 0.25],
    ]);
  });

  it('covers a location with its state, country, region group and WORLD, most specific first', () => {
    expect(geoCoverageChain('US-CA')).toEqual(['US-CA', 'US', 'GEO-NA', 'WORLD']);
    expect(geoCoverageChain('TR')).toEqual(['TR', 'GEO-ME', 'WORLD']);
    expect(geoCoverageChain('ZZ')).toEqual(['WORLD']);
    // The current hierarchy has no GB subdivisions: England is covered from GB on.
    expect(geoCoverageChain('GB-ENG')).toEqual(['GB', 'GEO-EU', 'WORLD']);
  });

  // Source: "Country/Region hierarchy used by Azure Traffic Manager for geographic traffic routing
  // method", current revision: no GB-ENG/NIR/SCT/WLS (the 2017 revision had them), no CG.
  it.each(['GB-ENG', 'GB-SCT', 'CG'])(
    'refuses geoMapping %s, which the current published hierarchy lacks',
    async (code) => {
      const clients = inProcessClients(createAzureMockHandler());
      const refused = await failure(
        clients.tm.profiles.createOrUpdate(RG, 'geo', {
          location: 'global',
          trafficRoutingMethod: 'Geographic',
          dnsConfig: { relativeName: 'geo', ttl: 60 },
          endpoints: [{ name: 'x', type: EXTERNAL, target: '203.0.113.1', geoMapping: [code] }],
        }),
      );
      expect(refused).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    },
  );

  it('serves the current published hierarchy from trafficManagerGeographicHierarchies/default', async () => {
    const clients = inProcessClients(createAzureMockHandler());
    const { geographicHierarchy: root } = await clients.tm.geographicHierarchies.getDefault();
    expect(root?.code).toBe('WORLD');
    const groups = root?.regions ?? [];
    expect(groups.map((g) => g.code)).toEqual([
      'GEO-EU',
      'GEO-ME',
      'GEO-NA',
      'GEO-AS',
      'GEO-AF',
      'GEO-AN',
      'GEO-SA',
      'GEO-AP',
    ]);
    const europe = groups.find((g) => g.code === 'GEO-EU')!.regions ?? [];
    expect(europe.find((c) => c.code === 'GB')).toEqual({ code: 'GB', name: 'United Kingdom', regions: [] });
    expect(europe.map((c) => c.code)).toContain('XK');
    const africa = (groups.find((g) => g.code === 'GEO-AF')!.regions ?? []).map((c) => c.code);
    expect(africa).not.toContain('CG');
    expect(africa).toContain('CD');
  });
});

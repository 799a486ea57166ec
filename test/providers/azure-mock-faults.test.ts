import { DnsManagementClient } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { afterEach, describe, expect, it } from 'vitest';
import { createAzureMockHandler } from '../../src/providers/azure/mock/handler.js';
import { createMockCredential } from '../../src/providers/azure/mock/http-client.js';
import { type AzureMockServer, startAzureMock } from '../../src/providers/azure/mock/server.js';
import {
  EXTERNAL,
  FAST_RETRIES,
  failure,
  inProcessClients,
  profileArmId,
  RG,
  SUB,
  weightedProfile,
  ZONE,
} from './azure-mock-support.js';

const A = { ttl: 60, aRecords: [{ ipv4Address: '203.0.113.10' }] };

describe('throttling and faults (in-process)', () => {
  it('answers injected 429s with Retry-After, and the SDK retries them to success', async () => {
    const backend = createAzureMockHandler({
      faults: {
        rules: [{ kind: 'throttle', retryAfterSeconds: 0, operations: ['RecordSets_CreateOrUpdate'], times: 2 }],
      },
    });
    const { dns } = inProcessClients(backend);
    await dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
    const created = await dns.recordSets.createOrUpdate(RG, ZONE, 'www', 'A', A);
    expect(created.aRecords).toEqual(A.aRecords);
    expect(backend.stats()).toMatchObject({
      calls: { Zones_CreateOrUpdate: 1, RecordSets_CreateOrUpdate: 3 },
      throttled: 2,
      faulted: 2,
    });
  });

  it('throttles a zone past its write budget with ResourceRequestsThrottled, and the SDK waits and retries', async () => {
    const raw = createAzureMockHandler({
      rateLimits: { writesPerWindow: 2, getsPerWindow: 100, listsPerWindow: 100, windowMs: 60_000 },
    });
    const { dns } = inProcessClients(raw);
    await dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
    await dns.recordSets.createOrUpdate(RG, ZONE, 'a', 'A', A);
    await dns.recordSets.createOrUpdate(RG, ZONE, 'b', 'A', A);
    const response = await raw.handle({
      method: 'PUT',
      url: `https://management.mock/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/dnsZones/${ZONE}/A/c?api-version=2018-05-01`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: A }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    expect(JSON.parse(response.body)).toMatchObject({
      error: {
        code: 'ResourceRequestsThrottled',
        message: expect.stringContaining("exceeded the limit of '2' for time interval '00:01:00'"),
      },
    });

    // A one-second window: the SDK honours Retry-After: 1 and the retry lands in the next window.
    const fast = createAzureMockHandler({
      rateLimits: { writesPerWindow: 1, getsPerWindow: 100, listsPerWindow: 100, windowMs: 1000 },
    });
    const clients = inProcessClients(fast);
    await clients.dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
    await clients.dns.recordSets.createOrUpdate(RG, ZONE, 'a', 'A', A);
    // Refused once, then accepted: the retry came only after the window rolled over (no clock read).
    await clients.dns.recordSets.createOrUpdate(RG, ZONE, 'b', 'A', A);
    expect(fast.stats()).toMatchObject({ calls: { RecordSets_CreateOrUpdate: 3 }, throttled: 1 });
    expect((await clients.dns.recordSets.get(RG, ZONE, 'b', 'A')).aRecords).toEqual(A.aRecords);
  });

  it('injects 503s and connection resets, which the SDK retries; 500 storms exhaust its retries', async () => {
    const backend = createAzureMockHandler({
      faults: {
        rules: [
          { kind: 'status', status: 503, operations: ['RecordSets_Get'], times: 1 },
          { kind: 'reset', operations: ['RecordSets_Get'], times: 1 },
          { kind: 'status', status: 500, operations: ['Zones_Get'] },
        ],
      },
    });
    const { dns } = inProcessClients(backend);
    await dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
    await dns.recordSets.createOrUpdate(RG, ZONE, 'www', 'A', A);
    expect((await dns.recordSets.get(RG, ZONE, 'www', 'A')).ttl).toBe(60);
    expect(backend.stats().calls.RecordSets_Get).toBe(3);
    expect(await failure(dns.zones.get(RG, ZONE))).toMatchObject({ statusCode: 500, code: 'InternalServerError' });
    expect(backend.stats().calls.Zones_Get).toBe(4);
  });

  it('fires probabilistic faults reproducibly for a given seed', async () => {
    async function run(seed: number): Promise<number> {
      const backend = createAzureMockHandler({
        faults: { seed, rules: [{ kind: 'status', status: 503, probability: 0.5, operations: ['Zones_Get'] }] },
      });
      const { dns } = inProcessClients(backend);
      await dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
      for (let index = 0; index < 10; index++) await dns.zones.get(RG, ZONE).catch(() => undefined);
      return backend.stats().faulted;
    }
    const first = await run(7);
    expect(first).toBeGreaterThan(0);
    expect(await run(7)).toBe(first);
  });

  it('gives up on a hung request when the caller aborts it', async () => {
    const backend = createAzureMockHandler({ faults: { rules: [{ kind: 'timeout', delayMs: 10_000 }] } });
    const { dns } = inProcessClients(backend);
    // The mock holds the request for 10 s; the abort is the caller's own signal after 100 ms.
    const result = await failure(dns.zones.get(RG, ZONE, { abortSignal: AbortSignal.timeout(100) }));
    expect(result.message).toMatch(/abort/i);
  });
});

describe('loopback HTTPS server with the real SDK clients', () => {
  let server: AzureMockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves DNS and Traffic Manager over TLS with the test certificate', async () => {
    server = await startAzureMock({ faults: { rules: [{ kind: 'reset', operations: ['Profiles_Get'], times: 1 }] } });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const credential = createMockCredential();
    const dns = new DnsManagementClient(credential, SUB, { ...server.clientOptions(), ...FAST_RETRIES });
    const tm = new TrafficManagerManagementClient(credential, SUB, { ...server.clientOptions(), ...FAST_RETRIES });

    await dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
    await tm.profiles.createOrUpdate(
      RG,
      'www',
      weightedProfile('www-loop', [{ name: 'use1', type: EXTERNAL, target: '203.0.113.10', weight: 5 }]),
    );
    await dns.recordSets.createOrUpdate(RG, ZONE, 'www', 'A', { ttl: 60, targetResource: { id: profileArmId('www') } });
    const alias = await dns.recordSets.get(RG, ZONE, 'www', 'A');
    expect(alias.targetResource?.id).toBe(profileArmId('www'));

    // The first profile GET has its socket destroyed; the SDK sees ECONNRESET and retries.
    const profile = await tm.profiles.get(RG, 'www');
    expect(profile.dnsConfig?.fqdn).toBe('www-loop.trafficmanager.net');
    expect(server.backend.stats().calls.Profiles_Get).toBe(2);

    const stale = await failure(dns.recordSets.createOrUpdate(RG, ZONE, 'www', 'A', A, { ifNoneMatch: '*' }));
    expect(stale).toMatchObject({ statusCode: 412, code: 'PreconditionFailed' });
  });

  it('is refused by a client that does not trust the test certificate', async () => {
    server = await startAzureMock();
    const { tlsOptions: _ignored, ...untrusted } = server.clientOptions();
    const dns = new DnsManagementClient(createMockCredential(), SUB, { ...untrusted, retryOptions: { maxRetries: 0 } });
    const result = await failure(dns.zones.get(RG, ZONE));
    expect(result.message).toMatch(/certificate/i);
  });
});

describe('in-process helper wiring', () => {
  it('sends every request through the mock handler, never the network', async () => {
    const backend = createAzureMockHandler();
    const { dns, tm } = inProcessClients(backend);
    await dns.zones.createOrUpdate(RG, ZONE, { location: 'global' });
    await tm.profiles.createOrUpdate(
      RG,
      'p',
      weightedProfile('p', [{ name: 'e', type: EXTERNAL, target: '192.0.2.1' }]),
    );
    expect(backend.stats()).toMatchObject({
      calls: { Zones_CreateOrUpdate: 1, Profiles_CreateOrUpdate: 1 },
      total: 2,
      errors: 0,
    });
  });
});

/**
 * Traffic Manager's control-plane throttling (Microsoft, "Traffic Manager limits",
 * includes/traffic-manager-limits.md, 2025-05-05: per subscription, per minute, "typically over a
 * 20-second interval", 429 with retry-after): the mock enforces it (the stricter reading: a third
 * of each per-minute figure per 20 seconds), and the client paces its requests so the mock, and
 * Azure, need not refuse them. Every clock here is fake: nothing depends on timing.
 */
import { DnsManagementClient, getContinuationToken } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { AzureProvider } from '../../src/policy/types.js';
import { createAdapterFromClients } from '../../src/providers/azure/adapter.js';
import { createRequestMeter } from '../../src/providers/azure/meter.js';
import {
  createAzureMockHandler,
  createMockCredential,
  inProcessClientOptions,
} from '../../src/providers/azure/mock/index.js';
import { DOCUMENTED_TRAFFIC_MANAGER_RATE_LIMITS } from '../../src/providers/azure/mock/rate-limits.js';
import { matchTrafficManagerRoute } from '../../src/providers/azure/mock/traffic-manager-routes.js';
import {
  perWindow,
  TRAFFIC_MANAGER_PER_MINUTE,
  type TrafficManagerRateClass,
  trafficManagerClass,
} from '../../src/providers/azure/tm-limits.js';
import { trafficManagerPacing, trafficManagerRate } from '../../src/providers/azure/tm-pacing.js';
import { profileBody } from '../../src/render/azure-bodies.js';
import { DEFAULT_MONITOR } from '../../src/render/azure-monitor.js';
import type { Resource } from '../../src/render/types.js';
import { EXTERNAL, inProcessClients, RG, weightedProfile } from './azure-mock-support.js';

/**
 * Virtual time: `sleep` resolves when the clock reaches its deadline, and the clock moves only
 * to the earliest pending deadline once everything else has settled (`run` drives it), so
 * concurrent sleepers see one consistent clock.
 */
function fakeTime(start = 1_000_000) {
  let now = start;
  const timers: { at: number; resolve: () => void }[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    clock: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
    advance: (ms: number) => {
      now += ms;
    },
    /** Awaits `work`, moving the clock from deadline to deadline while it waits. */
    async run<T>(work: Promise<T>): Promise<T> {
      let done = false;
      const result = work.finally(() => {
        done = true;
      });
      while (!done) {
        await settle();
        if (done || timers.length === 0) continue;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift()!;
        now = Math.max(now, next.at);
        next.resolve();
      }
      return result;
    },
  };
}

const NO_DNS_LIMITS = { writesPerWindow: 1e9, getsPerWindow: 1e9, listsPerWindow: 1e9, windowMs: 60_000 };

describe('the mock throttles Traffic Manager per subscription', () => {
  it('refuses the 201st profile write within 20 seconds with 429 and retry-after, and takes it after the window', async () => {
    const time = fakeTime();
    const backend = createAzureMockHandler({
      rateLimits: { ...NO_DNS_LIMITS, trafficManager: DOCUMENTED_TRAFFIC_MANAGER_RATE_LIMITS },
      limits: { profilesPerSubscription: 1000 },
      now: time.clock,
    });
    const clients = inProcessClients(backend);
    const leaf = (name: string) =>
      weightedProfile(name, [{ name: 'a', type: EXTERNAL, target: '192.0.2.1', weight: 1 }]);
    for (let i = 0; i < 200; i++) await clients.tm.profiles.createOrUpdate(RG, `p${i}`, leaf(`p${i}`));
    const raw = await backend.handle({
      method: 'PUT',
      url: `https://management.mock/subscriptions/00000000-0000-0000-0000-00000000c0de/resourceGroups/${RG}/providers/Microsoft.Network/trafficmanagerprofiles/p200?api-version=2022-04-01`,
      headers: {},
      body: JSON.stringify(leaf('p200')),
    });
    expect(raw.status).toBe(429);
    expect(raw.headers['retry-after']).toBe('20');
    expect(JSON.parse(raw.body).error.code).toBe('ResourceRequestsThrottled');
    // Other budgets are separate: a read still goes through.
    expect((await clients.tm.profiles.get(RG, 'p0')).name).toBe('p0');
    time.advance(20_000);
    await clients.tm.profiles.createOrUpdate(RG, 'p200', leaf('p200'));
    expect(backend.stats().throttled).toBe(1);
  });

  it('documents a third of each per-minute figure per 20 seconds', () => {
    expect(DOCUMENTED_TRAFFIC_MANAGER_RATE_LIMITS).toEqual({
      windowMs: 20_000,
      perWindow: {
        'profile-write': 200,
        'profile-get': 150,
        'profile-delete': 50,
        'profile-list': 150,
        'name-availability': 100,
        'endpoint-write': 100,
        'endpoint-get': 500,
        'geo-hierarchy': 50,
      },
    });
  });
});

describe('the client classifies Traffic Manager requests as the mock does', () => {
  it('every operation the SDK sends, into the same budget the mock counts it in', async () => {
    const seen: { method: string; path: string }[] = [];
    const backend = createAzureMockHandler();
    const options = {
      ...inProcessClientOptions(backend),
      additionalPolicies: [
        {
          position: 'perCall' as const,
          policy: {
            name: 'record',
            sendRequest: (request: { method: string; url: string }, next: (r: never) => Promise<PipelineResponse>) => {
              seen.push({ method: request.method, path: new URL(request.url).pathname });
              return next(request as never);
            },
          },
        },
      ],
    };
    const sub = '00000000-0000-0000-0000-00000000c0de';
    const tm = new TrafficManagerManagementClient(createMockCredential(), sub, options);
    const dns = new DnsManagementClient(createMockCredential(), sub, options);
    const body = weightedProfile('cls', [{ name: 'a', type: EXTERNAL, target: '192.0.2.1', weight: 1 }]);
    await tm.profiles.createOrUpdate(RG, 'cls', body);
    await tm.profiles.update(RG, 'cls', { profileStatus: 'Enabled' });
    await tm.profiles.get(RG, 'cls');
    for await (const _ of tm.profiles.listByResourceGroup(RG));
    for await (const _ of tm.profiles.listBySubscription());
    await tm.endpoints.createOrUpdate(RG, 'cls', 'ExternalEndpoints', 'b', { target: '192.0.2.2', weight: 1 });
    await tm.endpoints.get(RG, 'cls', 'ExternalEndpoints', 'b');
    await tm.endpoints.delete(RG, 'cls', 'ExternalEndpoints', 'b');
    await tm.geographicHierarchies.getDefault();
    await tm.profiles.checkTrafficManagerNameAvailabilityV2({
      name: 'x',
      type: 'Microsoft.Network/trafficManagerProfiles',
    });
    await tm.profiles.delete(RG, 'cls');
    await dns.zones.createOrUpdate(RG, 'example.com', { location: 'global' });
    const classes = new Set<string>();
    for (const { method, path } of seen) {
      const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
      const route = matchTrafficManagerRoute({ method, segments });
      const client = trafficManagerClass(method, path);
      expect(client, `${method} ${path}`).toBe(route?.rate?.kind);
      if (client !== undefined) classes.add(client);
    }
    expect([...classes].sort()).toEqual(Object.keys(TRAFFIC_MANAGER_PER_MINUTE).sort());
  });
});

describe('pacing keeps every 20-second interval within the documented budget', () => {
  const KINDS = Object.keys(TRAFFIC_MANAGER_PER_MINUTE) as TrafficManagerRateClass[];

  it('token buckets: a burst of two seconds’ worth, then the rest of the interval’s allowance', () => {
    expect(trafficManagerRate('profile-write')).toEqual({ burst: 20, ratePerSecond: 9 });
    expect(trafficManagerRate('profile-delete')).toEqual({ burst: 5, ratePerSecond: 2.25 });
  });

  it('for any burst of requests, no sliding 20-second window carries more than the mock allows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KINDS), fc.integer({ min: 1, max: 700 }), async (kind, count) => {
        const time = fakeTime();
        const sent: number[] = [];
        const waits: number[] = [];
        const policy = trafficManagerPacing('test', (ms) => waits.push(ms), time);
        const request = createPipelineRequest({
          url: urlFor(kind),
          method: methodFor(kind),
          headers: createHttpHeaders(),
        });
        await time.run(
          Promise.all(
            Array.from({ length: count }, () =>
              policy.sendRequest(request, async () => {
                sent.push(time.clock());
                return { request, status: 200, headers: createHttpHeaders() };
              }),
            ),
          ),
        );
        const limit = perWindow(kind);
        sent.sort((a, b) => a - b);
        for (let i = 0, j = 0; i < sent.length; i++) {
          while (sent[i]! - sent[j]! >= 20_000) j++;
          expect(i - j + 1).toBeLessThanOrEqual(limit);
        }
        expect(waits.length > 0).toBe(count > trafficManagerRate(kind).burst);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('an apply of 260 profiles against the throttling mock: paced, never refused', async () => {
    const time = fakeTime();
    const backend = createAzureMockHandler({
      rateLimits: { ...NO_DNS_LIMITS, trafficManager: DOCUMENTED_TRAFFIC_MANAGER_RATE_LIMITS },
      limits: { profilesPerSubscription: 1000 },
      now: time.clock,
    });
    const result = loadPolicy(
      `version: 1
providers:
  az: { type: azure, zone: example.com, subscription: 00000000-0000-0000-0000-00000000c0de, resourceGroup: ${RG}, backend: mock, trafficManager: { profilePrefix: tp } }
endpoints:
  e: { cloud: aws, region: us-east-1, a: [192.0.2.1] }
services:
  - { name: www.example.com, ttl: 60, endpoints: [e], publish: [az] }
`,
      'p.yaml',
    );
    if (!result.ok) throw new Error('policy');
    const provider = result.policy.providers[0] as AzureProvider;
    const meter = createRequestMeter();
    const options = {
      ...inProcessClientOptions(backend),
      retryOptions: { maxRetries: 0 },
      additionalPolicies: [
        {
          policy: trafficManagerPacing('apply', (ms) => meter.onWait?.(ms, 'pacing'), time),
          position: 'perRetry' as const,
        },
        { policy: meter.policy, position: 'perRetry' as const },
      ],
    };
    const adapter = createAdapterFromClients(provider, {
      dns: new DnsManagementClient(createMockCredential(), provider.subscription, options),
      tm: new TrafficManagerManagementClient(createMockCredential(), provider.subscription, options),
      continuationToken: getContinuationToken,
      meter,
    });
    const live = await adapter.read(['www.example.com']);
    const creates = Array.from({ length: 260 }, (_, i) => ({
      action: 'create' as const,
      key: `azure.tm-profile|tp-w-${String(i).padStart(12, '0')}`,
      after: profile(i),
    }));
    const waits: string[] = [];
    const report = await time.run(adapter.apply(creates, live, { onWait: (e) => waits.push(e.reason) }));
    expect(report.changes).toBe(260);
    expect(backend.stats().throttled).toBe(0);
    expect(waits.length).toBeGreaterThan(0);
    expect(new Set(waits)).toEqual(new Set(['pacing']));
    // 260 writes: 200 fit the first 20 seconds at most, so the apply took at least that long.
    expect(time.clock() - 1_000_000).toBeGreaterThanOrEqual(20_000);
  });
});

function profile(i: number): Resource {
  const body = profileBody({
    tags: { trafficport: 'owned', 'trafficport-shared': 'weighted' },
    profileStatus: 'Enabled',
    trafficRoutingMethod: 'Weighted',
    relativeName: `tp-w-${i}-rel`,
    ttl: 60,
    monitor: DEFAULT_MONITOR,
    endpoints: [{ name: 'e', type: EXTERNAL, target: '192.0.2.1', endpointStatus: 'Enabled', weight: 1 }],
  });
  return { kind: 'azure.tm-profile', key: `azure.tm-profile|tp-w-${String(i).padStart(12, '0')}`, body };
}

const BASE =
  'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/trafficmanagerprofiles';

function urlFor(kind: TrafficManagerRateClass): string {
  switch (kind) {
    case 'profile-list':
      return BASE;
    case 'endpoint-write':
    case 'endpoint-get':
      return `${BASE}/p/externalEndpoints/e`;
    case 'geo-hierarchy':
      return 'https://management.azure.com/providers/Microsoft.Network/trafficManagerGeographicHierarchies/default';
    case 'name-availability':
      return 'https://management.azure.com/providers/Microsoft.Network/checkTrafficManagerNameAvailability';
    default:
      return `${BASE}/p`;
  }
}

function methodFor(kind: TrafficManagerRateClass): 'GET' | 'PUT' | 'DELETE' | 'POST' {
  if (kind === 'profile-write' || kind === 'endpoint-write') return 'PUT';
  if (kind === 'profile-delete') return 'DELETE';
  if (kind === 'name-availability') return 'POST';
  return 'GET';
}

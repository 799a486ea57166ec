import { readFileSync } from 'node:fs';
import { type Change, ChangeResourceRecordSetsCommand, CreateHostedZoneCommand } from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { diffResources } from '../../src/plan/diff.js';
import type { LiveState } from '../../src/plan/types.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Route53Provider } from '../../src/policy/types.js';
import { memoryStore } from '../../src/providers/mock/state-store.js';
import {
  accountPacer,
  awsAccount,
  mockBackendAccount,
  rateFromEnv,
} from '../../src/providers/route53/account-pacing.js';
import { createRoute53Adapter, createRoute53Client } from '../../src/providers/route53/client.js';
import {
  createRoute53Backend,
  emptyRoute53State,
  type Route53MockBackend,
} from '../../src/providers/route53/mock/index.js';
import { createRequestPacer, type RequestPacer } from '../../src/providers/route53/pacing.js';
import { PACING_MIDDLEWARE } from '../../src/providers/route53/pacing-middleware.js';
import { renderRoute53 } from '../../src/render/route53.js';
import { solve } from '../../src/solve/solve.js';
import { immediateRetry, inProcessClient } from './route53-mock-helpers.js';

/**
 * Requests wait for the account's token bucket instead of being refused. Time is fake
 * throughout: the pacer and the mock read one clock, and sleeping moves it forward.
 */

function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  const timers: { at: number; wake: () => void }[] = [];
  let driving = false;
  // Virtual timers: the earliest sleeper wakes, and everything it sets off runs (its request
  // reaches the mock) before the clock moves on to the next one, as with real timers.
  const drive = async () => {
    if (driving) return;
    driving = true;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 0));
      timers.sort((left, right) => left.at - right.at);
      const next = timers.shift();
      if (next === undefined) break;
      now = Math.max(now, next.at);
      next.wake();
    }
    driving = false;
  };
  return {
    clock: () => now,
    sleeps,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        sleeps.push(ms);
        timers.push({ at: now + ms, wake });
        void drive();
      }),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('request pacer (token bucket)', () => {
  it('lets a burst through, then one request per token, first come first served', async () => {
    const time = fakeTime();
    const pacer = createRequestPacer({ ratePerSecond: 2, burst: 3 }, time.clock, time.sleep);
    const waits = await Promise.all(Array.from({ length: 6 }, () => pacer.take()));
    expect(waits).toEqual([0, 0, 0, 500, 1000, 1500]);
    expect(time.clock()).toBe(1500);
  });

  it('refills at the rate up to the burst, never beyond', async () => {
    const time = fakeTime();
    const pacer = createRequestPacer({ ratePerSecond: 4, burst: 2 }, time.clock, time.sleep);
    await Promise.all([pacer.take(), pacer.take()]);
    time.advance(250); // one token
    expect(await pacer.take()).toBe(0);
    expect(await pacer.take()).toBe(250);
    time.advance(60_000); // a minute idle refills two, not 240
    expect(await Promise.all([pacer.take(), pacer.take(), pacer.take()])).toEqual([0, 0, 250]);
  });

  it('tells onWait about a wait before it starts, and rounds waits up to whole milliseconds', async () => {
    const time = fakeTime();
    const pacer = createRequestPacer({ ratePerSecond: 3, burst: 1 }, time.clock, time.sleep);
    const heard: string[] = [];
    await pacer.take((ms) => heard.push(`wait ${ms}`));
    await pacer.take((ms) => heard.push(`wait ${ms} at ${time.clock()}`));
    expect(heard).toEqual(['wait 334 at 0']);
    expect(time.sleeps).toEqual([334]);
  });

  it('sleeps again when a timer wakes before the token is due', async () => {
    let now = 0;
    const early = async (ms: number) => {
      now += ms > 5 ? ms - 5 : ms; // a timer that fires up to 5 ms early
    };
    const pacer = createRequestPacer({ ratePerSecond: 10, burst: 1 }, () => now, early);
    await pacer.take();
    await pacer.take();
    expect(now).toBeGreaterThanOrEqual(100);
  });
});

describe('which bucket a client draws from', () => {
  const aws: Route53Provider = { id: 'a', type: 'route53', zone: 'example.com', backend: 'aws', healthChecks: false };
  const mock: Route53Provider = { ...aws, backend: 'mock' };
  const stack = (client: ReturnType<typeof createRoute53Client>) => client.middlewareStack.identify();

  it('reads TRAFFICPORT_ROUTE53_RATE: rate, rate and burst, off; rejects anything else', () => {
    expect(rateFromEnv({})).toBeUndefined();
    expect(rateFromEnv({ TRAFFICPORT_ROUTE53_RATE: '4' })).toEqual({ ratePerSecond: 4, burst: 4 });
    expect(rateFromEnv({ TRAFFICPORT_ROUTE53_RATE: '2.5, 20' })).toEqual({ ratePerSecond: 2.5, burst: 20 });
    expect(rateFromEnv({ TRAFFICPORT_ROUTE53_RATE: 'off' })).toBe(false);
    for (const bad of ['fast', '-1', '5,0', '5/50']) {
      expect(() => rateFromEnv({ TRAFFICPORT_ROUTE53_RATE: bad })).toThrow(
        expect.objectContaining({ code: 'PROVIDER.BAD_RATE' }),
      );
    }
  });

  it('shares one pacer per account and rate in the process', () => {
    const rate = { ratePerSecond: 10, burst: 50 };
    expect(accountPacer('aws profile prod', rate)).toBe(accountPacer('aws profile prod', rate));
    expect(accountPacer('aws profile prod', rate)).not.toBe(accountPacer('aws profile dev', rate));
    expect(awsAccount({ AWS_PROFILE: 'prod' })).toBe('aws profile prod');
    expect(awsAccount({ AWS_ACCESS_KEY_ID: 'AKIDX', AWS_PROFILE: 'prod' })).toBe('aws access key AKIDX');
    expect(awsAccount({})).toBe('aws profile default');
    const backend = createRoute53Backend();
    expect(mockBackendAccount(backend)).toBe(mockBackendAccount(backend));
    expect(mockBackendAccount(backend)).not.toBe(mockBackendAccount(createRoute53Backend()));
  });

  it('paces AWS by default, the mocks only when asked, inside the retry loop and before signing', () => {
    const options = { mockStateDir: '/nonexistent', env: {} };
    const paced = stack(createRoute53Client(aws, options));
    const at = (name: string) => paced.findIndex((entry) => entry.startsWith(name));
    expect(at(PACING_MIDDLEWARE)).toBeGreaterThan(at('retryMiddleware'));
    expect(at(PACING_MIDDLEWARE)).toBeLessThan(at('httpSigningMiddleware'));
    const paces = (client: ReturnType<typeof createRoute53Client>) =>
      stack(client).some((entry) => entry.startsWith(PACING_MIDDLEWARE));
    expect(paces(createRoute53Client(mock, options))).toBe(false);
    expect(paces(createRoute53Client(mock, { ...options, env: { TRAFFICPORT_ROUTE53_RATE: '10' } }))).toBe(true);
    expect(paces(createRoute53Client(aws, { ...options, env: { TRAFFICPORT_ROUTE53_RATE: 'off' } }))).toBe(false);
    expect(paces(createRoute53Client(mock, { ...options, pacing: { ratePerSecond: 1, burst: 1 } }))).toBe(true);
  });
});

/** Zones z0…z(n-1).example, 12 services each with two sets; listed 2 sets to a page. */
async function estate(zones: number) {
  const store = memoryStore(emptyRoute53State());
  const setup = inProcessClient(createRoute53Backend({ store }));
  const providers: Route53Provider[] = [];
  const services = Array.from({ length: 12 }, (_, i) => `svc${i}`);
  for (let z = 0; z < zones; z++) {
    const zone = `z${z}.example`;
    const created = await setup.send(new CreateHostedZoneCommand({ Name: zone, CallerReference: zone }));
    const changes: Change[] = services.flatMap((service) =>
      ['tp:one', 'tp:two'].map((id) => ({
        Action: 'CREATE' as const,
        ResourceRecordSet: {
          Name: `${service}.${zone}`,
          Type: 'A' as const,
          SetIdentifier: id,
          Weight: 1,
          TTL: 60,
          ResourceRecords: [{ Value: '192.0.2.1' }],
        },
      })),
    );
    await setup.send(
      new ChangeResourceRecordSetsCommand({ HostedZoneId: created.HostedZone?.Id, ChangeBatch: { Changes: changes } }),
    );
    providers.push({ id: `r53-${z}`, type: 'route53', zone, backend: 'mock', healthChecks: false });
  }
  return { store, providers, servicesOf: (p: Route53Provider) => services.map((s) => `${s}.${p.zone}`) };
}

describe('providers of one account read in parallel against the rate limit', () => {
  const rate = { ratePerSecond: 2, burst: 3 };

  async function readAll(pacing: 'none' | 'per client' | 'per account') {
    const time = fakeTime();
    const world = await estate(4);
    const backend: Route53MockBackend = createRoute53Backend({
      store: world.store,
      clock: time.clock,
      rateLimit: rate,
      limits: { maxItemsPerPage: 2 },
    });
    const pacer: RequestPacer = createRequestPacer(rate, time.clock, time.sleep);
    const adapters = world.providers.map((provider) =>
      createRoute53Adapter(provider, {
        mockStateDir: '/nonexistent',
        backend,
        env: {},
        // Retries without delay: only the pacer moves the fake clock.
        clientConfig: { retryStrategy: immediateRetry(8) as never },
        ...(pacing === 'none'
          ? { pacing: false as const }
          : { pacer: pacing === 'per account' ? pacer : createRequestPacer(rate, time.clock, time.sleep) }),
      }),
    );
    const reads = Promise.all(adapters.map((a, i) => a.read(world.servicesOf(world.providers[i]!))));
    const result: { lives?: LiveState[]; error?: unknown } = await reads.then(
      (lives) => ({ lives }),
      (error: unknown) => ({ error }),
    );
    return { ...result, counters: backend.counters(), now: time.clock() };
  }

  it('without pacing, the providers are refused until the plan fails (the control)', async () => {
    const { error, counters } = await readAll('none');
    expect(error).toMatchObject({ code: 'PROVIDER.THROTTLED' });
    expect(counters.rateLimited).toBeGreaterThan(0);
  });

  it('a pacer per client is not enough: together they exceed the account rate', async () => {
    const { counters } = await readAll('per client');
    expect(counters.rateLimited).toBeGreaterThan(0);
  });

  it('with one pacer for the account, every request is served: none refused, the plan reads everything', async () => {
    const { lives, counters, now } = await readAll('per account');
    expect(lives?.map((live) => live.resources.length)).toEqual([24, 24, 24, 24]);
    expect(counters.rateLimited).toBe(0);
    expect(counters.errors.Throttling).toBeUndefined();
    // 4 × (lookup + 12 pages of 2 + ListHealthChecks): the read's minimum, and all of it at the
    // bucket's pace.
    expect(counters.total).toBe(56);
    expect(now).toBe(((56 - rate.burst) / rate.ratePerSecond) * 1000);
  });
});

describe('apply reports pacing waits', () => {
  it("emits onWait with reason 'pacing' before each request that has to wait", async () => {
    const file = new URL('../../examples/maintenance-drain.yaml', import.meta.url);
    const loaded = loadPolicy(readFileSync(file, 'utf8'), 'maintenance-drain');
    if (!loaded.ok) throw new Error('example does not load');
    const policy = loaded.policy;
    const provider = policy.providers[0] as Route53Provider;
    const time = fakeTime();
    const backend = createRoute53Backend({ clock: time.clock });
    const adapter = createRoute53Adapter(provider, {
      mockStateDir: '/nonexistent',
      backend,
      env: {},
      pacer: createRequestPacer({ ratePerSecond: 1, burst: 1 }, time.clock, time.sleep),
      adapter: { limits: { maxElements: 4, maxValueChars: 32_000 } },
    });
    const live = await adapter.read(['app.example.org']);
    const desired = renderRoute53({ policy, splits: solve(policy, Date.parse('2026-12-05T12:00:00Z')), provider });
    const waits: { ms: number; reason: string }[] = [];
    const report = await adapter.apply(diffResources(desired.resources, live.resources), live, {
      onWait: (event) => waits.push(event),
    });
    expect(report.batches).toBeGreaterThan(1);
    // The read took the only token of the burst, so every request of the apply waited a second.
    expect(waits).toEqual(
      Array.from({ length: report.calls }, () => ({ provider: 'r53', ms: 1000, reason: 'pacing' })),
    );
  });
});

import {
  ChangeResourceRecordSetsCommand,
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
  immediateRetry,
  inProcessClient,
  listAll,
  send,
  simple,
  zoneFixture,
} from './route53-mock-helpers.js';

/** Throttling, busy zones, 5xx, timeouts and resets, and the counters that record them. */

const list = (zoneId: string) => new ListResourceRecordSetsCommand({ HostedZoneId: zoneId });

describe('throttling and rate limits', () => {
  it('answers Throttling (400, Sender) and the SDK retries it to success with its default strategy', async () => {
    const fixture = await zoneFixture({ faults: { throttleEvery: 2 } });
    const result = await send(fixture, [create(simple('www.example.com', '192.0.2.1'))]);
    expect(result.$metadata.attempts).toBe(2);
    expect(fixture.backend.counters()).toMatchObject({
      total: 3,
      calls: { CreateHostedZone: 1, ChangeResourceRecordSets: 2 },
      errors: { Throttling: 1 },
      faults: { throttle: 1 },
    });
  });

  it('surfaces Throttling with its message once retries are exhausted', async () => {
    const backend = createRoute53Backend({ faults: { throttleEvery: 1 } });
    const client = inProcessClient(backend, { retryStrategy: immediateRetry(3) });
    const error = await expectFailure(client.send(new ListHostedZonesCommand({})), 'Throttling', 'Rate exceeded');
    expect((error as unknown as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
    expect(backend.counters().calls.ListHostedZones).toBe(3);
  });

  it('limits the request rate with a token bucket (burst, then the refill rate)', async () => {
    let now = 0;
    const backend = createRoute53Backend({ clock: () => now, rateLimit: { ratePerSecond: 5, burst: 2 } });
    const client = inProcessClient(backend, { maxAttempts: 1 });
    await client.send(new ListHostedZonesCommand({}));
    await client.send(new ListHostedZonesCommand({}));
    await expectFailure(client.send(new ListHostedZonesCommand({})), 'Throttling');
    now += 200; // one token at 5/s
    await client.send(new ListHostedZonesCommand({}));
    expect(backend.counters().rateLimited).toBe(1);
  });

  it('has a separate bucket for ChangeResourceRecordSets', async () => {
    const fixture = await zoneFixture(
      { clock: () => 0, changeRateLimit: { ratePerSecond: 1, burst: 1 } },
      { maxAttempts: 1 },
    );
    await send(fixture, [create(simple('a.example.com', '192.0.2.1'))]);
    await expectFailure(send(fixture, [create(simple('b.example.com', '192.0.2.1'))]), 'Throttling');
    await fixture.client.send(list(fixture.zoneId));
  });
});

describe('PriorRequestNotComplete', () => {
  it('refuses a change while the zone still has one PENDING (busyWhilePending)', async () => {
    let now = 0;
    const options = { clock: () => now, busyWhilePending: true, faults: { propagationMs: 10_000 } };
    const fixture = await zoneFixture(options, { maxAttempts: 1 });
    now += 10_000; // the zone's creation has propagated
    await send(fixture, [create(simple('a.example.com', '192.0.2.1'))]);
    await expectFailure(
      send(fixture, [create(simple('b.example.com', '192.0.2.1'))]),
      'PriorRequestNotComplete',
      'The request was rejected because Route 53 was still processing a prior request.',
    );
    now += 10_000;
    await send(fixture, [create(simple('b.example.com', '192.0.2.1'))]);
  });

  it('is retried by the SDK (it is a throttling error), succeeding once the zone is INSYNC', async () => {
    let now = 0;
    const options = { clock: () => now, busyWhilePending: true, faults: { propagationMs: 8 } };
    const fixture = await zoneFixture(options, { retryStrategy: immediateRetry(3) });
    const handle = fixture.backend.handle;
    // Time moves on between attempts, as it does while the SDK backs off.
    fixture.backend.handle = async (request) => {
      const response = await handle(request);
      now += 8;
      return response;
    };
    const result = await send(fixture, [create(simple('a.example.com', '192.0.2.1'))]);
    expect(result.$metadata.attempts).toBe(2);
    expect(fixture.backend.counters().errors).toEqual({ PriorRequestNotComplete: 1 });
  });
});

describe('server faults, timeouts and resets', () => {
  let running: RunningRoute53Mock | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it.each([500, 503] as const)('answers HTTP %i, which the SDK retries', async (status) => {
    const backend = createRoute53Backend({ faults: { failEvery: 2, failStatus: status } });
    const client = inProcessClient(backend, { retryStrategy: immediateRetry(3) });
    await client.send(new ListHostedZonesCommand({}));
    const second = await client.send(new ListHostedZonesCommand({}));
    expect(second.$metadata.attempts).toBe(2);
    expect(backend.counters().errors).toEqual({ [status === 500 ? 'InternalFailure' : 'ServiceUnavailable']: 1 });
  });

  it('never answers a timed-out call in-process; the SDK times out (TimeoutError) and retries', async () => {
    const backend = createRoute53Backend({ faults: { timeoutEvery: 1, operations: ['ListHostedZones'] } });
    const failing = inProcessClient(backend, { maxAttempts: 1 });
    await expectFailure(failing.send(new ListHostedZonesCommand({}), { requestTimeout: 20 }), 'TimeoutError');
    const flaky = createRoute53Backend({ faults: { timeoutEvery: 2 } });
    const client = inProcessClient(flaky, { retryStrategy: immediateRetry(3) });
    await client.send(new ListHostedZonesCommand({}));
    const retried = await client.send(new ListHostedZonesCommand({}), { requestTimeout: 20 });
    expect(retried.$metadata.attempts).toBe(2);
    expect(flaky.counters().faults.timeout).toBe(1);
  });

  it('can lose the answer after applying the change (afterApply), so a retry sees it already done', async () => {
    const fixture = await zoneFixture(
      { faults: { timeoutEvery: 1, afterApply: true, operations: ['ChangeResourceRecordSets'] } },
      { maxAttempts: 1 },
    );
    const command = new ChangeResourceRecordSetsCommand({
      HostedZoneId: fixture.zoneId,
      ChangeBatch: { Changes: [create(simple('www.example.com', '192.0.2.1'))] },
    });
    await expectFailure(fixture.client.send(command, { requestTimeout: 20 }), 'TimeoutError');
    expect((await listAll(fixture)).sets.map((set) => set.Name)).toContain('www.example.com.');
  });

  it('over the loopback server, a timed-out call hangs until the client gives up', async () => {
    running = await startRoute53Mock({ faults: { timeoutEvery: 1, hangMs: 5_000 } });
    const client = new Route53Client({
      region: 'us-east-1',
      endpoint: running.url,
      credentials,
      maxAttempts: 1,
      requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
    });
    // The server holds the request for 5 s; a TimeoutError is the client's own 100 ms giving up.
    await expectFailure(client.send(new ListHostedZonesCommand({})), 'TimeoutError');
    client.destroy();
  });

  it('over the loopback server, a reset drops the socket and the SDK retries', async () => {
    running = await startRoute53Mock({ faults: { resetEvery: 2 } });
    const client = new Route53Client({
      region: 'us-east-1',
      endpoint: running.url,
      credentials,
      retryStrategy: immediateRetry(3),
    });
    await client.send(new ListHostedZonesCommand({}));
    const retried = await client.send(new ListHostedZonesCommand({}));
    expect(retried.$metadata.attempts).toBe(2);
    expect(running.backend.counters().faults.reset).toBe(1);
    client.destroy();
  });

  it('resets in-process surface as ECONNRESET network errors', async () => {
    const backend = createRoute53Backend({ faults: { resetEvery: 1 } });
    const client = inProcessClient(backend, { maxAttempts: 1 });
    const error = await client
      .send(new ListHostedZonesCommand({}))
      .catch((caught: unknown) => caught as { code?: string });
    expect(error).toMatchObject({ code: 'ECONNRESET' });
  });

  it('draws probabilistic faults from a seeded generator: the same seed gives the same schedule', async () => {
    const schedule = async (seed: number) => {
      const backend = createRoute53Backend({ faults: { throttleRate: 0.3, seed } });
      const client = inProcessClient(backend, { maxAttempts: 1 });
      const outcomes: string[] = [];
      for (let index = 0; index < 20; index++) {
        outcomes.push(
          await client.send(new ListHostedZonesCommand({})).then(
            () => 'ok',
            (error: Error) => error.name,
          ),
        );
      }
      return outcomes;
    };
    const first = await schedule(42);
    expect(first).toContain('Throttling');
    expect(first).toContain('ok');
    expect(await schedule(42)).toEqual(first);
  });

  it('counts calls per operation and can reset the counters', async () => {
    const fixture = await zoneFixture();
    await fixture.client.send(list(fixture.zoneId));
    await fixture.client.send(list(fixture.zoneId));
    expect(fixture.backend.counters().calls).toEqual({ CreateHostedZone: 1, ListResourceRecordSets: 2 });
    fixture.backend.resetCounters();
    await fixture.client.send(list(fixture.zoneId));
    expect(fixture.backend.counters()).toMatchObject({ total: 1, calls: { ListResourceRecordSets: 1 } });
  });
});

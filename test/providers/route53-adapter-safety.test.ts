import { readFileSync } from 'node:fs';
import {
  ChangeResourceRecordSetsCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { diffResources } from '../../src/plan/diff.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy, Route53Provider } from '../../src/policy/types.js';
import { Route53Adapter } from '../../src/providers/route53/adapter.js';
import type { BatchLimits } from '../../src/providers/route53/batches.js';
import { createRoute53Adapter, createRoute53Client } from '../../src/providers/route53/client.js';
import {
  createRoute53Backend,
  type FaultOptions,
  type Route53MockBackend,
} from '../../src/providers/route53/mock/index.js';
import type { Route53Sender } from '../../src/providers/route53/zone.js';
import { renderRoute53 } from '../../src/render/route53.js';
import { recordSetOf, recordSetResource } from '../../src/render/route53-body.js';
import { solve } from '../../src/solve/solve.js';
import { immediateRetry } from './route53-mock-helpers.js';

/** Conflicts, foreign records in the way, faults, propagation waits and broken paging. */

function example(name: string): Policy {
  const file = new URL(`../../examples/${name}.yaml`, import.meta.url);
  const loaded = loadPolicy(readFileSync(file, 'utf8'), name);
  if (!loaded.ok) throw new Error(`example ${name} does not load`);
  return loaded.policy;
}

const policy = example('maintenance-drain');
const provider = policy.providers[0] as Route53Provider;
const SERVICE = 'app.example.org';

function setup(options: { faults?: FaultOptions; standardRetry?: boolean; limits?: BatchLimits } = {}) {
  const backend = createRoute53Backend(options.faults === undefined ? {} : { faults: options.faults });
  const clientConfig = options.standardRetry ? {} : { retryStrategy: immediateRetry(8) as never };
  const adapter = createRoute53Adapter(provider, {
    mockStateDir: '/nonexistent',
    backend,
    env: {},
    clientConfig,
    adapter: { pollIntervalMs: 10, ...(options.limits === undefined ? {} : { limits: options.limits }) },
  });
  const client = createRoute53Client(provider, { mockStateDir: '/nonexistent', backend, env: {} });
  return { backend, adapter, client };
}

function desiredAt(at: string) {
  return renderRoute53({ policy, splits: solve(policy, Date.parse(at)), provider }).resources;
}

async function zoneSets(backend: Route53MockBackend): Promise<string> {
  return JSON.stringify(Object.values((await backend.store.read()).zones).map((zone) => zone.recordSets));
}

async function write(client: ReturnType<typeof setup>['client'], zoneId: string, changes: ResourceRecordSet[][]) {
  const [deletes = [], creates = []] = changes;
  await client.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: [
          ...deletes.map((set) => ({ Action: 'DELETE' as const, ResourceRecordSet: set })),
          ...creates.map((set) => ({ Action: 'CREATE' as const, ResourceRecordSet: set })),
        ],
      },
    }),
  );
}

describe('optimistic concurrency', () => {
  it('refuses with PROVIDER.CONFLICT when an owned set changed after the read, and applies nothing', async () => {
    const { backend, adapter, client } = setup();
    let live = await adapter.read([SERVICE]);
    await adapter.apply(diffResources(desiredAt('2026-12-05T12:00:00Z'), live.resources), live);
    live = await adapter.read([SERVICE]);
    const changes = diffResources(desiredAt('2026-12-06T03:00:00Z'), live.resources);
    const victim = changes.find((change) => change.action === 'update');
    if (victim?.action !== 'update') throw new Error('the drain should update an alias');
    // Someone else repoints the alias between our read and our apply.
    const zoneId = await adapter.zoneId();
    const current = {
      ...recordSetOf(victim.before),
      AliasTarget: { ...recordSetOf(victim.before).AliasTarget!, HostedZoneId: zoneId },
    };
    const edited = { ...current, AliasTarget: { ...current.AliasTarget, EvaluateTargetHealth: false } };
    await write(client, zoneId, [[current as ResourceRecordSet], [edited as ResourceRecordSet]]);
    const before = await zoneSets(backend);
    const error = await adapter.apply(changes, live).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER.CONFLICT' });
    // Route 53's own words, naming the set, stay in the message.
    expect((error as Error).message).toMatch(
      /^records changed since they were read \(Route 53 said: Tried to delete resource record set \[name='app\.example\.org\.'.*\); run plan again$/,
    );
    expect(await zoneSets(backend)).toBe(before);
  });

  it("keeps Route 53's own refusal text (record and reason) for a batch refused for anything but staleness", async () => {
    const backend = createRoute53Backend({ limits: { maxWeightedPerNameType: 1 } });
    const adapter = createRoute53Adapter(provider, {
      mockStateDir: '/nonexistent',
      backend,
      env: {},
      clientConfig: { retryStrategy: immediateRetry(8) as never },
    });
    const live = await adapter.read([SERVICE]);
    const error = await adapter
      .apply(diffResources(desiredAt('2026-12-05T12:00:00Z'), live.resources), live)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER.REJECTED' });
    expect((error as Error).message).toMatch(
      /rejected a change batch: Exceeded limit on number of weighted RRSets for tp-[0-9a-f]+\.app\.example\.org\., type CNAME in this zone\./,
    );
    expect((error as Error).message).not.toContain('changed since');
  });

  it('says so when Route 53 refuses a resent request whose first attempt landed, and a re-read finishes', async () => {
    // Small requests, and the second one lands but its connection drops: the SDK resends it
    // and Route 53 refuses the repeat as stale, exactly as a concurrent edit would look.
    const { backend, adapter } = setup({
      faults: { resetEvery: 2, afterApply: true, operations: ['ChangeResourceRecordSets'] },
      limits: { maxElements: 4, maxValueChars: 32_000 },
    });
    const desired = desiredAt('2026-12-05T12:00:00Z');
    const live = await adapter.read([SERVICE]);
    const error = await adapter.apply(diffResources(desired, live.resources), live).catch((e) => e);
    expect(error).toMatchObject({
      code: 'PROVIDER.CONFLICT',
      message:
        'a resent request was refused as stale: its first attempt most likely landed and only the answer was lost',
    });
    expect(error.hint).toContain('`apply --resume` re-reads the records and finishes');
    expect(backend.counters().calls.ChangeResourceRecordSets).toBe(3);
    expect(error.hint).toMatch(/^1 of \d+ requests had been applied/);
    // What `apply --resume` does for this provider, repeated while the resets go on: read
    // again and apply the difference. Each round lands at least one more request.
    let rounds = 0;
    for (let rest = ['start']; rest.length > 0 && rounds < 50; rounds++) {
      const reread = await adapter.read([SERVICE]);
      const changes = diffResources(desired, reread.resources);
      rest = changes.map((change) => change.key);
      if (changes.length > 0) await adapter.apply(changes, reread).catch(() => undefined);
    }
    const final = await adapter.read([SERVICE]);
    expect(diffResources(desired, final.resources)).toEqual([]);
    expect(rounds).toBeLessThan(50);
  });

  it('refuses a foreign record in the way before writing anything', async () => {
    const { backend, adapter, client } = setup();
    const zoneId = await adapter.zoneId();
    const simple: ResourceRecordSet = {
      Name: SERVICE,
      Type: 'CNAME',
      TTL: 300,
      ResourceRecords: [{ Value: 'old.example.net' }],
    };
    await write(client, zoneId, [[], [simple]]);
    const live = await adapter.read([SERVICE]);
    const before = backend.counters().calls.ChangeResourceRecordSets;
    const error = await adapter
      .apply(diffResources(desiredAt('2026-12-05T12:00:00Z'), live.resources), live)
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'PROVIDER.FOREIGN_RECORD' });
    expect(error.message).toContain(`CNAME ${SERVICE}.`);
    expect(backend.counters().calls.ChangeResourceRecordSets).toBe(before);
  });
});

describe('ownership', () => {
  it('refuses changes to sets it does not own, even when a plan lists them', async () => {
    const { backend, adapter } = setup();
    const live = await adapter.read([SERVICE]);
    const foreign = recordSetResource({ Name: SERVICE, Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"x"' }] });
    const before = backend.counters().calls.ChangeResourceRecordSets;
    await expect(adapter.apply([{ action: 'create', key: foreign.key, after: foreign }], live)).rejects.toMatchObject({
      code: 'PROVIDER.NOT_OWNED',
    });
    expect(backend.counters().calls.ChangeResourceRecordSets).toBe(before);
  });
});

describe('faults', () => {
  it('completes an apply through throttling and 5xx with the standard retry strategy', async () => {
    const { backend, adapter } = setup({
      faults: { throttleEvery: 3, failEvery: 4, failStatus: 503, operations: ['ChangeResourceRecordSets'] },
      standardRetry: true,
      limits: { maxElements: 4, maxValueChars: 32_000 },
    });
    const live = await adapter.read([SERVICE]);
    backend.resetCounters();
    const report = await adapter.apply(diffResources(desiredAt('2026-12-05T12:00:00Z'), live.resources), live);
    const counters = backend.counters();
    expect(counters.faults.throttle).toBeGreaterThan(0);
    expect(counters.faults.fail).toBeGreaterThan(0);
    expect(report.batches).toBeGreaterThan(1);
    expect(report.calls).toBe(counters.total);
    const after = await adapter.read([SERVICE]);
    expect(diffResources(desiredAt('2026-12-05T12:00:00Z'), after.resources)).toEqual([]);
  });

  it('surfaces exhausted retries as PROVIDER.THROTTLED and PROVIDER.UNAVAILABLE', async () => {
    const throttled = setup({ faults: { throttleEvery: 1, operations: ['ListHostedZonesByName'] } });
    await expect(throttled.adapter.read([SERVICE])).rejects.toMatchObject({ code: 'PROVIDER.THROTTLED' });
    expect(throttled.backend.counters().calls.ListHostedZonesByName).toBe(8);
    const failing = setup({ faults: { failEvery: 1, failStatus: 503, operations: ['ListHostedZonesByName'] } });
    await expect(failing.adapter.read([SERVICE])).rejects.toMatchObject({ code: 'PROVIDER.UNAVAILABLE' });
  });

  it('waits for INSYNC after each batch and reports the wait', async () => {
    const { adapter } = setup({ faults: { propagationMs: 40 } });
    const live = await adapter.read([SERVICE]);
    const waits: string[] = [];
    const report = await adapter.apply(diffResources(desiredAt('2026-12-05T12:00:00Z'), live.resources), live, {
      onWait: (event) => waits.push(event.reason),
    });
    expect(waits.length).toBeGreaterThan(0);
    expect(new Set(waits)).toEqual(new Set(['propagation']));
    expect(report.calls).toBeGreaterThan(report.batches); // GetChange polls are counted
  });
});

describe('defensive paging', () => {
  const zone = { Id: '/hostedzone/ZFAKE', Name: 'example.org.', CallerReference: 'fake' };
  const txt = { Name: `${SERVICE}.`, Type: 'TXT' as const, TTL: 60, ResourceRecords: [{ Value: '"x"' }] };

  function fakeClient(page: (call: number) => object): { client: Route53Sender; calls: () => number } {
    let calls = 0;
    const send = async (command: unknown) => {
      if (command instanceof ListHostedZonesByNameCommand) return { HostedZones: [zone], $metadata: {} };
      if (command instanceof ListResourceRecordSetsCommand) return { ...page(++calls), $metadata: {} };
      throw new Error('unexpected command');
    };
    return { client: { send } as unknown as Route53Sender, calls: () => calls };
  }

  it('stops with PROVIDER.PAGING when the same next token comes back forever', async () => {
    const fake = fakeClient(() => ({
      ResourceRecordSets: [txt],
      IsTruncated: true,
      NextRecordName: `${SERVICE}.`,
      NextRecordType: 'TXT',
    }));
    const adapter = new Route53Adapter(provider, fake.client);
    await expect(adapter.read([SERVICE])).rejects.toMatchObject({ code: 'PROVIDER.PAGING' });
    expect(fake.calls()).toBeLessThanOrEqual(2);
  });

  it('stops when a truncated page is empty or the token does not advance', async () => {
    const empty = fakeClient(() => ({ ResourceRecordSets: [], IsTruncated: true, NextRecordName: `${SERVICE}.` }));
    await expect(new Route53Adapter(provider, empty.client).read([SERVICE])).rejects.toMatchObject({
      code: 'PROVIDER.PAGING',
    });
    const stuck = fakeClient((call) => ({
      ResourceRecordSets: [{ ...txt, Name: `r${call}.${SERVICE}.` }],
      IsTruncated: true,
      NextRecordName: `${SERVICE}.`,
    }));
    await expect(new Route53Adapter(provider, stuck.client).read([SERVICE])).rejects.toMatchObject({
      code: 'PROVIDER.PAGING',
    });
    expect(stuck.calls()).toBe(1);
  });
});

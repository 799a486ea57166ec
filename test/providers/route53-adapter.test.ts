import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Change,
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListHostedZonesByNameCommand,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { afterAll, describe, expect, it } from 'vitest';
import { diffResources } from '../../src/plan/diff.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy, Route53Provider } from '../../src/policy/types.js';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';
import { createRoute53Adapter, createRoute53Client } from '../../src/providers/route53/client.js';
import {
  createRoute53Backend,
  type Route53MockBackend,
  startRoute53Mock,
} from '../../src/providers/route53/mock/index.js';
import { renderRoute53 } from '../../src/render/route53.js';
import { recordSetOf } from '../../src/render/route53-body.js';
import { evaluateRoute53 } from '../../src/resolver/route53.js';
import { compareRoute53WithPlan } from '../../src/resolver/route53-compare.js';
import { solve } from '../../src/solve/solve.js';
import { immediateRetry } from './route53-mock-helpers.js';

/**
 * Render → read → diff → apply → read → diff is empty, through the real Route53Client against
 * the mock (in-process and over loopback), with foreign records that must survive every apply.
 */

const tmp = mkdtempSync(join(tmpdir(), 'tp-r53-adapter-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function example(name: string): Policy {
  const file = new URL(`../../examples/${name}.yaml`, import.meta.url);
  const loaded = loadPolicy(readFileSync(file, 'utf8'), `examples/${name}.yaml`);
  if (!loaded.ok) throw new Error(`example ${name} does not load`);
  return loaded.policy;
}

function r53(policy: Policy): Route53Provider {
  return policy.providers.find((provider) => provider.type === 'route53') as Route53Provider;
}

function adapterFor(policy: Policy, backend: Route53MockBackend) {
  return createRoute53Adapter(r53(policy), {
    mockStateDir: tmp,
    backend,
    env: {},
    clientConfig: { retryStrategy: immediateRetry(8) as never },
  });
}

/** Publishes the policy's plan at `at` and checks the round trip; returns the apply report. */
async function publish(policy: Policy, at: string, adapter: ReturnType<typeof adapterFor>) {
  const splits = solve(policy, Date.parse(at));
  const desired = renderRoute53({ policy, splits, provider: r53(policy) });
  const services = policy.services.map((service) => service.name);
  const live = await adapter.read(services);
  const changes = diffResources(desired.resources, live.resources);
  const report = await adapter.apply(changes, live);
  const after = await adapter.read(services);
  expect(diffResources(desired.resources, after.resources)).toEqual([]);
  // Geographies Route 53 does not list (BV, CX, EH, HM) get a wider record's answer instead;
  // test/render/geo-fallbacks.test.ts checks those.
  const unlisted = new Set(desired.fallbacks.map((fallback) => fallback.geo));
  for (const split of splits.services) {
    const endpoints = policy.endpoints.filter((endpoint) => split.endpoints.some((e) => e.id === endpoint.id));
    const geos = split.geographies.map((geography) => geography.geo).filter((geo) => !unlisted.has(geo));
    const answers = evaluateRoute53(after.resources, split.service, geos, endpoints);
    const wrong = compareRoute53WithPlan(answers, split, endpoints).filter((deviation) => !deviation.ok);
    expect(wrong).toEqual([]);
  }
  return { splits, changes, report, live: after };
}

/** Every set in the zone that trafficport does not own, exactly as the API returns it. */
async function foreignSets(backend: Route53MockBackend): Promise<string> {
  const state = await backend.store.read();
  const sets = Object.values(state.zones).flatMap((zone) => zone.recordSets);
  return JSON.stringify(sets.filter((set) => !set.setIdentifier?.startsWith('tp:')));
}

async function addForeign(
  adapter: ReturnType<typeof adapterFor>,
  backend: Route53MockBackend,
  sets: ResourceRecordSet[],
) {
  const client = createRoute53Client(adapter.provider, { mockStateDir: tmp, backend, env: {} });
  const zoneId = await adapter.zoneId();
  const changes: Change[] = sets.map((set) => ({ Action: 'CREATE', ResourceRecordSet: set }));
  await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }));
}

const txt = (name: string, value: string): ResourceRecordSet => ({
  Name: name,
  Type: 'TXT',
  TTL: 300,
  ResourceRecords: [{ Value: `"${value}"` }],
});
const a = (name: string, value: string): ResourceRecordSet => ({
  Name: name,
  Type: 'A',
  TTL: 300,
  ResourceRecords: [{ Value: value }],
});

describe('Route 53 adapter round trip (in-process mock)', () => {
  it('publishes quickstart: the applied state diffs empty and answers as planned', async () => {
    const policy = example('quickstart');
    const backend = createRoute53Backend();
    const adapter = adapterFor(policy, backend);
    await adapter.read(['shop.example.com']); // creates the mock zone
    await addForeign(adapter, backend, [
      txt('shop.example.com', 'site-verification=abc'),
      txt('example.com', 'v=spf1 -all'),
      a('legacy.example.com', '192.0.2.99'),
      a('old.shop.example.com', '192.0.2.98'),
      // Neighbours in list order: `-` sorts before the dot, `x` after the whole subtree.
      a('shop-eu.example.com', '192.0.2.97'),
      a('shopx.example.com', '192.0.2.96'),
      a('*.shop.example.com', '192.0.2.95'),
    ]);
    const before = await foreignSets(backend);
    const { report, live, splits } = await publish(policy, '2026-12-06T03:00:00Z', adapter);
    expect(await foreignSets(backend)).toBe(before);
    expect(report.batches).toBe(1);
    expect(report.calls).toBeGreaterThanOrEqual(1);
    expect(live.foreign.map((record) => `${record.type} ${record.name}`)).toEqual([
      'A \\052.shop.example.com.',
      'A old.shop.example.com.',
      'TXT shop.example.com.',
    ]);
    // The mock's own evaluation agrees with ours for a few locations.
    const endpoints = policy.endpoints;
    for (const geo of ['DE', 'US', 'JP', 'BR']) {
      const mock = await backend.answerDistribution({ name: 'shop.example.com', type: 'A', location: geo });
      const ours = evaluateRoute53(live.resources, 'shop.example.com', [geo], endpoints)[0]!.distribution;
      const theirs: Record<string, number> = {};
      for (const outcome of mock.outcomes) {
        const id = endpoints.find((e) => e.targets.a.includes(outcome.recordData[0]!))!.id;
        theirs[id] = (theirs[id] ?? 0) + outcome.share;
      }
      for (const id of Object.keys({ ...ours, ...theirs })) expect(ours[id] ?? 0).toBeCloseTo(theirs[id] ?? 0, 12);
    }
    expect(splits.services).toHaveLength(1);
  });

  it('follows a maintenance drain: changes apply, diff is empty again, foreign sets untouched', async () => {
    const policy = example('maintenance-drain');
    const backend = createRoute53Backend();
    const adapter = adapterFor(policy, backend);
    await adapter.read(['app.example.org']);
    await addForeign(adapter, backend, [
      txt('_acme-challenge.app.example.org', 'token'),
      a('legacy.app.example.org', '192.0.2.7'),
      txt('example.org', 'v=spf1 -all'),
    ]);
    const foreign = await foreignSets(backend);
    const first = await publish(policy, '2026-12-05T12:00:00Z', adapter);
    expect(first.changes.every((change) => change.action === 'create')).toBe(true);
    expect(await foreignSets(backend)).toBe(foreign);
    const drained = await publish(policy, '2026-12-06T03:00:00Z', adapter);
    expect(drained.changes.length).toBeGreaterThan(0);
    expect(drained.changes.some((change) => change.action === 'update')).toBe(true);
    expect(await foreignSets(backend)).toBe(foreign);
    // During the window az-weu has no record with a positive weight anywhere.
    const weu = drained.live.resources.map(recordSetOf).filter((set) => set.SetIdentifier === 'tp:az-weu');
    expect(weu).toEqual([]);
    const back = await publish(policy, '2026-12-06T08:00:00Z', adapter);
    expect(back.changes.length).toBeGreaterThan(0);
    expect(await foreignSets(backend)).toBe(foreign);
  });

  it('keeps state in <mockStateDir>/route53.json, so a new client sees what was applied', async () => {
    const policy = example('eu-sovereignty');
    const provider = r53(policy);
    const dir = join(tmp, 'file-state');
    const first = createRoute53Adapter(provider, { mockStateDir: dir, env: {} });
    const splits = solve(policy, Date.parse('2026-12-06T03:00:00Z'));
    const desired = renderRoute53({ policy, splits, provider });
    const live = await first.read(['api.example.eu']);
    await first.apply(diffResources(desired.resources, live.resources), live);
    const second = createRoute53Adapter(provider, { mockStateDir: dir, env: {} });
    const again = await second.read(['api.example.eu']);
    expect(diffResources(desired.resources, again.resources)).toEqual([]);
    expect(readMockStateFile<{ version: number }>(join(dir, 'route53.json'))?.version).toBe(1);
  });
});

describe('Route 53 adapter: record type switch', () => {
  it('moves a service from A to CNAME records in one atomic request for its name', async () => {
    const text = readFileSync(new URL('../../examples/quickstart.yaml', import.meta.url), 'utf8');
    const addresses = loadPolicy(text, 'quickstart.yaml');
    const names = loadPolicy(
      text.replace(/a: \[([0-9.]+)\]/g, (_, ip: string) => `cname: h${ip.replaceAll('.', '-')}.example.net`),
      'quickstart-cname.yaml',
    );
    if (!addresses.ok || !names.ok) throw new Error('variants do not load');
    const backend = createRoute53Backend();
    await publish(addresses.policy, '2026-12-06T03:00:00Z', adapterFor(addresses.policy, backend));
    // Count aliases as one element and allow no more per request than the switch needs, so the
    // requests are cut right around it: only an atomic switch survives that.
    const live = await adapterFor(addresses.policy, backend).read(['shop.example.com']);
    const splits = solve(names.policy, Date.parse('2026-12-06T03:00:00Z'));
    const desired = renderRoute53({ policy: names.policy, splits, provider: r53(names.policy) });
    const isAlias = (resource: { body: unknown }) => recordSetOf(resource as never).AliasTarget !== undefined;
    const aliasChanges = live.resources.filter(isAlias).length + desired.resources.filter(isAlias).length;
    const tight = createRoute53Adapter(r53(names.policy), {
      mockStateDir: tmp,
      backend,
      env: {},
      adapter: { limits: { maxElements: aliasChanges, maxValueChars: 32_000, aliasElements: 1 } },
    });
    const { changes, report } = await publish(names.policy, '2026-12-06T03:00:00Z', tight);
    expect(changes.some((change) => change.action === 'delete')).toBe(true);
    expect(report.batches).toBeGreaterThan(1);
    expect(backend.counters().errors).toEqual({});
  });
});

describe('Route 53 adapter over loopback', () => {
  it('round-trips through the SDK node HTTP handler (TRAFFICPORT_ROUTE53_ENDPOINT)', async () => {
    const mock = await startRoute53Mock();
    try {
      const policy = example('eu-sovereignty');
      const adapter = createRoute53Adapter(r53(policy), {
        mockStateDir: tmp,
        env: { TRAFFICPORT_ROUTE53_ENDPOINT: mock.url },
      });
      const { report } = await publish(policy, '2026-12-06T03:00:00Z', adapter);
      expect(report.batches).toBe(1);
      expect(mock.backend.counters().calls.ChangeResourceRecordSets).toBe(1);
    } finally {
      await mock.close();
    }
  });

  it('never creates a zone on backend aws, even against a mock', async () => {
    const mock = await startRoute53Mock();
    try {
      const provider: Route53Provider = { ...r53(example('quickstart')), backend: 'aws' };
      const adapter = createRoute53Adapter(provider, {
        mockStateDir: tmp,
        env: { TRAFFICPORT_ROUTE53_ENDPOINT: mock.url },
      });
      await expect(adapter.read(['shop.example.com'])).rejects.toMatchObject({ code: 'PROVIDER.NO_ZONE' });
      expect(mock.backend.counters().calls.CreateHostedZone).toBeUndefined();
    } finally {
      await mock.close();
    }
  });

  it('uses hostedZoneId from the policy when given', async () => {
    const backend = createRoute53Backend();
    const policy = example('quickstart');
    const client = createRoute53Client(r53(policy), { mockStateDir: tmp, backend, env: {} });
    await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'a' }));
    const second = await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'b' }));
    const listed = await client.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com' }));
    expect(listed.HostedZones).toHaveLength(2);
    const byName = createRoute53Adapter(r53(policy), { mockStateDir: tmp, backend, env: {} });
    await expect(byName.read(['shop.example.com'])).rejects.toMatchObject({ code: 'PROVIDER.AMBIGUOUS_ZONE' });
    const id = second.HostedZone!.Id!.replace('/hostedzone/', '');
    const pinned = createRoute53Adapter({ ...r53(policy), hostedZoneId: id }, { mockStateDir: tmp, backend, env: {} });
    expect(await pinned.zoneId()).toBe(id);
  });
});

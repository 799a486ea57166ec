import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeoList } from '../../src/geo/provider-lists/geo-list.js';
import { type Change, diffResources } from '../../src/plan/diff.js';
import type { LiveState } from '../../src/plan/types.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy, Provider } from '../../src/policy/types.js';
import { loadProviderKit } from '../../src/providers/registry.js';
import type { ProviderAdapter, ProviderKit } from '../../src/providers/types.js';
import type { DesiredState } from '../../src/render/types.js';
import { solve } from '../../src/solve/solve.js';
import type { Splits } from '../../src/solve/types.js';
import type { ConformanceTarget } from './target.js';

/**
 * The record-level scenarios every provider adapter must pass, written against the provider
 * interface only (ProviderKit renders and evaluates, ProviderAdapter reads and applies), so they
 * hold for any layout a renderer chooses. The same scenarios run against each mock in process,
 * against the mocks behind `trafficport mock serve`, and unchanged against the real service
 * when a user opts in (targets.ts). Each scenario cleans up what it created.
 */

const AT = Date.parse('2026-06-01T00:00:00Z');

const ENDPOINTS = `
  e-fra: { cloud: aws, region: eu-central-1, a: [192.0.2.10], aaaa: ["2001:db8::10"] }
  e-use: { cloud: aws, region: us-east-1, a: [192.0.2.20], aaaa: ["2001:db8::20"] }
  e-weu: { cloud: azure, region: westeurope, a: [192.0.2.30] }
  c-fra: { cloud: aws, region: eu-central-1, cname: fra.conformance.example.net }
  c-use: { cloud: aws, region: us-east-1, cname: use.conformance.example.net }`;

interface ServiceSpec {
  /** Relative label under `<run>.<zone>`, or `@` for the zone apex. */
  readonly label: string;
  readonly endpoints: readonly string[];
}

/** A policy publishing `services` through the target. */
function policyFor(target: ConformanceTarget, services: readonly ServiceSpec[]): Policy {
  const lines = services.map(
    (s) => `  - { name: ${nameOf(target, s.label)}, ttl: 60, endpoints: [${s.endpoints.join(', ')}], publish: [t] }`,
  );
  const text = `version: 1\nproviders:\n  t: ${target.providerYaml}\nendpoints:${ENDPOINTS}\nservices:\n${lines.join('\n')}\n`;
  const loaded = loadPolicy(text, 'conformance.yaml');
  if (!loaded.ok) throw new Error(`conformance policy does not load: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.policy;
}

function nameOf(target: ConformanceTarget, label: string): string {
  return label === '@' ? target.zone : `${label}.${target.run}.${target.zone}`;
}

interface Published {
  readonly policy: Policy;
  readonly provider: Provider;
  readonly kit: ProviderKit;
  readonly geoList: GeoList;
  readonly splits: Splits;
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly changes: readonly Change[];
  readonly after: LiveState;
  readonly batches: number;
}

/** Render, read, diff, apply, read again: what `apply` does for one provider. */
async function publish(
  target: ConformanceTarget,
  policy: Policy,
  options: { down?: readonly string[]; adapter?: ProviderAdapter } = {},
): Promise<Published> {
  const provider = policy.providers[0]!;
  const kit = await loadProviderKit(provider.type);
  const adapter = options.adapter ?? (await target.adapter());
  const geoList = await adapter.geoList();
  const splits = solve(policy, AT, {
    overrides: { downEndpoints: [...(options.down ?? [])], downRegions: [], downClouds: [] },
  });
  const desired = kit.render({ policy, splits, provider, geoList });
  const names = policy.services.map((s) => s.name);
  const live = await adapter.read(names);
  const changes = diffResources(desired.resources, live.resources);
  const report = await adapter.apply(changes, live);
  const after = await adapter.read(names);
  return { policy, provider, kit, geoList, splits, desired, live, changes, after, batches: report.batches };
}

/** Reads back exactly what was written, and resolvers get what the plan says. */
function expectPublished(result: Published): void {
  const { kit, policy, provider, geoList, desired, after, splits } = result;
  expect(diffResources(desired.resources, after.resources)).toEqual([]);
  const answered = kit.evaluate(after.resources, policy, provider, geoList);
  expect(answered).toEqual(kit.evaluate(desired.resources, policy, provider, geoList));
  const degraded = new Set(desired.degradations.map((d) => d.service));
  const fallbacks = new Set(desired.fallbacks.map((f) => `${f.service} ${f.geo}`));
  for (const service of splits.services) {
    if (degraded.has(service.service)) continue;
    const byGeo = answered.get(service.service);
    expect(byGeo, service.service).toBeDefined();
    for (const geography of service.geographies) {
      if (fallbacks.has(`${service.service} ${geography.geo}`)) continue;
      const got = byGeo?.get(geography.geo);
      expect(got, `${service.service} ${geography.geo}`).toBeDefined();
      for (const id of new Set([...Object.keys(geography.shares), ...(got?.keys() ?? [])])) {
        const off = Math.abs((got?.get(id) ?? 0) - (geography.shares[id] ?? 0) / 100);
        expect(off, `${service.service} ${geography.geo} ${id}`).toBeLessThanOrEqual(kit.tolerance + 1e-9);
      }
    }
  }
}

/** Deletes everything trafficport owns at these services' names. */
async function unpublish(target: ConformanceTarget, names: readonly string[]): Promise<void> {
  const adapter = await target.adapter();
  const live = await adapter.read(names);
  await adapter.apply(diffResources([], live.resources), live);
  expect((await adapter.read(names)).resources).toEqual([]);
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as { code?: string; message: string },
  );
}

export function conformanceSuite(title: string, makeTarget: () => Promise<ConformanceTarget>): void {
  describe(title, { timeout: 600_000 }, () => {
    let target: ConformanceTarget;
    beforeAll(async () => {
      target = await makeTarget();
      // The zone is there before anyone writes to it (the mocks create it on first read).
      await (await target.adapter()).read([]);
    }, 600_000);
    afterAll(async () => target?.close(), 120_000);

    const web = (): ServiceSpec => ({ label: 'web', endpoints: ['e-fra', 'e-use', 'e-weu'] });

    it('creates a service and reads back exactly what it wrote', async () => {
      const policy = policyFor(target, [web()]);
      const result = await publish(target, policy);
      expect(result.live.resources).toEqual([]);
      expect(result.changes.every((c) => c.action === 'create')).toBe(true);
      expectPublished(result);
      // Publishing the same plan again changes nothing.
      const again = await publish(target, policy);
      expect(again.changes).toEqual([]);
      await unpublish(target, [nameOf(target, 'web')]);
    });

    it('updates it as one step: a drained endpoint leaves every geography at once', async () => {
      const policy = policyFor(target, [web()]);
      expectPublished(await publish(target, policy));
      const drained = await publish(target, policy, { down: ['e-weu'] });
      expect(drained.changes.some((c) => c.action !== 'create')).toBe(true);
      expectPublished(drained);
      const answers = drained.kit.evaluate(drained.after.resources, policy, drained.provider, drained.geoList);
      for (const [geo, distribution] of answers.get(nameOf(target, 'web')) ?? []) {
        expect(distribution.get('e-weu') ?? 0, geo).toBe(0);
      }
      expectPublished(await publish(target, policy));
      await unpublish(target, [nameOf(target, 'web')]);
    });

    it('deletes everything it owns when asked, and nothing else', async () => {
      const name = nameOf(target, 'web');
      await target.raw.putForeign(name, 'TXT', 'verification=keep-me');
      await target.raw.putForeign(nameOf(target, 'other'), 'A', '192.0.2.99');
      try {
        expectPublished(await publish(target, policyFor(target, [web()])));
        await unpublish(target, [name]);
        expect(await target.raw.foreignValue(name, 'TXT')).toBe('verification=keep-me');
        expect(await target.raw.foreignValue(nameOf(target, 'other'), 'A')).toBe('192.0.2.99');
      } finally {
        await target.raw.deleteForeign(name, 'TXT');
        await target.raw.deleteForeign(nameOf(target, 'other'), 'A');
      }
    });

    it('reads across pages: its records among more foreign ones than one listing holds', async () => {
      const under = nameOf(target, 'web');
      await target.raw.fill(under, target.pagingFill);
      try {
        const policy = policyFor(target, [web()]);
        const result = await publish(target, policy);
        expectPublished(result);
        expect((await publish(target, policy)).changes).toEqual([]);
        expect(await target.raw.foreignValue(`f-0.${under}`, 'TXT')).toBe('filler 0');
        expect(await target.raw.foreignValue(`f-${target.pagingFill - 1}.${under}`, 'TXT')).toBe(
          `filler ${target.pagingFill - 1}`,
        );
        await unpublish(target, [under]);
      } finally {
        await target.raw.unfill(under, target.pagingFill);
      }
    });

    it('refuses a name and type a foreign record holds, and writes nothing', async () => {
      const busy = nameOf(target, 'busy');
      await target.raw.putForeign(busy, 'A', '192.0.2.77');
      try {
        const policy = policyFor(target, [{ label: 'busy', endpoints: ['e-fra', 'e-use'] }]);
        const refused = await rejection(publish(target, policy));
        expect(refused.code).toBe('PROVIDER.FOREIGN_RECORD');
        expect((await (await target.adapter()).read([busy])).resources).toEqual([]);
        expect(await target.raw.foreignValue(busy, 'A')).toBe('192.0.2.77');
      } finally {
        await target.raw.deleteForeign(busy, 'A');
      }
    });

    it('refuses stale changes: a record changed since it was read is not overwritten', async () => {
      const policy = policyFor(target, [web()]);
      const name = nameOf(target, 'web');
      expectPublished(await publish(target, policy));
      const adapter = await target.adapter();
      const provider = policy.providers[0]!;
      const kit = await loadProviderKit(provider.type);
      const geoList = await adapter.geoList();
      const stale = await adapter.read([name]);
      const splits = solve(policy, AT, { overrides: { downEndpoints: ['e-weu'], downRegions: [], downClouds: [] } });
      const desired = kit.render({ policy, splits, provider, geoList });
      const changes = diffResources(desired.resources, stale.resources);
      const victim = changes.find((c) => c.action === 'update')?.before;
      expect(victim, 'a drain updates at least one resource').toBeDefined();
      await target.raw.tamper(victim!);
      const refused = await rejection(adapter.apply(changes, stale));
      expect(['PROVIDER.CONFLICT', 'PLAN.STALE']).toContain(refused.code);
      const now = (await adapter.read([name])).resources.find((r) => r.key === victim!.key);
      expect(now, 'the changed record is still there').toBeDefined();
      expect(now!.body).not.toEqual(victim!.body);
      await unpublish(target, [name]);
    });

    it('keeps every published weight within the provider’s range', async () => {
      const adapter = await target.adapter();
      const policy = policyFor(target, [web()]);
      const result = await publish(target, policy, { adapter });
      expectPublished(result);
      const { min, max } = adapter.capabilities.weights;
      for (const service of result.desired.published) {
        for (const weights of Object.values(service.geographies)) {
          for (const weight of Object.values(weights)) {
            expect(weight === 0 || (weight >= min && weight <= max), `${weight} in [${min}, ${max}]`).toBe(true);
          }
        }
      }
      await unpublish(target, [nameOf(target, 'web')]);
    });

    it('lands a change set larger than one request whole', async (context) => {
      const small = target.smallBatches(20);
      if (typeof small === 'string') {
        context.skip(`not applicable: ${small}`);
        return;
      }
      const adapter = await small;
      const result = await publish(target, policyFor(target, [web()]), { adapter });
      expect(result.batches).toBeGreaterThan(1);
      expectPublished(result);
      const drained = await publish(target, policyFor(target, [web()]), { adapter, down: ['e-weu'] });
      expect(drained.batches).toBeGreaterThan(1);
      expectPublished(drained);
      await unpublish(target, [nameOf(target, 'web')]);
    });

    it('publishes every layout: A and AAAA below the apex and at it, CNAME below it', async () => {
      const services: ServiceSpec[] = [
        web(),
        { label: 'cn', endpoints: ['c-fra', 'c-use'] },
        { label: '@', endpoints: ['e-fra', 'e-use'] },
      ];
      const policy = policyFor(target, services);
      const result = await publish(target, policy);
      expectPublished(result);
      const answered = result.kit.evaluate(result.after.resources, policy, result.provider, result.geoList);
      for (const service of services) expect(answered.get(nameOf(target, service.label))?.size).toBeGreaterThan(0);
      expect((await publish(target, policy)).changes).toEqual([]);
      await unpublish(
        target,
        services.map((s) => nameOf(target, s.label)),
      );
    });

    it('declares a CNAME at the apex it cannot publish, and publishes nothing there', async () => {
      const policy = policyFor(target, [{ label: '@', endpoints: ['c-fra', 'c-use'] }]);
      const result = await publish(target, policy);
      expect(result.desired.degradations.map((d) => d.service)).toContain(target.zone);
      expectPublished(result);
      const answered = result.kit.evaluate(result.after.resources, policy, result.provider, result.geoList);
      expect(answered.get(target.zone)?.size ?? 0).toBe(0);
      await unpublish(target, [target.zone]);
    });
  });
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/io/io.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { type PublishFlags, preparePublish } from '../../src/publish/prepare.js';
import { renderAzure } from '../../src/render/azure.js';
import type { Resource } from '../../src/render/types.js';
import { azureDistributions } from '../../src/resolver/azure.js';
import { greatCircleKm } from '../../src/solve/latency.js';
import { solve } from '../../src/solve/solve.js';

/**
 * `trafficManager.failoverBackups`: each geography's split sits under a Priority profile whose
 * later priorities are the endpoints it may use without a share, nearest first, so Traffic Manager
 * moves its users to a live one when its own all fail; never an endpoint its sovereignty rules
 * forbid. On by default (docs/failover.md, "Why on by default"); `false` renders nothing of it (the
 * option is not accepted and ignored); at the apex the flat alias cannot hold it: the default
 * leaves it out quietly, an explicit `true` is a degradation; the extra profiles count against the
 * quota.
 */

const AT = '2026-12-06T03:00:00Z';

function text(options: { backups?: boolean; apex?: boolean; quota?: number } = {}): string {
  const tm = [
    ...(options.backups === undefined ? [] : [`failoverBackups: ${options.backups}`]),
    ...(options.quota === undefined ? [] : [`profileQuota: ${options.quota}`]),
  ];
  return `version: 1
providers:
  az: { type: azure, zone: example.com, subscription: sub-1, resourceGroup: dns, backend: mock${tm.length > 0 ? `, trafficManager: { ${tm.join(', ')} }` : ''} }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  az-eus: { cloud: azure, region: eastus, a: [198.51.100.10] }
  aws-syd: { cloud: aws, region: ap-southeast-2, a: [203.0.113.30] }
services:
  - name: ${options.apex ? 'example.com' : 'www.example.com'}
    endpoints: [aws-fra, az-weu, aws-use1, az-eus, aws-syd]
    publish: [az]
rules:
  geography: { minEndpoints: 2 }
  sovereignty:
    - { name: gdpr, users: [EU], allow: { jurisdiction: EU } }
`;
}

function load(source: string): Policy {
  const result = loadPolicy(source, 'p.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.policy;
}

function render(source: string) {
  const policy = load(source);
  const splits = solve(policy, Date.parse(AT));
  const desired = renderAzure({ policy, splits, provider: policy.providers[0]! });
  return { policy, splits, desired };
}

function profiles(resources: readonly Resource[], method: string) {
  return resources.filter(
    (r) =>
      r.kind === 'azure.tm-profile' &&
      (r.body as { properties: { trafficRoutingMethod: string } }).properties.trafficRoutingMethod === method,
  ) as unknown as { key: string; body: { properties: { endpoints: Endpoint[] } } }[];
}

interface Endpoint {
  name: string;
  type: string;
  properties: { priority?: number; target?: string; endpointStatus: string };
}

function answers(source: string, down: readonly string[], geo: string, service = 'www.example.com') {
  const { policy, desired } = render(source);
  const provider = policy.providers[0]!;
  const byGeo = azureDistributions(desired.resources, policy, provider, undefined, undefined, new Set(down)).get(
    service,
  );
  return Object.fromEntries([...(byGeo?.get(geo) ?? new Map<string, number>())].filter(([, share]) => share > 1e-9));
}

describe('Traffic Manager failover backups', () => {
  it('on by default (the layout of an explicit true); false: no Priority profile, and users whose endpoints all fail keep the dead ones', () => {
    const byDefault = render(text()).desired;
    expect(byDefault.resources).toEqual(render(text({ backups: true })).desired.resources);
    expect(profiles(byDefault.resources, 'Priority').length).toBeGreaterThan(0);
    expect(profiles(render(text({ backups: false })).desired.resources, 'Priority')).toEqual([]);
    const us = answers(text({ backups: false }), ['aws-use1', 'az-eus'], 'US');
    expect(Object.keys(us).sort()).toEqual(['aws-use1', 'az-eus']);
    // The default moves them to a live endpoint they may use instead (which one: the next test).
    const moved = answers(text(), ['aws-use1', 'az-eus'], 'US');
    expect(Object.keys(moved).length).toBe(1);
    expect(['aws-use1', 'az-eus']).not.toContain(Object.keys(moved)[0]);
  });

  it('on: each split sits under a Priority profile of its allowed, unused endpoints, nearest first', () => {
    const { policy, splits, desired } = render(text({ backups: true }));
    const priority = profiles(desired.resources, 'Priority');
    expect(priority.length).toBeGreaterThan(0);
    const endpoints = new Map(policy.endpoints.map((e) => [e.id, e]));
    for (const profile of priority) {
      const sorted = [...profile.body.properties.endpoints].sort(
        (a, b) => a.properties.priority! - b.properties.priority!,
      );
      expect(sorted.map((e) => e.properties.priority)).toEqual(sorted.map((_, i) => i + 1));
      expect(sorted.every((e) => e.properties.endpointStatus === 'Enabled')).toBe(true);
      // Priority 2.. are external endpoints, never one with a share in the split (priority 1).
      expect(sorted.slice(1).every((e) => e.type.endsWith('externalEndpoints'))).toBe(true);
    }
    // German users' backups stay in the EU; American users' are the rest, nearest first.
    const de = splits.services[0]!.geographies.find((g) => g.geo === 'DE')!;
    expect(Object.keys(answers(text({ backups: true }), ['aws-fra', 'az-weu'], 'DE')).sort()).toEqual(
      Object.keys(de.shares)
        .filter((id) => (de.shares[id] ?? 0) > 0)
        .sort(),
    );
    const us = answers(text({ backups: true }), ['aws-use1', 'az-eus'], 'US');
    const [usLat, usLon] = [39.8, -98.6];
    const live = ['aws-fra', 'az-weu', 'aws-syd'];
    const nearest = [...live].sort((a, b) => {
      const ea = endpoints.get(a)!.location;
      const eb = endpoints.get(b)!.location;
      return greatCircleKm(usLat, usLon, ea.lat, ea.lon) - greatCircleKm(usLat, usLon, eb.lat, eb.lon);
    })[0]!;
    expect(us).toEqual({ [nearest]: 1 });
    // With every endpoint down, the split's own endpoints answer (Traffic Manager fails open at priority 1).
    const all = answers(text({ backups: true }), ['aws-fra', 'az-weu', 'aws-use1', 'az-eus', 'aws-syd'], 'US');
    expect(Object.keys(all).sort()).toEqual(['aws-use1', 'az-eus']);
  });

  it('at the apex the flat alias cannot hold backups: the default leaves them out quietly, an explicit true is a degradation', () => {
    const on = render(text({ backups: true, apex: true })).desired;
    expect(profiles(on.resources, 'Priority')).toEqual([]);
    expect(on.degradations.map((d) => d.code)).toContain('AZURE.NO_FAILOVER_BACKUP');
    const off = render(text({ backups: false, apex: true })).desired;
    expect(off.degradations.map((d) => d.code)).not.toContain('AZURE.NO_FAILOVER_BACKUP');
    // The default renders exactly what false renders there, with no notice on every plan.
    const byDefault = render(text({ apex: true })).desired;
    expect(byDefault.degradations).toEqual(off.degradations);
    expect(byDefault.resources).toEqual(off.resources);
  });

  it('plan counts the extra profiles against trafficManager.profileQuota and fails before exceeding it', async () => {
    const without = render(text({ backups: false })).desired.resources.filter(
      (r) => r.kind === 'azure.tm-profile',
    ).length;
    const withBackups = render(text()).desired.resources.filter((r) => r.kind === 'azure.tm-profile').length;
    expect(withBackups).toBeGreaterThan(without);
    const dir = mkdtempSync(join(tmpdir(), 'tp-az-backups-'));
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: {},
      cwd: dir,
      now: () => Date.parse(AT),
    };
    const flags: PublishFlags = { at: AT, stateDir: join(dir, 'state') };
    writeFileSync(join(dir, 'p.yaml'), text({ quota: withBackups - 1 }));
    await expect(preparePublish('p.yaml', flags, io)).rejects.toMatchObject({
      code: 'PROVIDER.QUOTA',
      message: expect.stringContaining(`the plan needs ${withBackups}`),
    });
    writeFileSync(join(dir, 'p.yaml'), text({ quota: withBackups }));
    const prepared = await preparePublish('p.yaml', flags, io);
    expect(prepared.targets[0]!.plan.quota).toMatchObject({ limit: withBackups, total: withBackups });
    // Applied through the real SDK to the mock, the plan converges: read back, nothing left to change.
    await prepared.targets[0]!.adapter.apply(prepared.targets[0]!.plan.changes, prepared.targets[0]!.live);
    expect((await preparePublish('p.yaml', flags, io)).targets[0]!.plan.changes).toEqual([]);
    // Turned off again: the Priority profiles go, and so do the Weighted ones only they nested
    // (a shared profile nested by a shared one is not "in use elsewhere").
    writeFileSync(join(dir, 'p.yaml'), text({ backups: false, quota: withBackups }));
    const off = await preparePublish('p.yaml', flags, io);
    await off.targets[0]!.adapter.apply(off.targets[0]!.plan.changes, off.targets[0]!.live);
    const after = await preparePublish('p.yaml', flags, io);
    expect(after.targets[0]!.plan.changes).toEqual([]);
    const held = after.targets[0]!.live.resources.filter((r) => r.kind === 'azure.tm-profile').length;
    expect(held).toBe(without);
  });
});

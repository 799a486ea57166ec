/**
 * Adopting an Azure Traffic Manager tree another tool built (a Geographic root over nested
 * Weighted profiles, behind a CNAME in Azure DNS), through the real SDK clients against the mock:
 * import → verify against the untouched zone → adopt (0% moved) → every geography answers as before
 * → rollback restores every record set and profile exactly (canonical form). Then the same with the
 * adoption, and the rollback, cut off after each of their writes: every intermediate state answers
 * every geography as before, `apply --resume` finishes the adoption, `rollback` undoes it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DnsManagementClient } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/geo/countries.js';
import { loadPolicy } from '../../src/policy/load.js';
import { profileFromSdk, recordSetFromSdk } from '../../src/providers/azure/canonical.js';
import {
  createAzureMockHandler,
  createAzureMockStore,
  createMockCredential,
  inProcessClientOptions,
} from '../../src/providers/azure/mock/index.js';
import type { Resource } from '../../src/render/types.js';
import { AzureResources } from '../../src/resolver/azure-evaluate.js';
import { runCli } from '../support/run-cli.js';

const SUB = '00000000-0000-0000-0000-000000000000';
const PROVIDERS = `version: 1
providers:
  az: { type: azure, zone: example.com, subscription: "${SUB}", resourceGroup: dns, backend: mock, trafficManager: { resourceGroup: traffic } }
endpoints: {}
`;
const EXTERNAL = 'Microsoft.Network/trafficManagerProfiles/externalEndpoints';
const NESTED = 'Microsoft.Network/trafficManagerProfiles/nestedEndpoints';
const monitorConfig = { protocol: 'HTTPS', port: 443, path: '/health', intervalInSeconds: 30, timeoutInSeconds: 10 };
const SERVICE = 'shop.example.com';

function clients(dir: string) {
  const options = inProcessClientOptions(
    createAzureMockHandler({ store: createAzureMockStore(join(dir, '.trafficport', 'mock', 'azure.json')) }),
  );
  return {
    dns: new DnsManagementClient(createMockCredential(), SUB, options),
    tm: new TrafficManagerManagementClient(createMockCredential(), SUB, options),
  };
}

type Clients = ReturnType<typeof clients>;

/** As another tool lays it out: Geographic root, nested Weighted pools, a pool another tree shares. */
async function seed({ dns, tm }: Clients): Promise<void> {
  await dns.zones.createOrUpdate('dns', 'example.com', { location: 'global' });
  const weighted = (relativeName: string, endpoints: { name: string; target: string; weight: number }[]) => ({
    location: 'global',
    trafficRoutingMethod: 'Weighted',
    dnsConfig: { relativeName, ttl: 60 },
    monitorConfig,
    endpoints: endpoints.map((e) => ({ ...e, type: EXTERNAL })),
  });
  const eu = await tm.profiles.createOrUpdate(
    'traffic',
    'shop-eu',
    weighted('shop-eu-example', [
      { name: 'weu', target: 'shop-weu.westeurope.cloudapp.azure.com', weight: 3 },
      { name: 'fra', target: 'shop-fra.eu-central-1.elb.amazonaws.com', weight: 1 },
    ]),
  );
  const na = await tm.profiles.createOrUpdate(
    'traffic',
    'shop-na',
    weighted('shop-na-example', [
      { name: 'use1', target: 'shop-use1.us-east-1.elb.amazonaws.com', weight: 1 },
      { name: 'eus', target: 'shop-eus.eastus.cloudapp.azure.com', weight: 1 },
    ]),
  );
  await tm.profiles.createOrUpdate('traffic', 'shop-root', {
    location: 'global',
    trafficRoutingMethod: 'Geographic',
    dnsConfig: { relativeName: 'shop-root-example', ttl: 60 },
    monitorConfig,
    endpoints: [
      { name: 'europe', type: NESTED, targetResourceId: eu.id!, minChildEndpoints: 1, geoMapping: ['GEO-EU'] },
      { name: 'america', type: NESTED, targetResourceId: na.id!, minChildEndpoints: 1, geoMapping: ['GEO-NA'] },
      { name: 'world', type: EXTERNAL, target: 'shop-use1.us-east-1.elb.amazonaws.com', geoMapping: ['WORLD'] },
    ],
  });
  // Another tool's tree for another name nests the North American pool too: it must stay.
  await tm.profiles.createOrUpdate('traffic', 'api-root', {
    location: 'global',
    trafficRoutingMethod: 'Weighted',
    dnsConfig: { relativeName: 'api-root-example', ttl: 60 },
    monitorConfig,
    endpoints: [{ name: 'na', type: NESTED, targetResourceId: na.id!, minChildEndpoints: 1, weight: 1 }],
  });
  await dns.recordSets.createOrUpdate('dns', 'example.com', 'shop', 'CNAME', {
    ttl: 60,
    cnameRecord: { cname: 'shop-root-example.trafficmanager.net' },
  });
  await dns.recordSets.createOrUpdate('dns', 'example.com', 'api', 'CNAME', {
    ttl: 60,
    cnameRecord: { cname: 'api-root-example.trafficmanager.net' },
  });
  await dns.recordSets.createOrUpdate('dns', 'example.com', 'static', 'TXT', {
    ttl: 300,
    txtRecords: [{ value: ['v=spf1 -all'] }],
  });
}

/** Every record set and profile, canonical, keyed like trafficport's resources (no ETags, no ids). */
async function snapshot({ dns, tm }: Clients): Promise<Resource[]> {
  const out: Resource[] = [];
  for await (const set of dns.recordSets.listAllByDnsZone('dns', 'example.com')) {
    const type = (set.type ?? '').split('/').pop()!.toUpperCase();
    if (set.name?.startsWith('_trafficport-lock')) continue;
    out.push({ kind: 'azure.recordset', key: `azure.recordset|${set.name}|${type}`, body: recordSetFromSdk(set) });
  }
  for await (const profile of tm.profiles.listByResourceGroup('traffic')) {
    out.push({ kind: 'azure.tm-profile', key: `azure.tm-profile|${profile.name}`, body: profileFromSdk(profile) });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Geography → answered target → fraction, for the service, from everything in the zone. */
function answers(resources: readonly Resource[]): Map<string, Record<string, number>> {
  const tree = new AzureResources(resources, 'example.com', undefined, (name, target) => target ?? name);
  const out = new Map<string, Record<string, number>>();
  for (const geo of ['*', ...COUNTRIES.keys()]) {
    const answer = tree.evaluate(SERVICE, 'CNAME', geo);
    out.set(geo, answer.kind === 'answers' ? Object.fromEntries([...answer.fractions].sort()) : { [answer.kind]: 1 });
  }
  return out;
}

function expectSameAnswers(now: Map<string, Record<string, number>>, before: Map<string, Record<string, number>>) {
  const differing = [...before].filter(([geo, shares]) => {
    const got = now.get(geo) ?? {};
    const ids = new Set([...Object.keys(shares), ...Object.keys(got)]);
    return [...ids].some((id) => Math.abs((got[id] ?? 0) - (shares[id] ?? 0)) > 1e-9);
  });
  expect(
    differing.map(([geo]) => `${geo}: ${JSON.stringify(now.get(geo))} ≠ ${JSON.stringify(before.get(geo))}`),
  ).toEqual([]);
}

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'tp-adopt-az-'));
  writeFileSync(join(dir, 'providers.yaml'), PROVIDERS);
  const sdk = clients(dir);
  await seed(sdk);
  const original = await snapshot(sdk);
  const imported = await runCli(['import', 'providers.yaml', '--service', SERVICE, '--out', 'policy.yaml'], {
    cwd: dir,
  });
  expect(imported.code, imported.stderr).toBe(0);
  return { dir, sdk, original, before: answers(original) };
}

describe('adopting an Azure Traffic Manager tree (SDK, mock)', () => {
  it('imports, verifies untouched, adopts without moving traffic, and rolls back to the exact resources', async () => {
    const { dir, sdk, original, before } = await setUp();
    expect(before.get('DE')).toEqual({
      'shop-fra.eu-central-1.elb.amazonaws.com': 0.25,
      'shop-weu.westeurope.cloudapp.azure.com': 0.75,
    });
    // The profiles' probes are the endpoints' health checks (tolerated failures + 1 = failureThreshold).
    const loaded = loadPolicy(readFileSync(join(dir, 'policy.yaml'), 'utf8'), 'policy.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    expect(loaded.policy.endpoints.find((e) => e.id === 'weu')?.healthCheck).toEqual({
      protocol: 'https',
      port: 443,
      path: '/health',
      interval: 30,
      failureThreshold: 4,
      timeout: 10,
    });
    const untouched = await runCli(['verify', 'policy.yaml', '--json'], { cwd: dir });
    expect(untouched.code, untouched.stdout + untouched.stderr).toBe(0);
    expect((JSON.parse(untouched.stdout) as { providers: { notOwned: string[] }[] }).providers[0]!.notOwned).toEqual([
      SERVICE,
    ]);

    const dry = await runCli(['adopt', 'policy.yaml', '--service', SERVICE, '--dry-run', '--json'], { cwd: dir });
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout) as {
      providers: { maxMovedPercent: number; replaced: { name: string }[]; kept: string[] }[];
    };
    expect(plan.providers[0]!.maxMovedPercent).toBe(0);
    // The record set, then the profiles parents first; the shared pool stays.
    expect(plan.providers[0]!.replaced.map((r) => r.name)).toEqual(['shop', 'shop-root', 'shop-eu']);
    expect(plan.providers[0]!.kept).toEqual([expect.stringContaining('shop-na (also used by profile api-root)')]);
    expect(await snapshot(sdk)).toEqual(original);

    const adopted = await runCli(['adopt', 'policy.yaml', '--service', SERVICE, '--auto-approve'], { cwd: dir });
    expect(adopted.code, adopted.stderr).toBe(0);
    const after = await snapshot(sdk);
    expectSameAnswers(answers(after), before);
    const keys = after.map((r) => r.key);
    expect(keys).not.toContain('azure.tm-profile|shop-root');
    expect(keys).not.toContain('azure.tm-profile|shop-eu');
    expect(keys).toContain('azure.tm-profile|shop-na');
    // Other tools' records elsewhere are untouched.
    for (const key of ['azure.recordset|static|TXT', 'azure.recordset|api|CNAME', 'azure.tm-profile|api-root'])
      expect(after.find((r) => r.key === key)).toEqual(original.find((r) => r.key === key));
    expect((await runCli(['plan', 'policy.yaml', '--detailed-exitcode'], { cwd: dir })).code).toBe(0);
    const verified = await runCli(['verify', 'policy.yaml'], { cwd: dir });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);

    const rolled = await runCli(['rollback', 'policy.yaml', '--auto-approve'], { cwd: dir });
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(await snapshot(sdk)).toEqual(original);
  });

  it('adopt --dry-run says how much traffic a changed pin moves, geography by geography', async () => {
    const { dir } = await setUp();
    const text = readFileSync(join(dir, 'policy.yaml'), 'utf8');
    expect(text).toContain('{ fra: 25, weu: 75 }');
    writeFileSync(join(dir, 'policy.yaml'), text.replaceAll('{ fra: 25, weu: 75 }', '{ fra: 50, weu: 50 }'));
    const dry = await runCli(['adopt', 'policy.yaml', '--service', SERVICE, '--dry-run', '--json'], { cwd: dir });
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout) as {
      providers: { maxMovedPercent: number; moves: { geo: string; moved: number; before: object; after: object }[] }[];
    };
    // 75/25 → 50/50 moves a quarter of each European country's users; nobody else moves.
    expect(plan.providers[0]!.maxMovedPercent).toBe(25);
    expect(plan.providers[0]!.moves.find((m) => m.geo === 'DE')).toEqual({
      geo: 'DE',
      moved: 25,
      before: { fra: 25, weu: 75 },
      after: { fra: 50, weu: 50 },
    });
    expect(plan.providers[0]!.moves.some((m) => m.geo === 'JP' || m.geo === 'US')).toBe(false);
  });

  it('cut off after each write: answers never change, apply --resume finishes, rollback restores', async () => {
    const { dir, sdk, original, before } = await setUp();
    const writes = ['Profiles_CreateOrUpdate', 'Profiles_Delete', 'RecordSets_CreateOrUpdate'];
    const cutAfter = (n: number) => ({
      TRAFFICPORT_AZURE_MAX_RETRY_WAIT: '0',
      TRAFFICPORT_MOCK_FAULTS: JSON.stringify({
        azure: { rules: [{ kind: 'status', status: 503, operations: writes, after: n }] },
      }),
    });
    const dry = await runCli(['adopt', 'policy.yaml', '--service', SERVICE, '--dry-run', '--json'], { cwd: dir });
    const planned = (
      JSON.parse(dry.stdout) as {
        providers: { replaced: unknown[]; created: { name: string; type: string; summary: string }[] }[];
      }
    ).providers[0]!;
    let cuts = 0;
    const cutAt: string[] = [];
    for (let n = 0; ; n++) {
      const adopt = await runCli(['adopt', 'policy.yaml', '--service', SERVICE, '--auto-approve'], {
        cwd: dir,
        env: cutAfter(n),
      });
      expectSameAnswers(answers(await snapshot(sdk)), before);
      if (adopt.code === 0) break;
      cuts += 1;
      cutAt.push(
        adopt.stderr
          .match(/(PUT|DELETE) (\S+);/)
          ?.slice(1, 3)
          .join(' ') ?? adopt.stderr,
      );
      expect(adopt.stderr).toMatch(/PROVIDER\.UNAVAILABLE|503|unavailable/i);
      // Journaled (even a lease the provider failed to write is the provider's failure): how to go on.
      expect(adopt.stderr).toContain('trafficport apply --resume policy.yaml');
      const resumed = await runCli(['apply', '--resume', 'policy.yaml', '--auto-approve'], { cwd: dir });
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      expectSameAnswers(answers(await snapshot(sdk)), before);
      expect((await runCli(['plan', 'policy.yaml', '--detailed-exitcode'], { cwd: dir })).code, `cut ${n}`).toBe(0);
      // The rollback cut off at the same point, then finished.
      const cutRollback = await runCli(['rollback', 'policy.yaml', '--auto-approve'], { cwd: dir, env: cutAfter(n) });
      expectSameAnswers(answers(await snapshot(sdk)), before);
      if (cutRollback.code !== 0) {
        const rolled = await runCli(['rollback', 'policy.yaml', '--auto-approve'], { cwd: dir });
        expect(rolled.code, rolled.stderr).toBe(0);
      }
      expect(await snapshot(sdk), `after cut ${n}`).toEqual(original);
    }
    // A cut before each write: the lease, trafficport's shared profiles (the split's Weighted ones,
    // written side by side, then the Priority ones of the default failover backups over them, each
    // cut on its own), the root, the switch, the foreign profiles parents first.
    const sharedOf = (method: string) =>
      planned.created.filter((line) => line.name.startsWith('tp-w-') && line.summary.startsWith(`${method}:`));
    expect(sharedOf('Weighted').length).toBeGreaterThan(0);
    expect(sharedOf('Priority').length).toBeGreaterThan(0);
    const names = ['_trafficport-lock', 'tp-shop-example-com', 'CNAME/shop', 'shop-root', 'shop-eu'];
    const labels = cutAt.map(
      (at) =>
        names.find((name) => at.endsWith(`/${name}`)) ??
        at
          .split('/')
          .pop()!
          .replace(/[0-9a-f]{12}$/, '…'),
    );
    expect(labels.filter((label, i) => label !== 'tp-w-…' || labels[i - 1] !== 'tp-w-…')).toEqual([
      '_trafficport-lock',
      'tp-w-…',
      'tp-shop-example-com',
      'CNAME/shop',
      'shop-root',
      'shop-eu',
    ]);
    const cutProfile = (name: string) => cutAt.findIndex((at) => at.endsWith(`/${name}`));
    for (const line of sharedOf('Priority')) expect(cutProfile(line.name), line.name).toBeGreaterThan(0);
    const firstPriority = Math.min(...sharedOf('Priority').map((line) => cutProfile(line.name)));
    for (const line of sharedOf('Weighted'))
      if (cutProfile(line.name) > 0) expect(cutProfile(line.name)).toBeLessThan(firstPriority);
    expect(cuts).toBe(cutAt.length);
    expect(planned.replaced).toHaveLength(3);
    expect(readFileSync(join(dir, 'policy.yaml'), 'utf8')).toContain('pinned');
  });
});

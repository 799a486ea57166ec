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
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { Resource } from '../../src/render/types.js';
import { azureAnswers, azureZoneSnapshot } from '../support/azure-zone.js';
import { runCli } from '../support/run-cli.js';
import { type StateFileClients, stateFileClients } from '../support/state-file-clients.js';

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

const clients = (dir: string) => stateFileClients(dir, SUB);

type Clients = StateFileClients;

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

const snapshot = (sdk: Clients) => azureZoneSnapshot(sdk, 'example.com');

const answers = (resources: readonly Resource[]) => azureAnswers(resources, 'example.com', SERVICE, 'CNAME');

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

/**
 * Moving a service published in the layout of earlier versions (an A alias record set to a
 * Geographic profile over per-service nested Weighted profiles) to today's (a CNAME alias to the
 * root, nested splits in shared profiles) is an ordinary plan and apply through the command tree,
 * leaves nothing dangling, and rolls back.
 *
 * Two starting points, because the old layout existed in two forms:
 * - as real Azure left it: the profiles were created, then the A alias was refused, so no record
 *   set stands at the name. Rollback restores exactly that.
 * - as a lenient mock accepted it, with the A alias. Azure refuses that alias, so trafficport
 *   refuses to roll back to it, before writing anything, and says why.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DnsManagementClient, getContinuationToken, type RecordType } from '@azure/arm-dns';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { AzureProvider, Policy } from '../../src/policy/types.js';
import { createAdapterFromClients } from '../../src/providers/azure/adapter.js';
import { profileToSdk, recordSetToSdk } from '../../src/providers/azure/canonical.js';
import { createRequestMeter } from '../../src/providers/azure/meter.js';
import {
  createAzureMockHandler,
  createAzureMockStore,
  createMockCredential,
  inProcessClientOptions,
} from '../../src/providers/azure/mock/index.js';
import { renderAzure } from '../../src/render/azure.js';
import { NESTED_TYPE } from '../../src/render/azure-bodies.js';
import { profileKey, recordSetKey } from '../../src/render/azure-names.js';
import type { Resource } from '../../src/render/types.js';
import { solve } from '../../src/solve/solve.js';
import { AZ_SUBSCRIPTION, azureProviderYaml } from '../support/azure-policy.js';
import { runCli } from '../support/run-cli.js';

const SUB = AZ_SUBSCRIPTION;
const POLICY = `version: 1
${azureProviderYaml()}endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20, 203.0.113.21] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  az-eus: { cloud: azure, region: eastus, a: [198.51.100.10] }
services:
  - { name: api.example.com, ttl: 60, endpoints: [aws-fra, az-weu, aws-use1, az-eus], publish: [az] }
rules:
  geography: { prefer: nearest, minEndpoints: 2 }
  sovereignty:
    - { name: gdpr, users: [EEA], allow: { jurisdiction: EU } }
`;
const AT = '2026-12-01T00:00Z';

function load(): { policy: Policy; provider: AzureProvider } {
  const result = loadPolicy(POLICY, 'policy.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return { policy: result.policy, provider: result.policy.providers[0] as AzureProvider };
}

interface Endpoint {
  name: string;
  type: string;
  properties: Record<string, unknown>;
}
type ProfileJson = {
  tags: Record<string, string>;
  properties: { dnsConfig: { relativeName: string }; endpoints: Endpoint[] };
};

/**
 * The layout earlier versions rendered for the same split: every distinct split in a Weighted
 * profile of the service's own (`tp-<slug>-<8 hex>`, tagged with the service), nested by the
 * Geographic root, and an A alias record set to the root. Those versions had no failover backups,
 * so it is derived from today's layout without them.
 */
function legacyLayout(): Resource[] {
  const { policy, provider } = load();
  const bare = { ...provider, trafficManager: { ...provider.trafficManager, failoverBackups: false } };
  const desired = renderAzure({ policy, splits: solve(policy, Date.parse(AT)), provider: bare });
  const rootKey = profileKey('tp-api-example-com');
  const root = structuredClone(desired.resources.find((r) => r.key === rootKey)!.body) as unknown as ProfileJson;
  const children: Resource[] = [];
  for (const endpoint of root.properties.endpoints) {
    const id = endpoint.properties.targetResourceId as string;
    const shared = desired.resources.find((r) => r.key === profileKey(id.split('/').pop()!))!;
    const hash = id.slice(-12, -4);
    const name = `tp-api-example-com-${hash}`;
    const body = structuredClone(shared.body) as unknown as ProfileJson;
    body.tags = { trafficport: 'owned', 'trafficport-service': 'api.example.com' };
    body.properties.dnsConfig.relativeName = `${name}-legacy`;
    children.push({ kind: 'azure.tm-profile', key: profileKey(name), body: body as never });
    endpoint.name = `w-${hash}`;
    endpoint.properties.targetResourceId = id.replace(/tp-w-[0-9a-f]{12}$/, name);
  }
  const cname = desired.resources.find((r) => r.key === recordSetKey('api', 'CNAME'))!;
  const resources: Resource[] = [
    { kind: 'azure.recordset', key: recordSetKey('api', 'A'), body: cname.body },
    { kind: 'azure.tm-profile', key: rootKey, body: root as never },
    ...children,
  ];
  return resources.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** SDK clients on the CLI's state file, on a mock that takes the old lenient reading. */
function lenientClients(dir: string) {
  const backend = createAzureMockHandler({
    store: createAzureMockStore(join(dir, '.trafficport', 'mock', 'azure.json')),
    limits: { aliasThroughNestedProfiles: true },
  });
  const options = inProcessClientOptions(backend);
  return {
    dns: new DnsManagementClient(createMockCredential(), SUB, options),
    tm: new TrafficManagerManagementClient(createMockCredential(), SUB, options),
  };
}

async function writeLegacy(dir: string, withAlias: boolean): Promise<Resource[]> {
  const clients = lenientClients(dir);
  await clients.dns.zones.createOrUpdate('dns-rg', 'example.com', { location: 'global' });
  const legacy = legacyLayout().filter((r) => withAlias || r.kind !== 'azure.recordset');
  const profiles = legacy.filter((r) => r.kind === 'azure.tm-profile');
  // Children first: a nested endpoint must point at an existing profile.
  for (const r of [...profiles].sort((a, b) => b.key.length - a.key.length))
    await clients.tm.profiles.createOrUpdate('tm-rg', r.key.split('|')[1]!, profileToSdk(r.body));
  for (const r of legacy.filter((x) => x.kind === 'azure.recordset'))
    await clients.dns.recordSets.createOrUpdate(
      'dns-rg',
      'example.com',
      'api',
      'A' as RecordType,
      recordSetToSdk(r.body),
    );
  return legacy;
}

/** What trafficport owns there now, read by the adapter on the CLI's state file. */
async function owned(dir: string) {
  const { provider } = load();
  const options = inProcessClientOptions(
    createAzureMockHandler({ store: createAzureMockStore(join(dir, '.trafficport', 'mock', 'azure.json')) }),
  );
  const adapter = createAdapterFromClients(provider, {
    dns: new DnsManagementClient(createMockCredential(), SUB, options),
    tm: new TrafficManagerManagementClient(createMockCredential(), SUB, options),
    continuationToken: getContinuationToken,
    meter: createRequestMeter(),
  });
  return adapter.read(['api.example.com']);
}

async function migrate(withAlias: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'tp-migrate-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
  const legacy = await writeLegacy(dir, withAlias);
  expect((await owned(dir)).resources).toEqual(legacy);

  const planned = await runCli(['plan', 'policy.yaml', '--at', AT, '--json'], { cwd: dir });
  expect(planned.code, planned.stderr).toBe(0);
  const plan = JSON.parse(planned.stdout) as { providers: { changes: { action: string; key: string }[] }[] };
  const changes = plan.providers[0]!.changes.map((c) => `${c.action} ${c.key}`);
  const children = legacy.filter((r) => /tp-api-example-com-[0-9a-f]{8}$/.test(r.key));
  // Today's layout wraps each split in a Priority profile of its failover backups (the default).
  const { policy, provider } = load();
  const today = renderAzure({ policy, splits: solve(policy, Date.parse(AT)), provider });
  const priorities = today.resources.filter(
    (r) =>
      r.kind === 'azure.tm-profile' &&
      (r.body as { properties: { trafficRoutingMethod: string } }).properties.trafficRoutingMethod === 'Priority',
  ).length;
  expect(priorities).toBeGreaterThan(0);
  // The plan shows the move: shared profiles in (a Weighted one per split, and the Priority ones
  // over them), the root switched, the A alias out and the CNAME alias in, the per-service
  // children out.
  expect(changes).toEqual(
    expect.arrayContaining([
      'update azure.tm-profile|tp-api-example-com',
      'create azure.recordset|api|CNAME',
      ...(withAlias ? ['delete azure.recordset|api|A'] : []),
      ...children.map((c) => `delete ${c.key}`),
    ]),
  );
  expect(changes.filter((c) => c.startsWith('create azure.tm-profile|tp-w-'))).toHaveLength(
    children.length + priorities,
  );
  expect(changes).toHaveLength(children.length * 2 + priorities + 2 + (withAlias ? 1 : 0));

  const applied = await runCli(['apply', 'policy.yaml', '--at', AT, '--auto-approve', '--force'], { cwd: dir });
  expect(applied.code, applied.stderr + applied.stdout).toBe(0);
  expect((await runCli(['plan', 'policy.yaml', '--at', AT, '--detailed-exitcode'], { cwd: dir })).code).toBe(0);
  const verified = await runCli(['verify', 'policy.yaml', '--at', AT], { cwd: dir });
  expect(verified.code, verified.stdout).toBe(0);

  // Nothing dangling: the only record set is the CNAME; every profile is the root or reached from
  // it through nested endpoints (Priority profiles nest the Weighted ones).
  const after = await owned(dir);
  expect(after.resources.filter((r) => r.kind === 'azure.recordset').map((r) => r.key)).toEqual([
    'azure.recordset|api|CNAME',
  ]);
  const reached = new Set<string>();
  const visit = (key: string) => {
    if (reached.has(key)) return;
    reached.add(key);
    const body = after.resources.find((r) => r.key === key)?.body as unknown as ProfileJson | undefined;
    for (const e of body?.properties.endpoints ?? [])
      if (e.type === NESTED_TYPE) visit(profileKey((e.properties.targetResourceId as string).split('/').pop()!));
  };
  visit(profileKey('tp-api-example-com'));
  const profiles = after.resources.filter((r) => r.kind === 'azure.tm-profile').map((r) => r.key);
  expect(profiles.sort()).toEqual([...reached].sort());
  expect(profiles).toHaveLength(1 + children.length + priorities);
  const everything = [];
  for await (const p of lenientClients(dir).tm.profiles.listByResourceGroup('tm-rg')) everything.push(p.name);
  expect(everything.sort()).toEqual(profiles.map((k) => k.split('|')[1]).sort());
  return { dir, legacy, after };
}

describe('migrating a published service from the old Azure layout', () => {
  it('as real Azure left it (no record set): plan shows the move, apply leaves nothing dangling, rollback restores it', async () => {
    const { dir, legacy } = await migrate(false);
    const rolled = await runCli(['rollback', 'policy.yaml', '--auto-approve', '--force'], { cwd: dir });
    expect(rolled.code, rolled.stderr + rolled.stdout).toBe(0);
    expect((await owned(dir)).resources).toEqual(legacy);
  });

  it('as a lenient mock accepted it (A alias to nested profiles): migrates; rollback to it is refused before writing', async () => {
    const { dir, after } = await migrate(true);
    const rolled = await runCli(['rollback', 'policy.yaml', '--auto-approve', '--force'], { cwd: dir });
    expect(rolled.code).toBe(1);
    expect(rolled.stdout + rolled.stderr).toContain('PROVIDER.ALIAS_TARGET');
    expect(rolled.stdout + rolled.stderr).toContain('is not an external endpoint with an IPv4 address');
    expect((await owned(dir)).resources).toEqual(after.resources);
  });
});

/**
 * Adopting an Azure apex: another tool's A record set at `@` is an alias (`targetResource`) of a
 * Traffic Manager profile, the only way Azure DNS steers a zone apex (no CNAME there), and an A
 * alias may only target a profile of external IP endpoints (a flat Weighted or Geographic one here).
 * Through the real SDK clients against
 * the mock, as test/adopt/azure-adopt.test.ts does below the apex: import → verify against the
 * untouched zone → adopt (0% moved, every geography answers as before) → rollback restores every
 * record set and profile exactly (canonical form).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DnsManagementClient } from '@azure/arm-dns';
import { type Profile, TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/geo/countries.js';
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
const ZONE = 'example.com';
const PROVIDERS = `version: 1
providers:
  az: { type: azure, zone: ${ZONE}, subscription: "${SUB}", resourceGroup: dns, backend: mock, trafficManager: { resourceGroup: traffic } }
endpoints: {}
`;
const EXTERNAL = 'Microsoft.Network/trafficManagerProfiles/externalEndpoints';
const monitorConfig = { protocol: 'HTTPS', port: 443, path: '/health', intervalInSeconds: 30, timeoutInSeconds: 10 };

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

/**
 * As other tools lay out an apex: the `@` A record set aliases a profile of IP endpoints, Weighted
 * (one split) or Geographic (a split per region, each one address).
 */
type Layout = 'weighted' | 'geographic';
const LAYOUTS: Record<Layout, Pick<Profile, 'trafficRoutingMethod' | 'endpoints'>> = {
  weighted: {
    trafficRoutingMethod: 'Weighted',
    endpoints: [
      { name: 'weu', type: EXTERNAL, target: '198.51.100.20', weight: 3 },
      { name: 'fra', type: EXTERNAL, target: '203.0.113.20', weight: 1 },
    ],
  },
  geographic: {
    trafficRoutingMethod: 'Geographic',
    endpoints: [
      { name: 'weu', type: EXTERNAL, target: '198.51.100.20', geoMapping: ['GEO-EU'] },
      { name: 'use1', type: EXTERNAL, target: '203.0.113.10', geoMapping: ['GEO-NA'] },
      { name: 'fra', type: EXTERNAL, target: '203.0.113.20', geoMapping: ['WORLD'] },
    ],
  },
};

async function seed({ dns, tm }: Clients, layout: Layout): Promise<void> {
  await dns.zones.createOrUpdate('dns', ZONE, { location: 'global' });
  const root = await tm.profiles.createOrUpdate('traffic', 'apex-root', {
    location: 'global',
    ...LAYOUTS[layout],
    dnsConfig: { relativeName: 'apex-root-example', ttl: 60 },
    monitorConfig,
  });
  await dns.recordSets.createOrUpdate('dns', ZONE, '@', 'A', { ttl: 60, targetResource: { id: root.id! } });
  // Other tools' records at the apex and elsewhere stay as they are.
  await dns.recordSets.createOrUpdate('dns', ZONE, '@', 'TXT', { ttl: 300, txtRecords: [{ value: ['v=spf1 -all'] }] });
  await dns.recordSets.createOrUpdate('dns', ZONE, 'www', 'CNAME', { ttl: 300, cnameRecord: { cname: ZONE } });
}

/** What the layouts answer, independently of the evaluator: DE, US and JP users. */
const EXPECTED: Record<Layout, Record<string, Record<string, number>>> = {
  weighted: {
    DE: { '198.51.100.20': 0.75, '203.0.113.20': 0.25 },
    US: { '198.51.100.20': 0.75, '203.0.113.20': 0.25 },
    JP: { '198.51.100.20': 0.75, '203.0.113.20': 0.25 },
  },
  geographic: { DE: { '198.51.100.20': 1 }, US: { '203.0.113.10': 1 }, JP: { '203.0.113.20': 1 } },
};

/** Every record set and profile, canonical, keyed like trafficport's resources (no ETags, no ids). */
async function snapshot({ dns, tm }: Clients): Promise<Resource[]> {
  const out: Resource[] = [];
  for await (const set of dns.recordSets.listAllByDnsZone('dns', ZONE)) {
    const type = (set.type ?? '').split('/').pop()!.toUpperCase();
    if (set.name?.startsWith('_trafficport-lock')) continue;
    out.push({ kind: 'azure.recordset', key: `azure.recordset|${set.name}|${type}`, body: recordSetFromSdk(set) });
  }
  for await (const profile of tm.profiles.listByResourceGroup('traffic')) {
    out.push({ kind: 'azure.tm-profile', key: `azure.tm-profile|${profile.name}`, body: profileFromSdk(profile) });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Geography → answered address → fraction, for A queries at the apex, from everything in the zone. */
function answers(resources: readonly Resource[]): Map<string, Record<string, number>> {
  const tree = new AzureResources(resources, ZONE, undefined, (name, target) => target ?? name);
  const out = new Map<string, Record<string, number>>();
  for (const geo of ['*', ...COUNTRIES.keys()]) {
    const answer = tree.evaluate(ZONE, 'A', geo);
    out.set(geo, answer.kind === 'answers' ? Object.fromEntries([...answer.fractions].sort()) : { [answer.kind]: 1 });
  }
  return out;
}

describe('adopting an Azure zone apex (A alias of a Traffic Manager profile; SDK, mock)', () => {
  it.each(Object.keys(LAYOUTS) as Layout[])(
    '%s: imports, verifies untouched, adopts without moving traffic, and rolls back to the exact resources',
    async (layout) => {
      const dir = mkdtempSync(join(tmpdir(), 'tp-adopt-apex-'));
      writeFileSync(join(dir, 'providers.yaml'), PROVIDERS);
      const sdk = clients(dir);
      await seed(sdk, layout);
      const original = await snapshot(sdk);
      const before = answers(original);
      for (const [geo, expected] of Object.entries(EXPECTED[layout])) expect(before.get(geo), geo).toEqual(expected);

      const imported = await runCli(['import', 'providers.yaml', '--service', ZONE, '--out', 'policy.yaml'], {
        cwd: dir,
      });
      expect(imported.code, imported.stderr).toBe(0);
      expect(readFileSync(join(dir, 'policy.yaml'), 'utf8')).toContain(`name: ${ZONE}`);
      const untouched = await runCli(['verify', 'policy.yaml', '--json'], { cwd: dir });
      expect(untouched.code, untouched.stdout + untouched.stderr).toBe(0);
      expect((JSON.parse(untouched.stdout) as { providers: { notOwned: string[] }[] }).providers[0]!.notOwned).toEqual([
        ZONE,
      ]);

      const dry = await runCli(['adopt', 'policy.yaml', '--service', ZONE, '--dry-run', '--json'], { cwd: dir });
      expect(dry.code, dry.stdout + dry.stderr).toBe(0);
      const plan = JSON.parse(dry.stdout) as { providers: { maxMovedPercent: number; replaced: { name: string }[] }[] };
      expect(plan.providers[0]!.maxMovedPercent).toBe(0);
      expect(plan.providers[0]!.replaced.map((r) => r.name)).toEqual(['@', 'apex-root']);
      expect(await snapshot(sdk)).toEqual(original);

      const adopted = await runCli(['adopt', 'policy.yaml', '--service', ZONE, '--auto-approve'], { cwd: dir });
      expect(adopted.code, adopted.stderr).toBe(0);
      const after = await snapshot(sdk);
      expect(answers(after)).toEqual(before);
      const keys = after.map((r) => r.key);
      expect(keys).not.toContain('azure.tm-profile|apex-root');
      // Still an A alias at the apex, now of trafficport's profile.
      const apex = after.find((r) => r.key === 'azure.recordset|@|A')?.body as { targetResource?: { id?: string } };
      expect(apex.targetResource?.id).toMatch(/\/trafficmanagerprofiles\/tp-/i);
      for (const key of ['azure.recordset|@|TXT', 'azure.recordset|www|CNAME'])
        expect(after.find((r) => r.key === key)).toEqual(original.find((r) => r.key === key));
      expect((await runCli(['plan', 'policy.yaml', '--detailed-exitcode'], { cwd: dir })).code).toBe(0);
      const verified = await runCli(['verify', 'policy.yaml'], { cwd: dir });
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);

      const rolled = await runCli(['rollback', 'policy.yaml', '--auto-approve'], { cwd: dir });
      expect(rolled.code, rolled.stderr).toBe(0);
      expect(await snapshot(sdk)).toEqual(original);
      expect(answers(await snapshot(sdk))).toEqual(before);
    },
  );
});

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
import type { Profile } from '@azure/arm-trafficmanager';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../src/render/types.js';
import { azureAnswers, azureZoneSnapshot } from '../support/azure-zone.js';
import { runCli } from '../support/run-cli.js';
import { type StateFileClients, stateFileClients } from '../support/state-file-clients.js';

const SUB = '00000000-0000-0000-0000-000000000000';
const ZONE = 'example.com';
const PROVIDERS = `version: 1
providers:
  az: { type: azure, zone: ${ZONE}, subscription: "${SUB}", resourceGroup: dns, backend: mock, trafficManager: { resourceGroup: traffic } }
endpoints: {}
`;
const EXTERNAL = 'Microsoft.Network/trafficManagerProfiles/externalEndpoints';
const monitorConfig = { protocol: 'HTTPS', port: 443, path: '/health', intervalInSeconds: 30, timeoutInSeconds: 10 };

const clients = (dir: string) => stateFileClients(dir, SUB);
type Clients = StateFileClients;

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

const snapshot = (sdk: Clients) => azureZoneSnapshot(sdk, ZONE);

const answers = (resources: readonly Resource[]) => azureAnswers(resources, ZONE, ZONE, 'A');

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

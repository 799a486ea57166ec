/**
 * import → validate → adopt (plan: no traffic moves) → apply → verify → rollback, through the
 * real Route 53 SDK client against the mock, on zones laid out the way other tools write them:
 * OctoDNS-style dynamic records (geolocation aliases to `_octodns-…-value` weighted pools; the
 * mock has no failover records, so the pools are aliased directly), a hand-written weighted set,
 * and a geolocation set with a default. Every geography's answer (the general resolver over the
 * whole zone) is the same before and after the adoption, and rollback restores the foreign sets
 * exactly as ListResourceRecordSets returned them.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/geo/countries.js';
import { createRoute53Backend, mockRequestHandler, route53StateFile } from '../../src/providers/route53/mock/index.js';
import { type Route53RecordSet, recordSetResource, withoutUndefined } from '../../src/render/route53-body.js';
import { Route53SetIndex } from '../../src/resolver/route53-index.js';
import { resolveRoute53 } from '../../src/resolver/route53-resolve.js';
import { runCli } from '../support/run-cli.js';

const PROVIDERS = `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints:
  known-eu: { cloud: aws, region: eu-central-1, a: [192.0.2.10] }
`;

const a = (name: string, value: string, extra: Partial<ResourceRecordSet> = {}): ResourceRecordSet => ({
  Name: name,
  Type: 'A',
  TTL: 60,
  ResourceRecords: [{ Value: value }],
  ...extra,
});

function fixtures(zoneId: string): ResourceRecordSet[] {
  const pool = (name: string) => `_octodns-${name}-value.www.example.com`;
  const alias = (id: string, geo: ResourceRecordSet['GeoLocation'], target: string): ResourceRecordSet => ({
    Name: 'www.example.com',
    Type: 'A',
    SetIdentifier: id,
    GeoLocation: geo,
    AliasTarget: { HostedZoneId: zoneId, DNSName: pool(target), EvaluateTargetHealth: true },
  });
  return [
    // OctoDNS-style dynamic record: pools of weighted values, rules as geolocation aliases.
    a(pool('eu'), '192.0.2.10', { SetIdentifier: 'eu-000', Weight: 2 }),
    a(pool('eu'), '192.0.2.11', { SetIdentifier: 'eu-001', Weight: 1 }),
    a(pool('na'), '198.51.100.1', { SetIdentifier: 'na-000', Weight: 1 }),
    a(pool('na'), '198.51.100.2', { SetIdentifier: 'na-001', Weight: 1 }),
    alias('0-EU', { ContinentCode: 'EU' }, 'eu'),
    alias('0-US-CA', { CountryCode: 'US', SubdivisionCode: 'CA' }, 'eu'),
    alias('default', { CountryCode: '*' }, 'na'),
    // A hand-written weighted set.
    a('shop.example.com', '203.0.113.1', { SetIdentifier: 'blue', Weight: 3 }),
    a('shop.example.com', '203.0.113.2', { SetIdentifier: 'green', Weight: 1 }),
    // A geolocation set with a default.
    a('geo.example.com', '203.0.113.20', { SetIdentifier: 'de', GeoLocation: { CountryCode: 'DE' } }),
    a('geo.example.com', '203.0.113.21', { SetIdentifier: 'asia', GeoLocation: { ContinentCode: 'AS' } }),
    a('geo.example.com', '203.0.113.22', { SetIdentifier: 'rest', GeoLocation: { CountryCode: '*' } }),
    // Something else at a service name: left alone.
    { Name: 'www.example.com', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"v=spf1 -all"' }] },
  ];
}

const SERVICES = ['www.example.com', 'shop.example.com', 'geo.example.com'];

function client(dir: string): Route53Client {
  return new Route53Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    requestHandler: mockRequestHandler(
      createRoute53Backend({ store: route53StateFile(join(dir, '.trafficport', 'mock', 'route53.json')) }),
    ),
  });
}

async function allSets(sdk: Route53Client, zoneId: string): Promise<ResourceRecordSet[]> {
  const page = await sdk.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 300 }));
  expect(page.IsTruncated).toBe(false);
  return page.ResourceRecordSets ?? [];
}

/** Service → geography → answered values → fraction, from every set in the zone. */
function answers(sets: readonly ResourceRecordSet[], zoneId: string): Map<string, Map<string, Map<string, number>>> {
  const index = new Route53SetIndex(
    sets.map((set) => {
      const body = withoutUndefined(set) as Route53RecordSet;
      const alias = body.AliasTarget;
      return recordSetResource(
        alias === undefined || alias.HostedZoneId !== zoneId
          ? body
          : { ...body, AliasTarget: { ...alias, HostedZoneId: 'ZONE' } },
      );
    }),
  );
  const out = new Map<string, Map<string, Map<string, number>>>();
  for (const service of SERVICES) {
    const byGeo = new Map<string, Map<string, number>>();
    for (const geo of ['*', ...COUNTRIES.keys(), 'US-CA']) {
      byGeo.set(
        geo,
        resolveRoute53(index, `${service}.`, 'A', geo, { identify: (values) => [...values].sort().join(',') }),
      );
    }
    out.set(service, byGeo);
  }
  return out;
}

/**
 * A new directory with providers.yaml, and the zone example.com on its file-backed mock holding
 * the fixtures `keep` accepts, created through the SDK as another tool would.
 */
async function seeded(prefix: string, keep: (set: ResourceRecordSet) => boolean) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'providers.yaml'), PROVIDERS);
  const sdk = client(dir);
  const zone = await sdk.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'seed' }));
  const zoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
  await sdk.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: fixtures(zoneId)
          .filter(keep)
          .map((set) => ({ Action: 'CREATE', ResourceRecordSet: set })),
      },
    }),
  );
  return { dir, sdk, zoneId };
}

describe('adopting records other tools published (Route 53, through the SDK, on the mock)', () => {
  it('imports, adopts without moving traffic, verifies, and rolls back to the exact records', async () => {
    const { dir, sdk, zoneId } = await seeded('tp-adopt-', () => true);
    const original = await allSets(sdk, zoneId);
    const before = answers(original, zoneId);

    const imported = await runCli(['import', 'providers.yaml', '--service', ...SERVICES, '--out', 'policy.yaml'], {
      cwd: dir,
    });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const policy = readFileSync(join(dir, 'policy.yaml'), 'utf8');
    // The endpoint already in the policy is reused; inferred ones are marked for checking.
    expect(policy).toContain('known-eu');
    expect(policy).toContain('CHECK:');
    expect((await runCli(['validate', 'policy.yaml'], { cwd: dir })).code).toBe(0);
    // The imported policy verifies against the untouched zone: the pins are what users get.
    const untouched = await runCli(['verify', 'policy.yaml', '--json'], { cwd: dir });
    expect(untouched.code, untouched.stdout + untouched.stderr).toBe(0);
    expect(
      (JSON.parse(untouched.stdout) as { providers: { notOwned: string[] }[] }).providers[0]!.notOwned.sort(),
    ).toEqual([...SERVICES].sort());
    expect(await allSets(sdk, zoneId)).toEqual(original);

    for (const [i, service] of SERVICES.entries()) {
      const dry = await runCli(['adopt', 'policy.yaml', '--service', service, '--dry-run', '--json'], { cwd: dir });
      expect(dry.code, dry.stderr).toBe(0);
      const plan = JSON.parse(dry.stdout) as { providers: { maxMovedPercent: number; replaced: unknown[] }[] };
      expect(plan.providers[0]!.maxMovedPercent).toBe(0);
      expect(plan.providers[0]!.replaced.length).toBeGreaterThan(0);
      const applied = await runCli(['adopt', 'policy.yaml', '--service', service, '--auto-approve'], {
        cwd: dir,
        now: Date.parse('2026-12-01T00:00:00Z') + i * 60_000,
      });
      expect(applied.code, applied.stderr).toBe(0);
    }
    const adopted = await allSets(sdk, zoneId);
    // Every foreign A set was replaced by trafficport's; the TXT stayed.
    expect(adopted.filter((s) => s.Type === 'A' && !(s.SetIdentifier ?? '').startsWith('tp:'))).toEqual([]);
    expect(adopted.find((s) => s.Type === 'TXT')).toEqual(original.find((s) => s.Type === 'TXT'));
    // Geography by geography, users get what they got before.
    const after = answers(adopted, zoneId);
    for (const service of SERVICES) {
      for (const [geo, shares] of before.get(service)!) {
        expect(Object.fromEntries(after.get(service)!.get(geo)!), `${service} ${geo}`).toEqual(
          Object.fromEntries(shares),
        );
      }
    }
    const verified = await runCli(['verify', 'policy.yaml'], { cwd: dir, now: Date.parse('2026-12-01T00:10:00Z') });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect((await runCli(['plan', 'policy.yaml', '--detailed-exitcode'], { cwd: dir })).code).toBe(0);

    for (const _ of SERVICES) {
      const rolled = await runCli(['rollback', 'policy.yaml', '--auto-approve'], { cwd: dir });
      expect(rolled.code, rolled.stderr).toBe(0);
    }
    expect(await allSets(sdk, zoneId)).toEqual(original);
  });

  it('adopt --dry-run reports the traffic a changed pin moves, geography by geography', async () => {
    const { dir } = await seeded('tp-adopt-move-', (set) => set.Name === 'shop.example.com');
    expect(
      (await runCli(['import', 'providers.yaml', '--service', 'shop.example.com', '--out', 'p.yaml'], { cwd: dir }))
        .code,
    ).toBe(0);
    const text = readFileSync(join(dir, 'p.yaml'), 'utf8');
    expect(text).toContain('"*": { blue: 75, green: 25 }');
    writeFileSync(join(dir, 'p.yaml'), text.replace('"*": { blue: 75, green: 25 }', '"*": { blue: 50, green: 50 }'));
    const dry = await runCli(['adopt', 'p.yaml', '--service', 'shop.example.com', '--dry-run', '--json'], { cwd: dir });
    expect(dry.code, dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout) as {
      providers: { maxMovedPercent: number; moves: { geo: string; moved: number; before: object; after: object }[] }[];
    };
    // 75/25 → 50/50 moves a quarter of every geography's users (half the L1 distance).
    expect(plan.providers[0]!.maxMovedPercent).toBe(25);
    expect(plan.providers[0]!.moves.length).toBeGreaterThan(200);
    for (const move of plan.providers[0]!.moves) {
      expect(move).toMatchObject({ moved: 25, before: { blue: 75, green: 25 }, after: { blue: 50, green: 50 } });
    }
  });

  it('apply --resume finishes a Route 53 adoption killed before or after its one request landed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-adopt-resume-'));
    writeFileSync(join(dir, 'providers.yaml'), PROVIDERS);
    const sdk = client(dir);
    const zone = await sdk.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'seed' }));
    const zoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '');
    await sdk.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: fixtures(zoneId)
            .filter((set) => set.Name === 'shop.example.com')
            .map((set) => ({ Action: 'CREATE', ResourceRecordSet: set })),
        },
      }),
    );
    const original = await allSets(sdk, zoneId);
    const shop = ['import', 'providers.yaml', '--service', 'shop.example.com', '--out', 'p.yaml'];
    expect((await runCli(shop, { cwd: dir })).code).toBe(0);
    const adopt = ['adopt', 'p.yaml', '--service', 'shop.example.com', '--auto-approve'];
    expect((await runCli(adopt, { cwd: dir })).code).toBe(0);
    const adopted = await allSets(sdk, zoneId);
    // The journal as a process killed between its request and its last save leaves it.
    const journals = join(dir, '.trafficport', 'adopt');
    const file = join(journals, readdirSync(journals)[0]!);
    const killed = (text: string) => {
      const journal = JSON.parse(text) as { status: string; providers: Record<string, { status?: string }> };
      journal.status = 'in-progress';
      for (const entry of Object.values(journal.providers)) entry.status = 'pending';
      return `${JSON.stringify(journal)}\n`;
    };
    writeFileSync(file, killed(readFileSync(file, 'utf8')));
    const landed = await runCli(['apply', '--resume', 'p.yaml', '--auto-approve'], { cwd: dir });
    expect(landed.code, landed.stderr).toBe(0);
    expect(landed.stdout).toContain('finished adopting shop.example.com');
    expect(await allSets(sdk, zoneId)).toEqual(adopted);
    // Killed before the request landed: the foreign sets are all there, so the request is sent.
    expect((await runCli(['rollback', 'p.yaml', '--auto-approve'], { cwd: dir })).code).toBe(0);
    expect(await allSets(sdk, zoneId)).toEqual(original);
    writeFileSync(file, killed(readFileSync(file, 'utf8')));
    const sent = await runCli(['apply', '--resume', 'p.yaml', '--auto-approve'], { cwd: dir });
    expect(sent.code, sent.stderr).toBe(0);
    expect(await allSets(sdk, zoneId)).toEqual(adopted);
    expect((await runCli(['apply', '--resume', 'p.yaml'], { cwd: dir })).stdout).toContain('Nothing to resume');
    expect((await runCli(['rollback', 'p.yaml', '--auto-approve'], { cwd: dir })).code).toBe(0);
    expect(await allSets(sdk, zoneId)).toEqual(original);
  });

  it('refuses to import a service already in the policy, and one nothing publishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-import-'));
    writeFileSync(
      join(dir, 'policy.yaml'),
      `${PROVIDERS}services:\n  - { name: www.example.com, endpoints: [known-eu], publish: [r53] }\n`,
    );
    const exists = await runCli(['import', 'policy.yaml', '--service', 'www.example.com', '--json'], { cwd: dir });
    expect(exists.code).toBe(1);
    expect(exists.stdout + exists.stderr).toContain('IMPORT.EXISTS');
    const missing = await runCli(['import', 'policy.yaml', '--service', 'nothing.example.com', '--json'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stdout + missing.stderr).toContain('IMPORT.NOT_FOUND');
    const unknown = await runCli(['adopt', 'policy.yaml', '--service', 'nope.example.com'], { cwd: dir });
    expect(unknown.code).toBe(64);
  });
});

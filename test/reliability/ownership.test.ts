/**
 * Blast radius: zones full of records trafficport does not own — random names, types and values,
 * records at the service name of other types, weighted and geolocation sets without the `tp:`
 * prefix (and with look-alike prefixes), TXT at the apex, Azure record sets without (or with
 * look-alike) ownership metadata, Traffic Manager profiles without the tags, with another
 * service's tags, or with the tags but not the prefix. After any random sequence of plans,
 * applies (different --at moments, --down what-ifs, ramps, saved plans) and rollbacks, every
 * foreign record reads back deep-equal through the SDKs (Azure ETags included).
 *
 * 4 random zones in either tier (test/support/depth.ts); deeper: RELIABILITY_RUNS=10 npx vitest run
 * test/reliability/ownership.test.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Change,
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import type { RecordSet } from '@azure/arm-dns';
import type { Profile } from '@azure/arm-trafficmanager';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runs } from '../support/depth.js';
import { runCli } from '../support/run-cli.js';
import {
  MOCK_SUBSCRIPTION,
  route53ZoneId,
  type StateFileClients,
  stateFileClients,
} from '../support/state-file-clients.js';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261206);
const POLICY = `version: 1
providers:
  r53: { type: route53, zone: example.eu, backend: mock }
  azdns:
    type: azure
    zone: example.eu
    subscription: ${MOCK_SUBSCRIPTION}
    resourceGroup: dns-prod
    backend: mock
    trafficManager: { resourceGroup: traffic-prod, profilePrefix: tp }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20, 203.0.113.21], capacity: 5000 }
  aws-dub: { cloud: aws, region: eu-west-1, a: [203.0.113.30], capacity: 4000 }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10], capacity: 8000 }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20], capacity: 5000 }
  az-gwc: { cloud: azure, region: germanywestcentral, a: [198.51.100.30], capacity: 3000 }
  az-eus: { cloud: azure, region: eastus, a: [198.51.100.10], capacity: 8000 }
services:
  - { name: api.example.eu, ttl: 60, endpoints: [aws-fra, aws-dub, aws-use1, az-weu, az-gwc, az-eus], publish: [r53, azdns] }
demand: { total: 20000 }
rules:
  geography: { prefer: nearest, minEndpoints: 2 }
  sovereignty:
    - { name: gdpr, users: [EEA], allow: { jurisdiction: EU } }
  maintenance:
    - { name: gwc-patch, target: az-gwc, start: "2026-12-06T02:00Z", end: "2026-12-06T04:00Z", ramp: 20m }
`;

const tally = { sequences: 0, operations: 0, foreignRecords: 0, recordsChecked: 0, refusals: 0 };

afterAll(() => {
  console.log(
    `[reliability] ownership: ${tally.sequences} random zones, ${tally.operations} plan/apply/rollback commands, ` +
      `${tally.foreignRecords} foreign records planted, ${tally.recordsChecked} foreign records checked byte-identical, ` +
      `${tally.refusals} conflicting publishes refused`,
  );
});

// ---------------------------------------------------------------------------------------------
// What the zones hold, read through clients on the CLI's state files (test/support/state-file-clients.ts)
// ---------------------------------------------------------------------------------------------

async function route53Sets(client: Route53Client): Promise<ResourceRecordSet[]> {
  const id = await route53ZoneId(client, 'example.eu');
  const sets: ResourceRecordSet[] = [];
  let start: Partial<Record<'StartRecordName' | 'StartRecordType' | 'StartRecordIdentifier', string>> = {};
  for (;;) {
    const page = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: id, ...start } as never));
    sets.push(...(page.ResourceRecordSets ?? []));
    if (!page.IsTruncated) return sets;
    start = {
      StartRecordName: page.NextRecordName!,
      StartRecordType: page.NextRecordType!,
      ...(page.NextRecordIdentifier ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}),
    };
  }
}

const ownedRoute53 = (set: ResourceRecordSet) => (set.SetIdentifier ?? '').startsWith('tp:');
const ownedRecordSet = (set: RecordSet) => set.metadata?.trafficport === 'owned';
const ownedProfile = (profile: Profile) =>
  profile.tags?.trafficport === 'owned' &&
  (profile.tags['trafficport-service'] === 'api.example.eu' ||
    (profile.tags['trafficport-shared'] === 'weighted' && profile.tags['trafficport-service'] === undefined)) &&
  (profile.name ?? '').startsWith('tp-') &&
  /\/resourcegroups\/traffic-prod\//i.test(profile.id ?? '');

/** Everything at both providers that trafficport does not own, as read through the SDKs. */
async function foreign(clients: StateFileClients) {
  const collect = async <T>(pages: AsyncIterable<T>) => {
    const items: T[] = [];
    for await (const item of pages) items.push(item);
    return items;
  };
  const sets = await collect(clients.dns.recordSets.listAllByDnsZone('dns-prod', 'example.eu'));
  const profiles = await collect(clients.tm.profiles.listBySubscription());
  const byId = <T extends { id?: string }>(items: T[]) => items.sort((a, b) => ((a.id ?? '') < (b.id ?? '') ? -1 : 1));
  return {
    route53: (await route53Sets(clients.route53)).filter((set) => !ownedRoute53(set)),
    recordSets: byId(sets.filter((set) => !ownedRecordSet(set))),
    profiles: byId(profiles.filter((profile) => !ownedProfile(profile))),
    owned: {
      route53: (await route53Sets(clients.route53)).filter(ownedRoute53).length,
      azure: sets.filter(ownedRecordSet).length + profiles.filter(ownedProfile).length,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Random foreign records
// ---------------------------------------------------------------------------------------------

const label = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/)
  .filter((l) => !l.startsWith('tp-') && !l.includes('--'));
const ipv4 = fc.ipV4();
const ipv6 = fc.constantFrom('2001:db8::1', '2001:db8:1::53', '2001:db8:ffff::2', 'fd00::10');
const text = fc.stringMatching(/^[A-Za-z0-9 =._:-]{1,40}$/);
/** SetIdentifiers that look like trafficport's but are not: ownership is the exact `tp:` prefix. */
const foreignIdentifier = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,12}$/),
  fc.constantFrom('TP:aws-fra', 'tp-aws-fra', 'tp', 'tpx:1', ' tp:x', 'blue', 'green', 'tp;geo:DE'),
);
const TYPES_AT_SERVICE = ['TXT', 'MX', 'CAA', 'SRV', 'AAAA'] as const;

type R53Type = 'A' | 'AAAA' | 'TXT' | 'MX' | 'CAA' | 'SRV' | 'CNAME' | 'NS';

function values(type: R53Type): fc.Arbitrary<string[]> {
  switch (type) {
    case 'A':
      return fc.uniqueArray(ipv4, { minLength: 1, maxLength: 3 });
    case 'AAAA':
      return fc.uniqueArray(ipv6, { minLength: 1, maxLength: 2 });
    case 'TXT':
      return fc.uniqueArray(
        text.map((t) => `"${t}"`),
        { minLength: 1, maxLength: 2 },
      );
    case 'MX':
      return label.map((l) => [`10 ${l}.mail.example.net.`]);
    case 'CAA':
      return fc.constantFrom(['0 issue "letsencrypt.org"'], ['0 iodef "mailto:sec@example.eu"']);
    case 'SRV':
      return label.map((l) => [`1 10 443 ${l}.example.net.`]);
    case 'CNAME':
      return label.map((l) => [`${l}.elsewhere.example.net.`]);
    case 'NS':
      return fc.constant(['ns-1.example.net.', 'ns-2.example.net.']);
  }
}

/** One name+type of foreign records (Route 53 allows one routing policy per name and type). */
const route53Group: fc.Arbitrary<ResourceRecordSet[]> = fc
  .oneof(
    // Simple records anywhere, including the apex and the service name (other types than A/CNAME).
    fc.record({
      name: fc.oneof(
        fc.constant('example.eu'),
        fc.constant('api.example.eu'),
        label.map((l) => `${l}.example.eu`),
        label.map((l) => `${l}.api.example.eu`),
        fc.stringMatching(/^[0-9a-f]{10}$/).map((h) => `tp-${h}.api.example.eu`),
      ),
      routing: fc.constant('simple' as const),
      type: fc.constantFrom<R53Type>(...TYPES_AT_SERVICE),
    }),
    fc.record({
      name: fc.oneof(
        label.map((l) => `${l}.example.eu`),
        label.map((l) => `${l}.api.example.eu`),
      ),
      routing: fc.constantFrom('simple' as const, 'weighted' as const, 'geo' as const),
      type: fc.constantFrom<R53Type>('A', 'TXT', 'AAAA'),
    }),
    // CNAMEs and delegations, each alone at a name of its own.
    fc.record({
      name: label.map((l) => `cname-${l}.example.eu`),
      routing: fc.constant('simple' as const),
      type: fc.constant<R53Type>('CNAME'),
    }),
    fc.record({
      name: label.map((l) => `ns-${l}.example.eu`),
      routing: fc.constant('simple' as const),
      type: fc.constant<R53Type>('NS'),
    }),
    // Weighted TXT at the service name itself: legal beside trafficport's geolocation A records.
    fc.record({
      name: fc.constant('api.example.eu'),
      routing: fc.constant('weighted' as const),
      type: fc.constant<R53Type>('TXT'),
    }),
  )
  .chain(({ name, routing, type }) => {
    const ttl = fc.constantFrom(0, 60, 300, 86_400);
    if (routing === 'simple') return fc.tuple(values(type), ttl).map(([v, t]) => [set(name, type, v, t)]);
    const members = fc.uniqueArray(
      fc.record({ id: foreignIdentifier, values: values(type), weight: fc.integer({ min: 0, max: 255 }) }),
      { minLength: 1, maxLength: 3, selector: (m) => m.id },
    );
    if (routing === 'weighted') {
      return fc
        .tuple(members, ttl)
        .map(([ms, t]) => ms.map((m) => ({ ...set(name, type, m.values, t), SetIdentifier: m.id, Weight: m.weight })));
    }
    return fc
      .tuple(
        members,
        fc.shuffledSubarray(['DE', 'FR', 'US', '*', 'continent:EU', 'JP'], { minLength: 3, maxLength: 3 }),
        ttl,
      )
      .map(([ms, places, t]) =>
        ms.map((m, i) => {
          const place = places[i]!;
          const GeoLocation = place.startsWith('continent:')
            ? { ContinentCode: place.slice(10) as 'EU' }
            : { CountryCode: place };
          return { ...set(name, type, m.values, t), SetIdentifier: m.id, GeoLocation };
        }),
      );
  });

function set(name: string, type: R53Type, records: string[], ttl: number): ResourceRecordSet {
  return { Name: name, Type: type, TTL: ttl, ResourceRecords: records.map((Value) => ({ Value })) };
}

interface AzureRecord {
  readonly name: string;
  readonly type: 'A' | 'AAAA' | 'TXT' | 'MX' | 'CAA' | 'CNAME';
  readonly body: RecordSet;
}

const metadata = fc.oneof(
  fc.constant(undefined),
  fc.constant({ owner: 'web-team' }),
  fc.constant({ trafficport: 'not-owned' }),
  fc.constant({ trafficport: 'Owned' }),
  fc.constant({ Trafficport: 'owned' }),
  fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), text, { maxKeys: 2 }),
);

const azureRecord: fc.Arbitrary<AzureRecord> = fc
  .oneof(
    // Not at the service name itself: below the apex trafficport publishes a CNAME there, which
    // stands alone (a record of any type there is a conflict, refused by the next test).
    fc.record({
      name: fc.oneof(
        fc.constant('@'),
        label,
        label.map((l) => `${l}.api`),
      ),
      type: fc.constantFrom('TXT' as const, 'MX' as const, 'CAA' as const, 'AAAA' as const),
    }),
    fc.record({
      name: fc.oneof(
        label,
        label.map((l) => `${l}.api`),
      ),
      type: fc.constant('A' as const),
    }),
    fc.record({ name: label.map((l) => `cname-${l}`), type: fc.constant('CNAME' as const) }),
  )
  .chain(({ name, type }) =>
    fc.record({
      name: fc.constant(name),
      type: fc.constant(type),
      body: fc
        .tuple(
          metadata,
          fc.constantFrom(0, 60, 3600),
          label,
          fc.uniqueArray(ipv4, { minLength: 1, maxLength: 3 }),
          text,
        )
        .map(([meta, ttl, word, ips, note]): RecordSet => {
          const common = { ttl, ...(meta === undefined ? {} : { metadata: meta }) };
          switch (type) {
            case 'A':
              return { ...common, aRecords: ips.map((ipv4Address) => ({ ipv4Address })) };
            case 'AAAA':
              return { ...common, aaaaRecords: [{ ipv6Address: '2001:db8::7' }] };
            case 'TXT':
              return { ...common, txtRecords: [{ value: [note] }] };
            case 'MX':
              return { ...common, mxRecords: [{ preference: 10, exchange: `${word}.mail.example.net` }] };
            case 'CAA':
              return { ...common, caaRecords: [{ flags: 0, tag: 'issue', value: 'letsencrypt.org' }] };
            default:
              return { ...common, cnameRecord: { cname: `${word}.elsewhere.example.net` } };
          }
        }),
    }),
  );

interface ForeignProfile {
  readonly group: string;
  readonly name: string;
  readonly body: Profile;
}

const foreignProfile: fc.Arbitrary<ForeignProfile> = fc
  .record({
    kind: fc.constantFrom('untagged', 'prefix-untagged', 'other-service', 'owned-tags-wrong-prefix', 'other-group'),
    word: label,
    targets: fc.uniqueArray(ipv4, { minLength: 1, maxLength: 3 }),
  })
  .map(({ kind, word, targets }) => {
    const name =
      kind === 'prefix-untagged' || kind === 'other-service' || kind === 'other-group'
        ? `tp-${word}`
        : kind === 'owned-tags-wrong-prefix'
          ? `other-${word}`
          : `foreign-${word}`;
    const tags =
      kind === 'other-service'
        ? { trafficport: 'owned', 'trafficport-service': 'shop.example.eu' }
        : kind === 'owned-tags-wrong-prefix' || kind === 'other-group'
          ? { trafficport: 'owned', 'trafficport-service': 'api.example.eu' }
          : undefined;
    return {
      group: kind === 'other-group' ? 'someone-elses-rg' : 'traffic-prod',
      name,
      body: {
        location: 'global',
        ...(tags === undefined ? {} : { tags }),
        trafficRoutingMethod: 'Weighted',
        dnsConfig: { relativeName: `foreign-${kind}-${word}`, ttl: 30 },
        monitorConfig: { protocol: 'HTTPS', port: 443, path: '/health' },
        endpoints: targets.map((target, i) => ({
          name: `e${i}`,
          type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
          target,
          weight: i + 1,
        })),
      },
    };
  });

const zoneContents = fc.record({
  route53: fc.uniqueArray(route53Group, {
    minLength: 3,
    maxLength: 12,
    selector: (sets) => `${sets[0]!.Name}|${sets[0]!.Type}`,
  }),
  azure: fc.uniqueArray(azureRecord, { minLength: 2, maxLength: 10, selector: (r) => `${r.name}|${r.type}` }),
  profiles: fc.uniqueArray(foreignProfile, { minLength: 1, maxLength: 5, selector: (p) => p.name }),
});

interface ZoneContents {
  readonly route53: ResourceRecordSet[][];
  readonly azure: AzureRecord[];
  readonly profiles: ForeignProfile[];
}

/**
 * Creates the foreign records through the SDKs. CNAMEs and delegations get names of their own
 * (a prefix no other generator uses); other groups may share a name when their types differ.
 */
async function plant(clients: StateFileClients, contents: ZoneContents): Promise<number> {
  const id = await route53ZoneId(clients.route53, 'example.eu');
  for (const group of contents.route53) {
    const changes: Change[] = group.map((s) => ({ Action: 'CREATE', ResourceRecordSet: s }));
    await clients.route53.send(
      new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: changes } }),
    );
  }
  for (const record of contents.azure) {
    await clients.dns.recordSets.createOrUpdate('dns-prod', 'example.eu', record.name, record.type, record.body);
  }
  for (const profile of contents.profiles) {
    await clients.tm.profiles.createOrUpdate(profile.group, profile.name, profile.body);
  }
  return contents.route53.flat().length + contents.azure.length + contents.profiles.length;
}

// ---------------------------------------------------------------------------------------------
// Random sequences of what users do
// ---------------------------------------------------------------------------------------------

type Operation =
  | { kind: 'apply'; at: string; down: string[]; ramp: boolean }
  | { kind: 'saved-plan'; at: string; down: string[] }
  | { kind: 'plan'; at: string; down: string[] }
  | { kind: 'rollback' }
  | { kind: 'verify'; at: string };

const moment = fc.constantFrom('2026-12-01T00:00Z', '2026-12-06T03:00Z', '2026-12-07T00:00Z', '2026-12-06T01:30Z');
const down = fc.subarray(['aws-fra', 'az-weu', 'aws-use1'], { maxLength: 1 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('apply' as const), at: moment, down, ramp: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('saved-plan' as const), at: moment, down }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('plan' as const), at: moment, down }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rollback' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('verify' as const), at: moment }) },
);

function argv(op: Operation): string[][] {
  const what = (at: string, d: string[]) => ['--at', at, ...(d.length > 0 ? ['--down', ...d] : [])];
  switch (op.kind) {
    case 'apply':
      return [
        [
          'apply',
          'policy.yaml',
          ...what(op.at, op.down),
          '--auto-approve',
          '--force',
          ...(op.ramp ? ['--max-shift', '25', '--step-wait', '0s'] : []),
        ],
      ];
    case 'saved-plan':
      return [
        ['plan', 'policy.yaml', ...what(op.at, op.down), '--out', 'plan.json'],
        ['apply', 'plan.json', '--auto-approve', '--force'],
      ];
    case 'plan':
      return [['plan', 'policy.yaml', ...what(op.at, op.down), '--detailed-exitcode']];
    case 'rollback':
      return [['rollback', 'policy.yaml', '--auto-approve']];
    case 'verify':
      return [['verify', 'policy.yaml', '--at', op.at]];
  }
}

function newZone(): { dir: string; clients: StateFileClients } {
  const dir = mkdtempSync(join(tmpdir(), 'tp-ownership-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
  return { dir, clients: stateFileClients(dir) };
}

describe('foreign records survive everything trafficport does', () => {
  it('random foreign records, random sequences of plans, applies and rollbacks: every foreign record is byte-identical', async () => {
    await fc.assert(
      fc.asyncProperty(zoneContents, fc.array(operation, { minLength: 3, maxLength: 5 }), async (contents, ops) => {
        const { dir, clients } = newZone();
        // The first plan creates both (mock) zones; the foreign records go in next.
        expect((await runCli(['plan', 'policy.yaml', '--at', '2026-12-01T00:00Z'], { cwd: dir })).code).toBe(0);
        tally.foreignRecords += await plant(clients, contents);
        tally.sequences += 1;
        const before = await foreign(clients);
        const { owned: _, ...expected } = before;
        const log: string[] = [];
        for (const op of ops) {
          for (const args of argv(op)) {
            const result = await runCli(args, { cwd: dir });
            tally.operations += 1;
            log.push(`${args.join(' ')} → ${result.code}`);
            // Nothing trafficport does may fail for a reason other than a clear, coded one.
            expect(result.stdout + result.stderr).not.toContain('INTERNAL.UNEXPECTED');
            expect(result.stderr).not.toContain('PROVIDER.FOREIGN_RECORD');
          }
          const { owned: _owned, ...actual } = await foreign(clients);
          expect(actual, log.join('\n')).toEqual(expected);
          tally.recordsChecked += actual.route53.length + actual.recordSets.length + actual.profiles.length;
        }
      }),
      { numRuns: runs(4, 4), seed: SEED, endOnFailure: true },
    );
  }, 600_000);

  it('a foreign record where trafficport must write is refused before anything is written there', async () => {
    const conflicts: [string, (clients: StateFileClients) => Promise<void>, 'route53' | 'azure'][] = [
      [
        'a simple A record at the service name',
        async (c) => {
          const id = await route53ZoneId(c.route53, 'example.eu');
          await c.route53.send(
            new ChangeResourceRecordSetsCommand({
              HostedZoneId: id,
              ChangeBatch: {
                Changes: [{ Action: 'CREATE', ResourceRecordSet: set('api.example.eu', 'A', ['192.0.2.1'], 60) }],
              },
            }),
          );
        },
        'route53',
      ],
      [
        'a weighted A set without the tp: prefix at the service name',
        async (c) => {
          const id = await route53ZoneId(c.route53, 'example.eu');
          await c.route53.send(
            new ChangeResourceRecordSetsCommand({
              HostedZoneId: id,
              ChangeBatch: {
                Changes: [
                  {
                    Action: 'CREATE',
                    ResourceRecordSet: {
                      ...set('api.example.eu', 'A', ['192.0.2.1'], 60),
                      SetIdentifier: 'TP:blue',
                      Weight: 1,
                    },
                  },
                ],
              },
            }),
          );
        },
        'route53',
      ],
      [
        'a CNAME at the service name',
        async (c) => {
          const id = await route53ZoneId(c.route53, 'example.eu');
          await c.route53.send(
            new ChangeResourceRecordSetsCommand({
              HostedZoneId: id,
              ChangeBatch: {
                Changes: [
                  { Action: 'CREATE', ResourceRecordSet: set('api.example.eu', 'CNAME', ['x.example.net.'], 60) },
                ],
              },
            }),
          );
        },
        'route53',
      ],
      [
        'an Azure A record set at the service name without the ownership metadata',
        (c) =>
          c.dns.recordSets
            .createOrUpdate('dns-prod', 'example.eu', 'api', 'A', { ttl: 60, aRecords: [{ ipv4Address: '192.0.2.1' }] })
            .then(() => undefined),
        'azure',
      ],
      [
        'an Azure TXT record set at the service name (beside the CNAME trafficport needs there)',
        (c) =>
          c.dns.recordSets
            .createOrUpdate('dns-prod', 'example.eu', 'api', 'TXT', { ttl: 60, txtRecords: [{ value: ['v=1'] }] })
            .then(() => undefined),
        'azure',
      ],
      [
        'an Azure CNAME record set at the service name with look-alike metadata',
        (c) =>
          c.dns.recordSets
            .createOrUpdate('dns-prod', 'example.eu', 'api', 'CNAME', {
              ttl: 60,
              metadata: { trafficport: 'Owned' },
              cnameRecord: { cname: 'x.example.net' },
            })
            .then(() => undefined),
        'azure',
      ],
    ];
    for (const [name, plantConflict, where] of conflicts) {
      const { dir, clients } = newZone();
      expect((await runCli(['plan', 'policy.yaml', '--at', '2026-12-01T00:00Z'], { cwd: dir })).code).toBe(0);
      await plantConflict(clients);
      const before = await foreign(clients);
      const result = await runCli(['apply', 'policy.yaml', '--at', '2026-12-01T00:00Z', '--auto-approve'], {
        cwd: dir,
      });
      tally.operations += 1;
      expect(result.code, name).toBe(1);
      expect(result.stdout + result.stderr, name).toContain('PROVIDER.FOREIGN_RECORD');
      tally.refusals += 1;
      const after = await foreign(clients);
      expect(after.route53, name).toEqual(before.route53);
      expect(after.recordSets, name).toEqual(before.recordSets);
      expect(after.profiles, name).toEqual(before.profiles);
      // The preflight of every provider runs before any is written: a conflict at one provider
      // leaves the other unpublished too, so both never serve different splits.
      expect(after.owned[where], name).toBe(0);
      expect(after.owned[where === 'route53' ? 'azure' : 'route53'], name).toBe(0);
      // And plan, the preflight, finds it first.
      const planned = await runCli(['plan', 'policy.yaml', '--at', '2026-12-01T00:00Z'], { cwd: dir });
      expect(planned.code, name).toBe(1);
      expect(planned.stdout + planned.stderr, name).toContain('PROVIDER.FOREIGN_RECORD');
      tally.recordsChecked += after.route53.length + after.recordSets.length + after.profiles.length;
    }
  }, 600_000);
});

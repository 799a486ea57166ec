import {
  type Change,
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reuseResources } from '../../src/plan/share.js';
import type { LiveState } from '../../src/plan/types.js';
import { createRoute53Adapter } from '../../src/providers/route53/client.js';
import { createRoute53Backend, type RecordSetData } from '../../src/providers/route53/mock/index.js';
import { canonicalName, nameSortKey } from '../../src/providers/route53/mock/names.js';
import { inProcessClient, mockProvider } from './route53-mock-helpers.js';
import { perServiceRead } from './route53-read-oracle.js';

/**
 * The zone walk (one pass through the listing for all services) returns exactly what listing
 * each service separately returned, for any zone content and page size, with no more calls —
 * and with the fewest pages possible when the services' sets lie next to each other.
 */

const provider = mockProvider;

interface RecordSpec {
  readonly name: string;
  readonly type: 'A' | 'TXT';
  /** Empty: one simple set; otherwise one weighted set per identifier. */
  readonly ids: readonly string[];
}

interface Case {
  readonly services: readonly string[];
  readonly records: readonly RecordSpec[];
  readonly pageSize: number;
}

// Few labels, so names nest and collide often; `-` and `_` sort either side of the dot.
const label = fc.constantFrom('a', 'b', 'a-b', 'api', 'eu', 'z_');
const relative = (min: number, max: number) => fc.array(label, { minLength: min, maxLength: max });
const joined = (labels: readonly string[]) => [...labels, 'example.com'].join('.');

const recordShape = fc.record({
  type: fc.constantFrom('A' as const, 'TXT' as const),
  ids: fc.subarray(['tp:one', 'tp:two', 'other']),
  wildcard: fc.boolean(),
});

/** A record name: under one of the services, or (foreign) anywhere in the zone. */
function recordsFor(services: readonly string[], anywhere: boolean) {
  const under = fc
    .tuple(fc.constantFrom(...services), relative(0, 2))
    .map(([service, extra]) => [...extra, service].join('.'));
  const name = anywhere ? fc.oneof(under, relative(0, 4).map(joined)) : under;
  return fc.array(
    fc.tuple(name, recordShape).map(([base, shape]) => ({
      name: shape.wildcard ? `*.${base}` : base,
      type: shape.type,
      ids: shape.ids,
    })),
    { maxLength: 40 },
  );
}

const cases = fc.boolean().chain((anywhere) =>
  fc.array(relative(1, 3).map(joined), { minLength: 1, maxLength: 6 }).chain((services) =>
    fc.record({
      services: fc.constant(services),
      records: recordsFor(services, anywhere),
      pageSize: fc.integer({ min: 1, max: 8 }),
    }),
  ),
);

function changesFor(records: readonly RecordSpec[]): Change[] {
  const sets = new Map<string, ResourceRecordSet[]>();
  for (const record of records) {
    const key = `${canonicalName(record.name)} ${record.type}`;
    if (sets.has(key)) continue; // one shape per name and type: simple and weighted do not mix
    const value = record.type === 'A' ? '192.0.2.1' : '"x"';
    const base = { Name: record.name, Type: record.type, TTL: 60, ResourceRecords: [{ Value: value }] };
    sets.set(
      key,
      record.ids.length === 0 ? [base] : record.ids.map((id) => ({ ...base, SetIdentifier: id, Weight: 1 })),
    );
  }
  return [...sets.values()].flat().map((set) => ({ Action: 'CREATE', ResourceRecordSet: set }));
}

async function zoneWith(testCase: Case) {
  const backend = createRoute53Backend({ limits: { maxItemsPerPage: testCase.pageSize } });
  const client = inProcessClient(backend);
  const created = await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'walk' }));
  const zoneId = (created.HostedZone?.Id ?? '').replace('/hostedzone/', '');
  const changes = changesFor(testCase.records);
  if (changes.length > 0) {
    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }));
  }
  const sets = Object.values((await backend.store.read()).zones)[0]?.recordSets ?? [];
  return { backend, client, zoneId, sets };
}

const identities = (live: Pick<LiveState, 'resources' | 'foreign'>) =>
  [
    ...live.resources.map((resource) => resource.key.replace(/^route53\.rrset\|/, '')),
    ...live.foreign.map((record) => `${record.name}|${record.type}|${record.setIdentifier ?? ''}`),
  ].sort();

/**
 * Computed from the mock's own names module, not the adapter's: the services that are not under
 * another, and the stretch of the listing from where the first one's subtree starts to where the
 * last one's ends (empty subtrees have a position too) — the range a single walk pages through.
 */
function walkedRange(services: readonly string[], sets: readonly RecordSetData[]) {
  const keys = [...new Set(services.map((service) => nameSortKey(canonicalName(service))))].sort();
  const roots = keys.filter((key, index) => !keys.slice(0, index).some((earlier) => key.startsWith(earlier)));
  const setKeys = sets.map((set) => nameSortKey(set.name));
  const under = (key: string) => roots.some((root) => key.startsWith(root));
  const after = (from: number, test: (key: string) => boolean) => {
    const found = setKeys.findIndex((key, index) => index >= from && test(key));
    return found < 0 ? setKeys.length : found;
  };
  const first = roots[0] ?? '';
  const last = roots.at(-1) ?? '';
  const start = after(0, (key) => key >= first);
  const end = after(
    after(0, (key) => key >= last),
    (key) => !key.startsWith(last),
  );
  const walked = setKeys.slice(start, end);
  return {
    size: walked.length,
    contiguous: walked.every(under),
    expected: sets.filter((_, i) => under(setKeys[i] ?? '')),
  };
}

describe('Route 53 read: one walk through the zone', () => {
  it('returns what per-service listing returned, with no more calls, and the fewest pages when contiguous', async () => {
    let contiguousRuns = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (testCase) => {
        const zone = await zoneWith(testCase);
        const adapter = createRoute53Adapter(provider, {
          mockStateDir: '/nonexistent',
          backend: zone.backend,
          env: {},
        });
        zone.backend.resetCounters();
        const live = await adapter.read(testCase.services);
        const walkCalls = zone.backend.counters().calls;
        zone.backend.resetCounters();
        const oracle = await perServiceRead(zone.client, zone.zoneId, testCase.services);
        const oracleCalls = zone.backend.counters().calls.ListResourceRecordSets ?? 0;

        expect(live.resources).toEqual(oracle.resources);
        expect(live.foreign).toEqual(oracle.foreign);

        // Read again holding copies of what was read, every third one altered: the read hands
        // back the held object exactly where it is the same, and is otherwise the same read.
        const held = structuredClone(oracle.resources).map((resource, i) =>
          i % 3 === 0 ? { ...resource, body: { ...(resource.body as object), Weight: 254 } } : resource,
        );
        const reread = await adapter.read(testCase.services, { reuse: reuseResources(held) });
        expect(reread.resources).toEqual(oracle.resources);
        expect(reread.resources.map((resource, i) => resource === held[i])).toEqual(held.map((_, i) => i % 3 !== 0));
        const range = walkedRange(testCase.services, zone.sets);
        expect(identities(live)).toEqual(
          range.expected.map((set) => `${set.name}|${set.type}|${set.setIdentifier ?? ''}`).sort(),
        );

        const pages = walkCalls.ListResourceRecordSets ?? 0;
        expect(walkCalls.ListHostedZonesByName).toBe(1); // the lookup
        expect(pages).toBeLessThanOrEqual(oracleCalls);
        const fewest = Math.max(1, Math.ceil(range.size / testCase.pageSize));
        if (range.contiguous) {
          contiguousRuns += 1;
          expect(pages).toBe(fewest);
        } else {
          expect(pages).toBeLessThanOrEqual(fewest);
        }
      }),
      { numRuns: 150 },
    );
    expect(contiguousRuns).toBeGreaterThan(30);
  });

  it('reads a service nested under another once, with the pages of the outer one', async () => {
    const services = ['api.example.com', 'eu.api.example.com', 'www.example.com'];
    const records = ['api.example.com', 'eu.api.example.com', 'x.eu.api.example.com', 'www.example.com'].map(
      (name): RecordSpec => ({ name, type: 'A', ids: ['tp:one', 'other'] }),
    );
    const zone = await zoneWith({ services, records, pageSize: 3 });
    const adapter = createRoute53Adapter(provider, { mockStateDir: '/nonexistent', backend: zone.backend, env: {} });
    zone.backend.resetCounters();
    const live = await adapter.read(services);
    expect(live.resources).toHaveLength(4);
    expect(live.foreign).toHaveLength(4);
    // 8 sets under the services, 3 to a page; the oracle lists eu.api's 4 sets a second time.
    expect(zone.backend.counters().calls.ListResourceRecordSets).toBe(3);
    zone.backend.resetCounters();
    await perServiceRead(zone.client, zone.zoneId, services);
    expect(zone.backend.counters().calls.ListResourceRecordSets).toBe(5);
  });
});

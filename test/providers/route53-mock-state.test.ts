import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Change,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  Route53Client,
} from '@aws-sdk/client-route-53';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRoute53Backend, route53StateFile, startRoute53Mock } from '../../src/providers/route53/mock/index.js';
import {
  create,
  credentials,
  type Fixture,
  inProcessClient,
  listAll,
  send,
  simple,
  weighted,
  zoneFixture,
} from './route53-mock-helpers.js';

describe('state in a file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'route53-mock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lets a second backend (another command, another process) see what the first applied', async () => {
    const path = join(dir, 'route53.json');
    const first = await zoneFixture({ store: route53StateFile(path) });
    await send(first, [create(weighted('w.example.com', 'aws', 3, '192.0.2.1'))]);
    const second: Fixture = {
      ...first,
      client: inProcessClient(createRoute53Backend({ store: route53StateFile(path) })),
    };
    expect((await listAll(second)).sets.map((set) => set.SetIdentifier)).toContain('aws');
    await send(second, [create(weighted('w.example.com', 'azure', 1, '192.0.2.2'))]);
    expect((await listAll(first)).sets.filter((set) => set.Name === 'w.example.com.')).toHaveLength(2);
  });

  it('shares the file between a loopback server and an in-process backend', async () => {
    const path = join(dir, 'route53.json');
    const running = await startRoute53Mock({ store: route53StateFile(path) });
    const remote = new Route53Client({ region: 'us-east-1', endpoint: running.url, credentials });
    try {
      const zone = await remote.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'remote' }));
      const backend = createRoute53Backend({ store: route53StateFile(path) });
      const local: Fixture = { backend, client: inProcessClient(backend), zoneId: zone.HostedZone?.Id ?? '' };
      await send(local, [create(simple('www.example.com', '192.0.2.1'))]);
      const listed = await remote.send(new ListResourceRecordSetsCommand({ HostedZoneId: local.zoneId }));
      expect(listed.ResourceRecordSets?.map((set) => set.Name)).toContain('www.example.com.');
    } finally {
      remote.destroy();
      await running.close();
    }
  });
});

/** The reference model: a map from (name, type, identifier) to the set, applied change by change. */
type Model = Map<string, ResourceRecordSet>;

const keyOf = (set: ResourceRecordSet) => `${set.Name}|${set.Type}|${set.SetIdentifier ?? ''}`;

/** Expected list order, computed independently of the mock: labels reversed, ASCII, `*` unescaped. */
function expectedList(model: Model): ResourceRecordSet[] {
  const sortKey = (set: ResourceRecordSet) =>
    `${(set.Name ?? '').replace('\\052', '*').replace(/\.$/, '').split('.').reverse().join('.')}.`;
  const compare = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
  return [...model.values()].sort(
    (left, right) =>
      compare(sortKey(left), sortKey(right)) ||
      compare(left.Type ?? '', right.Type ?? '') ||
      compare(left.SetIdentifier ?? '', right.SetIdentifier ?? ''),
  );
}

const SIMPLE_NAMES = ['a.example.com.', 'b.example.com.', 'x.sub.example.com.', '\\052.example.com.'];
const WEIGHTED_NAMES = ['pool1.example.com.', 'pool-2.example.com.'];

interface Intent {
  weightedGroup: boolean;
  name: number;
  identifier: number;
  txt: boolean;
  value: number;
  ttl: number;
  mutate: boolean;
}

const intent = fc.record({
  weightedGroup: fc.boolean(),
  name: fc.nat(3),
  identifier: fc.nat(2),
  txt: fc.boolean(),
  value: fc.nat(250),
  ttl: fc.constantFrom(60, 300),
  mutate: fc.boolean(),
});

/** The set an intent is about; weighted groups use one TTL and type A, as the rules require. */
function setFor(step: Intent): ResourceRecordSet {
  if (step.weightedGroup) {
    const name = WEIGHTED_NAMES[step.name % WEIGHTED_NAMES.length] ?? '';
    return weighted(name, `ep-${step.identifier}`, step.value % 256, `198.51.100.${step.value}`, 60);
  }
  const name = SIMPLE_NAMES[step.name] ?? '';
  return step.txt
    ? simple(name, `"t${step.value}"`, 'TXT', step.ttl)
    : simple(name, `192.0.2.${step.value}`, 'A', step.ttl);
}

/** Turns intents into a valid batch for the model: CREATE/UPSERT new sets, UPSERT/DELETE existing ones. */
function validBatch(model: Model, steps: readonly Intent[]): Change[] {
  const used = new Set<string>();
  const changes: Change[] = [];
  for (const step of steps) {
    const set = setFor(step);
    const key = keyOf(set);
    if (used.has(key)) continue;
    used.add(key);
    const existing = model.get(key);
    if (existing)
      changes.push(
        step.mutate ? { Action: 'UPSERT', ResourceRecordSet: set } : { Action: 'DELETE', ResourceRecordSet: existing },
      );
    else changes.push({ Action: step.mutate ? 'UPSERT' : 'CREATE', ResourceRecordSet: set });
  }
  return changes;
}

function applyToModel(model: Model, changes: readonly Change[]): void {
  for (const change of changes) {
    const set = change.ResourceRecordSet as ResourceRecordSet;
    if (change.Action === 'DELETE') model.delete(keyOf(set));
    else model.set(keyOf(set), set);
  }
}

async function zoneWithModel(): Promise<{ fixture: Fixture; model: Model }> {
  const fixture = await zoneFixture();
  const model: Model = new Map((await listAll(fixture)).sets.map((set) => [keyOf(set), set]));
  return { fixture, model };
}

describe('against a reference model (fast-check)', () => {
  it('any sequence of valid CREATE/UPSERT/DELETE batches lists exactly what the model holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(intent, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        async (batches) => {
          const { fixture, model } = await zoneWithModel();
          for (const steps of batches) {
            const changes = validBatch(model, steps);
            await send(fixture, changes);
            applyToModel(model, changes);
          }
          expect((await listAll(fixture, 5)).sets).toEqual(expectedList(model));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('any batch, valid or not, is applied whole or not at all', async () => {
    const anyChange = fc.record({ step: intent, action: fc.constantFrom('CREATE', 'UPSERT', 'DELETE') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(anyChange, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        async (batches) => {
          const { fixture, model } = await zoneWithModel();
          for (const batch of batches) {
            const changes = batch.map(
              ({ step, action }): Change => ({ Action: action, ResourceRecordSet: setFor(step) }),
            );
            const accepted = await send(fixture, changes).then(
              () => true,
              (error: Error) => {
                expect(['InvalidChangeBatch']).toContain(error.name);
                return false;
              },
            );
            if (accepted) applyToModel(model, changes);
            expect((await listAll(fixture)).sets).toEqual(expectedList(model));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

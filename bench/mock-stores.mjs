// Times the Route 53 mock at 50,000 records through the real SDK client, in process: a
// ListResourceRecordSets page of 300 from the middle of a 50,000-set zone, one 1,000-change batch into
// it, and one 5,000-change batch into a 1,000-set zone of a state holding 50,000 other sets.
// Once with the memory store, once with the file store. Not a test: it reports, never asserts.
//
//   node bench/mock-stores.mjs [dist directory, default ./dist]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';

const dist = pathToFileURL(`${resolve(process.argv[2] ?? 'dist')}/`).href;
const { createRoute53Backend, mockRequestHandler, emptyRoute53State } = await import(
  `${dist}providers/route53/mock/index.js`
);
const { sortRecordSets } = await import(`${dist}providers/route53/mock/state.js`);
const { fileStore, memoryStore } = await import(`${dist}providers/mock/state-store.js`);

const BIG = 50_000;
const LIMITS = {
  maxRecordSetsPerZone: 100_000,
  maxRecordElementsPerBatch: 10_000,
  maxValueCharsPerBatch: 1_000_000,
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(run) {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function sets(prefix, count, zone) {
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix}${i}.${zone}.`,
    type: 'A',
    ttl: 60,
    resourceRecords: [`192.0.2.${i % 250}`],
  }));
}

function creates(prefix, count, zone) {
  return sets(prefix, count, zone).map((set) => ({
    Action: 'CREATE',
    ResourceRecordSet: {
      Name: set.name,
      Type: 'A',
      TTL: 60,
      ResourceRecords: set.resourceRecords.map((Value) => ({ Value })),
    },
  }));
}

async function createZone(client, name) {
  const created = await client.send(new CreateHostedZoneCommand({ Name: name, CallerReference: name }));
  return created.HostedZone.Id;
}

async function measure(label, store) {
  const backend = createRoute53Backend({ store, limits: LIMITS });
  const client = new Route53Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDMOCK', secretAccessKey: 'mock-secret' },
    requestHandler: mockRequestHandler(backend, { requestTimeoutMs: 600_000 }),
  });
  const big = await createZone(client, 'big.example');
  const small = await createZone(client, 'small.example');
  // Seeded in one update: the timings below are of single requests, not of filling the zones.
  await store.update((state) => {
    const zone = state.zones[big.replace('/hostedzone/', '')];
    zone.recordSets = sortRecordSets([...zone.recordSets, ...sets('r', BIG, 'big.example')]);
    const other = state.zones[small.replace('/hostedzone/', '')];
    other.recordSets = sortRecordSets([...other.recordSets, ...sets('s', 1_000, 'small.example')]);
  });
  const list = [];
  // The first calls also compile the SDK's and the mock's XML code: 3 unrecorded, then 9.
  for (let i = 0; i < 12; i++) {
    const start = { HostedZoneId: big, StartRecordName: `r${25_000 + i}.big.example`, StartRecordType: 'A' };
    const ms = await timed(() => client.send(new ListResourceRecordSetsCommand({ ...start, MaxItems: 300 })));
    if (i >= 3) list.push(ms);
  }
  const batch = [];
  for (let i = 0; i < 3; i++) {
    const Changes = creates(`b${i}-`, 1_000, 'big.example');
    batch.push(
      await timed(() =>
        client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: big, ChangeBatch: { Changes } })),
      ),
    );
  }
  const Changes = creates('t', 5_000, 'small.example');
  const large = await timed(() =>
    client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: small, ChangeBatch: { Changes } })),
  );
  const own = await storeAlone(store, big.replace('/hostedzone/', ''), small.replace('/hostedzone/', ''));
  const ms = (value) => `${value.toFixed(1)} ms`;
  console.log(
    `${label.padEnd(13)} list (median of 9) ${ms(median(list))} · 1,000-change batch (median of 3) ${ms(median(batch))} · 5,000-change batch, 6,000-set zone ${ms(large)}`,
  );
  console.log(
    `${''.padEnd(13)} the store alone (median of 5): read ${ms(own.read)} (${ms(own.settled)} once 2 s old) · update adding 1,000 sets to the big zone ${ms(own.big)} · to the small zone ${ms(own.small)}`,
  );
}

/** What the store itself costs, without the mock's rules and XML: the part this script is about. */
async function storeAlone(store, big, small) {
  const read = [];
  const updates = { big: [], small: [] };
  for (let i = 0; i < 5; i++) {
    read.push(await timed(() => store.read()));
    for (const [which, id] of [
      ['big', big],
      ['small', small],
    ]) {
      const added = sets(`u${i}-`, 1_000, which === 'big' ? 'big.example' : 'small.example');
      updates[which].push(
        await timed(() =>
          store.update((state) => {
            const zone = state.zones[id];
            zone.recordSets = [...zone.recordSets, ...added];
            state.sequence += 1;
          }),
        ),
      );
    }
  }
  // The file store re-reads (not re-parses) a file changed in the last 2 s; after that, once it
  // has checked the text one more time, a stat.
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  await store.read();
  const settled = [];
  for (let i = 0; i < 5; i++) settled.push(await timed(() => store.read()));
  return { read: median(read), settled: median(settled), big: median(updates.big), small: median(updates.small) };
}

const dir = mkdtempSync(join(tmpdir(), 'tp-store-timing-'));
try {
  console.log(`${dist} · zone of ${BIG.toLocaleString('en')} sets`);
  await measure('memory store', memoryStore(emptyRoute53State()));
  await measure('file store', fileStore(join(dir, 'route53.json'), emptyRoute53State));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

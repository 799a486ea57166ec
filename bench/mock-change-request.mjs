// Times one small ChangeResourceRecordSets request (an UPSERT of one set, like a zone-lease
// renewal) against a Route 53 mock zone of 5,000 record sets, through the real SDK client, in
// process, with the memory store and with the file store. Reports the median with the 10th and
// 90th percentiles of 60 requests (after 10 unrecorded warm-up requests). Not a test: it reports,
// never asserts (docs/performance.md §5c).
//
//   node bench/mock-change-request.mjs [dist directory, default ./dist] [sets, default 5000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';

const dist = pathToFileURL(`${resolve(process.argv[2] ?? 'dist')}/`).href;
const SETS = Number(process.argv[3] ?? 5_000);
const { createRoute53Backend, mockRequestHandler, emptyRoute53State } = await import(
  `${dist}providers/route53/mock/index.js`
);
const { sortRecordSets } = await import(`${dist}providers/route53/mock/state.js`);
const { fileStore, memoryStore } = await import(`${dist}providers/mock/state-store.js`);

const WARM = 10;
const RUNS = 60;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function measure(label, store) {
  const backend = createRoute53Backend({ store });
  const client = new Route53Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDMOCK', secretAccessKey: 'mock-secret' },
    requestHandler: mockRequestHandler(backend, { requestTimeoutMs: 600_000 }),
  });
  const created = await client.send(new CreateHostedZoneCommand({ Name: 'big.example', CallerReference: label }));
  const id = created.HostedZone.Id;
  await store.update((state) => {
    const zone = state.zones[id.replace('/hostedzone/', '')];
    const added = Array.from({ length: SETS }, (_, i) => ({
      name: `r${i}.big.example.`,
      type: 'A',
      ttl: 60,
      resourceRecords: [`192.0.2.${i % 250}`],
    }));
    zone.recordSets = sortRecordSets([...zone.recordSets, ...added]);
  });
  const times = [];
  for (let i = 0; i < WARM + RUNS; i++) {
    const Changes = [
      {
        Action: 'UPSERT',
        ResourceRecordSet: { Name: 'lease.big.example', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: `"${i}"` }] },
      },
    ];
    const start = performance.now();
    await client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes } }));
    if (i >= WARM) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const ms = (value) => `${value.toFixed(2)} ms`;
  console.log(
    `${label.padEnd(13)} one-set UPSERT, ${SETS.toLocaleString('en')}-set zone: median ${ms(quantile(times, 0.5))} (p10 ${ms(quantile(times, 0.1))}, p90 ${ms(quantile(times, 0.9))}, ${RUNS} requests)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'tp-change-request-'));
try {
  console.log(`${dist} · Node ${process.version}`);
  await measure('memory store', memoryStore(emptyRoute53State()));
  await measure('file store', fileStore(join(dir, 'route53.json'), emptyRoute53State));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

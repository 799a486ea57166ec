// Publishing to the Route 53 mock with Route 53's documented account rate limit switched on.
//
// The adapters are driven directly (render → read → diff → apply, as `plan` and `apply` do) so
// that one mock backend, with its token bucket and counters, serves every zone: the limit is
// per account, not per zone. Providers are read and applied in parallel, as preparePublish and
// runJournal do, and pace themselves as they do against AWS: one token bucket at the documented
// rate, shared by every client of the account (here: of the one mock backend) in the process.

import { diffResources } from '../dist/plan/diff.js';
import { memoryStore } from '../dist/providers/mock/state-store.js';
import { createRoute53Adapter, ROUTE53_DOCUMENTED_RATE } from '../dist/providers/route53/index.js';
import {
  createRoute53Backend,
  DOCUMENTED_RATE_LIMIT,
  emptyRoute53State,
} from '../dist/providers/route53/mock/index.js';
import { servicesOf } from '../dist/publish/prepare.js';
import { renderRoute53 } from '../dist/render/route53.js';
import { route53ReadMinimum, route53WriteMinimum, tokenBucketSeconds } from './minimum.mjs';
import { sharedStateStore, stopwatchMock } from './mock-harness.mjs';
import { round } from './stats.mjs';

const LISTING = new Set(['ListHostedZonesByName', 'ListResourceRecordSets']);

export async function benchRoute53({ policy, plan }) {
  const providers = policy.providers.filter((provider) => provider.type === 'route53');
  let start = performance.now();
  const desired = providers.map((provider) => renderRoute53({ policy, plan, provider }));
  const renderMs = performance.now() - start;
  const records = desired.map((state) => state.resources.length);
  // A new zone: find it (missing), create it (mock only), list its SOA and NS.
  const emptyMinimum = providers.length * (route53ReadMinimum(0) + 1);

  // Each command gets fresh adapters, as a new process would: the zone is looked up again. The
  // pacer outlives them (it is per account and process), as the mock's bucket outlives a command.
  const adaptersOn = (backend) =>
    providers.map((provider) =>
      createRoute53Adapter(provider, {
        mockStateDir: '/nonexistent',
        backend,
        env: {},
        pacing: ROUTE53_DOCUMENTED_RATE,
      }),
    );
  const readOne = (adapter, i) => adapter.read(servicesOf(policy, providers[i]));
  const rows = [];

  // As `trafficport plan` does it: every provider read at once, all sharing the account's limit.
  // (Before pacing this failed with PROVIDER.THROTTLED, and only reading one zone at a time got
  // through; with pacing both are bound by the same bucket, so only the parallel read is run.)
  const mock = limitedMock();
  let adapters = adaptersOn(mock.backend);
  const planned = await phase(mock, () => Promise.all(adapters.map(readOne)));
  rows.push(row('plan, all zones at once (empty zones)', planned, emptyMinimum));
  if (planned.error !== undefined) throw planned.error;
  start = performance.now();
  const changes = planned.result.map((live, i) => diffResources(desired[i].resources, live.resources));
  const diffMs = performance.now() - start;

  // `trafficport apply` plans and applies in one process, so the zone ids are known by now.
  const applied = await phase(mock, () =>
    Promise.all(adapters.map((adapter, i) => adapter.apply(changes[i], planned.result[i]))),
  );
  if (applied.error !== undefined) throw applied.error;
  const writeMinimum = changes.reduce((sum, list) => sum + route53WriteMinimum(list), 0);
  rows.push(row('apply', applied, writeMinimum));

  // The second plan lists every record and changes nothing, against the same limited account.
  adapters = adaptersOn(mock.backend);
  const replanned = await phase(mock, () => Promise.all(adapters.map(readOne)));
  if (replanned.error !== undefined) throw replanned.error;
  const readMinimum = records.reduce((sum, n) => sum + route53ReadMinimum(n), 0);
  rows.push(row('plan again (unchanged)', replanned, readMinimum));

  return {
    summary: {
      services: policy.services.length,
      zones: providers.length,
      records: records.reduce((sum, n) => sum + n, 0),
      largestZone: Math.max(...records),
      changes: changes.reduce((sum, list) => sum + list.length, 0),
      rateLimit: DOCUMENTED_RATE_LIMIT,
      pacing: ROUTE53_DOCUMENTED_RATE,
      renderS: round(renderMs / 1000, 1),
      diffS: round(diffMs / 1000, 2),
      replanOnlyListing: Object.keys(replanned.counters.calls).every((operation) => LISTING.has(operation)),
      replanChanges: replanned.result.reduce(
        (sum, live, i) => sum + diffResources(desired[i].resources, live.resources).length,
        0,
      ),
      stockStoreMsPerCall: await stockStoreCost(mock.store, providers[0], servicesOf(policy, providers[0])),
    },
    phases: rows,
    store: mock.store,
  };
}

function limitedMock() {
  const store = sharedStateStore(emptyRoute53State());
  const backend = createRoute53Backend({ store, rateLimit: DOCUMENTED_RATE_LIMIT });
  return { store, backend, watch: stopwatchMock(backend) };
}

async function phase({ backend, watch }, run) {
  backend.resetCounters();
  watch.reset();
  const start = performance.now();
  const outcome = await run().then(
    (result) => ({ result }),
    (error) => ({ error }),
  );
  return {
    ...outcome,
    seconds: (performance.now() - start) / 1000,
    mockS: watch.seconds(),
    counters: backend.counters(),
  };
}

function row(name, measured, minimum) {
  const { counters, seconds, error } = measured;
  // Refused attempts never reach the operation; `calls` are the ones Route 53 would have served.
  const calls = counters.total - counters.rateLimited;
  const bound = tokenBucketSeconds(calls, DOCUMENTED_RATE_LIMIT);
  return {
    provider: 'route53',
    phase: name,
    outcome: error === undefined ? 'ok' : `FAILED ${error.code ?? error.name}`,
    ...(error === undefined ? {} : { error: error.message }),
    calls,
    minimum,
    callRatio: round(calls / minimum),
    throttled: counters.rateLimited,
    ops: counters.calls,
    rateLimited: true,
    wallS: round(seconds, 1),
    mockS: round(measured.mockS, 1),
    boundS: round(bound, 1),
    wallRatio: bound > 0 ? round(seconds / bound) : null,
    idealS: round(tokenBucketSeconds(minimum, DOCUMENTED_RATE_LIMIT), 1),
  };
}

/** Milliseconds per listing call when the mock keeps the same state in its stock memory store. */
async function stockStoreCost(store, provider, services) {
  const backend = createRoute53Backend({ store: memoryStore(await store.read()) });
  const adapter = createRoute53Adapter(provider, { mockStateDir: '/nonexistent', backend, env: {} });
  const start = performance.now();
  await adapter.read(services.slice(0, 5));
  return round((performance.now() - start) / backend.counters().total, 1);
}

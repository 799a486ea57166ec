// Publishing to the Azure mock with Azure DNS's documented per-zone budgets switched on.
//
// The mock is served over HTTPS on loopback and the adapters are built by the real composition
// root (createAzureAdapter with TRAFFICPORT_AZURE_ENDPOINT), so requests take the SDKs' whole
// pipeline; one server (one set of per-zone windows, one set of counters) serves every provider.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffResources } from '../dist/plan/diff.js';
import { createAzureAdapter } from '../dist/providers/azure/client.js';
import { DOCUMENTED_DNS_RATE_LIMITS, emptyAzureState, startAzureMock } from '../dist/providers/azure/mock/index.js';
import { servicesOf } from '../dist/publish/prepare.js';
import { renderAzure } from '../dist/render/azure.js';
import { azureReadMinimum, azureWriteMinimum, fixedWindowSeconds } from './minimum.mjs';
import { sharedStateStore, stopwatchMock } from './mock-harness.mjs';
import { round } from './stats.mjs';

const LIMITS = DOCUMENTED_DNS_RATE_LIMITS;
const RATE_CLASS = [
  [/^RecordSets_(CreateOrUpdate|Update|Delete)$/, LIMITS.writesPerWindow],
  [/^RecordSets_Get$/, LIMITS.getsPerWindow],
  [/^RecordSets_List/, LIMITS.listsPerWindow],
];

/** `label` tells this estate's rows apart from another's in the same table. */
export async function benchAzure({ policy, plan, label = '' }) {
  const providers = policy.providers.filter((provider) => provider.type === 'azure');
  let start = performance.now();
  const desired = providers.map((provider) => renderAzure({ policy, plan, provider }));
  const renderMs = performance.now() - start;
  const recordSets = desired.map((state) => state.resources.filter((r) => r.kind === 'azure.recordset').length);

  const server = await startAzureMock({ store: sharedStateStore(emptyAzureState()), rateLimits: 'documented' });
  const mock = { backend: server.backend, watch: stopwatchMock(server.backend) };
  const dir = mkdtempSync(join(tmpdir(), 'trafficport-bench-azure-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, server.ca);
  const env = { TRAFFICPORT_AZURE_ENDPOINT: server.url, TRAFFICPORT_AZURE_CA: caFile };
  const adaptersNow = () =>
    Promise.all(providers.map((provider) => createAzureAdapter(provider, { mockStateDir: dir, env })));
  const readAll = (adapters) =>
    Promise.all(adapters.map((adapter, i) => adapter.read(servicesOf(policy, providers[i]))));
  try {
    const adapters = await adaptersNow();
    const planned = await phase(mock, () => readAll(adapters));
    start = performance.now();
    const changes = planned.result.map((live, i) => diffResources(desired[i].resources, live.resources));
    const diffMs = performance.now() - start;
    const applied = await phase(mock, () =>
      Promise.all(adapters.map((adapter, i) => adapter.apply(changes[i], planned.result[i]))),
    );
    const replanned = await phase(mock, async () => readAll(await adaptersNow()));
    const leftover = replanned.result.reduce(
      (sum, live, i) => sum + diffResources(desired[i].resources, live.resources).length,
      0,
    );
    const zones = providers.length;
    const profileWrites = changes.flat().filter((change) => change.key.startsWith('azure.tm-profile')).length;
    return {
      summary: {
        services: policy.services.length,
        zones,
        resources: desired.reduce((sum, state) => sum + state.resources.length, 0),
        recordSets: recordSets.reduce((sum, n) => sum + n, 0),
        profiles: profileWrites,
        changes: changes.reduce((sum, list) => sum + list.length, 0),
        rateLimits: LIMITS,
        renderS: round(renderMs / 1000, 1),
        diffS: round(diffMs / 1000, 2),
        replanReadsOnly: Object.keys(replanned.stats.calls).every((op) => /_List|_Get$/.test(op)),
        replanChanges: leftover,
      },
      phases: [
        // A new zone: get it (missing), create it (mock only), list its sets and its profile group.
        row(`plan (empty zones)${label}`, planned, zones * (azureReadMinimum(0) + 1), zones),
        row(
          `apply${label}`,
          applied,
          changes.reduce((sum, list) => sum + azureWriteMinimum(list), 0),
          zones,
        ),
        row(
          `plan again (unchanged)${label}`,
          replanned,
          recordSets.reduce((sum, n) => sum + azureReadMinimum(n), 0),
          zones,
        ),
      ],
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function phase({ backend, watch }, run) {
  backend.resetStats();
  watch.reset();
  const start = performance.now();
  const result = await run();
  return { result, seconds: (performance.now() - start) / 1000, mockS: watch.seconds(), stats: backend.stats() };
}

/**
 * The bound is per zone and per budget (writes, gets, lists): the estate spreads services evenly
 * over its zones, so each zone gets calls/zones of each kind; the slowest budget decides.
 */
function boundSeconds(calls, zones) {
  let bound = 0;
  for (const [pattern, perWindow] of RATE_CLASS) {
    const count = Object.entries(calls)
      .filter(([operation]) => pattern.test(operation))
      .reduce((sum, [, n]) => sum + n, 0);
    bound = Math.max(bound, fixedWindowSeconds(Math.ceil(count / zones), perWindow, LIMITS.windowMs));
  }
  return bound;
}

function row(name, measured, minimum, zones) {
  const { stats, seconds } = measured;
  const calls = stats.total - stats.throttled;
  const bound = boundSeconds(stats.calls, zones);
  return {
    provider: 'azure',
    phase: name,
    outcome: 'ok',
    calls,
    minimum,
    callRatio: round(calls / minimum),
    throttled: stats.throttled,
    ops: stats.calls,
    rateLimited: true,
    wallS: round(seconds, 1),
    mockS: round(measured.mockS, 1),
    boundS: round(bound, 1),
    wallRatio: bound > 0 ? round(seconds / bound) : null,
    idealS: null,
  };
}

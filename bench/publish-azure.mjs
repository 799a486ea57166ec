// Publishing to the Azure mock with Azure DNS's documented per-zone budgets and Traffic Manager's
// per-subscription budgets switched on, the client pacing its Traffic Manager requests to them.
//
// The mock is served over HTTPS on loopback and the adapters are built by the real composition
// root (createAzureAdapter with TRAFFICPORT_AZURE_ENDPOINT), so requests take the SDKs' whole
// pipeline; one server (one set of windows, one set of counters) serves every provider. Its
// subscription's profile quota is raised (as Azure Support would) so the estate can be published
// at all; the summary reports the estate's profile count against Azure's default quota of 200.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffResources } from '../dist/plan/diff.js';
import { DEFAULT_PROFILE_QUOTA } from '../dist/policy/normalize.js';
import { createAzureAdapter } from '../dist/providers/azure/client.js';
import { DOCUMENTED_DNS_RATE_LIMITS, emptyAzureState, startAzureMock } from '../dist/providers/azure/mock/index.js';
import { servicesOf } from '../dist/publish/prepare.js';
import { renderAzure } from '../dist/render/azure.js';
import { azureReadMinimum, azureWriteMinimum, fixedWindowSeconds } from './minimum.mjs';
import { sharedStateStore, stopwatchMock } from './mock-harness.mjs';
import { round } from './stats.mjs';

const LIMITS = DOCUMENTED_DNS_RATE_LIMITS;
const TM = LIMITS.trafficManager;
// [operations, budget per window, window ms, whether the budget is per zone (else per subscription)]
const RATE_CLASS = [
  [/^RecordSets_(CreateOrUpdate|Update|Delete)$/, LIMITS.writesPerWindow, LIMITS.windowMs, true],
  [/^RecordSets_Get$/, LIMITS.getsPerWindow, LIMITS.windowMs, true],
  [/^RecordSets_List/, LIMITS.listsPerWindow, LIMITS.windowMs, true],
  [/^Profiles_(CreateOrUpdate|Update)$/, TM.perWindow['profile-write'], TM.windowMs, false],
  [/^Profiles_Get$/, TM.perWindow['profile-get'], TM.windowMs, false],
  [/^Profiles_Delete$/, TM.perWindow['profile-delete'], TM.windowMs, false],
  [/^Profiles_List/, TM.perWindow['profile-list'], TM.windowMs, false],
];

/** `label` tells this estate's rows apart from another's in the same table. */
export async function benchAzure({ policy, plan, label = '' }) {
  const providers = policy.providers.filter((provider) => provider.type === 'azure');
  let start = performance.now();
  const desired = providers.map((provider) => renderAzure({ policy, plan, provider }));
  const renderMs = performance.now() - start;
  const recordSets = desired.map((state) => state.resources.filter((r) => r.kind === 'azure.recordset').length);
  const profiles = profileCounts(desired);

  const server = await startAzureMock({
    store: sharedStateStore(emptyAzureState()),
    rateLimits: 'documented',
    limits: { profilesPerSubscription: Number.MAX_SAFE_INTEGER },
  });
  const mock = { backend: server.backend, watch: stopwatchMock(server.backend) };
  const dir = mkdtempSync(join(tmpdir(), 'trafficport-bench-azure-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, server.ca);
  const env = { TRAFFICPORT_AZURE_ENDPOINT: server.url, TRAFFICPORT_AZURE_CA: caFile };
  const adaptersNow = () =>
    Promise.all(providers.map((provider) => createAzureAdapter(provider, { mockStateDir: dir, env, pacing: true })));
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
        profileWrites,
        profiles,
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
  for (const [pattern, perWindow, windowMs, perZone] of RATE_CLASS) {
    const count = Object.entries(calls)
      .filter(([operation]) => pattern.test(operation))
      .reduce((sum, [, n]) => sum + n, 0);
    bound = Math.max(bound, fixedWindowSeconds(Math.ceil(count / (perZone ? zones : 1)), perWindow, windowMs));
  }
  return bound;
}

/**
 * The estate's Traffic Manager profiles (all its providers share one subscription) against
 * Azure's default quota, and what each service costs (its root plus the shared profiles it nests).
 */
function profileCounts(desired) {
  const keys = desired.flatMap((state) =>
    state.resources.filter((r) => r.kind === 'azure.tm-profile').map((r) => r.key),
  );
  const shared = keys.filter((key) => /-w-[0-9a-f]{12}$/.test(key)).length;
  const perService = desired.flatMap((state) => state.stats.map((s) => s.profiles)).sort((a, b) => a - b);
  return {
    total: keys.length,
    roots: keys.length - shared,
    shared,
    perServiceMean: round(perService.reduce((a, b) => a + b, 0) / perService.length, 2),
    perServiceMax: perService.at(-1),
    defaultQuota: DEFAULT_PROFILE_QUOTA,
    overDefaultQuota: Math.max(0, keys.length - DEFAULT_PROFILE_QUOTA),
  };
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

// Re-plan stability: how much traffic a small change to the inputs moves, against the least any
// optimal split of the changed problem allows (computed exactly: HiGHS minimizes the traffic
// moved over the optimal face of the same LP). Run on its own with
//   node bench/replan.mjs [--dist DIR]
// to measure another build (e.g. the one before a change) with the same instances.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { round, table } from './stats.mjs';

const require = createRequire(import.meta.url);
const AT = Date.parse('2026-12-01T00:00:00Z');

const HERE = new URL('../dist', import.meta.url).pathname;

/** The engine from `dist`; the LP reference (the judge) always from this checkout's build. */
async function engine(dist) {
  const at = (path, root = dist) => import(pathToFileURL(`${root}/${path}`).href);
  const [solveModule, lpModule, countries, regions, random] = await Promise.all([
    at('solve/solve.js'),
    at('solve/reference-lp.js', HERE),
    at('geo/countries.js'),
    at('geo/regions/index.js'),
    at('util/random.js'),
  ]);
  return {
    solve: solveModule.solve,
    flowInputs: solveModule.flowInputs,
    splitProblemAsLp: lpModule.splitProblemAsLp,
    leastMovementLp: lpModule.leastMovementLp,
    getCountry: countries.getCountry,
    REGION_CATALOGS: regions.REGION_CATALOGS,
    seededRandom: random.seededRandom,
  };
}

/**
 * A mid-sized estate with the ties real estates have: endpoints of three clouds in the same
 * metros (Frankfurt, Virginia, Tokyo, ...), capacities that bind, and a balance rule.
 */
function estate(e, count = 36, seed = 11) {
  const random = e.seededRandom(seed);
  const publicRegions = ['aws', 'azure', 'gcp'].flatMap((cloud) =>
    e.REGION_CATALOGS[cloud].filter((r) => r.partition === undefined).map((r) => ({ cloud, ...r })),
  );
  // Metros where all three clouds have a region, then the rest.
  const metros = new Map();
  for (const r of publicRegions)
    metros.set(`${Math.round(r.lat)}:${Math.round(r.lon)}`, [
      ...(metros.get(`${Math.round(r.lat)}:${Math.round(r.lon)}`) ?? []),
      r,
    ]);
  const shared = [...metros.values()].filter((list) => new Set(list.map((r) => r.cloud)).size >= 2).flat();
  const picked = [...shared, ...publicRegions.filter((r) => !shared.includes(r))].slice(0, count);
  const endpoints = picked.map((region, i) => ({
    id: `${region.cloud}-${region.code}`,
    cloud: region.cloud,
    region: region.code,
    location: { country: region.country, lat: region.lat, lon: region.lon },
    jurisdictions: e.getCountry(region.country).jurisdictions,
    targets: { a: [`198.51.100.${i + 1}`], aaaa: [] },
    capacity: Math.round((100_000 * 1.4 * (0.4 + 1.2 * random())) / count),
  }));
  return {
    version: 1,
    providers: [{ id: 'r53', type: 'route53', zone: 'example.com', backend: 'mock', healthChecks: false }],
    endpoints,
    services: [{ name: 'www.example.com', ttl: 60, endpoints: endpoints.map((x) => x.id), publish: ['r53'] }],
    demand: {
      total: 100_000,
      shares: new Map([
        ['*', 80],
        ['US', 8],
        ['DE', 4],
        ['JP', 4],
        ['IN', 4],
      ]),
    },
    rules: {
      geography: { prefer: 'nearest', minEndpoints: 2 },
      sovereignty: [],
      balance: [
        {
          name: 'even',
          services: [],
          targets: { aws: 40, azure: 40, gcp: 20 },
          tolerance: 2,
          min: {},
          max: {},
          whenInfeasible: 'report',
        },
      ],
      maintenance: [],
      capacity: { whenExceeded: 'report', headroom: 0 },
    },
  };
}

/** The perturbations of the issue: each a function from the base policy to a changed one. */
function perturbations(base, quick) {
  const loaded = [...base.endpoints].sort((a, b) => b.capacity - a.capacity);
  const first = loaded[0];
  const extra = { ...base.endpoints[3], id: `${base.endpoints[3].id}-b`, targets: { a: ['198.51.100.250'], aaaa: [] } };
  const withEndpoints = (endpoints) => ({
    ...base,
    endpoints,
    services: [{ ...base.services[0], endpoints: endpoints.map((x) => x.id) }],
  });
  const shares = (entries) => ({ ...base, demand: { ...base.demand, shares: new Map(entries) } });
  const window = {
    name: 'patch',
    target: { kind: 'endpoint', endpoint: first.id },
    // A 20-minute ramp in 4 steps starts 60 s + 20 min before 01:00; at 00:40 one step is done.
    timing: { kind: 'once', start: AT + 3600_000, end: AT + 7200_000 },
    rampSeconds: 1200,
    steps: 4,
  };
  return [
    ...base.endpoints.slice(0, quick ? 2 : 6).map((endpoint) => ({
      name: `capacity -5% (${endpoint.id})`,
      policy: withEndpoints(
        base.endpoints.map((x) => (x === endpoint ? { ...x, capacity: Math.round(x.capacity * 0.95) } : x)),
      ),
    })),
    { name: `endpoint added (${extra.id})`, policy: withEndpoints([...base.endpoints, extra]) },
    {
      name: `endpoint removed (${base.endpoints[5].id})`,
      policy: withEndpoints(base.endpoints.filter((_, i) => i !== 5)),
    },
    {
      name: 'demand shifted (2 points US to JP)',
      policy: shares([
        ['*', 80],
        ['US', 6],
        ['DE', 4],
        ['JP', 6],
        ['IN', 4],
      ]),
    },
    {
      name: 'demand shifted (2 points * to DE)',
      policy: shares([
        ['*', 78],
        ['US', 8],
        ['DE', 6],
        ['JP', 4],
        ['IN', 4],
      ]),
    },
    {
      name: `maintenance step (${first.id} 25% drained)`,
      policy: { ...base, rules: { ...base.rules, maintenance: [window] } },
      at: AT + 3600_000 - 60_000 - 1200_000 + 1,
    },
  ];
}

/** Share of all traffic (new demand) whose endpoint differs between two splits of one service. */
function moved(before, after) {
  const rows = new Map(before.geographies.map((g) => [g.geo, g.shares]));
  let total = 0;
  for (const geo of after.geographies) {
    const previous = rows.get(geo.geo) ?? {};
    let variation = 0;
    for (const id of new Set([...Object.keys(previous), ...Object.keys(geo.shares)]))
      variation += Math.abs((geo.shares[id] ?? 0) - (previous[id] ?? 0));
    total += (geo.demand / 100) * (variation / 200);
  }
  return total * 100;
}

/** The least traffic any optimal split of `input` moves from `previous` (percent), by HiGHS alone. */
function leastMovement(e, highs, input, previous, endpointIds, geoIds) {
  const { lp, scale } = e.splitProblemAsLp(input);
  const optimum = highs.solve(lp);
  if (optimum.Status !== 'Optimal') throw new Error(`LP ${optimum.Status}`);
  const rows = new Map(previous.geographies.map((g) => [g.geo, g.shares]));
  const matrix = new Float64Array(geoIds.length * endpointIds.length);
  geoIds.forEach((geo, g) => {
    endpointIds.forEach((id, j) => {
      matrix[g * endpointIds.length + j] = (rows.get(geo)?.[id] ?? 0) / 100;
    });
  });
  const least = highs.solve(e.leastMovementLp(input, matrix, lp, optimum));
  if (least.Status !== 'Optimal') throw new Error(`movement LP ${least.Status}`);
  return (100 * least.ObjectiveValue) / scale;
}

export async function benchReplan({ dist = HERE, quick = false } = {}) {
  const e = await engine(dist);
  const highs = await require('highs')();
  const base = estate(e);
  const before = e.solve(base, AT, { skipNextChange: true }).services[0];
  const rows = [];
  for (const { name, policy, at = AT } of perturbations(base, quick)) {
    const reference = new Map([
      [
        before.service,
        new Map(
          before.geographies.map((g) => [g.geo, new Map(Object.entries(g.shares).map(([id, s]) => [id, s / 100]))]),
        ),
      ],
    ]);
    const plain = e.solve(policy, at, { skipNextChange: true }).services[0];
    const stable = e.solve(policy, at, { skipNextChange: true, reference }).services[0];
    const [input] = e.flowInputs(policy, at, { reference });
    const geoIds = plain.geographies.map((g) => g.geo);
    const minimum = leastMovement(e, highs, input, before, policy.services[0].endpoints, geoIds);
    rows.push({
      perturbation: name,
      minimumPercent: round(minimum, 3),
      movedPercent: round(moved(before, plain), 3),
      stableMovedPercent: round(moved(before, stable), 3),
    });
  }
  return { endpoints: base.endpoints.length, geographies: before.geographies.length, rows };
}

export function formatReplan({ endpoints, geographies, rows }) {
  return [
    `Re-plan stability: ${geographies} geographies x ${endpoints} endpoints (three clouds sharing metros, capacities and a balance rule that bind); traffic moved by each perturbation, percent of all traffic`,
    'minimum = least any optimal split of the changed problem moves (HiGHS); moved = solve without a reference; stable = solve with the previous split as reference',
    table(rows, ['perturbation', 'minimumPercent', 'movedPercent', 'stableMovedPercent']),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--dist');
  const result = await benchReplan(at > 0 ? { dist: process.argv[at + 1] } : {});
  console.log(formatReplan(result));
}

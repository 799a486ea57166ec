// Benchmark instances: realistic policies built from the region catalogs, seeded so every run
// measures the same problem.
import { getCountry } from '../dist/geo/countries.js';
import { REGION_CATALOGS } from '../dist/geo/regions/index.js';
import { seededRandom } from '../dist/util/random.js';

const PUBLIC_REGIONS = ['aws', 'azure', 'gcp'].flatMap((cloud) =>
  REGION_CATALOGS[cloud].filter((r) => r.partition === undefined).map((r) => ({ cloud, ...r })),
);

/**
 * A policy with `endpoints` endpoints spread over the public regions of three clouds, demand in
 * every country Route 53 can target plus three US states (246 + 3 + default = 250 geographies),
 * and optionally capacities tight
 * enough to bind and a cloud balance rule.
 */
export function estatePolicy({ endpoints: count, constrained, seed = 7 }) {
  const random = seededRandom(seed);
  const endpoints = Array.from({ length: count }, (_, i) => {
    const region = PUBLIC_REGIONS[i % PUBLIC_REGIONS.length];
    return {
      id: `${region.cloud}-${region.code}-${Math.floor(i / PUBLIC_REGIONS.length)}`,
      cloud: region.cloud,
      region: region.code,
      location: { country: region.country, lat: region.lat, lon: region.lon },
      jurisdictions: getCountry(region.country).jurisdictions,
      targets: { a: [`198.51.100.${(i % 250) + 1}`], aaaa: [] },
      // Total capacity ~1.3x demand, unevenly spread, so many endpoints fill up.
      ...(constrained ? { capacity: Math.round((100_000 * 1.3 * (0.3 + 1.4 * random())) / count) } : {}),
    };
  });
  return {
    version: 1,
    providers: [{ id: 'r53', type: 'route53', zone: 'example.com', backend: 'mock', healthChecks: false }],
    endpoints,
    services: [{ name: 'www.example.com', ttl: 60, endpoints: endpoints.map((e) => e.id), publish: ['r53'] }],
    demand: {
      total: 100_000,
      shares: new Map([
        ['*', 88],
        ['US-CA', 5],
        ['US-NY', 4],
        ['US-TX', 3],
      ]),
    },
    rules: {
      geography: { prefer: 'nearest', minEndpoints: 2, maxLatencyMs: 150 },
      sovereignty: [],
      balance: constrained
        ? [
            {
              name: 'three-clouds',
              services: [],
              targets: { aws: 40, azure: 40, gcp: 20 },
              tolerance: 5,
              min: {},
              max: {},
              whenInfeasible: 'report',
            },
          ]
        : [],
      maintenance: [],
      capacity: { whenExceeded: 'report', headroom: 0 },
    },
  };
}

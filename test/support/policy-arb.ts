import fc from 'fast-check';
import { getCountry } from '../../src/geo/countries.js';
import { parseGeoRef } from '../../src/geo/geography.js';
import { REGION_CATALOGS } from '../../src/geo/regions/index.js';
import type {
  BalanceRule,
  Cloud,
  Endpoint,
  MaintenanceWindow,
  Policy,
  SovereigntyRule,
} from '../../src/policy/types.js';

/** A varied pool of real regions: every continent, several jurisdictions, three clouds. */
const REGION_POOL = [
  ['aws', 'us-east-1'],
  ['aws', 'eu-central-1'],
  ['aws', 'eu-west-1'],
  ['aws', 'ap-northeast-1'],
  ['aws', 'sa-east-1'],
  ['aws', 'eu-central-2'],
  ['aws', 'ap-southeast-2'],
  ['azure', 'westeurope'],
  ['azure', 'eastus'],
  ['azure', 'germanywestcentral'],
  ['azure', 'swedencentral'],
  ['azure', 'japaneast'],
  ['azure', 'southafricanorth'],
  ['gcp', 'europe-west3'],
  ['gcp', 'us-central1'],
  ['gcp', 'asia-south1'],
] as const;

const GEO_REFS = [
  'EU',
  'EEA',
  'EFTA',
  'DE',
  'FR',
  'CH',
  'US',
  'JP',
  'BR',
  'IN',
  'continent:EU',
  'continent:AS',
  'continent:NA',
  'US-CA',
  '*',
];
const JURISDICTIONS = ['EU', 'EEA', 'DE', 'CH', 'US', 'JP'];
export const BASE_TIME = Date.parse('2026-12-06T00:00:00Z');

function makeEndpoint(index: number, [cloud, code]: readonly [string, string], capacity: number | undefined): Endpoint {
  const region = REGION_CATALOGS[cloud as 'aws' | 'azure' | 'gcp'].find((r) => r.code === code)!;
  return {
    id: `e${index}-${code}`,
    cloud: cloud as Cloud,
    region: code,
    location: { country: region.country, lat: region.lat, lon: region.lon },
    jurisdictions: getCountry(region.country)!.jurisdictions,
    targets: { a: [`192.0.2.${index + 1}`], aaaa: [] },
    ...(capacity === undefined ? {} : { capacity }),
  };
}

const selectorArb = fc.oneof(
  fc.record({ jurisdictions: fc.subarray(JURISDICTIONS, { minLength: 1, maxLength: 2 }) }),
  fc.record({ clouds: fc.subarray(['aws', 'azure', 'gcp'] as Cloud[], { minLength: 1, maxLength: 2 }) }),
);

const sovereigntyArb = (index: number) =>
  fc
    .record({
      users: fc.subarray(GEO_REFS, { minLength: 1, maxLength: 3 }),
      mode: fc.constantFrom('allow', 'deny'),
      selector: selectorArb,
      whenUnservable: fc.constantFrom('fail', 'ignore-maintenance'),
    })
    .map(
      ({ users, mode, selector, whenUnservable }): SovereigntyRule => ({
        name: `rule-${index}`,
        users: users.map((text) => parseGeoRef(text)!),
        [mode]: selector,
        whenUnservable: whenUnservable as SovereigntyRule['whenUnservable'],
      }),
    );

const balanceArb = fc.oneof(
  fc
    .record({ aws: fc.integer({ min: 0, max: 40 }), azure: fc.integer({ min: 0, max: 40 }) })
    .map(
      (min): BalanceRule => ({ name: 'keep-warm', services: [], tolerance: 5, min, max: {}, whenInfeasible: 'report' }),
    ),
  fc.integer({ min: 20, max: 80 }).map(
    (aws): BalanceRule => ({
      name: 'split',
      services: [],
      targets: { aws, azure: 100 - aws },
      tolerance: 10,
      min: {},
      max: {},
      whenInfeasible: 'report',
    }),
  ),
);

const windowArb = (index: number, endpointIds: readonly string[]) =>
  fc
    .record({
      target: fc.constantFrom(...endpointIds),
      startOffsetMin: fc.integer({ min: -180, max: 180 }),
      durationMin: fc.integer({ min: 10, max: 240 }),
      rampMin: fc.constantFrom(0, 5, 20, 60),
      steps: fc.integer({ min: 1, max: 5 }),
    })
    .map(
      ({ target, startOffsetMin, durationMin, rampMin, steps }): MaintenanceWindow => ({
        name: `window-${index}`,
        target: { kind: 'endpoint', endpoint: target },
        timing: {
          kind: 'once',
          start: BASE_TIME + startOffsetMin * 60_000,
          end: BASE_TIME + (startOffsetMin + durationMin) * 60_000,
        },
        rampSeconds: rampMin * 60,
        steps,
      }),
    );

/** Random but valid policies, shaped like real ones, with one service over all endpoints. */
export const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    regions: fc.uniqueArray(fc.constantFrom(...REGION_POOL), { minLength: 1, maxLength: 7 }),
    capacities: fc.array(fc.option(fc.integer({ min: 100, max: 20_000 }), { nil: undefined }), {
      minLength: 7,
      maxLength: 7,
    }),
    total: fc.option(fc.integer({ min: 1_000, max: 40_000 }), { nil: undefined }),
    shares: fc.option(
      fc.dictionary(
        fc.constantFrom('DE', 'US', 'JP', 'BR', 'continent:EU', 'US-CA', '*'),
        fc.integer({ min: 0, max: 30 }),
      ),
      {
        nil: undefined,
      },
    ),
    minEndpoints: fc.integer({ min: 1, max: 3 }),
    maxLatencyMs: fc.option(fc.integer({ min: 30, max: 200 }), { nil: undefined }),
    ttl: fc.constantFrom(30, 60, 300),
    sovereigntyCount: fc.integer({ min: 0, max: 2 }),
    balance: fc.option(balanceArb, { nil: undefined }),
    headroom: fc.constantFrom(0, 10),
    windowCount: fc.integer({ min: 0, max: 2 }),
  })
  .chain((shape) => {
    const endpoints = shape.regions.map((region, i) => makeEndpoint(i, region, shape.capacities[i]));
    const ids = endpoints.map((e) => e.id);
    return fc
      .record({
        sovereignty: fc.tuple(...Array.from({ length: shape.sovereigntyCount }, (_, i) => sovereigntyArb(i))),
        maintenance: fc.tuple(...Array.from({ length: shape.windowCount }, (_, i) => windowArb(i, ids))),
      })
      .map(
        ({ sovereignty, maintenance }): Policy => ({
          version: 1,
          providers: [{ id: 'r53', type: 'route53', zone: 'example.com', backend: 'mock', healthChecks: false }],
          endpoints,
          services: [{ name: 'www.example.com', ttl: shape.ttl, endpoints: ids, publish: ['r53'] }],
          demand: {
            ...(shape.total === undefined ? {} : { total: shape.total }),
            ...(shape.shares === undefined || Object.values(shape.shares).every((v) => v === 0)
              ? {}
              : { shares: new Map(Object.entries(shape.shares)) }),
          },
          rules: {
            geography: {
              prefer: 'nearest',
              minEndpoints: shape.minEndpoints,
              ...(shape.maxLatencyMs === undefined ? {} : { maxLatencyMs: shape.maxLatencyMs }),
            },
            sovereignty,
            balance: shape.balance === undefined ? [] : [shape.balance],
            maintenance,
            capacity: { whenExceeded: 'report', headroom: shape.headroom },
          },
        }),
      );
  });

/** Moments around the generated windows, including exact step boundaries. */
export const momentArb = fc.integer({ min: -300, max: 600 }).map((minutes) => BASE_TIME + minutes * 60_000);

import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument, stringify } from 'yaml';
import { CONTINENTS } from '../../src/geo/continents.js';
import { COUNTRIES } from '../../src/geo/countries.js';
import { JURISDICTION_GROUPS } from '../../src/geo/jurisdictions.js';
import { REGION_CATALOGS } from '../../src/geo/regions/index.js';
import { SUBDIVISIONS } from '../../src/geo/subdivisions.js';
import { policyJsonSchema } from '../../src/policy/json-schema.js';
import { type LoadResult, loadPolicy } from '../../src/policy/load.js';
import { runs } from '../support/depth.js';

/**
 * 300 cases per property in the deep tier, 75 in the standard one (test/support/depth.ts). Raise
 * for a deeper search: FUZZ_RUNS=5000 npx vitest run test/policy/fuzz.test.ts
 */
const NUM_RUNS = process.env.FUZZ_RUNS === undefined ? runs(300) : Number(process.env.FUZZ_RUNS);

// ---------------------------------------------------------------------------------------------
// A generator of valid policies, as the plain objects a user would write.
// ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const CATALOG_CLOUDS = ['aws', 'azure', 'gcp'] as const;
const COUNTRY_CODES = [...COUNTRIES.keys()];
const GROUPS = Object.keys(JURISDICTION_GROUPS);
const CONTINENT_REFS = Object.keys(CONTINENTS).map((code) => `continent:${code}`);
const SUBDIVISION_CODES = [...SUBDIVISIONS.keys()];
const ZONES = ['example.com', 'example.org', 'shop.example.net'];
const SCHEDULES = ['0 2 * * SUN', '30 3 * * 1-5', '0 0 1 * *', '*/15 * * * *'];
const TIME_ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];
const DURATIONS = ['90s', '20m', '2h', '1h30m', '1d'];

// Built once: stringMatching is costly to construct, far too costly to build inside chain().
const id = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,12}[a-z0-9])?$/);
/** A service name's first label; '' stands for the zone apex. */
const label = fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z0-9]{1,10}$/));
/** Free text, including non-ASCII, so quoting and escaping are exercised. */
const text = (maxLength: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength });
const positive = fc.double({ min: 0.001, max: 1e6, noNaN: true, noDefaultInfinity: true });
const percentage = fc.integer({ min: 0, max: 100 });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops undefined members, so optional fields are absent rather than null. */
function compact(object: Record<string, Json | undefined>): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as JsonObject;
}

function instant(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const provider = fc.oneof(
  fc.record(
    {
      type: fc.constant('route53'),
      zone: fc.constantFrom(...ZONES),
      backend: fc.constantFrom('aws', 'mock'),
      hostedZoneId: fc.stringMatching(/^[A-Z0-9]{1,32}$/),
      healthChecks: fc.boolean(),
    },
    { requiredKeys: ['type', 'zone'] },
  ),
  fc.record(
    {
      type: fc.constant('azure'),
      zone: fc.constantFrom(...ZONES),
      subscription: text(20),
      resourceGroup: text(20),
      backend: fc.constantFrom('azure', 'mock'),
      trafficManager: fc.record({ resourceGroup: text(20), profilePrefix: id }, { requiredKeys: [] }),
    },
    { requiredKeys: ['type', 'zone', 'subscription', 'resourceGroup'] },
  ),
);

const location = fc.record(
  {
    country: fc.constantFrom(...COUNTRY_CODES),
    lat: fc.double({ min: -90, max: 90, noNaN: true }).map((v) => v + 0),
    lon: fc.double({ min: -180, max: 180, noNaN: true }).map((v) => v + 0),
  },
  { requiredKeys: ['country'] },
);

const cloudPlacement = fc.oneof(
  fc
    .constantFrom(...CATALOG_CLOUDS)
    .chain((cloud) =>
      fc.record(
        { cloud: fc.constant(cloud), region: fc.constantFrom(...REGION_CATALOGS[cloud].map((r) => r.code)) },
        { requiredKeys: ['cloud', 'region'] },
      ),
    ),
  fc.record({ cloud: fc.constant('onprem'), location }),
);

/** An endpoint whose targets are counts for now: withOwnTargets gives it distinct values. */
function endpointArb(targets: 'address' | 'cname') {
  const target =
    targets === 'cname'
      ? fc.record({ cname: fc.constant(1) })
      : fc.record({ a: fc.integer({ min: 1, max: 3 }), aaaa: fc.integer({ min: 1, max: 2 }) }, { requiredKeys: ['a'] });
  const extras = fc.record(
    {
      capacity: positive,
      healthCheck: fc.record(
        {
          protocol: fc.constantFrom('http', 'https', 'tcp'),
          port: fc.integer({ min: 1, max: 65535 }),
          path: fc.string({ maxLength: 10 }).map((p) => `/${p}`),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
  return fc.tuple(cloudPlacement, target, extras).map(([placement, t, e]) => ({ ...placement, ...t, ...e }));
}

const geoShare = fc.constantFrom('*', ...CONTINENT_REFS, ...COUNTRY_CODES, ...SUBDIVISION_CODES);
const userGroup = fc.constantFrom('*', ...CONTINENT_REFS, ...GROUPS, ...COUNTRY_CODES, ...SUBDIVISION_CODES);

const demand = fc.oneof(
  fc.constant('builtin'),
  fc.record({ total: positive }, { requiredKeys: [] }),
  fc
    .tuple(
      optional(positive),
      fc.dictionary(geoShare, fc.integer({ min: 0, max: 1000 }), { minKeys: 1, maxKeys: 5 }),
      geoShare,
    )
    .map(([total, shares, extra]) => compact({ total, shares: { ...shares, [extra]: 1 } })),
);

/** `n` non-negative integers summing to 100. */
function splitHundred(n: number): fc.Arbitrary<number[]> {
  return fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 100];
    return points.slice(1).map((p, i) => p - (points[i] ?? 0));
  });
}

interface Frame {
  readonly providerIds: readonly string[];
  readonly providers: JsonObject;
  readonly endpointIds: readonly string[];
  readonly endpoints: Record<string, JsonObject>;
}

const frame: fc.Arbitrary<Frame> = fc
  .tuple(
    fc.uniqueArray(id, { minLength: 1, maxLength: 3 }),
    fc.uniqueArray(id, { minLength: 1, maxLength: 4 }),
    fc.constantFrom<'address' | 'cname'>('address', 'cname'),
  )
  .chain(([providerIds, endpointIds, targets]) =>
    fc
      .tuple(
        fc.array(provider, { minLength: providerIds.length, maxLength: providerIds.length }),
        fc.array(endpointArb(targets), { minLength: endpointIds.length, maxLength: endpointIds.length }),
        targetPools(endpointIds.length),
      )
      .map(([providers, endpoints, pools]) => ({
        providerIds,
        providers: Object.fromEntries(providerIds.map((p, i) => [p, providers[i] as JsonObject])),
        endpointIds,
        endpoints: Object.fromEntries(
          endpointIds.map((e, i) => [e, withOwnTargets(endpoints[i] as JsonObject, i, pools)]),
        ),
      })),
  );

/** IPv6 as an address (URL's canonical form, independent of the loader's own comparison). */
const ipv6Address = (address: string) => new URL(`http://[${address}]/`).hostname;

interface TargetPools {
  readonly a: readonly string[];
  readonly aaaa: readonly string[];
  readonly cname: readonly string[];
}

/**
 * Addresses and CNAME targets distinct across all endpoints (IPv6 as addresses, names without case
 * or trailing dot): two endpoints sharing one are one server to DNS, a warning, or an error where
 * a service publishes both to Azure (POLICY.SHARED_ADDRESS, POLICY.SHARED_TARGET).
 */
function targetPools(endpoints: number): fc.Arbitrary<TargetPools> {
  const exactly = (n: number) => ({ minLength: n, maxLength: n });
  return fc.record({
    a: fc.uniqueArray(fc.ipV4(), exactly(3 * endpoints)),
    aaaa: fc.uniqueArray(fc.ipV6(), { ...exactly(2 * endpoints), selector: ipv6Address }),
    cname: fc.uniqueArray(fc.domain(), {
      ...exactly(endpoints),
      selector: (name) => name.toLowerCase().replace(/\.$/, ''),
    }),
  });
}

/** Endpoint `index` with as many targets as it drew, taken from its own slice of the pools. */
function withOwnTargets(endpoint: JsonObject, index: number, pools: TargetPools): JsonObject {
  const own = { ...endpoint };
  if (typeof endpoint.a === 'number') own.a = pools.a.slice(3 * index, 3 * index + endpoint.a);
  if (typeof endpoint.aaaa === 'number') own.aaaa = pools.aaaa.slice(2 * index, 2 * index + endpoint.aaaa);
  if (endpoint.cname !== undefined) own.cname = pools.cname[index] as string;
  return own;
}

function servicesArb(f: Frame): fc.Arbitrary<JsonObject[]> {
  const zones = [...new Set(Object.values(f.providers).map((p) => (p as { zone: string }).zone))];
  const service = (first: string) =>
    fc.constantFrom(...zones).chain((zone) =>
      fc
        .record(
          {
            ttl: fc.integer({ min: 0, max: 7200 }),
            endpoints: fc.shuffledSubarray([...f.endpointIds], { minLength: 1 }),
            publish: fc.shuffledSubarray(
              f.providerIds.filter((p) => (f.providers[p] as { zone: string }).zone === zone),
              { minLength: 1 },
            ),
          },
          { requiredKeys: ['endpoints', 'publish'] },
        )
        .map((rest) => ({ name: first === '' ? zone : `${first}.${zone}`, ...rest })),
    );
  // Distinct labels (the empty label is the zone apex) keep service names distinct.
  return fc.uniqueArray(label, { minLength: 1, maxLength: 3 }).chain((labels) => fc.tuple(...labels.map(service)));
}

function rulesArb(f: Frame, serviceNames: readonly string[]): fc.Arbitrary<JsonObject> {
  const endpoints = Object.values(f.endpoints) as { cloud: string; region?: string }[];
  const usedClouds = [...new Set(endpoints.map((e) => e.cloud))];
  const usedRegions = [...new Set(endpoints.flatMap((e) => (e.region === undefined ? [] : [e.region])))];
  const allRegions = CATALOG_CLOUDS.flatMap((cloud) => REGION_CATALOGS[cloud].map((r) => r.code));
  const jurisdiction = fc.constantFrom(...GROUPS, ...COUNTRY_CODES);
  const selector = fc.record(
    {
      jurisdiction: fc.oneof(jurisdiction, fc.array(jurisdiction, { minLength: 1, maxLength: 3 })),
      clouds: fc.subarray(['aws', 'azure', 'gcp', 'onprem']),
      regions: fc.subarray(allRegions, { maxLength: 3 }),
      endpoints: fc.subarray([...f.endpointIds]),
    },
    { requiredKeys: [] },
  );
  const sovereignty = fc.uniqueArray(
    fc
      .tuple(
        id,
        fc.array(userGroup, { minLength: 1, maxLength: 3 }),
        optional(selector),
        selector,
        optional(fc.constantFrom('fail', 'ignore-maintenance')),
        fc.boolean(),
      )
      .map(([name, users, other, required, whenUnservable, allowFirst]) =>
        compact({
          name,
          users,
          allow: allowFirst ? required : other,
          deny: allowFirst ? other : required,
          whenUnservable,
        }),
      ),
    { maxLength: 3, selector: (rule) => rule.name },
  );
  const clouds = usedClouds.length === 0 ? fc.constant(undefined) : splitHundred(usedClouds.length);
  const balance = fc.array(
    fc
      .tuple(
        optional(id),
        optional(fc.subarray([...serviceNames], { minLength: 1 })),
        optional(clouds),
        optional(percentage),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 75 })), {
          minLength: usedClouds.length,
          maxLength: usedClouds.length,
        }),
        fc.constantFrom('min', 'max', 'both'),
        optional(fc.constantFrom('report', 'fail')),
      )
      .map(([name, services, targets, tolerance, bounds, which, whenInfeasible]) => {
        const min = Object.fromEntries(usedClouds.map((c, i) => [c, bounds[i]?.[0] ?? 0]));
        const max = Object.fromEntries(usedClouds.map((c, i) => [c, (bounds[i]?.[0] ?? 0) + (bounds[i]?.[1] ?? 0)]));
        return compact({
          name,
          services,
          clouds: targets && Object.fromEntries(usedClouds.map((c, i) => [c, targets[i] ?? 0])),
          tolerance,
          min: which !== 'max' ? min : undefined,
          max: which !== 'min' ? max : undefined,
          whenInfeasible,
        });
      }),
    { maxLength: 2 },
  );
  const target = fc.oneof(
    fc.constantFrom(...f.endpointIds),
    fc.constantFrom(...f.endpointIds).map((endpoint) => ({ endpoint })),
    fc.constantFrom(...usedClouds).map((cloud) => ({ cloud })),
    ...(usedRegions.length === 0 ? [] : [fc.constantFrom(...usedRegions).map((region) => ({ region }))]),
  );
  const timing = fc.oneof(
    fc
      .tuple(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.integer({ min: 1, max: 60 * 24 * 30 }),
        fc.constantFrom(0, 60, -300, 330, 600),
      )
      .map(([startMs, minutes, offset]) => ({
        start: instant(startMs, offset),
        end: instant(startMs + minutes * 60_000, offset),
      })),
    fc.record(
      {
        schedule: fc.constantFrom(...SCHEDULES),
        duration: fc.constantFrom(...DURATIONS),
        timezone: fc.constantFrom(...TIME_ZONES),
      },
      { requiredKeys: ['schedule', 'duration'] },
    ),
  );
  const maintenance = fc.uniqueArray(
    fc
      .tuple(
        id,
        target,
        timing,
        optional(fc.constantFrom('0s', ...DURATIONS)),
        optional(fc.integer({ min: 1, max: 20 })),
      )
      .map(([name, t, when, ramp, steps]) => compact({ name, target: t, ...when, ramp, steps })),
    { maxLength: 3, selector: (window) => window.name },
  );
  return fc.record(
    {
      geography: fc.record(
        {
          prefer: fc.constant('nearest'),
          maxLatencyMs: positive,
          minEndpoints: fc.integer({ min: 1, max: 3 }),
          latencyFile: text(20),
        },
        { requiredKeys: [] },
      ),
      sovereignty,
      balance,
      maintenance,
      capacity: fc.record(
        { whenExceeded: fc.constantFrom('report', 'fail'), headroom: percentage },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
}

const validPolicy: fc.Arbitrary<JsonObject> = frame.chain((f) =>
  servicesArb(f).chain((services) =>
    fc
      .record(
        {
          $schema: fc.constant('./trafficport.schema.json'),
          demand,
          rules: rulesArb(
            f,
            services.map((s) => s.name as string),
          ),
        },
        { requiredKeys: [] },
      )
      .map(
        (rest) =>
          ({
            version: 1,
            providers: withUsedProviderChecks(f, services),
            endpoints: withUsedHealthChecks(f, services),
            services,
            ...rest,
          }) as JsonObject,
      ),
  ),
);

/** A provider that creates health checks but publishes nothing is refused too. */
function withUsedProviderChecks(f: Frame, services: readonly JsonObject[]): JsonObject {
  return Object.fromEntries(
    Object.entries(f.providers).map(([providerId, provider]) => {
      const published = services.some((service) => (service.publish as string[]).includes(providerId));
      const { healthChecks, ...rest } = provider as JsonObject & { healthChecks?: boolean };
      return [providerId, healthChecks === undefined || published ? provider : rest];
    }),
  );
}

/**
 * A health check no provider would use is refused (POLICY.HEALTH_CHECK_UNUSED), and so is a path
 * on a TCP check: valid policies keep a check only where an Azure provider, or a Route 53 one
 * with healthChecks, publishes the endpoint.
 */
function withUsedHealthChecks(f: Frame, services: readonly JsonObject[]): Record<string, JsonObject> {
  const used = (endpointId: string) =>
    services.some(
      (service) =>
        (service.endpoints as string[]).includes(endpointId) &&
        (service.publish as string[]).some((p) => {
          const provider = f.providers[p] as { type: string; healthChecks?: boolean };
          return provider.type === 'azure' || provider.healthChecks === true;
        }),
    );
  return Object.fromEntries(
    Object.entries(f.endpoints).map(([endpointId, endpoint]) => {
      const { healthCheck, ...rest } = endpoint as JsonObject & { healthCheck?: { protocol?: string; path?: string } };
      if (healthCheck === undefined || !used(endpointId)) return [endpointId, rest];
      const { path, ...check } = healthCheck;
      return [
        endpointId,
        { ...rest, healthCheck: check.protocol === 'tcp' || path === undefined ? check : { ...check, path } },
      ];
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Mutations of a valid policy.
// ---------------------------------------------------------------------------------------------

type PathSegment = string | number;

function allPaths(value: Json, prefix: PathSegment[] = []): PathSegment[][] {
  const here = prefix.length === 0 ? [] : [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => allPaths(item, [...prefix, i]))];
  if (value !== null && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => allPaths(item, [...prefix, key]))];
  }
  return here;
}

function containerAt(root: Json, path: readonly PathSegment[]): Json {
  return path.reduce<Json>((node, segment) => (node as Record<PathSegment, Json>)[segment] as Json, root);
}

/** Sets an own property even for names like `__proto__`, as a parsed document would have it. */
function setOwn(target: object, key: PathSegment, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const randomValue: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string()), { maxKeys: 3 }),
);

const randomKey = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'version', 'region', 'name', '*', '<<'),
);

type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'retype'; at: number; value: Json }
  | { kind: 'insert'; at: number; key: string; value: Json }
  | { kind: 'unicode'; at: number; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: randomValue }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), key: randomKey, value: randomValue }),
  fc.record({
    kind: fc.constant('unicode' as const),
    at: fc.nat(),
    value: fc.string({ unit: 'binary', maxLength: 30 }),
  }),
);

function mutate(policy: JsonObject, m: Mutation): JsonObject {
  const copy = structuredClone(policy);
  const paths = allPaths(copy);
  const path = paths[m.at % paths.length] ?? [];
  const parent = containerAt(copy, path.slice(0, -1)) as Json[] & JsonObject;
  const key = path[path.length - 1] as PathSegment;
  switch (m.kind) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'retype':
      setOwn(parent, key, m.value);
      break;
    case 'insert': {
      const objects = [[], ...paths].filter((p) => {
        const node = containerAt(copy, p);
        return node !== null && typeof node === 'object' && !Array.isArray(node);
      });
      const target = containerAt(copy, objects[m.at % objects.length] ?? []) as JsonObject;
      setOwn(target, m.key, m.value);
      break;
    }
    case 'unicode': {
      const strings = paths.filter((p) => typeof containerAt(copy, p) === 'string');
      const at = strings[m.at % Math.max(1, strings.length)];
      if (at !== undefined)
        setOwn(containerAt(copy, at.slice(0, -1)) as object, at[at.length - 1] as PathSegment, m.value);
      break;
    }
  }
  return copy;
}

type TextMutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; value: string }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'swap-lines'; at: number };

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    value: fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }),
      fc.constantFrom('{', '}', '[', ']', ':', '- ', '\t', '"', "'", '&a ', '*a', '!!str ', '\n', '#', ', ', '? '),
    ),
  }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat() }),
);

function mutateText(source: string, m: TextMutation): string {
  const at = m.at % (source.length + 1);
  const lines = source.split('\n');
  const line = m.at % lines.length;
  switch (m.kind) {
    case 'delete':
      return source.slice(0, at) + source.slice(at + m.length);
    case 'insert':
      return source.slice(0, at) + m.value + source.slice(at);
    case 'duplicate-line':
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    case 'swap-lines': {
      const other = (line + 1) % lines.length;
      const swapped = [...lines];
      [swapped[line], swapped[other]] = [lines[other] ?? '', lines[line] ?? ''];
      return swapped.join('\n');
    }
  }
}

/** What must hold for any input: a result (never an exception) whose diagnostics are usable. */
function assertWellFormed(text: string, result: LoadResult): void {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  const diagnostics = result.ok ? result.warnings : result.diagnostics;
  if (result.ok) {
    expect(result.policy.version).toBe(1);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  } else {
    expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
  }
  for (const d of diagnostics) {
    expect(d.code).toMatch(/^POLICY\.[A-Z_]+$/);
    expect(d.message.length).toBeGreaterThan(0);
    expect(typeof d.path).toBe('string');
    expect(d.location.file).toBe('fuzz.yaml');
    if (d.code === 'POLICY.EMPTY') {
      // The only diagnostic without a position: a file with no document in it.
      expect(parseDocument(text).contents).toBeNull();
      continue;
    }
    expect(d.location.line, `${d.code} ${d.message}`).toBeGreaterThanOrEqual(1);
    expect(d.location.line).toBeLessThanOrEqual(lineCount);
    expect(d.location.column).toBeGreaterThanOrEqual(1);
  }
}

describe('loadPolicy under fuzzing', () => {
  it('random structural mutations never throw and always give positioned diagnostics', () => {
    fc.assert(
      fc.property(validPolicy, fc.array(mutation, { minLength: 1, maxLength: 3 }), (policy, mutations) => {
        const mutated = mutations.reduce(mutate, policy);
        const text = stringify(mutated);
        assertWellFormed(text, loadPolicy(text, 'fuzz.yaml'));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('random text edits never throw and always give positioned diagnostics', () => {
    fc.assert(
      fc.property(
        validPolicy,
        fc.boolean(),
        fc.array(textMutation, { minLength: 1, maxLength: 3 }),
        (policy, asJson, edits) => {
          const source = asJson ? JSON.stringify(policy, null, 2) : stringify(policy);
          const text = edits.reduce(mutateText, source);
          assertWellFormed(text, loadPolicy(text, 'fuzz.yaml'));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('every generated policy is valid, loads the same from YAML and from its JSON.stringify, and the JSON Schema accepts it', () => {
    const validateSchema = new Ajv2020({ strict: false }).compile(policyJsonSchema());
    fc.assert(
      fc.property(validPolicy, (policy) => {
        expect(validateSchema(policy), JSON.stringify(validateSchema.errors)).toBe(true);
        const yamlText = stringify(policy);
        const fromYaml = loadPolicy(yamlText, 'p.yaml');
        const fromJson = loadPolicy(JSON.stringify(parse(yamlText)), 'p.json');
        if (!fromYaml.ok) throw new Error(`YAML did not load: ${JSON.stringify(fromYaml.diagnostics)}`);
        if (!fromJson.ok) throw new Error(`JSON did not load: ${JSON.stringify(fromJson.diagnostics)}`);
        expect(fromYaml.policy.services.length).toBeGreaterThan(0);
        expect(fromYaml.warnings.map((w) => w.code)).not.toContain('POLICY.SHARED_ADDRESS');
        expect(fromJson.policy).toEqual(fromYaml.policy);
        expect(fromJson.warnings.map((w) => [w.code, w.path])).toEqual(fromYaml.warnings.map((w) => [w.code, w.path]));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

/**
 * Hostile policies: generated malformed, malicious and extreme inputs through loadPolicy and,
 * for a sample, through the built CLI. Every input must end in a valid policy or in positioned,
 * readable diagnostics — never an exception, a hang, a stack trace or a polluted prototype — and
 * every valid one must solve to a plan that keeps the hard rules, or fail with a TrafficportError.
 *
 * Counts per tier: test/support/depth.ts (a quarter of these in `npm test`, all of them in the deep
 * tier). Deeper still: RELIABILITY_RUNS=10 npx vitest run test/reliability/fuzz-policies.test.ts
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { isTrafficportError } from '../../src/errors.js';
import { CONTINENTS } from '../../src/geo/continents.js';
import { COUNTRIES } from '../../src/geo/countries.js';
import { JURISDICTION_GROUPS } from '../../src/geo/jurisdictions.js';
import { REGION_CATALOGS } from '../../src/geo/regions/index.js';
import { type LoadResult, loadPolicy } from '../../src/policy/load.js';
import { MAX_POLICY_BYTES } from '../../src/policy/source.js';
import type { Policy } from '../../src/policy/types.js';
import { loadProviderKit } from '../../src/providers/registry.js';
import { solve } from '../../src/solve/solve.js';
import type { Splits } from '../../src/solve/types.js';
import { BIN, ROOT } from '../support/binary.js';
import { DEEP, runs } from '../support/depth.js';
import { forbiddenFor, inWindowAt } from './rules.js';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261206);
/** Valid generated policies solved and rendered: 40 in the deep tier, 20 in the standard one. */
const VALID_RUNS = runs(40, 20);
const BASE = Date.parse('2026-12-06T00:00:00Z');

const tally = {
  loadCases: 0,
  validPolicies: 0,
  solved: 0,
  solveRefused: 0,
  rendered: 0,
  cliRuns: 0,
  hugeFiles: 0,
  degradedRenders: 0,
  renderRefused: 0,
  /** The slowest loadPolicy input, reported (not asserted: the machine may be loaded). */
  slowestLoadMs: 0,
};

afterAll(() => {
  const total = tally.loadCases + tally.solved + tally.solveRefused + tally.cliRuns;
  console.log(
    `[reliability] fuzz-policies: ${total} cases — ${tally.loadCases} loadPolicy inputs (${tally.hugeFiles} of ~5 MiB), ` +
      `${tally.validPolicies} valid, ${tally.solved} solved + ${tally.solveRefused} refused with a TrafficportError, ` +
      `${tally.rendered} renders checked (${tally.degradedRenders} degraded, ${tally.renderRefused} refused), ${tally.cliRuns} runs of the built CLI; slowest load ${Math.round(tally.slowestLoadMs)} ms`,
  );
});

// ---------------------------------------------------------------------------------------------
// Judging one input
// ---------------------------------------------------------------------------------------------

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
/** What no message shown to a user may contain: JavaScript internals and stack frames. */
const INTERNALS =
  /Maximum call stack|RangeError|TypeError|ReferenceError|SyntaxError|\[object Object\]|\bat .+:\d+:\d+\)?$|node:internal/m;

function preview(text: string): string {
  const shown = text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
  return JSON.stringify(shown);
}

/** Loads `text` and checks everything that must hold for any input. */
function judge(text: string, file = 'fuzz.yaml'): LoadResult {
  const started = performance.now();
  let result: LoadResult;
  try {
    result = loadPolicy(text, file);
  } catch (error) {
    throw new Error(`loadPolicy threw ${(error as Error)?.stack ?? String(error)}\ninput: ${preview(text)}`);
  }
  tally.slowestLoadMs = Math.max(tally.slowestLoadMs, performance.now() - started);
  tally.loadCases += 1;
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join(','), 'Object.prototype changed').toBe(
    PROTOTYPE_NAMES,
  );
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').toBeUndefined();
  const lines = text.split(/\r\n|\r|\n/).length;
  const diagnostics = result.ok ? result.warnings : result.diagnostics;
  if (result.ok) {
    expect(result.policy.version).toBe(1);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  } else {
    expect(
      diagnostics.some((d) => d.severity === 'error'),
      preview(text),
    ).toBe(true);
  }
  for (const d of diagnostics) {
    const where = `${d.code} ${d.message} for ${preview(text)}`;
    expect(d.code, where).toMatch(/^POLICY\.[A-Z_]+$/);
    expect(d.message.length, where).toBeGreaterThan(0);
    expect(d.message, where).not.toMatch(INTERNALS);
    expect(d.hint ?? '', where).not.toMatch(INTERNALS);
    expect(d.location.file).toBe(file);
    if (d.code === 'POLICY.EMPTY' || d.code === 'POLICY.TOO_LARGE') continue;
    expect(d.location.line, where).toBeGreaterThanOrEqual(1);
    expect(d.location.line, where).toBeLessThanOrEqual(lines);
    expect(d.location.column, where).toBeGreaterThanOrEqual(1);
  }
  return result;
}

/** CI machines are slower and busier than a laptop; the hang guard of CLI runs scales with this. */
const SLOW_MACHINE = Number(process.env.RELIABILITY_TIME_FACTOR ?? 3);

// ---------------------------------------------------------------------------------------------
// Valid policies, with extreme numbers, as plain objects
// ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const COUNTRY_CODES = [...COUNTRIES.keys()];
const CONTINENT_REFS = Object.keys(CONTINENTS).map((c) => `continent:${c}`);
const GROUPS = Object.keys(JURISDICTION_GROUPS);
const USER_REFS = [...GROUPS, ...CONTINENT_REFS, ...COUNTRY_CODES, 'US-CA', 'US-NY', 'US-TX', '*'];
const SHARE_REFS = ['*', ...CONTINENT_REFS, ...COUNTRY_CODES, 'US-CA', 'US-WA'];
const ZONES = ['example.com', 'example.eu', 'shop.example.net'];
// Recurring schedules, including ones that never or rarely fire (Feb 30, Dec 31 on a Friday).
const SCHEDULES = ['0 2 * * SUN', '0 0 30 2 *', '59 23 31 12 5', '0 0 29 2 1', '*/30 * * * *', '0 0 L * *', '@yearly'];
const TIME_ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham'];
const MAX_TTL = 2_147_483_647;

const extremePositive = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(Number.MIN_VALUE, 1e-300, 1e-9, 0.5, 1e12, 1e300, Number.MAX_VALUE),
  },
  {
    weight: 1,
    arbitrary: fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
  },
);
const share = fc.oneof(fc.constant(0), extremePositive);
const percent = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }));
const ipv4 = fc.ipV4();
const label = fc.stringMatching(/^[a-z0-9]{1,8}$/);

function instant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

const placement = fc.oneof(
  fc
    .constantFrom('aws', 'azure', 'gcp')
    .chain((cloud) =>
      fc.record({ cloud: fc.constant(cloud), region: fc.constantFrom(...REGION_CATALOGS[cloud].map((r) => r.code)) }),
    ),
  fc.record({
    cloud: fc.constant('onprem'),
    location: fc.record({
      country: fc.constantFrom(...COUNTRY_CODES),
      lat: fc.double({ min: -90, max: 90, noNaN: true }).map((v) => v + 0),
      lon: fc.double({ min: -180, max: 180, noNaN: true }).map((v) => v + 0),
    }),
  }),
);

const validPolicy: fc.Arbitrary<JsonObject> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    providerKinds: fc.array(fc.constantFrom('route53', 'azure'), { minLength: 1, maxLength: 2 }),
    cname: fc.boolean(),
    endpoints: fc.array(
      fc.record({
        placement,
        a: fc.uniqueArray(ipv4, { minLength: 1, maxLength: 3 }),
        capacity: fc.option(extremePositive, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    labels: fc.uniqueArray(fc.option(label, { nil: '' }), { minLength: 1, maxLength: 3 }),
  })
  .chain((frame) => {
    const providerIds = frame.providerKinds.map((_, i) => `p${i}`);
    const endpointIds = frame.endpoints.map((_, i) => `e${i}`);
    const clouds = [...new Set(frame.endpoints.map((e) => e.placement.cloud))];
    const regions = [...new Set(frame.endpoints.flatMap((e) => ('region' in e.placement ? [e.placement.region] : [])))];
    const selector = fc.oneof(
      fc.record({ jurisdiction: fc.subarray([...GROUPS, 'DE', 'US', 'CH', 'JP'], { minLength: 1, maxLength: 3 }) }),
      fc.record({ clouds: fc.subarray(['aws', 'azure', 'gcp', 'onprem'], { minLength: 1 }) }),
      fc.record({ endpoints: fc.subarray(endpointIds, { minLength: 1 }) }),
      ...(regions.length === 0 ? [] : [fc.record({ regions: fc.subarray(regions, { minLength: 1 }) })]),
    );
    const target = fc.oneof(
      fc.constantFrom(...endpointIds),
      fc.constantFrom(...clouds).map((cloud) => ({ cloud })),
      ...(regions.length === 0 ? [] : [fc.constantFrom(...regions).map((region) => ({ region }))]),
    );
    const timing = fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.integer({ min: -4320, max: 4320 }), fc.integer({ min: 1, max: 4320 })) },
      {
        weight: 1,
        arbitrary: fc.record({
          schedule: fc.constantFrom(...SCHEDULES),
          duration: fc.constantFrom('1m', '20m', '2h', '1d'),
          timezone: fc.constantFrom(...TIME_ZONES),
        }),
      },
    );
    return fc
      .record({
        services: fc.tuple(
          ...frame.labels.map((l) =>
            fc.record({
              name: fc.constant(l === '' ? frame.zone : `${l}.${frame.zone}`),
              ttl: fc.oneof(fc.constantFrom(0, 1, 60, 300, 86_400, MAX_TTL), fc.integer({ min: 0, max: MAX_TTL })),
              endpoints: fc.subarray(endpointIds, { minLength: 1 }),
              publish: fc.subarray(providerIds, { minLength: 1 }),
            }),
          ),
        ),
        demand: fc.oneof(
          fc.constant('builtin' as Json),
          fc.record({ total: extremePositive }),
          fc.record(
            { total: extremePositive, shares: fc.dictionary(fc.constantFrom(...SHARE_REFS), share, { minKeys: 1 }) },
            { requiredKeys: ['shares'] },
          ),
        ),
        geography: fc.record(
          {
            maxLatencyMs: extremePositive,
            minEndpoints: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(1000, 2 ** 31)),
          },
          { requiredKeys: [] },
        ),
        sovereignty: fc.array(
          fc.record({
            users: fc.subarray(USER_REFS, { minLength: 1, maxLength: 3 }),
            rule: fc.oneof(fc.record({ allow: selector }), fc.record({ deny: selector })),
            whenUnservable: fc.constantFrom('fail', 'ignore-maintenance'),
          }),
          { maxLength: 2 },
        ),
        balance: fc.array(
          fc.oneof(
            fc
              .array(fc.integer({ min: 1, max: 99 }), { minLength: clouds.length - 1, maxLength: clouds.length - 1 })
              .chain((cuts) => {
                const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), 100].slice(0, clouds.length + 1);
                while (points.length < clouds.length + 1) points.push(100);
                const targets = Object.fromEntries(
                  clouds.map((c, i) => [c, (points[i + 1] ?? 100) - (points[i] ?? 0)]),
                );
                return fc.record({ clouds: fc.constant(targets), tolerance: percent });
              }),
            fc.record({
              min: fc.dictionary(fc.constantFrom(...clouds), fc.integer({ min: 0, max: 30 }), { maxKeys: 2 }),
            }),
          ),
          { maxLength: 2 },
        ),
        maintenance: fc.array(
          fc.record({
            target,
            timing,
            ramp: fc.constantFrom('0s', '90s', '20m', '2h'),
            steps: fc.integer({ min: 1, max: 20 }),
          }),
          { maxLength: 2 },
        ),
        capacity: fc.record({ whenExceeded: fc.constantFrom('report', 'report', 'fail'), headroom: percent }),
      })
      .map((rest): JsonObject => {
        const providers: JsonObject = {};
        frame.providerKinds.forEach((kind, i) => {
          providers[`p${i}`] =
            kind === 'route53'
              ? { type: 'route53', zone: frame.zone, backend: 'mock' }
              : {
                  type: 'azure',
                  zone: frame.zone,
                  subscription: '00000000-0000-0000-0000-000000000000',
                  resourceGroup: 'dns-rg',
                  backend: 'mock',
                };
        });
        const endpoints: JsonObject = {};
        frame.endpoints.forEach((e, i) => {
          const targets: JsonObject = frame.cname ? { cname: `e${i}.targets.example.net` } : { a: e.a };
          endpoints[`e${i}`] = {
            ...(e.placement as JsonObject),
            ...targets,
            ...(e.capacity === undefined ? {} : { capacity: e.capacity }),
          };
        });
        return {
          version: 1,
          providers,
          endpoints,
          services: rest.services as Json[],
          demand: rest.demand,
          rules: {
            geography: rest.geography as JsonObject,
            sovereignty: rest.sovereignty.map(({ users, rule, whenUnservable }, i) => ({
              name: `r${i}`,
              users,
              ...rule,
              whenUnservable,
            })) as Json[],
            balance: rest.balance as Json[],
            maintenance: rest.maintenance.map((w, i) => {
              const when = Array.isArray(w.timing)
                ? {
                    start: instant(BASE + w.timing[0] * 60_000),
                    end: instant(BASE + (w.timing[0] + w.timing[1]) * 60_000),
                  }
                : w.timing;
              return { name: `w${i}`, target: w.target, ramp: w.ramp, steps: w.steps, ...when } as JsonObject;
            }),
            capacity: rest.capacity,
          },
        };
      });
  });

// ---------------------------------------------------------------------------------------------
// Hostile values and mutations
// ---------------------------------------------------------------------------------------------

const NASTY_STRINGS = [
  '\u202Eaws-fra', // right-to-left override
  'aws\u200Bfra', // zero-width space
  'a\u0000b',
  '\u0000',
  '\uFEFFversion',
  '\uD800', // lone surrogate
  '\uDFFF\uD800',
  '💥🔥',
  '👨‍👩‍👧‍👦',
  'Z̸̛̯a̷l̴g̴o̸',
  'ｅｕ-ｃｅｎｔｒａｌ-１',
  'İstanbul',
  'ß',
  '\u2028\u2029',
  '\u0085',
  '$(id)',
  '%HOME%',
  '%s%s%n',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE policies; --",
  '\r\n',
  '*',
  'continent:',
  'EU\u0000',
  '1e400',
  'NaN',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 100_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((n) => '💥'.repeat(n)) },
);

const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    -0,
    2 ** 53 + 2,
    -(2 ** 53),
    1e-320,
    Number.EPSILON,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ),
);

function nested(depth: number, kind: 'array' | 'object' | 'mixed'): Json {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i++) {
    const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    value = asArray ? [value] : { a: value };
  }
  return value;
}

const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [[]], { '': null }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(hostileString, hostileNumber), { maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype')),
      fc.oneof(hostileString, hostileNumber),
      { maxKeys: 3 },
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 2, max: 1500 }),
        fc.constantFrom<'array' | 'object' | 'mixed'>('array', 'object', 'mixed'),
      )
      .map(([depth, kind]) => nested(depth, kind)),
  },
);

type Segment = string | number;

/** Every path into the document, down to 40 levels (deep values inserted earlier are not walked). */
function allPaths(value: Json, prefix: Segment[] = []): Segment[][] {
  const here = prefix.length === 0 ? [] : [prefix];
  if (prefix.length >= 40) return here;
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => allPaths(item, [...prefix, i]))];
  if (value !== null && typeof value === 'object') {
    return [...here, ...Object.keys(value).flatMap((key) => allPaths(value[key] as Json, [...prefix, key]))];
  }
  return here;
}

function at(root: Json, path: readonly Segment[]): Json {
  return path.reduce<Json>((node, segment) => (node as Record<Segment, Json>)[segment] as Json, root);
}

/** Sets an own, enumerable property even for `__proto__`, as a parsed document would have it. */
function setOwn(target: object, key: Segment, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'drop'; at: number }
  | { kind: 'insert'; at: number; key: string; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    key: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype') },
      { weight: 1, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.constantFrom('version', 'name', 'region', '*', '<<', '') },
    ),
    value: hostileValue,
  }),
);

function mutate(policy: JsonObject, m: Mutation): JsonObject {
  const copy = structuredClone(policy);
  const paths = allPaths(copy);
  if (m.kind === 'insert') {
    const objects = [[], ...paths].filter((p) => {
      const node = at(copy, p);
      return node !== null && typeof node === 'object' && !Array.isArray(node);
    });
    setOwn(at(copy, objects[m.at % objects.length] ?? []) as object, m.key, m.value);
    return copy;
  }
  const path = paths[m.at % paths.length];
  if (path === undefined) return copy;
  const parent = at(copy, path.slice(0, -1)) as Json[] & JsonObject;
  const key = path[path.length - 1] as Segment;
  if (m.kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    setOwn(parent, key, m.value);
  }
  return copy;
}

/**
 * YAML when yaml writes it well; deeply nested values go out as compact JSON (which is YAML too):
 * yaml's writer recurses and indents every level, so a 1,500-level value costs it megabytes.
 */
function serialize(value: Json, format: 'yaml' | 'json' | 'flow'): string {
  const compact = JSON.stringify(value) ?? 'null';
  let depth = 0;
  let deepest = 0;
  for (const c of compact) {
    if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth -= 1;
  }
  if (deepest > 32) return compact;
  if (format === 'json') return JSON.stringify(value, null, 2) ?? 'null';
  try {
    return format === 'flow' ? stringify(value, { collectionStyle: 'flow' }) : stringify(value);
  } catch {
    return JSON.stringify(value) ?? 'null';
  }
}

type TextEdit =
  | { kind: 'insert'; at: number; value: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'number'; at: number; value: string };

const TOKENS = [
  '\u0000',
  '\t',
  '\r',
  '\r\n',
  '\uFEFF',
  '\u202E',
  '💥',
  '{',
  '}',
  '[',
  ']',
  ': ',
  '- ',
  '? ',
  '#',
  '"',
  "'",
  '&a ',
  '*a',
  '<<: *a',
  '!!binary ',
  '!!js/function ',
  '!custom ',
  '|\n',
  '>-\n',
  '---\n',
  '...\n',
  '%YAML 1.1\n---\n',
  '%TAG ! tag:evil.com,2000:\n---\n',
  '\\u0000',
  '\\x',
];
const NUMBER_LITERALS = [
  '1e400',
  '-1e400',
  '.inf',
  '-.Inf',
  '.nan',
  '0x7fffffff',
  '0o777',
  '1_000',
  '99999999999999999999999',
  '-0',
  '0.0000000000000000000000001',
  '+12',
  '1e-400',
  '01',
  '0b101',
];

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), value: fc.constantFrom(...NUMBER_LITERALS) }),
);

function editText(text: string, edit: TextEdit): string {
  const offset = edit.at % (text.length + 1);
  switch (edit.kind) {
    case 'insert':
      return text.slice(0, offset) + edit.value + text.slice(offset);
    case 'delete':
      return text.slice(0, offset) + text.slice(offset + edit.length);
    case 'duplicate-line': {
      // Repeating a line inside a mapping repeats its key: the duplicate-key case.
      const lines = text.split('\n');
      const line = edit.at % lines.length;
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    }
    case 'number': {
      const numbers = [...text.matchAll(/(?<=[:\s[,])-?\d+(\.\d+)?(?=[\s,\]}]|$)/gm)];
      const hit = numbers[edit.at % Math.max(1, numbers.length)];
      if (hit?.index === undefined) return text;
      return text.slice(0, hit.index) + edit.value + text.slice(hit.index + hit[0].length);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Generated documents built as text: alias bombs, deep nesting
// ---------------------------------------------------------------------------------------------

const EU_POLICY = readFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), 'utf8');

const aliasBomb = fc
  .record({
    levels: fc.integer({ min: 1, max: 12 }),
    width: fc.integer({ min: 1, max: 12 }),
    style: fc.constantFrom('seq', 'map'),
    place: fc.constantFrom('unknown-key', 'service-endpoints', 'endpoints', 'shares', 'root-merge'),
  })
  .map(({ levels, width, style, place }) => {
    const lines: string[] = [style === 'seq' ? 'x-a0: &a0 [lol, lol]' : 'x-a0: &a0 {lol: 1}'];
    for (let level = 1; level <= levels; level++) {
      const refs = Array.from({ length: width }, (_, i) =>
        style === 'seq' ? `*a${level - 1}` : `k${i}: *a${level - 1}`,
      );
      lines.push(
        style === 'seq'
          ? `x-a${level}: &a${level} [${refs.join(', ')}]`
          : `x-a${level}: &a${level} {${refs.join(', ')}}`,
      );
    }
    const top = `*a${levels}`;
    const body = EU_POLICY.replace('version: 1', `version: 1\n${lines.join('\n')}`);
    switch (place) {
      case 'unknown-key':
        return `${body}\nbomb: ${top}\n`;
      case 'service-endpoints':
        return body.replace(
          '    endpoints: [aws-fra, aws-dub, aws-zrh, aws-use1, az-weu, az-gwc, az-swc, az-eus]',
          `    endpoints: ${top}`,
        );
      case 'endpoints':
        return body.replace('  aws-dub: {', `  bomb: ${top}\n  aws-dub: {`);
      case 'shares':
        return body.replace('    DE: 18', `    DE: ${top}`);
      default:
        return `${body}\nextra: { <<: ${top} }\n`;
    }
  });

const deepDocument = fc
  .record({
    depth: fc.integer({ min: 1, max: 3000 }),
    style: fc.constantFrom('flow-seq', 'flow-map', 'block-map', 'compact-seq', 'json'),
    place: fc.constantFrom('root', 'endpoint', 'rules'),
  })
  .map(({ depth, style, place }) => {
    const d = style === 'block-map' ? Math.min(depth, 1500) : depth;
    let inner: string;
    switch (style) {
      case 'flow-seq':
        inner = `${'['.repeat(d)}1${']'.repeat(d)}`;
        break;
      case 'flow-map':
      case 'json':
        inner = `${'{"a": '.repeat(d)}1${'}'.repeat(d)}`;
        break;
      case 'compact-seq':
        inner = `\n  ${'- '.repeat(d)}1`;
        break;
      case 'block-map':
        inner = `${Array.from({ length: d }, (_, i) => `\n${' '.repeat(2 * (i + 1))}a:`).join('')} 1`;
        break;
    }
    if (place === 'root') return `version: 1\ndeep: ${inner}\n`;
    if (place === 'endpoint') return EU_POLICY.replace('  aws-dub: {', `  deep: ${inner}\n  aws-dub: {`);
    return EU_POLICY.replace('rules:\n', `rules:\n  deep: ${inner}\n`);
  });

// ---------------------------------------------------------------------------------------------
// Solving valid policies
// ---------------------------------------------------------------------------------------------

function checkSplits(policy: Policy, splits: Splits, at: number, down: readonly string[]): void {
  const drained = inWindowAt(policy, at);
  expect(splits.services.map((s) => s.service)).toEqual(policy.services.map((s) => s.name));
  for (const service of splits.services) {
    for (const geography of service.geographies) {
      const shares = Object.entries(geography.shares);
      const where = `${service.service} ${geography.geo} ${JSON.stringify(geography.shares)}`;
      for (const [, value] of shares) {
        expect(Number.isFinite(value) && value >= 0, where).toBe(true);
      }
      expect(Math.abs(shares.reduce((sum, [, v]) => sum + v, 0) - 100), where).toBeLessThan(0.02);
      const serving = shares.filter(([, v]) => v > 0).map(([id]) => id);
      const forbidden = forbiddenFor(policy, geography.geo);
      expect(
        serving.filter((id) => forbidden.has(id)),
        `sovereignty: ${where}`,
      ).toEqual([]);
      expect(
        serving.filter((id) => down.includes(id)),
        `down: ${where}`,
      ).toEqual([]);
      const overridden = geography.reasons.some((r) => r.kind === 'sovereignty-override');
      if (!overridden)
        expect(
          serving.filter((id) => drained.has(id)),
          `drain: ${where}`,
        ).toEqual([]);
    }
  }
}

/** What resolvers would get from the rendered records keeps sovereignty and health too. */
async function checkRendered(policy: Policy, splits: Splits, down: readonly string[]): Promise<void> {
  for (const provider of policy.providers) {
    const kit = await loadProviderKit(provider.type);
    let desired: ReturnType<typeof kit.render>;
    try {
      desired = kit.render({ policy, splits, provider });
    } catch (error) {
      // A refusal to render must be one of ours, said plainly, never a crash.
      if (!isTrafficportError(error)) throw error;
      expect(error.message).not.toMatch(INTERNALS);
      tally.renderRefused += 1;
      continue;
    }
    tally.rendered += 1;
    // A degraded render (refused by apply unless the user accepts the closest form) may move users
    // to another split and leave some unanswered, but never to an endpoint sovereignty forbids.
    const degraded = desired.degradations.length > 0;
    if (degraded) tally.degradedRenders += 1;
    const answers = kit.evaluate(desired.resources, policy, provider);
    for (const [service, byGeo] of answers) {
      for (const [geo, distribution] of byGeo) {
        const serving = [...distribution].filter(([, f]) => f > 0).map(([id]) => id);
        const forbidden = forbiddenFor(policy, geo);
        const where = `${provider.type} ${service} ${geo} ${JSON.stringify([...distribution])}`;
        expect(
          serving.filter((id) => forbidden.has(id) || (!degraded && down.includes(id))),
          where,
        ).toEqual([]);
        if (!degraded) expect(serving.length, `nothing answers: ${where}`).toBeGreaterThan(0);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

describe('hostile policies through loadPolicy', () => {
  it('generated valid policies (with extreme numbers) load, and solve to a rule-abiding plan or a TrafficportError', async () => {
    await fc.assert(
      fc.asyncProperty(
        validPolicy,
        fc.constantFrom<'yaml' | 'json' | 'flow'>('yaml', 'json', 'flow'),
        fc.integer({ min: -4320, max: 4320 }),
        fc.array(fc.nat(), { maxLength: 1 }),
        async (object, format, minutes, downPicks) => {
          const result = judge(serialize(object, format));
          if (!result.ok) return;
          tally.validPolicies += 1;
          const { policy } = result;
          const at = BASE + minutes * 60_000;
          const down =
            policy.endpoints.length < 3 ? [] : downPicks.map((i) => policy.endpoints[i % policy.endpoints.length]!.id);
          let splits: Splits;
          try {
            splits = solve(policy, at, { overrides: { downEndpoints: down, downRegions: [], downClouds: [] } });
          } catch (error) {
            if (!isTrafficportError(error)) throw error;
            expect(error.code).toMatch(/^[A-Z]+\.[A-Z_]+$/);
            expect(error.message).not.toMatch(INTERNALS);
            tally.solveRefused += 1;
            return;
          }
          tally.solved += 1;
          checkSplits(policy, splits, at, down);
          await checkRendered(policy, splits, down);
        },
      ),
      { numRuns: VALID_RUNS, seed: SEED, endOnFailure: true },
    );
    // Generated with extreme numbers, some are refused; most must get through to be checked at all.
    expect(tally.validPolicies).toBeGreaterThan(VALID_RUNS / 2);
    expect(tally.solved).toBeGreaterThan(0);
  }, 600_000);

  it('structural mutations: wrong types, huge numbers, unicode, deep values, __proto__/constructor/prototype at any depth', () => {
    fc.assert(
      fc.property(
        validPolicy,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<'yaml' | 'json' | 'flow'>('yaml', 'json', 'flow'),
        (object, mutations, format) => {
          judge(serialize(mutations.reduce(mutate, object), format));
        },
      ),
      { numRuns: runs(1000), seed: SEED + 1, endOnFailure: true },
    );
  }, 600_000);

  it('text edits: stray syntax, NUL/BOM/RTL bytes, tags and directives, duplicate keys, odd number literals', () => {
    fc.assert(
      fc.property(
        validPolicy,
        fc.constantFrom<'yaml' | 'json'>('yaml', 'json'),
        fc.array(textEdit, { minLength: 1, maxLength: 4 }),
        (object, format, edits) => {
          judge(edits.reduce(editText, serialize(object, format)));
        },
      ),
      { numRuns: runs(800), seed: SEED + 2, endOnFailure: true },
    );
  }, 600_000);

  it('YAML alias bombs anywhere in the document are refused quickly', () => {
    fc.assert(
      fc.property(aliasBomb, (text) => {
        const result = judge(text);
        expect(result.ok).toBe(false);
      }),
      { numRuns: runs(200), seed: SEED + 3, endOnFailure: true },
    );
  }, 600_000);

  it('deep nesting (flow, block, compact, JSON; up to 3,000 levels) ends in diagnostics, not a stack overflow', () => {
    fc.assert(
      fc.property(deepDocument, (text) => {
        judge(text);
      }),
      { numRuns: runs(80), seed: SEED + 4, endOnFailure: true },
    );
  }, 600_000);

  it('forbidden keys are refused at every depth and in every spelling of a mapping', () => {
    const keys = ['__proto__', 'constructor', 'prototype'];
    const documents = keys.flatMap((key) => [
      EU_POLICY.replace('version: 1', `version: 1\n${key}: { polluted: 1 }`),
      EU_POLICY.replace('    publish: [r53, azdns]', `    publish: [r53, azdns]\n    ${key}: { polluted: 1 }`),
      EU_POLICY.replace('  aws-fra: {', `  aws-fra: { ${key}: { polluted: 1 }, `),
      EU_POLICY.replace('    DE: 18', `    DE: 18\n    "${key}": 1`),
      JSON.stringify({ version: 1, a: { b: [{ c: {} }] } }).replace('"c":{}', `"c":{"${key}":{"polluted":1}}`),
      `version: 1\n? ${key}\n: 1\n`,
      `{"version": 1, "${key}": {"${key}": {"polluted": true}}}`,
    ]);
    for (const text of documents) {
      const result = judge(text);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.diagnostics.map((d) => d.code)).toContain('POLICY.FORBIDDEN_KEY');
    }
  });

  it('files around the 5 MiB limit: refused above it, read in bounded time at it, whatever their shape', () => {
    const limit = MAX_POLICY_BYTES;
    const pad = (text: string, bytes: number, filler: (n: number) => string) =>
      text + filler(bytes - Buffer.byteLength(text));
    const cases: [string, string, (r: LoadResult) => void][] = [
      [
        'a valid policy padded with a comment to exactly the limit',
        pad(EU_POLICY, limit, (n) => `#${'x'.repeat(n - 1)}`),
        (r) => expect(r.ok).toBe(true),
      ],
      [
        'one byte over the limit',
        pad(EU_POLICY, limit + 1, (n) => `#${'x'.repeat(n - 1)}`),
        (r) => expect(codes(r)).toEqual(['POLICY.TOO_LARGE']),
      ],
      [
        'multi-byte characters just over the limit',
        `# ${'é'.repeat(limit / 2)}`,
        (r) => expect(codes(r)).toEqual(['POLICY.TOO_LARGE']),
      ],
      [
        'a 5 MiB string value',
        pad(`${EU_POLICY}note: "`, limit, (n) => `${'x'.repeat(n - 2)}"\n`),
        (r) => expect(r.ok).toBe(false),
      ],
      [
        '5 MiB of unclosed [',
        pad('version: 1\nx: ', limit, (n) => '['.repeat(n)),
        (r) => expect(codes(r)).toEqual(['POLICY.TOO_DEEP']),
      ],
      [
        '5 MiB of {a: {a: …',
        pad('version: 1\nx: ', limit, (n) => '{a: '.repeat(Math.floor(n / 4))),
        (r) => expect(codes(r)).toEqual(['POLICY.TOO_DEEP']),
      ],
      [
        '5 MiB of anchors',
        pad('version: 1\nx: ', limit, (n) => '&a '.repeat(Math.floor(n / 3))),
        (r) => expect(codes(r)).toEqual(['POLICY.TOO_COMPLEX']),
      ],
      [
        '5 MiB of aliases',
        pad('version: 1\na: &a 1\nx: [', limit, (n) => '*a, '.repeat(Math.floor(n / 4))),
        (r) => expect(codes(r)).toEqual(['POLICY.TOO_COMPLEX']),
      ],
      [
        'a 5 MiB region name',
        EU_POLICY.replace('region: eu-central-1', `region: ${'e'.repeat(limit - EU_POLICY.length)}`),
        (r) => expect(r.ok).toBe(false),
      ],
    ];
    for (const [name, text, expectation] of cases) {
      expect(Buffer.byteLength(text), name).toBeGreaterThan(limit - 64);
      const result = judge(text);
      tally.hugeFiles += 1;
      expectation(result);
    }
  }, 600_000);
});

function codes(result: LoadResult): string[] {
  return result.ok ? [] : result.diagnostics.map((d) => d.code);
}

// ---------------------------------------------------------------------------------------------
// The built CLI on a sample: exit 0 or 1, no stack trace, no hang (a run still going after the
// generous timeout below is killed, and the kill fails the case)
// ---------------------------------------------------------------------------------------------

interface CliCase {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
}

function runBin(args: readonly string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; ms: number }>(
    (resolve) => {
      const started = performance.now();
      execFile(
        process.execPath,
        [BIN, ...args],
        {
          cwd,
          env: { ...process.env, NO_COLOR: '1', ...env },
          timeout: 30_000 * SLOW_MACHINE,
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          const failure = error as (Error & { code?: number | string; signal?: string }) | null;
          resolve({
            code: failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null,
            signal: failure?.signal ?? null,
            stdout,
            stderr,
            ms: performance.now() - started,
          });
        },
      );
    },
  );
}

describe('hostile policies through the built CLI', () => {
  it('exits 0 or 1 on hostile input (validate, plan, apply, explain, --health), never a stack trace or a hang', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-fuzz-cli-'));
    const write = (name: string, content: string | Buffer) => {
      writeFileSync(join(dir, name), content);
      return name;
    };
    mkdirSync(join(dir, 'a-directory'));
    const sampled = [
      ...fc.sample(
        fc
          .tuple(validPolicy, fc.array(mutation, { minLength: 1, maxLength: 3 }))
          .map(([p, ms]) => serialize(ms.reduce(mutate, p), 'yaml')),
        { numRuns: 2, seed: SEED + 5 },
      ),
      ...fc.sample(
        fc
          .tuple(validPolicy, fc.array(textEdit, { minLength: 1, maxLength: 3 }))
          .map(([p, es]) => es.reduce(editText, serialize(p, 'yaml'))),
        { numRuns: 2, seed: SEED + 6 },
      ),
      ...fc.sample(aliasBomb, { numRuns: 1, seed: SEED + 7 }),
      ...fc.sample(deepDocument, { numRuns: 1, seed: SEED + 8 }),
    ];
    const keyLines = [`${EU_POLICY}extra:\n`];
    for (let i = 0, bytes = Buffer.byteLength(keyLines[0]!); bytes < MAX_POLICY_BYTES - 32; i++) {
      keyLines.push(`  k${i}: ${i}\n`);
      bytes += keyLines[keyLines.length - 1]!.length;
    }
    const manyKeys = keyLines.join('');
    const fiveMiB = `${EU_POLICY}#${'x'.repeat(MAX_POLICY_BYTES - Buffer.byteLength(EU_POLICY) - 1)}`;
    const health = Array.from({ length: 40_000 }, (_, i) => `endpoint-${i}: down`).join('\n');
    const cases: CliCase[] = [
      ...sampled.map((text, i) => ({ name: `generated #${i}`, args: ['validate', write(`gen-${i}.yaml`, text)] })),
      { name: 'a valid policy padded to exactly 5 MiB', args: ['validate', write('five-mib.yaml', fiveMiB)] },
      // Parsing 300,000 keys takes yaml several seconds: in the deep tier only.
      ...(DEEP
        ? [{ name: 'a 5 MiB policy of 300,000 keys', args: ['validate', write('many-keys.yaml', manyKeys)] }]
        : []),
      { name: 'a device that never ends', args: ['validate', '/dev/zero'] },
      {
        name: 'random bytes',
        args: ['validate', write('random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))],
      },
      {
        name: 'invalid UTF-8',
        args: [
          'validate',
          write(
            'latin1.yaml',
            Buffer.concat([Buffer.from('version: 1\nnote: '), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x00])]),
          ),
        ],
      },
      {
        name: 'NUL bytes in a policy',
        args: ['validate', write('nul.yaml', EU_POLICY.replace('aws-fra:', 'aws\u0000fra:'))],
      },
      {
        name: 'an RTL override and emoji in ids',
        args: ['validate', '--json', write('rtl.yaml', EU_POLICY.replace('aws-fra', '\u202Eaws-fra💥'))],
      },
      {
        name: '__proto__ in JSON',
        args: ['validate', '--json', write('proto.json', '{"version": 1, "__proto__": {"polluted": true}}')],
      },
      { name: 'a directory', args: ['validate', 'a-directory'] },
      { name: 'a missing file', args: ['validate', 'missing.yaml'] },
      { name: 'an empty file', args: ['validate', write('empty.yaml', '')] },
      {
        name: 'an alias bomb, --json',
        args: ['validate', '--json', write('bomb.yaml', fc.sample(aliasBomb, { numRuns: 1, seed: 9 })[0]!)],
      },
      {
        name: 'a JSON policy with a syntax error, through apply',
        args: ['apply', write('broken.json', '{"version": 1, "providers": {'), '--auto-approve'],
      },
      {
        name: 'a plan file that is not JSON',
        args: ['apply', write('plan.json', 'not json at all'), '--auto-approve'],
      },
      { name: 'plan of a hostile policy', args: ['plan', write('plan-me.yaml', sampled[0]!)] },
      {
        name: 'explain with TRAFFICPORT_DEBUG',
        args: ['explain', write('debug.yaml', sampled[1]!), '--geo', 'DE'],
        env: { TRAFFICPORT_DEBUG: '1' },
      },
      {
        name: 'a health file of 40,000 unknown endpoints',
        args: ['splits', write('eu.yaml', EU_POLICY), '--health', write('health.yaml', health)],
      },
    ];
    const queue = [...cases];
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const result = await runBin(next.args, dir, next.env);
        tally.cliRuns += 1;
        const what = `${next.name}: exit ${result.code} (${result.signal ?? 'no signal'}) in ${Math.round(result.ms)} ms\n${result.stderr.slice(0, 2000)}`;
        expect(result.signal, what).toBeNull();
        expect([0, 1], what).toContain(result.code);
        expect(result.stderr + result.stdout, what).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        expect(result.stderr + result.stdout, what).not.toMatch(/INTERNAL\.UNEXPECTED|node:internal|FATAL ERROR/);
        if (result.code === 1) expect(result.stderr + result.stdout, what).toMatch(/[A-Z]+\.[A-Z_]+/);
        if (next.args.includes('--json')) expect(() => JSON.parse(result.stdout), what).not.toThrow();
      }
    };
    await Promise.all([worker(), worker()]);
  }, 600_000);
});

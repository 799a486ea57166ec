import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrafficportError } from '../../src/errors.js';
import type { ServiceDistributions } from '../../src/plan/traffic.js';
import type { Policy, Provider } from '../../src/policy/types.js';
import { renderRoute53 } from '../../src/render/route53.js';
import { type Route53GeoLocation, type Route53RecordSet, recordSetResource } from '../../src/render/route53-body.js';
import type { Resource } from '../../src/render/types.js';
import { evaluateRoute53, type Route53GeoAnswer } from '../../src/resolver/route53.js';
import { route53Distributions } from '../../src/resolver/route53-distributions.js';
import { listGeographies } from '../../src/solve/geographies.js';
import { solve } from '../../src/solve/solve.js';
import { momentArb, policyArb } from '../support/policy-arb.js';
import { referenceDistributions, referenceEvaluate } from './route53-reference.js';

/**
 * The indexed evaluation against the plain scan it replaced (route53-reference.ts), on rendered
 * zones of up to three services (one nested under another) that then drift the way live zones
 * do: sets lost, weights changed, foreign records added at the same names (geolocated ones
 * too, aliases to other zones and to other services' groups), everything in any order.
 */

const SERVICES = ['www.example.com', 'api.www.example.com', 'shop.example.com'];

const LOCATIONS: Route53GeoLocation[] = [
  { CountryCode: 'DE' },
  { CountryCode: '*' },
  { ContinentCode: 'EU' },
  { CountryCode: 'US' },
  { CountryCode: 'US', SubdivisionCode: 'CA' },
];

const foreignArb = fc.record({
  name: fc.nat(),
  type: fc.constantFrom('A', 'AAAA', 'CNAME', 'TXT'),
  id: fc.constantFrom(undefined, 'other:1', 'other:2'),
  location: fc.option(fc.constantFrom(...LOCATIONS), { nil: undefined }),
  weight: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  target: fc.oneof(
    fc.record({ value: fc.constantFrom('192.0.2.1', '192.0.2.2', '198.51.100.77', '2001:db8::1') }),
    fc.record({ alias: fc.nat(), zone: fc.constantFrom('ZONE', 'Z0THERZONE') }),
  ),
});

const scenarioArb = fc.record({
  policy: policyArb,
  at: momentArb,
  services: fc.integer({ min: 1, max: SERVICES.length }),
  aaaa: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
  drop: fc.array(fc.nat(), { maxLength: 15 }),
  reweigh: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 10 }),
  foreign: fc.array(foreignArb, { maxLength: 12 }),
  // Copies of rendered geolocation records elsewhere: another location, another zone, same alias.
  echoes: fc.array(
    fc.record({ of: fc.nat(), location: fc.constantFrom(...LOCATIONS), zone: fc.constantFrom('ZONE', 'Z0THERZONE') }),
    { maxLength: 6 },
  ),
  order: fc.array(fc.nat(), { maxLength: 40 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** The generated policy with more services, some endpoints answering AAAA as well as A. */
function widen(policy: Policy, count: number, aaaa: readonly boolean[]): Policy {
  const endpoints = policy.endpoints.map((e, i) =>
    aaaa[i] ? { ...e, targets: { ...e.targets, aaaa: [`2001:db8::${i + 1}`] } } : e,
  );
  const ids = endpoints.map((e) => e.id);
  const services = SERVICES.slice(0, count).map((name, s) => ({
    ...policy.services[0]!,
    name,
    endpoints: ids.filter((_, i) => i % (s + 1) === 0),
  }));
  return { ...policy, endpoints, services };
}

/** The rendered zone after drift: some sets lost or reweighed, foreign sets added, reordered. */
function drift(rendered: readonly Resource[], scenario: Scenario): Resource[] {
  const sets = rendered.map((r) => r.body as unknown as Route53RecordSet);
  const names = [...new Set(sets.map((set) => set.Name)), 'elsewhere.example.com.'];
  const dropped = new Set(scenario.drop.map((i) => i % Math.max(rendered.length, 1)));
  const weights = new Map(scenario.reweigh.map(([i, w]) => [i % Math.max(rendered.length, 1), w]));
  const kept = rendered.flatMap((resource, i) => {
    if (dropped.has(i)) return [];
    const set = sets[i]!;
    const weight = weights.get(i);
    return weight === undefined || set.Weight === undefined
      ? [resource]
      : [recordSetResource({ ...set, Weight: weight })];
  });
  const foreign = scenario.foreign.map((f) =>
    recordSetResource({
      Name: names[f.name % names.length]!,
      Type: f.type,
      ...(f.id === undefined ? {} : { SetIdentifier: f.id }),
      ...(f.location === undefined ? {} : { GeoLocation: f.location }),
      ...(f.weight === undefined ? {} : { Weight: f.weight }),
      ...('value' in f.target
        ? { TTL: 60, ResourceRecords: [{ Value: f.target.value }] }
        : {
            AliasTarget: {
              HostedZoneId: f.target.zone,
              DNSName: names[f.target.alias % names.length]!,
              EvaluateTargetHealth: true,
            },
          }),
    }),
  );
  const located = sets.filter((set) => set.GeoLocation !== undefined);
  const echoes =
    located.length === 0 ? [] : scenario.echoes.map((echo) => echoOf(located[echo.of % located.length]!, echo));
  const other: Resource = { kind: 'azure.recordset', key: 'azure.recordset|www|A', body: {} };
  return shuffle([...kept, ...foreign, ...echoes, other], scenario.order);
}

function echoOf(set: Route53RecordSet, echo: { location: Route53GeoLocation; zone: string }): Resource {
  return recordSetResource({
    ...set,
    SetIdentifier: 'other:echo',
    GeoLocation: echo.location,
    ...(set.AliasTarget === undefined ? {} : { AliasTarget: { ...set.AliasTarget, HostedZoneId: echo.zone } }),
  });
}

/** A deterministic reordering driven by the generated numbers (a few swaps). */
function shuffle<T>(items: T[], swaps: readonly number[]): T[] {
  const out = [...items];
  for (let k = 0; k + 1 < swaps.length; k += 2) {
    const i = swaps[k]! % out.length;
    const j = swaps[k + 1]! % out.length;
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Everything that could differ, order included: services, geographies, endpoint keys, numbers. */
function ordered(distributions: ServiceDistributions) {
  return [...distributions].map(([service, geos]) => [service, [...geos].map(([geo, d]) => [geo, [...d]])]);
}

function orderedAnswers(answers: readonly Route53GeoAnswer[]) {
  return answers.map((answer) => ({ ...answer, distribution: Object.entries(answer.distribution) }));
}

function zones(scenario: Scenario): { policy: Policy; provider: Provider; zones: Resource[][] } | undefined {
  const policy = widen(scenario.policy, scenario.services, scenario.aaaa);
  const provider = policy.providers[0]!;
  try {
    const desired = renderRoute53({ policy, splits: solve(policy, scenario.at), provider }).resources;
    return { policy, provider, zones: [[...desired], drift(desired, scenario)] };
  } catch (error) {
    // A policy a hard rule makes unservable at this moment: nothing to render.
    if (isTrafficportError(error)) return undefined;
    throw error;
  }
}

describe('route53Distributions (indexed) against the plain scan', () => {
  it('gives the same distributions, in the same order, for rendered and drifted zones', () => {
    let compared = 0;
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const made = zones(scenario);
        if (made === undefined) return;
        compared++;
        for (const resources of made.zones) {
          expect(ordered(route53Distributions(resources, made.policy, made.provider))).toStrictEqual(
            ordered(referenceDistributions(resources, made.policy, made.provider)),
          );
        }
      }),
      { numRuns: 60 },
    );
    // Unservable scenarios have nothing to render; the comparison must still have run on most.
    expect(compared).toBeGreaterThan(20);
  });

  it('gives the same answers per record type, for every plan geography and a few others', () => {
    let answered = 0;
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const made = zones(scenario);
        if (made === undefined) return;
        answered++;
        const geos = [...listGeographies(made.policy).map((g) => g.id), 'US-TX', 'continent:EU', 'ZZ'];
        for (const resources of made.zones) {
          for (const service of made.policy.services) {
            const endpoints = made.policy.endpoints.filter((e) => service.endpoints.includes(e.id));
            expect(orderedAnswers(evaluateRoute53(resources, service.name, geos, endpoints))).toStrictEqual(
              orderedAnswers(referenceEvaluate(resources, service.name, geos, endpoints)),
            );
          }
        }
      }),
      { numRuns: 40 },
    );
    expect(answered).toBeGreaterThan(10);
  });
});

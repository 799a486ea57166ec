import { COUNTRIES } from '../geo/countries.js';
import type { Endpoint } from '../policy/types.js';
import { geoOfLocation, type Route53GeoLocation, type Route53RecordSet } from '../render/route53-body.js';
import { route53Name, ZONE_PLACEHOLDER } from '../render/route53-names.js';
import { endpointValues, type RecordType } from '../render/route53-type.js';
import type { Resource } from '../render/types.js';
import { Route53SetIndex } from './route53-index.js';

/**
 * What Route 53 answers from trafficport's records, evaluated without asking it: for a user
 * location, the most specific geolocation record (US state > country > continent > default;
 * none → no answer), then the weighted group its alias names, where each record's share is
 * weight / total and an all-zero group answers evenly, as Route 53 does. With a health state
 * (`down`: endpoint ids whose checks fail) it answers as Route 53 does then (see
 * render/route53-failover.ts): a weighted set with a health check on a down endpoint is skipped,
 * zero-weight sets answer only when every nonzero one is down, an all-down group answers as if
 * all were healthy, and a geolocation alias with EvaluateTargetHealth whose group has no healthy
 * set gives way to the next less specific record (all of them down: the most specific answers).
 * A set without a health check is always healthy: Route 53 cannot know. Pure.
 */

export interface Route53GeoAnswer {
  readonly type: string;
  /** The user location asked about: `*` (unlocated), `DE`, `US-CA` or `continent:EU`. */
  readonly geo: string;
  /** Geography of the geolocation record that answered; absent when nothing answers. */
  readonly record?: string;
  /** Endpoint id → fraction of answers; empty when nothing answers. Values of no endpoint: `?<values>`. */
  readonly distribution: Readonly<Record<string, number>>;
}

const TYPE_ORDER: readonly string[] = ['CNAME', 'A', 'AAAA'];

/** Answers for every record type at the service name and every geography in `geos`. */
export function evaluateRoute53(
  resources: readonly Resource[],
  service: string,
  geos: readonly string[],
  endpoints: readonly Endpoint[],
  down: ReadonlySet<string> = NONE_DOWN,
): Route53GeoAnswer[] {
  return answersAt(new Route53SetIndex(resources), service, geos, endpoints, down);
}

const NONE_DOWN: ReadonlySet<string> = new Set();

/** The same from an index of the provider's sets, built once for all its services. */
export function answersAt(
  index: Route53SetIndex,
  service: string,
  geos: readonly string[],
  endpoints: readonly Endpoint[],
  down: ReadonlySet<string> = NONE_DOWN,
): Route53GeoAnswer[] {
  const health = new Health(index, endpoints, down);
  const geoRecords = index.at(route53Name(service)).filter((set) => set.GeoLocation !== undefined);
  const types = [...new Set(geoRecords.map((set) => set.Type))].sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return types.flatMap((type) =>
    answersForType(
      index,
      geoRecords.filter((set) => set.Type === type),
      type,
      geos,
      health,
    ),
  );
}

function rank(type: string): number {
  const index = TYPE_ORDER.indexOf(type);
  return index < 0 ? TYPE_ORDER.length : index;
}

/**
 * One type's answers. Many geographies fall to the same geolocation record, and many records
 * alias the same weighted group, so each record's shares are worked out once and the answers
 * that share them share one (read-only) distribution object.
 */
function answersForType(
  index: Route53SetIndex,
  geoRecords: readonly Route53RecordSet[],
  type: string,
  geos: readonly string[],
  health: Health,
): Route53GeoAnswer[] {
  const byLocation = firstByLocation(geoRecords);
  const known = new Map<unknown, Record<string, number>>();
  // Per record first: ~250 geographies fall to a handful of records, so the group key (a string
  // made per lookup) is made once per record, not once per geography.
  const ofRecord = new Map<Route53RecordSet, { readonly at: string; readonly distribution: Record<string, number> }>();
  return geos.map((geo): Route53GeoAnswer => {
    const record = matchLocation(byLocation, geo, health);
    if (record === undefined) return { type, geo, distribution: {} };
    let answer = ofRecord.get(record);
    if (answer === undefined) {
      const key = sharesKey(record);
      let distribution = known.get(key);
      if (distribution === undefined) {
        distribution = recordShares(index, record, type, health);
        known.set(key, distribution);
      }
      answer = { at: geoOf(record.GeoLocation), distribution };
      ofRecord.set(record, answer);
    }
    return { type, geo, record: answer.at, distribution: answer.distribution };
  });
}

/** What a record's answer depends on: the group it aliases in this zone, else the record itself. */
function sharesKey(record: Route53RecordSet): unknown {
  const alias = record.AliasTarget;
  return alias !== undefined && alias.HostedZoneId === ZONE_PLACEHOLDER ? `group:${alias.DNSName}` : record;
}

/** The shares a geolocation record answers with: its own values, or its alias's weighted group. */
function recordShares(
  index: Route53SetIndex,
  record: Route53RecordSet,
  type: string,
  health: Health,
): Record<string, number> {
  const alias = record.AliasTarget;
  if (alias === undefined) return weighOne([record], type, health.endpoints);
  if (alias.HostedZoneId !== ZONE_PLACEHOLDER) return { [`?alias:${alias.DNSName}`]: 1 };
  return weighOne(health.pool(index.group(alias.DNSName, type), type), type, health.endpoints);
}

/** Which sets count as healthy for a health state (down endpoint ids), per Route 53's rules. */
class Health {
  constructor(
    private readonly index: Route53SetIndex,
    readonly endpoints: readonly Endpoint[],
    private readonly down: ReadonlySet<string>,
  ) {}

  /** A set is unhealthy only when it has a health check and answers with a down endpoint. */
  healthy(set: Route53RecordSet, type: string): boolean {
    if (set.HealthCheckId === undefined || this.down.size === 0) return true;
    const values = (set.ResourceRecords ?? []).map((record) => record.Value);
    return !this.down.has(endpointOf(values, type, this.endpoints));
  }

  /**
   * The sets of a weighted group that answer: the healthy ones (zero weights among them answer
   * only when no nonzero one is healthy, which weighOne does: it answers by weight, evenly when
   * all are zero); all of them when none is healthy.
   */
  pool(group: readonly Route53RecordSet[], type: string): readonly Route53RecordSet[] {
    if (this.down.size === 0) return group;
    const healthy = group.filter((set) => this.healthy(set, type));
    if (healthy.length === 0) return group;
    const nonzero = healthy.filter((set) => (set.Weight ?? 0) > 0);
    return nonzero.length > 0 ? nonzero : healthy;
  }

  /** A geolocation record is healthy unless it evaluates its target's health and no target set is healthy. */
  recordHealthy(record: Route53RecordSet): boolean {
    const alias = record.AliasTarget;
    if (this.down.size === 0 || alias?.EvaluateTargetHealth !== true || alias.HostedZoneId !== ZONE_PLACEHOLDER)
      return true;
    return this.index.group(alias.DNSName, record.Type).some((set) => this.healthy(set, record.Type));
  }
}

/** Each record geography's first record, as `find` in the records' order would pick it. */
function firstByLocation(records: readonly Route53RecordSet[]): Map<string, Route53RecordSet> {
  const first = new Map<string, Route53RecordSet>();
  for (const set of records) {
    const geo = geoOf(set.GeoLocation);
    if (!first.has(geo)) first.set(geo, set);
  }
  return first;
}

/** Most specific healthy geolocation record covering `geo`, in Route 53's order; none healthy: the most specific. */
function matchLocation(
  byLocation: ReadonlyMap<string, Route53RecordSet>,
  geo: string,
  health: Health,
): Route53RecordSet | undefined {
  let first: Route53RecordSet | undefined;
  for (const wanted of locationChain(geo)) {
    const found = byLocation.get(wanted);
    if (found === undefined) continue;
    if (health.recordHealthy(found)) return found;
    first ??= found;
  }
  return first;
}

/**
 * The record geographies that can answer a location, most specific first. The same few hundred
 * locations are asked for every service, type and side of a comparison, so each chain is worked
 * out once (a pure function of `geo`; callers must not change the array).
 */
export function locationChain(geo: string): readonly string[] {
  let chain = chains.get(geo);
  if (chain === undefined) {
    chain = chainOf(geo);
    // Bounded: geographies are countries, states and continents; anything else is not kept.
    if (chains.size < MAX_CHAINS) chains.set(geo, chain);
  }
  return chain;
}

const chains = new Map<string, readonly string[]>();
const MAX_CHAINS = 10_000;

function chainOf(geo: string): readonly string[] {
  if (geo === '*') return ['*'];
  if (geo.startsWith('continent:')) return [geo, '*'];
  const [country = geo, subdivision] = geo.split('-');
  const continent = COUNTRIES.get(country)?.continent;
  return [
    ...(subdivision === undefined ? [] : [geo]),
    country,
    ...(continent === undefined ? [] : [`continent:${continent}`]),
    '*',
  ];
}

function geoOf(location: Route53GeoLocation | undefined): string {
  return location === undefined ? '' : geoOfLocation(location);
}

/** A weighted group's answer shares; a group of simple sets (no weights) answers evenly. */
export function weighOne(
  group: readonly Route53RecordSet[],
  type: string,
  endpoints: readonly Endpoint[],
): Record<string, number> {
  const total = group.reduce((sum, set) => sum + (set.Weight ?? 0), 0);
  const distribution: Record<string, number> = {};
  for (const set of group) {
    const share = total > 0 ? (set.Weight ?? 0) / total : 1 / group.length;
    if (share === 0) continue;
    const key = endpointOf(
      (set.ResourceRecords ?? []).map((record) => record.Value),
      type,
      endpoints,
    );
    distribution[key] = (distribution[key] ?? 0) + share;
  }
  return distribution;
}

/** The endpoint whose targets hold every answered value; `?<values>` when none does. */
export function endpointOf(values: readonly string[], type: string, endpoints: readonly Endpoint[]): string {
  const wanted = values.map(normalizeValue);
  const owner = endpoints.find((endpoint) => {
    const own = new Set(endpointValues(endpoint, type as RecordType).map(normalizeValue));
    return wanted.length > 0 && wanted.every((value) => own.has(value));
  });
  return owner?.id ?? `?${[...values].sort().join(',')}`;
}

/** DNS names compare case-insensitively and with or without the final dot. */
function normalizeValue(value: string): string {
  return value.toLowerCase().replace(/\.$/, '');
}

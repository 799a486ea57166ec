import { COUNTRIES } from '../geo/countries.js';
import type { Endpoint } from '../policy/types.js';
import { geoOfLocation, type Route53GeoLocation, type Route53RecordSet, recordSetOf } from '../render/route53-body.js';
import { route53Name, ZONE_PLACEHOLDER } from '../render/route53-names.js';
import { endpointValues, type RecordType } from '../render/route53-type.js';
import type { Resource } from '../render/types.js';

/**
 * What Route 53 answers from trafficport's records, evaluated without asking it: for a user
 * location, the most specific geolocation record (US state > country > continent > default;
 * none → no answer), then the weighted group its alias names, where each record's share is
 * weight / total and an all-zero group answers evenly, as Route 53 does. Health is not modelled:
 * trafficport attaches no health checks, so every set counts as healthy. Pure.
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
): Route53GeoAnswer[] {
  const sets = resources.filter((resource) => resource.kind === 'route53.rrset').map(recordSetOf);
  const name = route53Name(service);
  const geoRecords = sets.filter((set) => set.Name === name && set.GeoLocation !== undefined);
  const types = [...new Set(geoRecords.map((set) => set.Type))].sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return types.flatMap((type) =>
    geos.map((geo) =>
      answerFor(
        sets,
        geoRecords.filter((set) => set.Type === type),
        type,
        geo,
        endpoints,
      ),
    ),
  );
}

function rank(type: string): number {
  const index = TYPE_ORDER.indexOf(type);
  return index < 0 ? TYPE_ORDER.length : index;
}

function answerFor(
  sets: readonly Route53RecordSet[],
  geoRecords: readonly Route53RecordSet[],
  type: string,
  geo: string,
  endpoints: readonly Endpoint[],
): Route53GeoAnswer {
  const record = matchLocation(geoRecords, geo);
  if (record === undefined) return { type, geo, distribution: {} };
  const answered = { type, geo, record: geoOf(record.GeoLocation) };
  const alias = record.AliasTarget;
  if (alias === undefined) return { ...answered, distribution: weighOne([record], type, endpoints) };
  if (alias.HostedZoneId !== ZONE_PLACEHOLDER) return { ...answered, distribution: { [`?alias:${alias.DNSName}`]: 1 } };
  const group = sets.filter((set) => set.Name === alias.DNSName && set.Type === type);
  return { ...answered, distribution: weighOne(group, type, endpoints) };
}

/** Most specific geolocation record covering `geo`, in Route 53's order. */
function matchLocation(records: readonly Route53RecordSet[], geo: string): Route53RecordSet | undefined {
  const chain = locationChain(geo);
  for (const wanted of chain) {
    const found = records.find((set) => geoOf(set.GeoLocation) === wanted);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The record geographies that can answer a location, most specific first. */
export function locationChain(geo: string): string[] {
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
function weighOne(
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

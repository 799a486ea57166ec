import { compareText, resourceKey, route53Name } from './route53-names.js';
import type { JsonValue, Resource } from './types.js';

/**
 * The Route 53 ResourceRecordSet in the SDK's shape, as plain JSON. Declared here (not imported
 * from the SDK) because the core never depends on a cloud SDK; the adapter converts.
 */
// Type aliases rather than interfaces: they are assignable to JsonValue, so a record set can be
// a Resource body as it is.
export type Route53GeoLocation = {
  readonly ContinentCode?: string;
  readonly CountryCode?: string;
  readonly SubdivisionCode?: string;
};

export type Route53AliasTarget = {
  readonly HostedZoneId: string;
  readonly DNSName: string;
  readonly EvaluateTargetHealth: boolean;
};

/**
 * Other SDK fields (Region, Failover, …) are never written by trafficport but are kept, when
 * read on an owned set, so that the diff shows them and a DELETE repeats the set exactly.
 */
export type Route53RecordSet = {
  readonly Name: string;
  readonly Type: string;
  readonly SetIdentifier?: string;
  readonly Weight?: number;
  readonly GeoLocation?: Route53GeoLocation;
  readonly TTL?: number;
  readonly ResourceRecords?: readonly { readonly Value: string }[];
  readonly AliasTarget?: Route53AliasTarget;
  readonly HealthCheckId?: string;
};

/**
 * The one canonical form of a record set: names lower-case with a trailing dot, values sorted,
 * no undefined fields. Renderer and adapter both go through here, so equal content is equal JSON.
 */
export function canonicalRecordSet(set: Route53RecordSet): Route53RecordSet {
  const copy = withoutUndefined(set) as Record<string, JsonValue>;
  copy.Name = route53Name(set.Name);
  if (set.ResourceRecords !== undefined) {
    copy.ResourceRecords = [...set.ResourceRecords]
      .map((record) => ({ Value: record.Value }))
      .sort((a, b) => compareText(a.Value, b.Value));
  }
  if (set.AliasTarget !== undefined) {
    copy.AliasTarget = {
      HostedZoneId: set.AliasTarget.HostedZoneId.replace(/^\/?hostedzone\//, ''),
      DNSName: route53Name(set.AliasTarget.DNSName),
      EvaluateTargetHealth: set.AliasTarget.EvaluateTargetHealth,
    };
  }
  return copy as Route53RecordSet;
}

export function recordSetResource(set: Route53RecordSet): Resource {
  const body = canonicalRecordSet(set);
  return { kind: 'route53.rrset', key: resourceKey(body.Name, body.Type, body.SetIdentifier), body };
}

/** The record set a Resource body describes (bodies are produced by `recordSetResource`). */
export function recordSetOf(resource: Resource): Route53RecordSet {
  return resource.body as unknown as Route53RecordSet;
}

/** Plain JSON without undefined members (the SDK leaves absent optional fields undefined). */
export function withoutUndefined(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object') return value as JsonValue;
  const out: Record<string, JsonValue> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) out[key] = withoutUndefined(member);
  }
  return out;
}

/** Route 53 geolocation for a geography id: `*`, `continent:EU`, `DE` or `US-CA`. */
export function geoLocationFor(geo: string): Route53GeoLocation {
  if (geo === '*') return { CountryCode: '*' };
  if (geo.startsWith('continent:')) return { ContinentCode: geo.slice('continent:'.length) };
  const [country = geo, subdivision] = geo.split('-');
  return subdivision === undefined ? { CountryCode: country } : { CountryCode: country, SubdivisionCode: subdivision };
}

/** Inverse of `geoLocationFor`. */
export function geoOfLocation(location: Route53GeoLocation): string {
  if (location.ContinentCode !== undefined) return `continent:${location.ContinentCode}`;
  if (location.SubdivisionCode !== undefined) return `${location.CountryCode}-${location.SubdivisionCode}`;
  return location.CountryCode ?? '*';
}

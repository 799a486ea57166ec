/**
 * The data the Route 53 mock keeps. Everything here is plain JSON (no classes, no Dates, no
 * Maps) so a `StateStore` can persist it to a file and another process can pick it up.
 */

/** Route 53 geolocation as the API spells it; exactly one shape is valid (see rules). */
export interface GeoLocationData {
  continentCode?: string;
  countryCode?: string;
  subdivisionCode?: string;
}

export interface AliasTargetData {
  /** Without the `/hostedzone/` prefix. */
  hostedZoneId: string;
  /** Canonical: lower-case, trailing dot, escaped like record names. */
  dnsName: string;
  evaluateTargetHealth: boolean;
}

/**
 * One resource record set. `name` is canonical (lower-case, trailing dot, `*` as `\052`), so two
 * spellings of one name can never become two sets.
 */
export interface RecordSetData {
  name: string;
  type: string;
  setIdentifier?: string;
  weight?: number;
  geoLocation?: GeoLocationData;
  ttl?: number;
  resourceRecords?: string[];
  aliasTarget?: AliasTargetData;
  healthCheckId?: string;
}

export interface ZoneData {
  /** Without the `/hostedzone/` prefix. */
  id: string;
  /** Canonical name with trailing dot. */
  name: string;
  callerReference: string;
  comment?: string;
  privateZone: boolean;
  nameServers: string[];
  /** Kept in ListResourceRecordSets order, so listing never has to sort. */
  recordSets: RecordSetData[];
  /** Epoch ms until which the zone's latest change is PENDING (drives PriorRequestNotComplete). */
  pendingUntil: number;
}

export interface ChangeData {
  /** Without the `/change/` prefix. */
  id: string;
  submittedAt: string;
  /** Epoch ms at which GetChange starts answering INSYNC. */
  insyncAt: number;
  comment?: string;
}

export interface HealthCheckData {
  id: string;
  callerReference: string;
  /** The HealthCheckConfig as received, element name → text (nested elements kept as objects). */
  config: Record<string, unknown>;
  version: number;
  /** Mock-only: what TestDNSAnswer and answer distributions treat as the check's status. */
  healthy: boolean;
  tags?: Record<string, string>;
}

export interface Route53State {
  version: 1;
  /** Source of deterministic ids; shared through the store so two processes never collide. */
  sequence: number;
  zones: Record<string, ZoneData>;
  changes: Record<string, ChangeData>;
  healthChecks: Record<string, HealthCheckData>;
  /** Caller references of deleted checks: Route 53 refuses them for new checks. */
  deletedHealthCheckReferences?: string[];
}

export const OPERATIONS = [
  'CreateHostedZone',
  'GetHostedZone',
  'ListHostedZones',
  'ListHostedZonesByName',
  'DeleteHostedZone',
  'ChangeResourceRecordSets',
  'ListResourceRecordSets',
  'GetChange',
  'TestDNSAnswer',
  'CreateHealthCheck',
  'GetHealthCheck',
  'DeleteHealthCheck',
  'ListHealthChecks',
  'GetHealthCheckStatus',
  'ChangeTagsForResource',
  'ListTagsForResource',
  'ListGeoLocations',
  'GetHostedZoneLimit',
] as const;

export type OperationName = (typeof OPERATIONS)[number];

/** An HTTP request as the mock sees it, independent of node:http or the SDK's transport. */
export interface MockHttpRequest {
  method: string;
  /** Path without query string, e.g. `/2013-04-01/hostedzone/Z1/rrset`. */
  path: string;
  query: Record<string, string | undefined>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

/**
 * What the mock answers. `fault` asks the transport to misbehave instead of (or after) answering:
 * `hang` never answers (the client times out), `reset` drops the connection.
 */
export interface MockHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  fault?: 'hang' | 'reset';
  /** For `hang`: how long the transport holds the request before dropping it. */
  hangMs?: number;
}

import type { GeoCodes } from '../geo/provider-lists/geo-list.js';
import type { Endpoint, Policy, Service } from '../policy/types.js';
import type { ServiceSplit } from '../solve/types.js';
import { fallbackOf } from './geo-fallbacks.js';
import { geoLocationFor, type Route53RecordSet, recordSetResource } from './route53-body.js';
import { backupsFor, evaluateTargetHealth } from './route53-failover.js';
import { inheritedRecord, route53RecordGeographies } from './route53-geo.js';
import {
  endpointIdentifier,
  geoIdentifier,
  route53Name,
  weightedGroupName,
  ZONE_PLACEHOLDER,
} from './route53-names.js';
import type { Degradation, GeoFallback, Resource } from './types.js';
import { integerWeights, ROUTE53_WEIGHTS } from './weights.js';

export type RecordType = 'A' | 'AAAA' | 'CNAME';

/** Endpoint id → integer weight, every eligible endpoint listed (0 = no record). */
export type Weights = Readonly<Record<string, number>>;

/** One record type of one service, rendered. */
export interface TypeRendering {
  readonly type: RecordType;
  readonly resources: readonly Resource[];
  /** Record geography (after compression) → weights. */
  readonly published: Readonly<Record<string, Weights>>;
  readonly weightedGroups: number;
  readonly geographyRecords: number;
  readonly degradations: readonly Degradation[];
  /** Served plan geographies Route 53 does not list, and the record answering them instead. */
  readonly fallbacks: readonly GeoFallback[];
  /** Record geographies that fail closed (EvaluateTargetHealth false) to keep their users' sovereignty. */
  readonly closedRecords?: readonly string[];
}

/** The values an endpoint answers with for a type; empty when it has none of that type. */
export function endpointValues(endpoint: Endpoint, type: RecordType): readonly string[] {
  if (type === 'A') return endpoint.targets.a;
  if (type === 'AAAA') return endpoint.targets.aaaa;
  return endpoint.targets.cname === undefined ? [] : [endpoint.targets.cname];
}

/**
 * Weighted groups plus geolocation aliases for one type. `endpoints` are those of the service
 * that have values of this type, sorted by id; each geography's shares are renormalized over them
 * (for AAAA beside A, only endpoints with IPv6 addresses can answer).
 */
export function renderRecordType(
  service: Service,
  split: ServiceSplit,
  type: RecordType,
  endpoints: readonly Endpoint[],
  codes: GeoCodes,
  health: TypeHealth = NO_HEALTH,
): TypeRendering {
  const { weightsByGeo, unserved } = weightsPerGeography(split, endpoints);
  const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const groupByGeo = new Map<string, string>();
  const weightsByGroup = new Map<string, Weights>();
  const backupsByGroup = new Map<string, readonly string[]>();
  // Geographies with equal weights share one Weights object (weightsPerGeography), so the name
  // (a hash) is worked out once per distinct split (and set of backups) rather than once per geography.
  const groupOf = new Map<Weights, Map<string, string>>();
  for (const geography of split.geographies) {
    const weights = weightsByGeo.get(geography.geo);
    if (weights === undefined) continue;
    const backups = health.policy === undefined ? [] : backupsFor(health.policy, geography, byId, weights);
    const named = groupOf.get(weights) ?? new Map<string, string>();
    groupOf.set(weights, named);
    const backupKey = backups.join(',');
    let group = named.get(backupKey);
    if (group === undefined) {
      group = weightedGroupName(service.name, type, weights, backups);
      named.set(backupKey, group);
    }
    groupByGeo.set(geography.geo, group);
    weightsByGroup.set(group, weights);
    backupsByGroup.set(group, backups);
  }
  const records = route53RecordGeographies(groupByGeo, codes);
  // Only groups some record points at are written: a compressed-away country shares its group.
  const groups = new Map([...new Set(records.values())].map((group) => [group, weightsByGroup.get(group)!]));
  const eth =
    health.policy === undefined
      ? new Map<string, boolean>()
      : evaluateTargetHealth({
          policy: health.policy,
          endpoints: byId,
          records,
          reach: new Map(
            [...groups].map(([group, weights]) => [
              group,
              [...Object.keys(weights).filter((id) => (weights[id] ?? 0) > 0), ...(backupsByGroup.get(group) ?? [])],
            ]),
          ),
          geographies: [...weightsByGeo.keys()],
        });
  const resources = [
    ...[...groups].flatMap(([group, weights]) =>
      weightedRecords(service, type, group, weights, endpoints, health.checks, backupsByGroup.get(group) ?? []),
    ),
    ...[...records].map(([geo, group]) => geoAlias(service, type, geo, group, eth.get(geo) ?? true)),
  ];
  return {
    type,
    resources,
    published: Object.fromEntries([...records].map(([geo, group]) => [geo, groups.get(group)!])),
    weightedGroups: groups.size,
    geographyRecords: records.size,
    degradations: unserved.map((geo) => unservedDegradation(service.name, type, geo, records)),
    fallbacks: [...weightsByGeo]
      .filter(([geo]) => !codes.has(geo))
      .map(([geo, own]) => {
        const answeredBy = inheritedRecord(geo, records);
        const group = answeredBy === undefined ? undefined : records.get(answeredBy);
        const weights = group === undefined ? {} : (weightsByGroup.get(group) ?? {});
        return fallbackOf({ service: service.name, type, geo, answeredBy, weights, own });
      }),
    closedRecords: [...eth].filter(([, value]) => !value).map(([geo]) => geo),
  };
}

/** Health checks of a type's records: endpoint id → check placeholder; with `policy`, failover is rendered. */
export interface TypeHealth {
  readonly checks: ReadonlyMap<string, string>;
  /** Set when the provider creates health checks: backups and EvaluateTargetHealth are worked out. */
  readonly policy?: Policy;
}

const NO_HEALTH: TypeHealth = { checks: new Map() };

/** Integer weights per plan geography; geographies where no eligible endpoint has a share are unserved. */
function weightsPerGeography(
  split: ServiceSplit,
  endpoints: readonly Endpoint[],
): { weightsByGeo: Map<string, Weights>; unserved: string[] } {
  const weightsByGeo = new Map<string, Weights>();
  const unserved: string[] = [];
  // Many geographies have exactly the same shares (all to the nearest endpoint, say): they get
  // one Weights object, rounded once.
  const byShares = new Map<string, Weights>();
  for (const geography of split.geographies) {
    const shares = endpoints.map((endpoint) => geography.shares[endpoint.id] ?? 0);
    if (!shares.some((share) => share > 0)) {
      unserved.push(geography.geo);
      continue;
    }
    const key = shares.join(',');
    let weights = byShares.get(key);
    if (weights === undefined) {
      // Share 0 gives weight 0 and a positive share a positive weight: drains stay drained.
      const rounded = integerWeights(shares, ROUTE53_WEIGHTS);
      weights = Object.fromEntries(endpoints.map((endpoint, i) => [endpoint.id, rounded[i]!]));
      byShares.set(key, weights);
    }
    weightsByGeo.set(geography.geo, weights);
  }
  return { weightsByGeo, unserved };
}

function weightedRecords(
  service: Service,
  type: RecordType,
  group: string,
  weights: Weights,
  endpoints: readonly Endpoint[],
  checks: ReadonlyMap<string, string>,
  backups: readonly string[],
): Resource[] {
  return endpoints
    .filter((endpoint) => (weights[endpoint.id] ?? 0) > 0 || backups.includes(endpoint.id))
    .map((endpoint) => {
      const set: Route53RecordSet = {
        Name: group,
        Type: type,
        SetIdentifier: endpointIdentifier(endpoint.id),
        Weight: weights[endpoint.id] ?? 0,
        TTL: service.ttl,
        ResourceRecords: endpointValues(endpoint, type).map((value) => ({ Value: value })),
        ...(checks.has(endpoint.id) ? { HealthCheckId: checks.get(endpoint.id)! } : {}),
      };
      return recordSetResource(set);
    });
}

function geoAlias(service: Service, type: RecordType, geo: string, group: string, evaluate: boolean): Resource {
  return recordSetResource({
    Name: route53Name(service.name),
    Type: type,
    SetIdentifier: geoIdentifier(geo),
    GeoLocation: geoLocationFor(geo),
    AliasTarget: { HostedZoneId: ZONE_PLACEHOLDER, DNSName: group, EvaluateTargetHealth: evaluate },
  });
}

/** Route 53 cannot publish "no answer" for one location, so such users fall back; say where. */
function unservedDegradation(
  service: string,
  type: RecordType,
  geo: string,
  records: ReadonlyMap<string, string>,
): Degradation {
  const fallback = inheritedRecord(geo, records);
  const outcome =
    fallback === undefined
      ? `${type} queries from there get no answer`
      : `${type} queries from there are answered by the '${fallback}' ${type} record, which serves other users' split`;
  return {
    code: 'ROUTE53.TYPE_UNSERVED',
    message: `no endpoint with ${type} values has a share in '${geo}' for ${service}; ${outcome}`,
    service,
    geo,
  };
}

import { getCountry } from '../geo/countries.js';
import { type GeoRef, parseGeoRef } from '../geo/geography.js';
import { findRegion, isCatalogCloud, regionJurisdictions } from '../geo/regions/index.js';
import { normalizeName } from './checks/services.js';
import { parseDuration } from './duration.js';
import type {
  RawBalanceRule,
  RawEndpoint,
  RawEndpointSelector,
  RawHealthCheck,
  RawMaintenanceTarget,
  RawMaintenanceWindow,
  RawPolicy,
  RawProvider,
} from './schema.js';
import { parseInstant } from './time.js';
import type {
  BalanceRule,
  Cloud,
  Endpoint,
  EndpointSelector,
  HealthCheckSettings,
  MaintenanceTarget,
  MaintenanceWindow,
  Policy,
  Provider,
} from './types.js';

/**
 * Builds the typed Policy from a document that passed the schema and every check. It may assume
 * references resolve; anything it cannot resolve is a bug in the checks, so it throws.
 */
export function normalizePolicy(raw: RawPolicy): Policy {
  return {
    version: 1,
    providers: Object.entries(raw.providers).map(([id, provider]) => normalizeProvider(id, provider)),
    endpoints: Object.entries(raw.endpoints).map(([id, endpoint]) => normalizeEndpoint(id, endpoint)),
    services: raw.services.map((service) => ({
      name: normalizeName(service.name),
      ttl: service.ttl,
      endpoints: service.endpoints,
      publish: service.publish,
      ...optional('healthCheck', service.healthCheck && normalizeHealthCheck(service.healthCheck)),
      ...optional('pinned', service.pinned && new Map(Object.entries(service.pinned))),
    })),
    ...optional('health', raw.health),
    demand:
      raw.demand === 'builtin'
        ? {}
        : {
            ...optional('total', raw.demand.total),
            ...optional('shares', raw.demand.shares && new Map(Object.entries(raw.demand.shares))),
          },
    rules: {
      geography: {
        prefer: raw.rules.geography?.prefer ?? 'nearest',
        minEndpoints: raw.rules.geography?.minEndpoints ?? 1,
        ...optional('maxLatencyMs', raw.rules.geography?.maxLatencyMs),
        ...optional('latencyFile', raw.rules.geography?.latencyFile),
      },
      sovereignty: raw.rules.sovereignty.map((rule) => ({
        name: rule.name,
        users: rule.users.map(mustParseGeo),
        ...optional('allow', rule.allow && normalizeSelector(rule.allow)),
        ...optional('deny', rule.deny && normalizeSelector(rule.deny)),
        whenUnservable: rule.whenUnservable,
      })),
      balance: raw.rules.balance.map(normalizeBalance),
      maintenance: raw.rules.maintenance.map(normalizeWindow),
      capacity: {
        whenExceeded: raw.rules.capacity?.whenExceeded ?? 'report',
        headroom: raw.rules.capacity?.headroom ?? 0,
      },
    },
  };
}

export function normalizeProvider(id: string, provider: RawProvider): Provider {
  if (provider.type === 'route53') {
    return {
      id,
      type: 'route53',
      zone: normalizeName(provider.zone),
      backend: provider.backend,
      healthChecks: provider.healthChecks,
      ...optional('healthCheckQuota', provider.healthCheckQuota),
      ...optional('hostedZoneId', provider.hostedZoneId),
    };
  }
  return {
    id,
    type: 'azure',
    zone: normalizeName(provider.zone),
    subscription: provider.subscription,
    resourceGroup: provider.resourceGroup,
    backend: provider.backend,
    trafficManager: {
      resourceGroup: provider.trafficManager?.resourceGroup ?? provider.resourceGroup,
      profilePrefix: provider.trafficManager?.profilePrefix ?? 'tp',
      profileQuota: provider.trafficManager?.profileQuota ?? DEFAULT_PROFILE_QUOTA,
      failoverBackups: provider.trafficManager?.failoverBackups ?? true,
      failoverBackupsExplicit: provider.trafficManager?.failoverBackups !== undefined,
    },
  };
}

/** Traffic Manager profiles per subscription by default ("Traffic Manager limits": 200, raisable). */
export const DEFAULT_PROFILE_QUOTA = 200;

function normalizeEndpoint(id: string, endpoint: RawEndpoint): Endpoint {
  const region =
    endpoint.region !== undefined && isCatalogCloud(endpoint.cloud)
      ? findRegion(endpoint.cloud, endpoint.region)
      : undefined;
  const country = endpoint.location?.country ?? region?.country;
  const countryInfo = country === undefined ? undefined : getCountry(country);
  if (country === undefined || countryInfo === undefined) throw new Error(`endpoint ${id} has no resolvable location`);
  return {
    id,
    cloud: endpoint.cloud,
    ...optional('region', endpoint.region),
    location: {
      country,
      lat: endpoint.location?.lat ?? region?.lat ?? countryInfo.lat,
      lon: endpoint.location?.lon ?? region?.lon ?? countryInfo.lon,
    },
    jurisdictions:
      region !== undefined && endpoint.location === undefined ? regionJurisdictions(region) : countryInfo.jurisdictions,
    targets: {
      a: endpoint.a ?? [],
      aaaa: endpoint.aaaa ?? [],
      ...optional('cname', endpoint.cname && normalizeName(endpoint.cname)),
    },
    ...optional('capacity', endpoint.capacity),
    ...optional('healthCheck', endpoint.healthCheck && normalizeHealthCheck(endpoint.healthCheck)),
  };
}

function normalizeHealthCheck(raw: RawHealthCheck): HealthCheckSettings {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)) as HealthCheckSettings;
}

function normalizeSelector(selector: RawEndpointSelector): EndpointSelector {
  const jurisdictions = typeof selector.jurisdiction === 'string' ? [selector.jurisdiction] : selector.jurisdiction;
  return {
    ...optional('jurisdictions', jurisdictions),
    ...optional('clouds', selector.clouds),
    ...optional('regions', selector.regions),
    ...optional('endpoints', selector.endpoints),
  };
}

function normalizeBalance(rule: RawBalanceRule, index: number): BalanceRule {
  return {
    name: rule.name ?? `balance-${index + 1}`,
    services: rule.services ?? [],
    ...optional('targets', rule.clouds as Partial<Record<Cloud, number>> | undefined),
    tolerance: rule.tolerance,
    min: (rule.min ?? {}) as Partial<Record<Cloud, number>>,
    max: (rule.max ?? {}) as Partial<Record<Cloud, number>>,
    whenInfeasible: rule.whenInfeasible,
  };
}

function normalizeWindow(window: RawMaintenanceWindow): MaintenanceWindow {
  const timing: MaintenanceWindow['timing'] =
    window.schedule !== undefined && window.duration !== undefined
      ? {
          kind: 'recurring',
          schedule: window.schedule,
          durationSeconds: mustParseDuration(window.duration),
          timezone: window.timezone ?? 'UTC',
        }
      : { kind: 'once', start: mustParseInstant(window.start), end: mustParseInstant(window.end) };
  return {
    name: window.name,
    target: normalizeTarget(window.target),
    timing,
    rampSeconds: mustParseDuration(window.ramp),
    steps: window.steps,
  };
}

function normalizeTarget(target: RawMaintenanceTarget): MaintenanceTarget {
  if (typeof target === 'string') return { kind: 'endpoint', endpoint: target };
  if ('endpoint' in target) return { kind: 'endpoint', endpoint: target.endpoint };
  if ('region' in target) return { kind: 'region', region: target.region, ...optional('cloud', target.cloud) };
  return { kind: 'cloud', cloud: target.cloud };
}

function mustParseGeo(text: string): GeoRef {
  const ref = parseGeoRef(text);
  if (ref === undefined) throw new Error(`unchecked geography ${text}`);
  return ref;
}

function mustParseDuration(text: string): number {
  const seconds = parseDuration(text);
  if (seconds === undefined) throw new Error(`unchecked duration ${text}`);
  return seconds;
}

function mustParseInstant(text: string | undefined): number {
  const ms = text === undefined ? undefined : parseInstant(text);
  if (ms === undefined) throw new Error(`unchecked instant ${text}`);
  return ms;
}

/** `{ key: value }` when value is defined, `{}` otherwise (for exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined | false | ''): { [P in K]?: V } {
  return value === undefined || value === false || value === '' ? {} : ({ [key]: value } as { [P in K]: V });
}

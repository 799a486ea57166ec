import { createHash } from 'node:crypto';
import { resolveHealthCheck } from '../policy/health.js';
import type { Endpoint, Route53Provider, Service } from '../policy/types.js';
import { canonicalJson } from '../util/json.js';
import type { JsonValue, Resource } from './types.js';

/**
 * Route 53 health checks trafficport owns, as resources. A check is a function of what it probes
 * and how, so its key is a digest of its `HealthCheckConfig`: one check per endpoint and settings,
 * shared by every weighted record of that endpoint (all groups, all record types, all services),
 * and a change of settings is a new check plus the deletion of the old one (Route 53 cannot
 * change a check's Type or RequestInterval in place anyway [API Reference: UpdateHealthCheck]).
 *
 * Every endpoint of a service published with checks keeps its check, weighted or not: a drained
 * endpoint's check is what tells `--health provider` that it has recovered.
 *
 * Records name their check by the placeholder `tp-hc:<digest>`: the real id is only known once
 * the check exists, so the adapter substitutes it when writing and puts the placeholder back when
 * reading (like the ZONE placeholder of aliases), and rendered and read-back bodies compare equal.
 */

export const HEALTH_CHECK_KIND = 'route53.healthcheck';
export const HEALTH_CHECK_PREFIX = 'tp-hc:';

/** Route 53's HealthCheckConfig in the SDK's shape (the fields trafficport writes). */
export type Route53HealthCheckConfig = Route53ProbeConfig | Route53CalculatedConfig;

/**
 * A CALCULATED check over the per-address checks of one endpoint [API Reference: HealthCheckConfig,
 * ChildHealthChecks, HealthThreshold]: children are named by their placeholders here, by real ids
 * at Route 53 (the adapter swaps them, as it does for records).
 */
export type Route53CalculatedConfig = {
  readonly Type: 'CALCULATED';
  readonly ChildHealthChecks: readonly string[];
  readonly HealthThreshold: number;
};

/** A check that probes one target. */
export type Route53ProbeConfig = {
  readonly Type: 'HTTP' | 'HTTPS' | 'TCP';
  readonly IPAddress?: string;
  readonly FullyQualifiedDomainName?: string;
  readonly Port: number;
  readonly ResourcePath?: string;
  readonly RequestInterval: number;
  readonly FailureThreshold: number;
  readonly Regions?: readonly string[];
  readonly EnableSNI?: boolean;
  /** Set only on checks read back that someone changed outside trafficport. */
  readonly MeasureLatency?: boolean;
  readonly Inverted?: boolean;
  readonly Disabled?: boolean;
};

/** Route 53's default FailureThreshold. */
const DEFAULT_FAILURE_THRESHOLD = 3;

/**
 * The targets an endpoint's checks probe: its CNAME by name, else every distinct IPv4 and IPv6
 * address (each address gets a check of its own; see endpointHealthChecks).
 */
function probeTargets(endpoint: Endpoint): string[] {
  if (endpoint.targets.cname !== undefined) return [endpoint.targets.cname];
  return [...new Set([...endpoint.targets.a, ...endpoint.targets.aaaa])];
}

/**
 * The check of one target of an endpoint under a service's settings. With a `host`, an IP-probed
 * HTTP(S) check sends it as the Host header (and SNI for HTTPS); a CNAME-probed check sends the
 * CNAME itself (the policy refuses a different host there).
 */
export function healthCheckConfig(
  service: Pick<Service, 'healthCheck'>,
  endpoint: Endpoint,
  target = probeTargets(endpoint)[0] ?? '',
): Route53ProbeConfig {
  const check = resolveHealthCheck(service, endpoint);
  const byName = endpoint.targets.cname !== undefined;
  const host = byName ? target.replace(/\.$/, '') : check.host;
  return canonicalHealthCheck({
    Type: check.protocol === 'http' ? 'HTTP' : check.protocol === 'https' ? 'HTTPS' : 'TCP',
    ...(byName ? {} : { IPAddress: target }),
    ...(host === undefined ? {} : { FullyQualifiedDomainName: host }),
    Port: check.port,
    ...(check.path === undefined ? {} : { ResourcePath: check.path }),
    RequestInterval: check.interval,
    FailureThreshold: check.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD,
    ...(check.regions === undefined ? {} : { Regions: check.regions }),
    ...(check.protocol === 'https' && host !== undefined ? { EnableSNI: true } : {}),
  }) as Route53ProbeConfig;
}

/**
 * How many of an endpoint's addresses must be healthy for the endpoint to be: one. Route 53
 * answers every value of a record set, and clients try the other addresses of an answer when one
 * does not connect, so an endpoint serves while any of its addresses does; failing it over on
 * its first dead address would drain live capacity (docs/failover.md).
 */
export const HEALTHY_ADDRESSES_NEEDED = 1;

/**
 * The checks of an endpoint, and the one its records name (the last). One target (a CNAME or a
 * single address): one check, as always. Several addresses: one check per address, combined by
 * a CALCULATED check that is healthy while HEALTHY_ADDRESSES_NEEDED of them are.
 */
export function endpointHealthChecks(
  service: Pick<Service, 'healthCheck'>,
  endpoint: Endpoint,
): readonly Route53HealthCheckConfig[] {
  const targets = probeTargets(endpoint);
  if (targets.length <= 1) return [healthCheckConfig(service, endpoint)];
  const children = targets.map((target) => healthCheckConfig(service, endpoint, target));
  const parent: Route53CalculatedConfig = {
    Type: 'CALCULATED',
    ChildHealthChecks: children.map(healthCheckPlaceholder),
    HealthThreshold: HEALTHY_ADDRESSES_NEEDED,
  };
  return [...children, canonicalHealthCheck(parent)];
}

/** The one form of a config: lower-case names without the final dot, sorted regions, no false flags. */
export function canonicalHealthCheck(config: Route53HealthCheckConfig): Route53HealthCheckConfig {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || value === false) continue;
    if (key === 'FullyQualifiedDomainName') out[key] = String(value).toLowerCase().replace(/\.$/, '');
    else if (key === 'Regions' || key === 'ChildHealthChecks') out[key] = [...(value as string[])].sort();
    else out[key] = value as JsonValue;
  }
  return out as unknown as Route53HealthCheckConfig;
}

export function healthCheckDigest(config: Route53HealthCheckConfig): string {
  return createHash('sha256')
    .update(canonicalJson(canonicalHealthCheck(config) as unknown as JsonValue))
    .digest('hex')
    .slice(0, 12);
}

export function healthCheckPlaceholder(config: Route53HealthCheckConfig): string {
  return `${HEALTH_CHECK_PREFIX}${healthCheckDigest(config)}`;
}

export function healthCheckResource(
  config: Route53HealthCheckConfig,
  placeholder = healthCheckPlaceholder(config),
): Resource {
  const body = canonicalHealthCheck(config) as unknown as JsonValue;
  return { kind: HEALTH_CHECK_KIND, key: `${HEALTH_CHECK_KIND}|${placeholder}`, body };
}

export function placeholderOfKey(key: string): string {
  return key.slice(key.indexOf('|') + 1);
}

/** Endpoint id → its checks (the one its records name last), for a provider that creates checks. */
export function serviceHealthChecks(
  provider: Route53Provider,
  service: Service,
  endpoints: readonly Endpoint[],
): ReadonlyMap<string, readonly Route53HealthCheckConfig[]> {
  if (!provider.healthChecks) return new Map();
  return new Map(endpoints.map((endpoint) => [endpoint.id, endpointHealthChecks(service, endpoint)]));
}

/**
 * The CallerReference of an owned check: `tp-hc:<zone tag>:<digest>:<nonce>`. The zone tag scopes
 * ownership to one provider's zone (two policies in one account never delete each other's
 * checks); the nonce makes each creation unique, because Route 53 refuses a CallerReference used
 * by a deleted check [API Reference: CreateHealthCheck, HealthCheckAlreadyExists].
 */
export function callerReference(zone: string, digest: string, nonce: string): string {
  return `${HEALTH_CHECK_PREFIX}${zoneTag(zone)}:${digest}:${nonce}`.slice(0, 64);
}

export function isOwnedCallerReference(zone: string, reference: string | undefined): boolean {
  return reference?.startsWith(`${HEALTH_CHECK_PREFIX}${zoneTag(zone)}:`) === true;
}

function zoneTag(zone: string): string {
  return createHash('sha256').update(zone.toLowerCase().replace(/\.$/, '')).digest('hex').slice(0, 8);
}

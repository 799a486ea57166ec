import type { Endpoint, HealthCheckSettings, Policy, Provider, Service } from './types.js';

/** Every field of a health check, worked out from the service default and the endpoint's own. */
export interface ResolvedHealthCheck {
  readonly protocol: 'http' | 'https' | 'tcp';
  readonly port: number;
  /** HTTP(S) only. */
  readonly path?: string;
  readonly host?: string;
  readonly interval: 10 | 30;
  /** Consecutive failures before down; absent: each provider's default (Route 53 3, Traffic Manager 4). */
  readonly failureThreshold?: number;
  /** Route 53 checker regions; absent means Route 53's default (all). */
  readonly regions?: readonly string[];
  /** Traffic Manager timeout in seconds. */
  readonly timeout: number;
  /** Traffic Manager expected status code ranges, as `[min, max]`. */
  readonly expectedStatus?: readonly (readonly [number, number])[];
  /** Traffic Manager custom headers (besides Host), sorted by name. */
  readonly headers: readonly (readonly [string, string])[];
}

/**
 * Without any setting the probe is TCP on 443: it only needs the port to accept connections,
 * while an HTTPS probe of a bare IP target sends no useful Host header and may fail (Traffic
 * Manager always probes, so a wrong probe would quietly move traffic). With any setting the
 * protocol defaults to HTTPS. Interval and timeout are the providers' defaults (30 s; Traffic
 * Manager 10 s, 9 s at a 10 s interval); without a failure threshold each provider keeps its own
 * default (Route 53 FailureThreshold 3; Traffic Manager 3 tolerated failures, i.e. down at 4).
 */
export function resolveHealthCheck(
  service: Pick<Service, 'healthCheck'> | undefined,
  endpoint: Pick<Endpoint, 'healthCheck'>,
): ResolvedHealthCheck {
  const merged: HealthCheckSettings = { ...(service?.healthCheck ?? {}), ...(endpoint.healthCheck ?? {}) };
  const anySetting = service?.healthCheck !== undefined || endpoint.healthCheck !== undefined;
  const protocol = merged.protocol ?? (anySetting ? 'https' : 'tcp');
  const interval = merged.interval ?? 30;
  const web = protocol !== 'tcp';
  return {
    protocol,
    port: merged.port ?? (protocol === 'http' ? 80 : 443),
    ...(web ? { path: merged.path ?? '/' } : {}),
    ...(web && merged.host !== undefined ? { host: merged.host } : {}),
    interval,
    ...(merged.failureThreshold === undefined ? {} : { failureThreshold: merged.failureThreshold }),
    ...(merged.regions === undefined ? {} : { regions: [...merged.regions].sort() }),
    timeout: merged.timeout ?? (interval === 10 ? 9 : 10),
    ...(merged.expectedStatus === undefined ? {} : { expectedStatus: merged.expectedStatus.map(parseStatusRange) }),
    headers: Object.entries(merged.headers ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

export function parseStatusRange(range: string | number): readonly [number, number] {
  const [low = 0, high = low] = String(range).split('-').map(Number);
  return [low, high];
}

/** Route 53 providers that create health checks for a service's endpoints. */
export function route53CheckProviders(policy: Policy, service: Service): Provider[] {
  return policy.providers.filter(
    (provider) => provider.type === 'route53' && provider.healthChecks && service.publish.includes(provider.id),
  );
}

/** Health checks a Route 53 account allows by default (Route 53 quotas: 200 per account, raisable). */
export const DEFAULT_HEALTH_CHECK_QUOTA = 200;

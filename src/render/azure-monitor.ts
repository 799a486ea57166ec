import { resolveHealthCheck } from '../policy/health.js';
import type { Endpoint, Service } from '../policy/types.js';
import { canonicalJson } from '../util/json.js';
import type { MonitorShape } from './azure-bodies.js';

/**
 * Traffic Manager probes every endpoint of a profile with one monitor configuration, and always
 * probes (there is no "off"). An endpoint it finds unhealthy loses its share, so a probe that
 * fails against a healthy endpoint would quietly change the split. The settings come from the
 * policy's `healthCheck` (service default, endpoint override; see policy/health.ts), in Traffic
 * Manager's terms: tolerated failures are the failure threshold minus one, the host goes out as
 * a `Host` custom header, expected status ranges as `expectedStatusCodeRanges` [MonitorConfig,
 * api-version 2022-04-01]. Without settings the probe is TCP on 443 (see resolveHealthCheck).
 */

export const DEFAULT_MONITOR: MonitorShape = monitorFor(undefined, undefined);

export function monitorFor(
  service: Pick<Service, 'healthCheck'> | undefined,
  endpoint: Pick<Endpoint, 'healthCheck'> | undefined,
): MonitorShape {
  const check = resolveHealthCheck(service, endpoint ?? {});
  const headers = [...(check.host === undefined ? [] : [['Host', check.host] as const]), ...check.headers];
  return {
    protocol: check.protocol.toUpperCase(),
    port: check.port,
    ...(check.path === undefined ? {} : { path: check.path }),
    intervalInSeconds: check.interval,
    timeoutInSeconds: check.timeout,
    toleratedNumberOfFailures: check.failureThreshold === undefined ? 3 : check.failureThreshold - 1,
    ...(headers.length === 0 ? {} : { customHeaders: headers.map(([name, value]) => ({ name, value })) }),
    ...(check.expectedStatus === undefined
      ? {}
      : { expectedStatusCodeRanges: check.expectedStatus.map(([min, max]) => ({ min, max })) }),
  };
}

export interface ServiceMonitor {
  readonly monitor: MonitorShape;
  /** Whether the endpoints asked for different probes (only the most common one is used). */
  readonly mixed: boolean;
}

/** The probe most of the service's endpoints ask for (ties: the first endpoint's). */
export function serviceMonitor(service: Service | undefined, endpoints: readonly Endpoint[]): ServiceMonitor {
  const counts = new Map<string, { monitor: MonitorShape; count: number }>();
  for (const endpoint of endpoints) {
    const monitor = monitorFor(service, endpoint);
    const key = canonicalJson({ ...monitor });
    const seen = counts.get(key);
    counts.set(key, { monitor, count: (seen?.count ?? 0) + 1 });
  }
  let best: { monitor: MonitorShape; count: number } | undefined;
  for (const entry of counts.values()) if (best === undefined || entry.count > best.count) best = entry;
  return { monitor: best?.monitor ?? monitorFor(service, undefined), mixed: counts.size > 1 };
}

import type { Endpoint } from '../policy/types.js';
import { canonicalJson } from '../util/json.js';
import type { MonitorShape } from './azure-bodies.js';

/**
 * Traffic Manager probes every endpoint of a profile with one monitor configuration, and always
 * probes (there is no "off"). An endpoint it finds unhealthy loses its share, so a probe that
 * fails against a healthy endpoint would quietly change the split. Without a `healthCheck` in
 * the policy the probe is therefore TCP on 443: it only needs the port to accept connections,
 * while an HTTPS probe of a bare IP target sends no useful Host header and may fail. Interval,
 * timeout and tolerated failures are Traffic Manager's defaults (30 s, 10 s, 3).
 */

const TIMING = { intervalInSeconds: 30, timeoutInSeconds: 10, toleratedNumberOfFailures: 3 } as const;

export const DEFAULT_MONITOR: MonitorShape = { protocol: 'TCP', port: 443, ...TIMING };

export function monitorFor(endpoint: Endpoint): MonitorShape {
  const check = endpoint.healthCheck;
  if (check === undefined) return DEFAULT_MONITOR;
  const protocol = check.protocol.toUpperCase();
  const port = check.port ?? (check.protocol === 'http' ? 80 : 443);
  return protocol === 'TCP' ? { protocol, port, ...TIMING } : { protocol, port, path: check.path ?? '/', ...TIMING };
}

export interface ServiceMonitor {
  readonly monitor: MonitorShape;
  /** Whether the endpoints asked for different probes (only the most common one is used). */
  readonly mixed: boolean;
}

/** The probe most of the service's endpoints ask for (ties: the first endpoint's). */
export function serviceMonitor(endpoints: readonly Endpoint[]): ServiceMonitor {
  const counts = new Map<string, { monitor: MonitorShape; count: number }>();
  for (const endpoint of endpoints) {
    const monitor = monitorFor(endpoint);
    const key = canonicalJson({ ...monitor });
    const seen = counts.get(key);
    counts.set(key, { monitor, count: (seen?.count ?? 0) + 1 });
  }
  let best: { monitor: MonitorShape; count: number } | undefined;
  for (const entry of counts.values()) if (best === undefined || entry.count > best.count) best = entry;
  return { monitor: best?.monitor ?? DEFAULT_MONITOR, mixed: counts.size > 1 };
}

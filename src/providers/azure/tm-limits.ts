/**
 * Traffic Manager's documented control-plane limits, shared by the client's pacing
 * (tm-pacing.ts) and the mock's throttling. Source: Microsoft, "Traffic Manager limits"
 * (MicrosoftDocs/azure-docs includes/traffic-manager-limits.md, 2025-05-05): "Azure Traffic
 * Manager enforces throttling on control plane APIs. These limits are applied per Azure
 * subscription, typically over a 20-second interval. Exceeding limits returns an HTTP 429 (too
 * many requests) with a retry-after header."
 */

export type TrafficManagerRateClass =
  | 'profile-write'
  | 'profile-get'
  | 'profile-delete'
  | 'profile-list'
  | 'name-availability'
  | 'endpoint-write'
  | 'endpoint-get'
  | 'geo-hierarchy';

/** Requests per minute per subscription, as the page lists them. */
export const TRAFFIC_MANAGER_PER_MINUTE: Readonly<Record<TrafficManagerRateClass, number>> = {
  'profile-write': 600,
  'profile-get': 450,
  'profile-delete': 150,
  'profile-list': 450,
  'name-availability': 300,
  'endpoint-write': 300,
  'endpoint-get': 1_500,
  'geo-hierarchy': 150,
};

/**
 * How a per-minute figure applies "over a 20-second interval" is not said; the stricter reading
 * is a third of it in every 20 seconds (a one-minute window would allow the whole minute's budget
 * in one burst). The mock enforces this reading and the client paces to it.
 */
export const TRAFFIC_MANAGER_WINDOW_MS = 20_000;

export function perWindow(kind: TrafficManagerRateClass): number {
  return Math.floor(TRAFFIC_MANAGER_PER_MINUTE[kind] / 3);
}

const ENDPOINT_SEGMENTS = new Set(['azureendpoints', 'externalendpoints', 'nestedendpoints']);

/** The budget a Traffic Manager request draws from, or undefined for anything else (Azure DNS). */
export function trafficManagerClass(method: string, path: string): TrafficManagerRateClass | undefined {
  const s = path.toLowerCase().split('/').filter(Boolean);
  const verb = method.toUpperCase();
  if (s[0] === 'providers' && s[2] === 'trafficmanagergeographichierarchies') return 'geo-hierarchy';
  if (s.some((segment) => segment.startsWith('checktrafficmanagernameavailability'))) return 'name-availability';
  const at = s.indexOf('trafficmanagerprofiles');
  if (at < 0 || s[at - 1] !== 'microsoft.network') return undefined;
  const rest = s.length - at - 1;
  if (rest === 0) return verb === 'GET' ? 'profile-list' : undefined;
  if (rest === 1) {
    if (verb === 'GET') return 'profile-get';
    if (verb === 'DELETE') return 'profile-delete';
    return verb === 'PUT' || verb === 'PATCH' ? 'profile-write' : undefined;
  }
  if (rest === 3 && ENDPOINT_SEGMENTS.has(s[at + 2] ?? '')) return verb === 'GET' ? 'endpoint-get' : 'endpoint-write';
  return undefined;
}

import { GetHealthCheckStatusCommand } from '@aws-sdk/client-route-53';
import type { Endpoint } from '../../policy/types.js';
import { placeholderOfKey, type Route53HealthCheckConfig } from '../../render/route53-health.js';
import { listHealthChecks } from './health-checks.js';
import type { CallMeter } from './meter.js';
import type { Route53Sender } from './zone.js';

/**
 * Endpoint id → healthy, from the status of the owned checks. A check is healthy when more than
 * 18% of the checkers report success [Developer Guide: "How Amazon Route 53 determines whether a
 * health check is healthy"]; an endpoint with several checks (settings per service) is down when
 * any of them is. A check is matched to its endpoint by what it probes (first address or CNAME).
 */
export async function readEndpointHealth(
  client: Route53Sender,
  meter: CallMeter,
  zone: string,
  endpoints: readonly Endpoint[],
): Promise<Map<string, boolean>> {
  const listing = await listHealthChecks(client, meter, zone);
  const ids = new Map([...listing.placeholders].map(([id, placeholder]) => [placeholder.split('#')[0], id]));
  const health = new Map<string, boolean>();
  for (const resource of listing.resources) {
    const config = resource.body as unknown as Route53HealthCheckConfig;
    const endpoint = endpoints.find((candidate) =>
      config.IPAddress !== undefined
        ? (candidate.targets.a[0] ?? candidate.targets.aaaa[0]) === config.IPAddress
        : candidate.targets.cname?.replace(/\.$/, '') === config.FullyQualifiedDomainName,
    );
    const id = ids.get(placeholderOfKey(resource.key).split('#')[0]);
    if (endpoint === undefined || id === undefined) continue;
    const status = await meter.call('GetHealthCheckStatus', () =>
      client.send(new GetHealthCheckStatusCommand({ HealthCheckId: id })),
    );
    const observations = status.HealthCheckObservations ?? [];
    const ok = observations.filter((o) => o.StatusReport?.Status?.startsWith('Success') === true).length;
    const healthy = observations.length > 0 && ok / observations.length > 0.18;
    health.set(endpoint.id, (health.get(endpoint.id) ?? true) && healthy);
  }
  return health;
}

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
 * any of them is. A check is matched to its endpoint by what it probes: a single-target endpoint
 * by its CNAME or address; an endpoint with several addresses by its CALCULATED check, whose
 * children probe exactly those addresses. Route 53 does not report a CALCULATED check through
 * GetHealthCheckStatus [API Reference: GetHealthCheckStatus, HealthCheckId], so its status is
 * derived as Route 53 does: healthy while at least HealthThreshold children are [API Reference:
 * HealthCheckConfig, HealthThreshold].
 */
export async function readEndpointHealth(
  client: Route53Sender,
  meter: CallMeter,
  zone: string,
  endpoints: readonly Endpoint[],
): Promise<Map<string, boolean>> {
  const listing = await listHealthChecks(client, meter, zone);
  const ids = new Map([...listing.placeholders].map(([id, placeholder]) => [placeholder, id]));
  const configs = new Map(
    listing.resources.map((resource) => [
      placeholderOfKey(resource.key),
      resource.body as unknown as Route53HealthCheckConfig,
    ]),
  );
  const statuses = new Map<string, boolean>();
  const probed = async (placeholder: string): Promise<boolean> => {
    const known = statuses.get(placeholder);
    if (known !== undefined) return known;
    const id = ids.get(placeholder) ?? placeholder;
    const status = await meter.call('GetHealthCheckStatus', () =>
      client.send(new GetHealthCheckStatusCommand({ HealthCheckId: id })),
    );
    const observations = status.HealthCheckObservations ?? [];
    const ok = observations.filter((o) => o.StatusReport?.Status?.startsWith('Success') === true).length;
    const healthy = observations.length > 0 && ok / observations.length > 0.18;
    statuses.set(placeholder, healthy);
    return healthy;
  };
  const health = new Map<string, boolean>();
  for (const [placeholder, config] of configs) {
    if (placeholder.includes('#')) continue; // A duplicate no record names.
    const endpoint = endpoints.find((candidate) => probes(config, candidate, configs));
    if (endpoint === undefined) continue;
    let healthy: boolean;
    if (config.Type === 'CALCULATED') {
      let up = 0;
      for (const child of config.ChildHealthChecks) if (await probed(child)) up += 1;
      healthy = up >= config.HealthThreshold;
    } else {
      healthy = await probed(placeholder);
    }
    health.set(endpoint.id, (health.get(endpoint.id) ?? true) && healthy);
  }
  return health;
}

function addressesOf(endpoint: Endpoint): string[] {
  return [...new Set([...endpoint.targets.a, ...endpoint.targets.aaaa])];
}

/** Whether `config` is the check an endpoint's records name (the one that decides its health). */
function probes(
  config: Route53HealthCheckConfig,
  endpoint: Endpoint,
  configs: ReadonlyMap<string, Route53HealthCheckConfig>,
): boolean {
  if (config.Type === 'CALCULATED') {
    if (endpoint.targets.cname !== undefined) return false;
    const probedAddresses = config.ChildHealthChecks.map((child) => {
      const childConfig = configs.get(child);
      return childConfig === undefined || childConfig.Type === 'CALCULATED' ? undefined : childConfig.IPAddress;
    });
    const addresses = addressesOf(endpoint);
    return (
      addresses.length > 1 &&
      probedAddresses.length === addresses.length &&
      probedAddresses.every((address) => address !== undefined && addresses.includes(address))
    );
  }
  if (config.IPAddress !== undefined) {
    const addresses = addressesOf(endpoint);
    return endpoint.targets.cname === undefined && addresses.length === 1 && addresses[0] === config.IPAddress;
  }
  return endpoint.targets.cname?.replace(/\.$/, '') === config.FullyQualifiedDomainName;
}

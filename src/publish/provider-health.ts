import type { CliIo } from '../io/io.js';
import { mockStateDir } from '../io/state-dir.js';
import type { Policy } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';

/**
 * `--health provider` (or `health: provider` in the policy): the endpoints the providers' own
 * monitoring finds down (Route 53 health checks trafficport owns, Traffic Manager endpoint
 * monitoring), as the solve's down endpoints. An endpoint any provider finds down is down; one no
 * provider checks is taken as up. So a scheduled `apply` drains dead endpoints properly and
 * brings them back when their checks pass again.
 */
export function providerHealthReader(
  io: CliIo,
  flags: { readonly stateDir?: string; readonly sendCredentialsToEndpoint?: boolean },
): (policy: Policy) => Promise<readonly string[]> {
  return async (policy) => {
    const down = new Set<string>();
    const options = {
      mockStateDir: mockStateDir(io, flags.stateDir),
      env: io.env,
      sendCredentialsToEndpoint: flags.sendCredentialsToEndpoint === true,
    };
    const published = new Set(policy.services.flatMap((service) => service.publish));
    for (const provider of policy.providers.filter((candidate) => published.has(candidate.id))) {
      if (provider.type === 'route53' && !provider.healthChecks) continue;
      const kit = await loadProviderKit(provider.type);
      const adapter = await kit.createAdapter(provider, options);
      const health = (await adapter.health?.(policy.endpoints)) ?? new Map<string, boolean>();
      for (const [id, healthy] of health) if (!healthy) down.add(id);
    }
    return policy.endpoints.map((endpoint) => endpoint.id).filter((id) => down.has(id));
  };
}

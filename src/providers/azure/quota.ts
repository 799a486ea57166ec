import type { QuotaUsage } from '../../plan/quota.js';
import type { LiveState } from '../../plan/types.js';
import type { AzureProvider } from '../../policy/types.js';
import type { DesiredState } from '../../render/types.js';

import { listedProfileNames } from './profile-listing.js';

/**
 * Traffic Manager profiles this provider draws from its subscription's quota (200 by default,
 * "Traffic Manager limits"; `trafficManager.profileQuota`). Counted: the profiles it will hold, and
 * every other profile its read listed in the Traffic Manager resource group. Profiles in other
 * resource groups of the subscription are not listed (that would need read access to the whole
 * subscription), so `profileQuota` should be what the subscription leaves for these groups.
 */
export function azureQuotaUsage(provider: AzureProvider, desired: DesiredState, live: LiveState): QuotaUsage {
  const group = provider.trafficManager.resourceGroup.toLowerCase();
  const id = (name: string) => `${group}/${name.toLowerCase()}`;
  const profiles = (keys: readonly string[]) =>
    keys.filter((key) => key.startsWith('azure.tm-profile|')).map((key) => id(key.slice(key.indexOf('|') + 1)));
  const retained = new Set(live.retained ?? []);
  return {
    provider: provider.id,
    scope: `Traffic Manager profiles in Azure subscription ${provider.subscription.toLowerCase()}`,
    limit: provider.trafficManager.profileQuota,
    desired: profiles(desired.resources.map((r) => r.key)),
    owned: profiles(live.resources.map((r) => r.key).filter((key) => !retained.has(key))),
    listed: [...(listedProfileNames(live) ?? [])].map(id),
  };
}

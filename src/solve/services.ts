import type { BalanceRule, Cloud, Endpoint, Policy, Service } from '../policy/types.js';

export function serviceEndpoints(policy: Policy, service: Service): Endpoint[] {
  const byId = new Map(policy.endpoints.map((e) => [e.id, e]));
  return service.endpoints.map((id) => {
    const endpoint = byId.get(id);
    if (endpoint === undefined) throw new Error(`unchecked endpoint reference ${id}`);
    return endpoint;
  });
}

export function balanceRulesFor(policy: Policy, service: Service): BalanceRule[] {
  return policy.rules.balance.filter((rule) => rule.services.length === 0 || rule.services.includes(service.name));
}

/**
 * Per-cloud [min, max] share from the balance rules that apply, intersected. A target of t with
 * tolerance d means [t - d, t + d]; a cloud the targets leave out gets [0, d].
 */
export function cloudBounds(
  rules: readonly BalanceRule[],
  clouds: readonly Cloud[],
): Map<Cloud, { min: number; max: number }> {
  const bounds = new Map<Cloud, { min: number; max: number }>(clouds.map((c) => [c, { min: 0, max: 1 }]));
  for (const rule of rules) {
    for (const cloud of clouds) {
      const current = bounds.get(cloud)!;
      const own = ruleBounds(rule, cloud);
      bounds.set(cloud, { min: Math.max(current.min, own.min), max: Math.min(current.max, own.max) });
    }
  }
  return bounds;
}

/**
 * One rule's [min, max] for a cloud, as fractions. Targets are shares of all the service's
 * traffic: a target t with tolerance d means [t − d, t + d], and a cloud the targets do not name
 * has target 0, so [0, d] (validate warns when that pins a cloud with endpoints near zero).
 */
export function ruleBounds(rule: BalanceRule, cloud: Cloud): { min: number; max: number } {
  let min = (rule.min[cloud] ?? 0) / 100;
  let max = (rule.max[cloud] ?? 100) / 100;
  if (rule.targets !== undefined) {
    const target = (rule.targets[cloud] ?? 0) / 100;
    min = Math.max(min, target - rule.tolerance / 100);
    max = Math.min(max, target + rule.tolerance / 100);
  }
  return { min: Math.max(min, 0), max: Math.min(max, 1) };
}

/** How many services share each endpoint: its capacity is divided among them equally. */
export function endpointSharing(policy: Policy): Map<string, number> {
  const counts = new Map<string, number>();
  for (const service of policy.services) for (const id of service.endpoints) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

import type { ServiceDistributions } from '../plan/traffic.js';
import type { Policy } from '../policy/types.js';
import { forbiddenFor } from '../render/route53-failover.js';
import type { GeographySplit, Splits } from '../solve/types.js';

/**
 * What users get from published records when some endpoints fail, judged against the promise
 * (docs/failover.md): no geography is answered with an endpoint its sovereignty rules forbid, and
 * none with a down endpoint while one it may use (allowed, not drained or held down by the plan)
 * is up. A geography whose usable endpoints are all down keeps being answered inside its rule
 * (it fails closed). Pure: the answers come from the provider's evaluation with `down`.
 */

export interface FailoverFinding {
  readonly service: string;
  readonly geo: string;
  /** Endpoint → percent of answers. */
  readonly answers: Readonly<Record<string, number>>;
}

export interface FailoverCheck {
  readonly checked: number;
  /** Answered with an endpoint a sovereignty rule forbids there (never expected). */
  readonly outside: readonly FailoverFinding[];
  /** Answered with a down endpoint while a usable one is up. */
  readonly dead: readonly FailoverFinding[];
  /** Every usable endpoint down: answered inside the rule with what is there (fail closed). */
  readonly closed: readonly FailoverFinding[];
}

export function checkFailover(
  policy: Policy,
  splits: Splits,
  answers: ServiceDistributions,
  down: ReadonlySet<string>,
): FailoverCheck {
  const endpoints = new Map(policy.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const result = {
    checked: 0,
    outside: [] as FailoverFinding[],
    dead: [] as FailoverFinding[],
    closed: [] as FailoverFinding[],
  };
  for (const service of splits.services) {
    const byGeo = answers.get(service.service);
    if (byGeo === undefined) continue;
    const own = new Map([...endpoints].filter(([id]) => policyService(policy, service.service)?.includes(id)));
    for (const geography of service.geographies) {
      const distribution = byGeo.get(geography.geo);
      if (distribution === undefined) continue;
      result.checked++;
      const answered = [...distribution].filter(([, share]) => share > 1e-9).map(([id]) => id);
      const finding = {
        service: service.service,
        geo: geography.geo,
        answers: Object.fromEntries([...distribution].map(([id, share]) => [id, Math.round(share * 1000) / 10])),
      };
      const forbidden = forbiddenFor(policy, geography.geo, own);
      if (answered.some((id) => forbidden.has(id))) result.outside.push(finding);
      if (!answered.some((id) => down.has(id))) continue;
      const live = usable(geography, own, forbidden).filter((id) => !down.has(id));
      (live.length > 0 ? result.dead : result.closed).push(finding);
    }
  }
  return result;
}

function policyService(policy: Policy, name: string): readonly string[] | undefined {
  return policy.services.find((service) => service.name === name)?.endpoints;
}

function usable(
  geography: GeographySplit,
  endpoints: ReadonlyMap<string, unknown>,
  forbidden: ReadonlySet<string>,
): string[] {
  const held = new Set(
    geography.reasons.flatMap((reason) =>
      reason.kind === 'down' || reason.kind === 'maintenance' ? [reason.endpoint] : [],
    ),
  );
  return [...endpoints.keys()].filter((id) => !held.has(id) && !forbidden.has(id));
}

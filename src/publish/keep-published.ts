import type { GeoList } from '../geo/provider-lists/geo-list.js';
import { diffResources } from '../plan/diff.js';
import type { ServiceDistributions } from '../plan/traffic.js';
import type { LiveState } from '../plan/types.js';
import type { Policy, Provider } from '../policy/types.js';
import type { ProviderKit } from '../providers/types.js';
import type { DesiredState } from '../render/types.js';
import { comparePublished } from '../resolver/compare-published.js';
import type { Splits } from '../solve/types.js';

export interface KeepInput {
  readonly kit: ProviderKit;
  readonly policy: Policy;
  readonly provider: Provider;
  readonly geoList: GeoList;
  readonly services: readonly string[];
  readonly splits: Splits;
  /** What the splits render here. */
  readonly desired: DesiredState;
  readonly live: LiveState;
}

/**
 * What a provider publishes, kept as the desired state when it already answers the splits as
 * closely as its weights can: every geography within the provider's rounding tolerance, by the
 * comparison `verify` and apply's read-back make, and every record exactly what the policy
 * renders for the shares it answers (names, TTLs, targets, health checks). A stable re-plan
 * right after an apply takes the published weights (a rounding of the split applied) as its
 * reference and lands on an optimal split a hair from the one applied, whose rounding can differ
 * by a unit of weight; that is no change to make. Returns undefined when something does differ.
 */
export function keepPublished(input: KeepInput): DesiredState | undefined {
  const { kit, policy, provider, geoList, live } = input;
  const comparison = comparePublished({
    policy,
    splits: input.splits,
    services: input.services,
    desired: input.desired,
    live: live.resources,
    evaluator: {
      evaluate: (resources, type) => kit.evaluate(resources, policy, provider, geoList, type),
      answersWith: (endpoint, type) => kit.answersWith(endpoint, type),
      tolerance: kit.tolerance,
    },
  });
  if (comparison.mismatches.length > 0 || comparison.degraded > 0) return undefined;
  const answered = kit.evaluate(live.resources, policy, provider, geoList);
  const kept = kit.render({ policy, splits: withAnswers(input.splits, answered), provider, geoList });
  return diffResources(kept.resources, live.resources, live.retained).length === 0 ? kept : undefined;
}

/** The splits with each geography's shares replaced by what the provider answers there (percent). */
function withAnswers(splits: Splits, answered: ServiceDistributions): Splits {
  return {
    ...splits,
    services: splits.services.map((service) => {
      const answers = answered.get(service.service);
      if (answers === undefined) return service;
      return {
        ...service,
        geographies: service.geographies.map((geography) => {
          const answer = answers.get(geography.geo);
          if (answer === undefined) return geography;
          const shares = Object.fromEntries(
            Object.keys(geography.shares).map((id) => [id, 100 * (answer.get(id) ?? 0)]),
          );
          return { ...geography, shares };
        }),
      };
    }),
  };
}

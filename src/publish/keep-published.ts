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
  // Each record type is its own rounding (A weights over the endpoints with IPv4 addresses, AAAA
  // over those with IPv6), so each is rendered from what that type answers; a record is kept when
  // the rendering of some type gives it exactly. The first type's rendering says the rest (the
  // weight table `published` holds is the first type's).
  const renderings = (comparison.types.length > 0 ? comparison.types : [undefined]).map((type) => {
    const answered = kit.evaluate(live.resources, policy, provider, geoList, type);
    return kit.render({ policy, splits: withAnswers(input.splits, answered), provider, geoList });
  });
  const changes = renderings.map((kept) => diffResources(kept.resources, live.resources, live.retained));
  const exact = changes.findIndex((list) => list.length === 0);
  if (exact >= 0) return renderings[exact];
  // A record no rendering gives as it is (a TTL, a target, a record to add or remove) is a change.
  const changed = changes.map((list) => new Set(list.map((change) => change.key)));
  if (changes[0]!.some((change) => changed.every((keys) => keys.has(change.key)))) return undefined;
  // Every live record is some type's rendering: the live records are what the policy renders.
  const rendered = new Set(renderings.flatMap((kept) => kept.resources.map((resource) => resource.key)));
  const resources = live.resources.filter((resource) => rendered.has(resource.key));
  return { ...renderings[0]!, resources: resources.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
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

import { TrafficportError } from '../errors.js';
import type { GeoList } from '../geo/provider-lists/geo-list.js';
import type { Policy, Provider } from '../policy/types.js';
import type { ProviderKit } from '../providers/types.js';
import { comparePublished, type PublishedComparison, type PublishedEvaluator } from '../resolver/compare-published.js';
import { type Prepared, servicesOf } from './prepare.js';

/** A provider kit as the comparison sees it: its evaluation of records, per record type. */
export function publishedEvaluator(
  kit: ProviderKit,
  policy: Policy,
  provider: Provider,
  geoList: GeoList,
): PublishedEvaluator {
  return {
    evaluate: (resources, type) => kit.evaluate(resources, policy, provider, geoList, type),
    answersWith: (endpoint, type) => kit.answersWith(endpoint, type),
    tolerance: kit.tolerance,
  };
}

/** How many mismatches an error lists before summing up the rest. */
const SHOWN = 10;

/**
 * After an apply that finished at every provider: reads back what each holds now and compares it
 * with the plan, with the same comparison as `verify`. A provider that acknowledged a write and lost it
 * (or anything that changed the records meanwhile) fails the apply with every mismatch.
 */
export async function verifyAfterApply(prepared: Prepared, finished: readonly string[]): Promise<void> {
  const problems: string[] = [];
  let mismatched = 0;
  for (const target of prepared.targets.filter((t) => finished.includes(t.provider.id))) {
    const services = servicesOf(prepared.policy, target.provider);
    const live = await target.adapter.read(services);
    const result: PublishedComparison = comparePublished({
      policy: prepared.policy,
      splits: prepared.splits,
      services,
      desired: target.desired,
      live: live.resources,
      evaluator: publishedEvaluator(target.kit, prepared.policy, target.provider, target.geoList),
    });
    mismatched += result.mismatches.length;
    for (const m of result.mismatches.slice(0, SHOWN)) {
      problems.push(
        `${target.provider.id}: ${m.service} ${m.type} ${m.geo}: published ${JSON.stringify(m.published)}, planned ${JSON.stringify(m.expected)} (off by ${m.deviation}%)`,
      );
    }
    if (result.mismatches.length > SHOWN)
      problems.push(`${target.provider.id}: … ${result.mismatches.length - SHOWN} more`);
  }
  if (mismatched === 0) return;
  throw new TrafficportError(
    'APPLY.VERIFY_FAILED',
    `the apply finished, but reading the records back, ${mismatched} geograph${mismatched === 1 ? 'y does' : 'ies do'} not answer as planned:`,
    {
      items: problems,
      hint: 'a provider acknowledged writes it did not keep, or the records changed meanwhile; run trafficport plan to see what differs, then apply again',
    },
  );
}

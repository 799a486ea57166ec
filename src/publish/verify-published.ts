import type { Journal } from '../apply/journal.js';
import type { ProviderRun } from '../apply/run.js';
import { TrafficportError } from '../errors.js';
import type { GeoList } from '../geo/provider-lists/geo-list.js';
import { diffResources } from '../plan/diff.js';
import type { Policy, Provider } from '../policy/types.js';
import type { ProviderKit } from '../providers/types.js';
import type { Resource } from '../render/types.js';
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
export async function verifyAfterApply(prepared: Prepared, finished: readonly string[]): Promise<string | undefined> {
  const problems: string[] = [];
  const unread: string[] = [];
  let mismatched = 0;
  for (const target of prepared.targets.filter((t) => finished.includes(t.provider.id))) {
    const services = servicesOf(prepared.policy, target.provider);
    let live: Awaited<ReturnType<typeof target.adapter.read>>;
    try {
      live = await target.adapter.read(services);
    } catch (error) {
      // The writes were acknowledged and journaled: a provider that cannot be read now (throttled,
      // unavailable) leaves the apply standing, with a warning to check it, not a failure.
      if (!(error instanceof TrafficportError) || !error.code.startsWith('PROVIDER.')) throw error;
      unread.push(`${target.provider.id} (${error.code})`);
      continue;
    }
    const result: PublishedComparison = comparePublished({
      policy: prepared.policy,
      splits: prepared.splits,
      services,
      desired: target.desired,
      // Read back exactly as rendered (the usual case): the comparison evaluates them once.
      live: sameResources(target.desired.resources, live.resources) ? target.desired.resources : live.resources,
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
  if (mismatched === 0) {
    return unread.length === 0
      ? undefined
      : `warning: the apply finished, but ${unread.join(', ')} could not be read back to check what was written; run \`trafficport verify\` to check it`;
  }
  throw new TrafficportError(
    'APPLY.VERIFY_FAILED',
    `the apply finished, but reading the records back, ${mismatched} geograph${mismatched === 1 ? 'y does' : 'ies do'} not answer as planned:`,
    {
      items: problems,
      hint: 'a provider acknowledged writes it did not keep, or the records changed meanwhile; run trafficport plan to see what differs, then apply again',
    },
  );
}

/** The same records, key for key and body for body (no more, no fewer). */
export function sameResources(desired: readonly Resource[], live: readonly Resource[]): boolean {
  return desired.length === live.length && diffResources(desired, live).length === 0;
}

const DIFFERENCE = { create: 'missing', update: 'differs from the target', delete: 'not in the target' } as const;

/**
 * After a resumed apply that finished: reads back what each provider it wrote holds now and
 * requires it to be the journal's target (its last step), record for record, the diff `plan`
 * makes. The resume has no split to evaluate against, but its target is exactly what it wrote.
 */
export async function verifyAfterResume(journal: Journal, runs: readonly ProviderRun[]): Promise<void> {
  const problems: string[] = [];
  let differing = 0;
  for (const run of runs) {
    const entry = journal.providers[run.id];
    if (entry === undefined) continue;
    const live = await run.adapter.read(run.services);
    const changes = diffResources(entry.steps[entry.steps.length - 1] ?? [], live.resources, live.retained);
    differing += changes.length;
    for (const change of changes.slice(0, SHOWN))
      problems.push(`${run.id}: ${change.key} ${DIFFERENCE[change.action]}`);
    if (changes.length > SHOWN) problems.push(`${run.id}: … ${changes.length - SHOWN} more`);
  }
  if (differing === 0) return;
  throw new TrafficportError(
    'APPLY.VERIFY_FAILED',
    `the resumed apply finished, but reading the records back, ${differing} record${differing === 1 ? ' is' : 's are'} not as it wrote them:`,
    {
      items: problems,
      hint: 'a provider acknowledged writes it did not keep, or the records changed meanwhile; run trafficport plan to see what differs, then apply again',
    },
  );
}

import type { GeoList } from '../geo/provider-lists/geo-list.js';
import type { ServiceDistributions } from '../plan/traffic.js';
import type { LiveState } from '../plan/types.js';
import type { Policy, Provider } from '../policy/types.js';
import type { ProviderAdapter } from '../providers/types.js';
import { azureForeignDistributions } from '../resolver/azure-foreign.js';
import type { PublishedEvaluator } from '../resolver/compare-published.js';
import { route53ForeignDistributions } from '../resolver/route53-distributions.js';

/**
 * The live evaluator of `verify` when services are answered by records trafficport does not own
 * yet (imported, not adopted): the owned records' answers, and for those services what the other
 * tool's records answer (Route 53: route53-resolve.ts over the foreign sets read; Azure: the
 * record sets and Traffic Manager trees `readPublished` returns, azure-foreign.ts). So an imported
 * policy verifies against the zone as it is. Undefined evaluator: nothing foreign answers.
 */
export async function foreignAnswers(input: {
  readonly owned: PublishedEvaluator;
  readonly live: LiveState;
  readonly policy: Policy;
  readonly provider: Provider;
  readonly adapter: ProviderAdapter;
  readonly geoList: GeoList;
}): Promise<{ readonly liveEvaluator?: PublishedEvaluator; readonly notOwned: readonly string[] }> {
  const { owned, live, policy, provider, adapter, geoList } = input;
  if (live.foreign.length === 0) return { notOwned: [] };
  let foreign: (type?: string) => ServiceDistributions;
  if (provider.type === 'route53') {
    const records = live.foreign.flatMap((record) => (record.resource === undefined ? [] : [record.resource]));
    foreign = (type) => route53ForeignDistributions(records, policy, provider, type);
  } else if (adapter.readPublished !== undefined) {
    const published = await adapter.readPublished([...new Set(live.foreign.map((record) => record.name))]);
    foreign = (type) => azureForeignDistributions(published, policy, provider, geoList, type);
  } else {
    return { notOwned: [] };
  }
  const ownedNow = owned.evaluate(live.resources, 'A');
  const notOwned = [...foreign().entries()]
    .filter(([service, answers]) => answers.size > 0 && (ownedNow.get(service)?.size ?? 0) === 0)
    .map(([service]) => service);
  if (notOwned.length === 0) return { notOwned };
  return {
    notOwned,
    liveEvaluator: {
      ...owned,
      evaluate: (resources, type) => {
        const theirs = foreign(type);
        return new Map([
          ...owned.evaluate(resources, type),
          ...notOwned.flatMap((service) => {
            const answered = theirs.get(service);
            return answered === undefined ? [] : [[service, answered] as const];
          }),
        ]);
      },
    },
  };
}

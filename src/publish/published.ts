import { isTrafficportError, type TrafficportError } from '../errors.js';
import type { GeoList } from '../geo/provider-lists/geo-list.js';
import type { SolveInputs } from '../inputs/solve-inputs.js';
import { reuseResources, sameResources } from '../plan/share.js';
import type { ServiceDistributions } from '../plan/traffic.js';
import type { LiveState } from '../plan/types.js';
import type { Policy, Provider } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import type { AdapterOptions, ProviderAdapter, ProviderKit } from '../providers/types.js';
import type { DesiredState } from '../render/types.js';
import type { SplitDetail } from '../solve/detail.js';
import { solve } from '../solve/solve.js';
import { splitOfService } from '../solve/split-index.js';
import type { Splits } from '../solve/types.js';

/** The first provider, read before the splits are final: what it publishes now. */
export type PublishedRead =
  | {
      readonly provider: Provider;
      readonly kit: ProviderKit;
      readonly adapter: ProviderAdapter;
      readonly geoList: GeoList;
      readonly live: LiveState;
      /** What resolvers get from it now, when that is not what the plain splits would publish. */
      readonly published?: ServiceDistributions;
      /** The plain split and its rendering here: reused when the splits stay the plain ones. */
      readonly rendered: { readonly splits: Splits; readonly desired: DesiredState };
    }
  | {
      readonly provider: Provider;
      readonly kit: ProviderKit;
      readonly adapter: ProviderAdapter;
      /** Its geography list, when that could be read and the records could not. */
      readonly geoList?: GeoList;
      readonly error: TrafficportError;
    };

/**
 * The splits `plan` and `apply` publish, and `verify` holds the records to: among the optimal
 * splits, the one closest to what the first provider publishes now (docs/split-engine.md,
 * "stable re-plans"). On ties a plain solve could pick another equally good split, so every
 * command that compares with the plan takes it from here. `first` is that provider's read.
 */
export async function settleSplits(
  inputs: SolveInputs,
  policy: Policy,
  providers: readonly Provider[],
  options: AdapterOptions,
  detail?: SplitDetail,
): Promise<{ readonly splits: Splits; readonly first?: PublishedRead }> {
  const solveOptions = { ...inputs.options, ...(detail === undefined ? {} : { detail }) };
  const plain = solve(inputs.policy, inputs.at, solveOptions);
  const provider = providers[0];
  if (provider === undefined) return { splits: plain };
  const services = policy.services.filter((s) => s.publish.includes(provider.id)).map((s) => s.name);
  const first = await readPublished(policy, plain, provider, services, options);
  if (!('published' in first) || first.published === undefined) return { splits: plain, first };
  return { splits: solve(inputs.policy, inputs.at, { ...solveOptions, reference: first.published }), first };
}

/**
 * Reads the first provider that publishes the policy, once, for two uses: its live state serves
 * its own plan (no second read), and what it publishes is the reference a stable re-plan stays
 * close to (docs/split-engine.md). When it already holds exactly what the plain splits renders,
 * there is nothing to stay close to beyond those splits, and no reference is returned.
 */
export async function readPublished(
  policy: Policy,
  plain: Splits,
  provider: Provider,
  services: readonly string[],
  options: AdapterOptions,
): Promise<PublishedRead> {
  const kit = await loadProviderKit(provider.type);
  const adapter = await kit.createAdapter(provider, options);
  let geoList: GeoList;
  try {
    geoList = await adapter.geoList();
  } catch (error) {
    if (!isTrafficportError(error)) throw error;
    return { provider, kit, adapter, error };
  }
  const desired = kit.render({ policy, splits: plain, provider, geoList });
  let live: LiveState;
  try {
    live = await adapter.read(services, { reuse: reuseResources(desired.resources) });
  } catch (error) {
    if (!isTrafficportError(error)) throw error;
    return { provider, kit, adapter, geoList, error };
  }
  const rendered = { splits: plain, desired };
  if (live.resources.length === 0 || sameResources(live.resources, desired.resources))
    return { provider, kit, adapter, geoList, live, rendered };
  const published = ownAnswers(kit.evaluate(live.resources, policy, provider, geoList), desired, plain);
  const any = [...published.values()].some((geographies) => geographies.size > 0);
  return { provider, kit, adapter, geoList, live, rendered, ...(any ? { published } : {}) };
}

/**
 * What resolvers get, except at the geographies the provider cannot target: their users are
 * answered by a wider record whatever their own split is, so that answer says nothing about the
 * split they were given, and holding them to it would pull other geographies off what they
 * publish. They are held to the plain split instead (the same at every re-plan with the same
 * inputs): left free, they would take up every rounding difference elsewhere, and another
 * provider that targets them would see their split change at each re-plan.
 */
function ownAnswers(published: ServiceDistributions, desired: DesiredState, plain: Splits): ServiceDistributions {
  if (desired.fallbacks.length === 0) return published;
  const untargetable = new Set(desired.fallbacks.map((fallback) => `${fallback.service}\n${fallback.geo}`));
  return new Map(
    [...published].map(([service, geographies]) => {
      const own = new Map(geographies);
      const split = splitOfService(plain.services, service);
      for (const geography of split?.geographies ?? []) {
        if (!untargetable.has(`${service}\n${geography.geo}`)) continue;
        own.set(geography.geo, new Map(Object.entries(geography.shares).map(([id, share]) => [id, share / 100])));
      }
      return [service, own];
    }),
  );
}

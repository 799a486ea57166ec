import { isTrafficportError, TrafficportError } from '../errors.js';
import type { GeoList } from '../geo/provider-lists/geo-list.js';
import { loadSolveInputs, type SolveFlags } from '../inputs/solve-inputs.js';
import type { CliIo } from '../io/io.js';
import { mockStateDir } from '../io/state-dir.js';
import { routedWaits } from '../io/wait-route.js';
import { buildProviderPlan } from '../plan/build.js';
import { sha256 } from '../plan/fingerprint.js';
import { checkQuotas, countQuotas, type QuotaUsage } from '../plan/quota.js';
import { checkSafety } from '../plan/safety.js';
import { reuseResources, sameResources, shareUnchanged } from '../plan/share.js';
import { listShortfalls } from '../plan/shortfalls.js';
import type { ServiceDistributions } from '../plan/traffic.js';
import type { LiveState, PlanDocument, ProviderPlan, RampEstimate, SafetyLimits } from '../plan/types.js';
import { didYouMean } from '../policy/suggest.js';
import { formatInstant } from '../policy/time.js';
import type { Policy, Provider } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import { retryWaitBound } from '../providers/retry-wait.js';
import type { AdapterOptions, PreflightContext, ProviderAdapter, ProviderKit } from '../providers/types.js';
import type { DesiredState, Resource } from '../render/types.js';
import type { Splits } from '../solve/types.js';
import { keepPublished } from './keep-published.js';
import { providerHealthReader } from './provider-health.js';
import { type PublishedRead, settleSplits } from './published.js';
import { trafficSteps } from './ramp.js';
import { selectServices } from './service-filter.js';

export interface PublishFlags extends SolveFlags {
  readonly stateDir?: string;
  readonly provider?: readonly string[];
  /** `--service`: only these services are published, read and compared (service-filter.ts). */
  readonly service?: readonly string[];
  /** Real credentials may go to an endpoint override (src/providers/endpoint-override.ts). */
  readonly sendCredentialsToEndpoint?: boolean;
}

/**
 * One provider ready to publish: its kit, adapter, desired and live states, and the plan. Live
 * resources identical to desired ones are the desired objects (see plan/share.ts): both states
 * are kept to the end for apply's journal, and on a published estate they are nearly all alike.
 */
export interface PublishTarget {
  readonly provider: Provider;
  readonly kit: ProviderKit;
  readonly adapter: ProviderAdapter;
  /** The provider's geography list, read once this run; everything is rendered against it. */
  readonly geoList: GeoList;
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly plan: ProviderPlan;
  /** What it draws from a quota shared with other providers of the plan. */
  readonly quota?: QuotaUsage;
  /** What resolvers get now, per service and geography: where a ramp starts. */
  readonly before: ServiceDistributions;
}

/** A provider that could not be read: nothing can be planned or changed there right now. */
export interface UnreachableTarget {
  readonly provider: Provider;
  readonly adapter: ProviderAdapter;
  readonly desired: DesiredState;
  readonly error: TrafficportError;
}

/** What `plan` keeps of a provider: its plan. Desired and live states go once it is built. */
export interface PlannedTarget {
  readonly provider: Provider;
  readonly plan: ProviderPlan;
  readonly quota?: QuotaUsage;
  readonly before: ServiceDistributions;
}

export interface Prepared<Target extends PlannedTarget = PublishTarget> {
  /** The policy, narrowed to the services `--service` selected (the splits cover them all). */
  readonly policy: Policy;
  /** The services `--service` selected; absent when every service is published. */
  readonly services?: readonly string[];
  /** The latency file read (`--latency FILE` or the policy's) and the SHA-256 of what was read. */
  readonly latency?: { readonly file: string; readonly sha256: string; readonly from?: 'policy' };
  readonly policyFile: string;
  readonly policySha256: string;
  readonly splits: Splits;
  readonly targets: readonly Target[];
  readonly unreachable: readonly UnreachableTarget[];
}

/** How the commands' adapters reach their backends. */
export function adapterOptions(
  io: CliIo,
  flags: { readonly stateDir?: string; readonly sendCredentialsToEndpoint?: boolean },
): AdapterOptions {
  retryWaitBound(io.env);
  return {
    mockStateDir: mockStateDir(io, flags.stateDir),
    env: io.env,
    sendCredentialsToEndpoint: flags.sendCredentialsToEndpoint === true,
    // The lines apply's plain progress writes, on stderr: JSON on stdout stays clean. While apply's
    // live view holds the terminal, the view shows them (io/wait-route.ts).
    onWait: (e) => {
      const view = routedWaits<typeof e>(io.stderr);
      if (view !== undefined) view(e);
      else io.stderr.write(`  ${e.provider}: waiting ${Math.round(e.ms)} ms (${e.reason})\n`);
    },
  };
}

/** The providers the policy publishes to (optionally narrowed by --provider). */
export function publishingProviders(policy: Policy, only: readonly string[] | undefined): Provider[] {
  const ids = policy.providers.map((p) => p.id);
  const unknown = (only ?? []).find((id) => !ids.includes(id));
  if (unknown !== undefined) {
    throw new TrafficportError('USAGE.UNKNOWN_NAME', `--provider: the policy has no provider '${unknown}'`, {
      hint: didYouMean(unknown, ids) ?? `known: ${ids.join(', ')}`,
    });
  }
  const used = new Set(policy.services.flatMap((s) => s.publish));
  return policy.providers.filter(
    (p) => used.has(p.id) && (only === undefined || only.length === 0 || only.includes(p.id)),
  );
}

export function servicesOf(policy: Policy, provider: Provider): string[] {
  return policy.services.filter((s) => s.publish.includes(provider.id)).map((s) => s.name);
}

/** Solve, render, read every provider (one per type at a time) and diff: all that `apply` needs. */
export function preparePublish(file: string, flags: PublishFlags, io: CliIo): Promise<Prepared> {
  return prepare(file, flags, io, (target) => target);
}

/**
 * The same for `plan`, which keeps only each provider's plan: a provider's desired and live
 * states (two copies of its records where they differ) can go as soon as its plan is built.
 */
export function preparePlan(
  file: string,
  flags: PublishFlags,
  io: CliIo,
  lastApplied?: ReadonlyMap<string, readonly Resource[]>,
): Promise<Prepared<PlannedTarget>> {
  return prepare(
    file,
    flags,
    io,
    ({ provider, plan, quota, before }) => ({ provider, plan, before, ...(quota ? { quota } : {}) }),
    lastApplied,
  );
}

async function prepare<Target extends PlannedTarget>(
  file: string,
  flags: PublishFlags,
  io: CliIo,
  keep: (target: PublishTarget) => Target,
  lastApplied?: ReadonlyMap<string, readonly Resource[]>,
): Promise<Prepared<Target>> {
  const inputs = await loadSolveInputs(file, flags, io, providerHealthReader(io, flags));
  const options = adapterOptions(io, flags);
  // Solved on the whole policy; published, read and compared for the selected services only.
  const policy = selectServices(inputs.policy, flags.service);
  const providers = publishingProviders(policy, flags.provider);
  // Held to the end of the command (render, moves, ramping, the view): only what those read.
  // Stable re-plans: among optimal splits, the one closest to what is published now.
  const { splits, first } = await settleSplits(inputs, policy, providers, options, 'publish');
  const settled = await inLanes(providers, async (provider) => {
    const target = await prepareProvider(policy, splits, provider, options, {
      ...(provider === first?.provider ? { already: first } : {}),
      ...(lastApplied?.has(provider.id) ? { lastApplied: lastApplied.get(provider.id)! } : {}),
    });
    return 'error' in target ? target : keep(target);
  });
  return {
    policy,
    ...(policy === inputs.policy ? {} : { services: policy.services.map((s) => s.name) }),
    ...(inputs.latency === undefined ? {} : { latency: inputs.latency }),
    policyFile: file,
    policySha256: sha256(inputs.policyText),
    splits,
    targets: withQuotas(settled.filter((t): t is Target => !('error' in t))),
    unreachable: settled.filter((t): t is UnreachableTarget => 'error' in t),
  };
}

/**
 * Counts the quotas providers share (Azure: profiles per subscription) across the whole plan,
 * refuses a plan that needs more than one allows, and tells each provider's plan the count.
 */
function withQuotas<Target extends PlannedTarget>(targets: readonly Target[]): Target[] {
  const counts = countQuotas(targets.flatMap((t) => (t.quota === undefined ? [] : [t.quota])));
  checkQuotas(counts);
  return targets.map((target) => {
    const count = target.quota && counts.find((c) => c.scope === target.quota!.scope);
    if (count === undefined) return target;
    const quota = {
      scope: count.scope,
      limit: count.limit,
      total: count.total,
      provider: count.byProvider[target.provider.id] ?? 0,
    };
    return { ...target, plan: { ...target.plan, quota } };
  });
}

/** Render, read and diff one provider; a provider that cannot be read is unreachable, not fatal. */
async function prepareProvider(
  policy: Policy,
  splits: Splits,
  provider: Provider,
  options: AdapterOptions,
  { already, lastApplied }: { already?: PublishedRead; lastApplied?: readonly Resource[] } = {},
): Promise<PublishTarget | UnreachableTarget> {
  const kit = already?.kit ?? (await loadProviderKit(provider.type));
  const adapter = already?.adapter ?? (await kit.createAdapter(provider, options));
  let geoList: GeoList;
  try {
    if (already !== undefined && 'error' in already && already.geoList === undefined) throw already.error;
    geoList = already?.geoList ?? (await adapter.geoList());
  } catch (error) {
    if (!isTrafficportError(error)) throw error;
    // Kept for the journal only: rendered against the provider's documented list, as nothing
    // better is known while it cannot be reached. Its fallbacks are sovereignty-checked like any
    // render's, and a code the real list lacks is refused by the provider, so a later resume
    // writes nothing that crosses a rule.
    return { provider, adapter, desired: kit.render({ policy, splits, provider }), error };
  }
  const rendered =
    already !== undefined && 'rendered' in already && already.rendered.splits === splits
      ? already.rendered.desired
      : kit.render({ policy, splits, provider, geoList });
  if (already !== undefined && 'error' in already)
    return { provider, adapter, desired: rendered, error: already.error };
  const reuse = reuseResources(rendered.resources);
  let read: LiveState;
  try {
    // The first provider was read already, for the reference the splits stay close to.
    read =
      already !== undefined && 'live' in already
        ? already.live
        : await adapter.read(servicesOf(policy, provider), { reuse });
  } catch (error) {
    if (!isTrafficportError(error)) throw error;
    return { provider, adapter, desired: rendered, error };
  }
  // Adapters may ignore `reuse`; sharing again costs a comparison of objects already shared.
  const live = shareUnchanged(read, reuse);
  const services = servicesOf(policy, provider);
  // A first publish (nothing live) has nothing to keep.
  const desired =
    sameResources(live.resources, rendered.resources) || live.resources.length === 0
      ? rendered
      : (keepPublished({ kit, policy, provider, geoList, services, splits, desired: rendered, live }) ?? rendered);
  const after = kit.evaluate(desired.resources, policy, provider, geoList);
  // Nothing to change (every live resource is its desired one): resolvers get the same answers.
  const before = sameResources(live.resources, desired.resources)
    ? after
    : kit.evaluate(live.resources, policy, provider, geoList);
  const plan = buildProviderPlan({
    desired,
    live,
    before,
    after,
    splits,
    ...(lastApplied === undefined ? {} : { lastApplied }),
  });
  kit.preflight?.(provider, plan.changes, live, await recordQuotaFor(adapter, plan.changes));
  const quota = kit.quotaUsage?.(provider, desired, live);
  return {
    provider,
    kit,
    adapter,
    geoList,
    desired,
    live,
    plan,
    before,
    ...(quota === undefined ? {} : { quota }),
  };
}

/**
 * The zone's record quota, read only when the changes would grow the zone (the one case the
 * provider refuses): a plan that adds nothing costs no extra call.
 */
async function recordQuotaFor(adapter: ProviderAdapter, changes: ProviderPlan['changes']): Promise<PreflightContext> {
  if (adapter.recordQuota === undefined) return {};
  const growth = changes.reduce((sum, c) => sum + (c.action === 'create' ? 1 : c.action === 'delete' ? -1 : 0), 0);
  return growth > 0 ? { recordQuota: await adapter.recordQuota() } : {};
}

/**
 * `task` for every provider, results in the providers' order: one lane per provider type, the
 * lanes side by side, each lane one provider after another. Providers of a type usually share a
 * rate limit (a Route 53 account, an Azure subscription), so reading them together saves little,
 * while each provider's read and evaluation are held in memory only while it is prepared: one
 * at a time keeps that part of the peak to one provider's. The first failure is the result and
 * starts nothing more; a task already running finishes unobserved, as under Promise.all.
 */
async function inLanes<R>(providers: readonly Provider[], task: (provider: Provider) => Promise<R>): Promise<R[]> {
  const results = new Map<Provider, R>();
  let failed = false;
  const lane = async (members: readonly Provider[]): Promise<void> => {
    for (const provider of members) {
      if (failed) return;
      try {
        results.set(provider, await task(provider));
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const types = [...new Set(providers.map((provider) => provider.type))];
  await Promise.all(types.map((type) => lane(providers.filter((provider) => provider.type === type))));
  return providers.map((provider) => results.get(provider)!);
}

/** Plans need every provider: the first one that could not be read fails the command. */
export function requireReachable(prepared: Prepared<PlannedTarget>): void {
  const [first] = prepared.unreachable;
  if (first !== undefined) {
    throw new TrafficportError(first.error.code, `${first.provider.id}: ${first.error.message}`, {
      ...(first.error.hint === undefined ? {} : { hint: first.error.hint }),
    });
  }
}

export function planDocument(
  prepared: Prepared<PlannedTarget>,
  limits: SafetyLimits,
  now: number,
  ramp?: RampEstimate,
): PlanDocument {
  const providers = prepared.targets.map((t) => t.plan);
  return {
    version: 1,
    kind: 'trafficport-plan',
    createdAt: formatInstant(now),
    at: prepared.splits.at,
    policy: { file: prepared.policyFile, sha256: prepared.policySha256 },
    overrides: prepared.splits.overrides,
    ...(prepared.latency === undefined ? {} : { latency: prepared.latency }),
    ...(prepared.services === undefined ? {} : { services: prepared.services }),
    ...(prepared.splits.nextChangeAt === undefined ? {} : { nextChangeAt: prepared.splits.nextChangeAt }),
    providers,
    // Listed when read (shown, written out), not held: at 10,000 services the list is over a
    // million objects, which an apply would otherwise keep through publishing and verifying.
    get shortfalls() {
      return listShortfalls(prepared.splits, providers);
    },
    safety: checkSafety(providers, limits, trafficSteps(prepared, limits, ramp)),
    ...(ramp === undefined ? {} : { ramp }),
  };
}

import type { CliIo } from '../cli/io.js';
import { mockStateDir } from '../cli/state-dir.js';
import { isTrafficportError, TrafficportError } from '../errors.js';
import { buildProviderPlan } from '../plan/build.js';
import { sha256 } from '../plan/fingerprint.js';
import { checkSafety } from '../plan/safety.js';
import type { PlanDocument, ProviderPlan, SafetyLimits } from '../plan/types.js';
import { formatInstant } from '../policy/time.js';
import type { Policy, Provider } from '../policy/types.js';
import { loadProviderKit, type ProviderKit } from '../providers/registry.js';
import type { LiveState, ProviderAdapter } from '../providers/types.js';
import type { DesiredState } from '../render/types.js';
import { solve } from '../solve/solve.js';
import type { SplitPlan } from '../solve/types.js';
import { loadSolveInputs, type SolveFlags } from './solve-inputs.js';

export interface PublishFlags extends SolveFlags {
  readonly stateDir?: string;
  readonly provider?: readonly string[];
}

/** One provider ready to publish: its kit, adapter, desired and live states, and the plan. */
export interface PublishTarget {
  readonly provider: Provider;
  readonly kit: ProviderKit;
  readonly adapter: ProviderAdapter;
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly plan: ProviderPlan;
}

/** A provider that could not be read: nothing can be planned or changed there right now. */
export interface UnreachableTarget {
  readonly provider: Provider;
  readonly adapter: ProviderAdapter;
  readonly desired: DesiredState;
  readonly error: TrafficportError;
}

export interface Prepared {
  readonly policy: Policy;
  readonly policyFile: string;
  readonly policySha256: string;
  readonly split: SplitPlan;
  readonly targets: readonly PublishTarget[];
  readonly unreachable: readonly UnreachableTarget[];
}

/** The providers the policy publishes to (optionally narrowed by --provider). */
export function publishingProviders(policy: Policy, only: readonly string[] | undefined): Provider[] {
  const used = new Set(policy.services.flatMap((s) => s.publish));
  return policy.providers.filter(
    (p) => used.has(p.id) && (only === undefined || only.length === 0 || only.includes(p.id)),
  );
}

export function servicesOf(policy: Policy, provider: Provider): string[] {
  return policy.services.filter((s) => s.publish.includes(provider.id)).map((s) => s.name);
}

/** Solve, render, read every provider (in parallel) and diff: everything `plan` shows. */
export async function preparePublish(file: string, flags: PublishFlags, io: CliIo): Promise<Prepared> {
  const inputs = await loadSolveInputs(file, flags, io);
  const split = solve(inputs.policy, inputs.at, inputs.options);
  const options = { mockStateDir: mockStateDir(io, flags.stateDir), env: io.env };
  const settled = await Promise.all(
    publishingProviders(inputs.policy, flags.provider).map(
      async (provider): Promise<PublishTarget | UnreachableTarget> => {
        const kit = await loadProviderKit(provider.type);
        const desired = kit.render({ policy: inputs.policy, plan: split, provider });
        const adapter = await kit.createAdapter(provider, options);
        let live: LiveState;
        try {
          live = await adapter.read(servicesOf(inputs.policy, provider));
        } catch (error) {
          if (!isTrafficportError(error)) throw error;
          return { provider, adapter, desired, error };
        }
        const plan = buildProviderPlan({
          desired,
          live,
          before: kit.evaluate(live.resources, inputs.policy, provider),
          after: kit.evaluate(desired.resources, inputs.policy, provider),
          split,
        });
        return { provider, kit, adapter, desired, live, plan };
      },
    ),
  );
  const targets = settled.filter((t): t is PublishTarget => !('error' in t));
  const unreachable = settled.filter((t): t is UnreachableTarget => 'error' in t);
  return {
    policy: inputs.policy,
    policyFile: file,
    policySha256: sha256(inputs.policyText),
    split,
    targets,
    unreachable,
  };
}

/** Plans need every provider: the first one that could not be read fails the command. */
export function requireReachable(prepared: Prepared): void {
  const [first] = prepared.unreachable;
  if (first !== undefined) {
    throw new TrafficportError(first.error.code, `${first.provider.id}: ${first.error.message}`, {
      ...(first.error.hint === undefined ? {} : { hint: first.error.hint }),
    });
  }
}

export function planDocument(prepared: Prepared, limits: SafetyLimits, now: number): PlanDocument {
  const providers = prepared.targets.map((t) => t.plan);
  return {
    version: 1,
    kind: 'trafficport-plan',
    createdAt: formatInstant(now),
    at: prepared.split.at,
    policy: { file: prepared.policyFile, sha256: prepared.policySha256 },
    overrides: prepared.split.overrides,
    ...(prepared.split.nextChangeAt === undefined ? {} : { nextChangeAt: prepared.split.nextChangeAt }),
    providers,
    safety: checkSafety(providers, limits),
  };
}

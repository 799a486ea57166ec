import type { Journal } from '../apply/journal.js';
import { summarizeGeoList } from '../geo/provider-lists/geo-list.js';
import { loadSolveInputs } from '../inputs/solve-inputs.js';
import type { CliIo } from '../io/io.js';
import { buildProviderPlan } from '../plan/build.js';
import { checkSafety } from '../plan/safety.js';
import type { PlanDocument, ProviderPlan, SafetyLimits } from '../plan/types.js';
import { formatInstant } from '../policy/time.js';
import { loadProviderKit } from '../providers/registry.js';
import type { DesiredState } from '../render/types.js';
import { solve } from '../solve/solve.js';
import type { Splits } from '../solve/types.js';
import type { ZoneLeases } from './lock.js';
import { adapterOptions, servicesOf } from './prepare.js';

/**
 * What a rollback will do, as a plan like apply's: per provider, the changes from the records live
 * now to the ones its journal restores, what they do to traffic (demand from the policy at the
 * undone apply's moment), and the safety figures against the command's limits. Read under the
 * rollback's leases.
 */
export async function planRestore(
  journal: Journal,
  policyFile: string,
  flags: { readonly stateDir?: string; readonly sendCredentialsToEndpoint?: boolean },
  io: CliIo,
  leases: ZoneLeases,
  limits: SafetyLimits,
): Promise<{ readonly plan: PlanDocument; readonly splits: Splits }> {
  const inputs = await loadSolveInputs(policyFile, { at: journal.planAt }, io);
  const { policy } = inputs;
  const splits = solve(policy, inputs.at, { ...inputs.options, detail: 'publish' });
  const options = adapterOptions(io, flags);
  const providers: ProviderPlan[] = [];
  for (const [id, entry] of Object.entries(journal.providers)) {
    const provider = policy.providers.find((p) => p.id === id);
    if (provider === undefined) continue; // runRecovery refuses it, naming the provider
    const kit = await loadProviderKit(provider.type);
    const adapter = leases.guard(await kit.createAdapter(provider, options));
    const geoList = await adapter.geoList();
    const live = await adapter.read(servicesOf(policy, provider));
    const restore = entry.steps[0] ?? [];
    const desired: DesiredState = {
      provider: id,
      providerType: provider.type,
      zone: provider.zone,
      resources: restore,
      published: [],
      degradations: [],
      stats: [],
      geography: summarizeGeoList(geoList),
      fallbacks: [],
    };
    providers.push(
      buildProviderPlan({
        desired,
        live,
        before: kit.evaluate(live.resources, policy, provider, geoList),
        after: kit.evaluate(restore, policy, provider, geoList),
        splits,
      }),
    );
  }
  const plan: PlanDocument = {
    version: 1,
    kind: 'trafficport-plan',
    createdAt: formatInstant(io.now()),
    at: journal.planAt,
    policy: { file: policyFile, sha256: journal.policySha256 },
    overrides: splits.overrides,
    providers,
    shortfalls: [],
    safety: checkSafety(providers, limits),
  };
  return { plan, splits };
}

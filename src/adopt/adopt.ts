import { isTrafficportError, TrafficportError } from '../errors.js';
import { loadPolicyFile } from '../inputs/policy-file.js';
import type { CliIo } from '../io/io.js';
import { stateDir } from '../io/state-dir.js';
import { formatInstant } from '../policy/time.js';
import type { Policy, Provider } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import { findForeignConflicts, foreignConflictError } from '../providers/route53/conflicts.js';
import type { ProviderAdapter, ProviderKit } from '../providers/types.js';
import { adapterOptions } from '../publish/prepare.js';
import { type LockFlags, lockProviders } from '../publish/zone-leases.js';
import { solve } from '../solve/solve.js';
import type { Splits } from '../solve/types.js';
import { planAzureAdoption } from './azure-plan.js';
import { type AdoptJournal, adoptDir, saveAdoptJournal } from './journal.js';
import { type AdoptProviderPlan, planAdoption } from './plan.js';
import { runAdoptJournal } from './recover.js';

export interface AdoptFlags extends LockFlags {
  readonly stateDir?: string;
  readonly sendCredentialsToEndpoint?: boolean;
}

export interface PreparedAdoption {
  readonly policy: Policy;
  readonly service: string;
  readonly at: string;
  readonly targets: readonly { readonly plan: AdoptProviderPlan; readonly adapter: ProviderAdapter }[];
}

/**
 * Reads every provider that publishes the service and plans the takeover (adopt/plan.ts for
 * Route 53, adopt/azure-plan.ts for Azure). Records of other tools that the new layout would
 * still collide with are refused as in apply (PROVIDER.FOREIGN_RECORD).
 */
export async function prepareAdoption(
  file: string,
  name: string,
  flags: AdoptFlags,
  io: CliIo,
): Promise<PreparedAdoption> {
  const { policy } = await loadPolicyFile(file, io);
  const service = policy.services.find((s) => s.name === name.toLowerCase().replace(/\.$/, ''));
  if (service === undefined) {
    throw new TrafficportError('USAGE.UNKNOWN_SERVICE', `--service: ${file} has no service '${name}'`, {
      hint: `run \`trafficport import ${file} --service ${name}\` first, or name one of: ${policy.services.map((s) => s.name).join(', ')}`,
    });
  }
  const providers = policy.providers.filter((p) => service.publish.includes(p.id));
  const now = io.now();
  const splits = solve(policy, now, { detail: 'publish' });
  const options = adapterOptions(io, flags);
  const targets = await Promise.all(
    providers.map(async (provider) => {
      const kit = await loadProviderKit(provider.type);
      const adapter = await kit.createAdapter(provider, options);
      const input = { policy, splits, provider, kit, service: service.name };
      const plan = provider.type === 'azure' ? await planAzure(input, adapter) : await planRoute53(input, adapter);
      return { plan, adapter };
    }),
  );
  if (targets.every((t) => t.plan.replaced.length === 0)) {
    throw new TrafficportError('ADOPT.NOTHING_TO_ADOPT', `no foreign records at ${service.name}`);
  }
  return { policy, service: service.name, at: formatInstant(now), targets };
}

interface PlanInput {
  readonly policy: Policy;
  readonly splits: Splits;
  readonly provider: Provider;
  readonly kit: ProviderKit;
  readonly service: string;
}

async function planRoute53(input: PlanInput, adapter: ProviderAdapter): Promise<AdoptProviderPlan> {
  const [geoList, live] = await Promise.all([adapter.geoList(), adapter.read([input.service])]);
  const plan = planAdoption({ ...input, geoList, live });
  const replaced = new Set(plan.replaced.map((r) => `${r.name}|${r.type}|${r.setIdentifier ?? ''}`));
  const remaining = live.foreign.filter((f) => !replaced.has(`${f.name}|${f.type}|${f.setIdentifier ?? ''}`));
  const conflicts = findForeignConflicts(plan.changes, remaining);
  if (conflicts.length > 0) throw foreignConflictError(conflicts);
  return plan;
}

/**
 * Azure: the whole zone's record sets and the profile group's profiles (what else uses a foreign
 * profile), and the owned read, against which the profiles to create are preflighted as apply
 * would. A service whose record set trafficport owns already has nothing to adopt here.
 */
async function planAzure(input: PlanInput, adapter: ProviderAdapter): Promise<AdoptProviderPlan> {
  const provider = input.provider;
  if (provider.type !== 'azure' || adapter.readPublished === undefined) throw new Error('planAzure: not Azure');
  const [geoList, published, live] = await Promise.all([
    adapter.geoList(),
    adapter.readPublished('zone'),
    adapter.read([input.service]),
  ]);
  let plan: AdoptProviderPlan;
  try {
    plan = planAzureAdoption({ ...input, provider, geoList, published });
  } catch (error) {
    if (!(error instanceof TrafficportError) || error.code !== 'ADOPT.NOTHING_TO_ADOPT') throw error;
    const none = { replaced: [], created: [], moves: [], maxMovedPercent: 0, remove: [], changes: [], desired: [] };
    return { provider: provider.id, ...none };
  }
  input.kit.preflight?.(
    provider,
    plan.changes.filter((c) => c.action === 'create'),
    live,
  );
  return plan;
}

/**
 * Replaces the foreign records at every provider, journaled, holding the zone leases: one atomic
 * request at Route 53, the ordered hand-over at Azure (an interruption is finished by
 * `apply --resume`, or undone by `rollback`).
 */
export async function applyAdoption(
  prepared: PreparedAdoption,
  flags: AdoptFlags,
  io: CliIo,
  file: string,
): Promise<AdoptJournal> {
  const startedAt = formatInstant(io.now());
  const journal: AdoptJournal = {
    version: 1,
    kind: 'trafficport-adopt',
    id: `${startedAt.replace(/[:.]/g, '')}-${prepared.service}`,
    startedAt,
    service: prepared.service,
    status: 'in-progress',
    providers: Object.fromEntries(
      prepared.targets
        .filter(({ plan }) => plan.replaced.length > 0)
        .map(({ plan }) => [
          plan.provider,
          {
            removed: plan.remove,
            created: plan.desired,
            ...(plan.handOver === undefined ? {} : { handOver: plan.handOver }),
            status: 'pending' as const,
          },
        ]),
    ),
  };
  const dir = adoptDir(stateDir(io, flags.stateDir));
  const providers = prepared.policy.providers.filter((p) => journal.providers[p.id] !== undefined);
  const leases = await lockProviders(providers, flags, io, 'adopt');
  try {
    await saveAdoptJournal(dir, journal);
    const targets = prepared.targets.filter(({ plan }) => journal.providers[plan.provider] !== undefined);
    await runAdoptJournal(
      journal,
      dir,
      targets.map(({ plan, adapter }) => ({
        id: plan.provider,
        adapter: leases.guard(adapter),
        changes: plan.changes,
      })),
    ).catch((error: unknown) => {
      throw interrupted(error, prepared.service, file);
    });
  } finally {
    await leases.release();
  }
  return journal;
}

/** A failed adoption is journaled: the error says how to finish it or give the records back. */
function interrupted(error: unknown, service: string, file: string): unknown {
  if (!isTrafficportError(error)) return error;
  return new TrafficportError(error.code, error.message, {
    hint: `the adoption of ${service} stopped part way (journaled): \`trafficport apply --resume ${file}\` finishes it, \`trafficport rollback ${file}\` gives the records back${error.hint === undefined ? '' : `; ${error.hint}`}`,
    cause: error,
  });
}

import { TrafficportError } from '../errors.js';
import { loadPolicyFile } from '../inputs/policy-file.js';
import type { CliIo } from '../io/io.js';
import { journalDir, stateDir } from '../io/state-dir.js';
import { diffResources } from '../plan/diff.js';
import { formatInstant } from '../policy/time.js';
import type { Policy } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import { findForeignConflicts, foreignConflictError } from '../providers/route53/conflicts.js';
import type { ProviderAdapter } from '../providers/types.js';
import { adapterOptions } from '../publish/prepare.js';
import type { Route53RecordSet } from '../render/route53-body.js';
import { route53Name } from '../render/route53-names.js';
import { solve } from '../solve/solve.js';
import { type AdoptJournal, adoptDir, latestAdoption, latestApplyStart, saveAdoptJournal } from './journal.js';
import { type AdoptProviderPlan, planAdoption } from './plan.js';

export interface AdoptFlags {
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
 * Reads every provider that publishes the service and plans the takeover (adopt/plan.ts). Only
 * Route 53 can replace records atomically today; an Azure provider is refused (ADOPT.UNSUPPORTED)
 * before anything is read. Records of other tools that the new layout would still collide with
 * are refused as in apply (PROVIDER.FOREIGN_RECORD).
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
  const unsupported = providers.find((p) => p.type !== 'route53');
  if (unsupported !== undefined) {
    throw new TrafficportError(
      'ADOPT.UNSUPPORTED',
      `adopt replaces Route 53 records only; ${service.name} is also published through ${unsupported.id} (${unsupported.type})`,
      { hint: 'remove the foreign Azure record set and Traffic Manager profiles by hand, then plan and apply' },
    );
  }
  const now = io.now();
  const split = solve(policy, now, { detail: 'publish' });
  const options = adapterOptions(io, flags);
  const targets = await Promise.all(
    providers.map(async (provider) => {
      const kit = await loadProviderKit(provider.type);
      const adapter = await kit.createAdapter(provider, options);
      const [geoList, live] = await Promise.all([adapter.geoList(), adapter.read([service.name])]);
      const plan = planAdoption({ policy, splits: split, provider, kit, geoList, live, service: service.name });
      const replaced = new Set(plan.replaced.map((r) => `${r.name}|${r.type}|${r.setIdentifier ?? ''}`));
      const remaining = live.foreign.filter((f) => !replaced.has(`${f.name}|${f.type}|${f.setIdentifier ?? ''}`));
      const conflicts = findForeignConflicts(plan.changes, remaining);
      if (conflicts.length > 0) throw foreignConflictError(conflicts);
      return { plan, adapter };
    }),
  );
  if (targets.every((t) => t.plan.replaced.length === 0)) {
    throw new TrafficportError('ADOPT.NOTHING_TO_ADOPT', `no foreign records at ${service.name}`);
  }
  return { policy, service: service.name, at: formatInstant(now), targets };
}

/** Replaces the foreign records at every provider, journaled (one atomic request per provider). */
export async function applyAdoption(prepared: PreparedAdoption, flags: AdoptFlags, io: CliIo): Promise<AdoptJournal> {
  const startedAt = formatInstant(io.now());
  const journal: AdoptJournal = {
    version: 1,
    kind: 'trafficport-adopt',
    id: `${startedAt.replace(/[:.]/g, '')}-${prepared.service}`,
    startedAt,
    service: prepared.service,
    status: 'in-progress',
    providers: Object.fromEntries(
      prepared.targets.map(({ plan }) => [plan.provider, { removed: plan.remove, created: plan.desired }]),
    ),
  };
  const dir = adoptDir(stateDir(io, flags.stateDir));
  await saveAdoptJournal(dir, journal);
  try {
    for (const { plan, adapter } of prepared.targets) {
      if (adapter.swap === undefined)
        throw new TrafficportError('ADOPT.UNSUPPORTED', `${plan.provider} cannot swap records`);
      await adapter.swap(plan.remove, plan.changes, []);
    }
  } catch (error) {
    journal.status = 'failed';
    await saveAdoptJournal(dir, journal);
    throw error;
  }
  journal.status = 'done';
  await saveAdoptJournal(dir, journal);
  return journal;
}

/**
 * The adoption `rollback` should undo: the newest adopt journal, when it finished and no apply
 * started after it (then `rollback` undoes that apply, as always).
 */
export async function adoptionToRollBack(io: CliIo, flags: AdoptFlags): Promise<AdoptJournal | undefined> {
  const journal = await latestAdoption(adoptDir(stateDir(io, flags.stateDir)));
  if (journal === undefined) return undefined;
  const applied = await latestApplyStart(journalDir(io, flags.stateDir));
  return applied !== undefined && applied > journal.startedAt ? undefined : journal;
}

/**
 * Gives the records back: per provider, one atomic request deletes what trafficport owns at the
 * service now and recreates the foreign sets exactly as they were read (targets before aliases).
 */
export async function rollbackAdoption(
  journal: AdoptJournal,
  file: string,
  flags: AdoptFlags,
  io: CliIo,
): Promise<{ readonly providers: readonly string[]; readonly restored: number }> {
  const { policy } = await loadPolicyFile(file, io);
  const options = adapterOptions(io, flags);
  const name = route53Name(journal.service);
  let restored = 0;
  for (const [id, entry] of Object.entries(journal.providers)) {
    const provider = policy.providers.find((p) => p.id === id);
    if (provider === undefined) {
      throw new TrafficportError(
        'APPLY.UNKNOWN_PROVIDER',
        `the adopt journal names provider '${id}', which ${file} does not define`,
      );
    }
    const kit = await loadProviderKit(provider.type);
    const adapter = await kit.createAdapter(provider, options);
    const live = await adapter.read([journal.service]);
    const owned = live.resources.filter((r) => {
      const set = r.body as unknown as Route53RecordSet;
      return set.Name === name || set.Name.endsWith(`.${name}`);
    });
    if (adapter.swap === undefined) throw new TrafficportError('ADOPT.UNSUPPORTED', `${id} cannot swap records`);
    await adapter.swap([], diffResources([], owned), [...entry.removed].reverse());
    restored += entry.removed.length;
  }
  journal.status = 'rolled-back';
  await saveAdoptJournal(adoptDir(stateDir(io, flags.stateDir)), journal);
  return { providers: Object.keys(journal.providers), restored };
}

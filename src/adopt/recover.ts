import { isTrafficportError, TrafficportError } from '../errors.js';
import { loadPolicyFile } from '../inputs/policy-file.js';
import type { CliIo } from '../io/io.js';
import { journalDir, stateDir } from '../io/state-dir.js';
import { type Change, diffResources } from '../plan/diff.js';
import { loadProviderKit } from '../providers/registry.js';
import type { ProviderAdapter } from '../providers/types.js';
import { adapterOptions } from '../publish/prepare.js';
import { type LockFlags, lockProviders } from '../publish/zone-leases.js';
import type { Route53RecordSet } from '../render/route53-body.js';
import { route53Name } from '../render/route53-names.js';
import type { JsonValue, Resource } from '../render/types.js';
import {
  type AdoptJournal,
  type AdoptProviderEntry,
  adoptDir,
  latestAdoption,
  latestApplyStart,
  saveAdoptJournal,
} from './journal.js';

/**
 * Finishing and undoing adoptions. Each provider's part is recorded in the adopt journal before it
 * starts and marked done when it ends, so an interrupted adoption is finished by `apply --resume`
 * (providers not done yet: Azure's hand-over converges from where it stopped; Route 53's single
 * request either landed or did not) and given back by `rollback` from any point.
 */

export interface AdoptRun {
  readonly id: string;
  readonly adapter: ProviderAdapter;
  /** Route 53: the owned changes of the request (the journal's `created` against what is live). */
  readonly changes?: readonly Change[];
}

/** Drives every provider of the journal that is not done, saving the journal around each one. */
export async function runAdoptJournal(journal: AdoptJournal, dir: string, runs: readonly AdoptRun[]): Promise<void> {
  journal.status = 'in-progress';
  await saveAdoptJournal(dir, journal);
  let failure: unknown;
  for (const run of runs) {
    const entry = journal.providers[run.id];
    if (entry === undefined || entry.status === 'done') continue;
    try {
      await takeOver(journal.service, entry, run);
      entry.status = 'done';
      delete entry.error;
    } catch (error) {
      entry.status = 'failed';
      entry.error = {
        code: isTrafficportError(error) ? error.code : 'PROVIDER.UNEXPECTED',
        message: (error as Error).message,
      };
      failure ??= error;
    }
    await saveAdoptJournal(dir, journal);
  }
  journal.status = failure === undefined ? 'done' : 'failed';
  await saveAdoptJournal(dir, journal);
  if (failure !== undefined) throw failure;
}

async function takeOver(service: string, entry: AdoptProviderEntry, run: AdoptRun): Promise<void> {
  const { adapter } = run;
  if (entry.handOver !== undefined) {
    if (adapter.handOver === undefined) throw new TrafficportError('ADOPT.UNSUPPORTED', `${run.id} cannot hand over`);
    await adapter.handOver(entry.handOver, 'take');
    return;
  }
  if (adapter.swap === undefined) throw new TrafficportError('ADOPT.UNSUPPORTED', `${run.id} cannot swap records`);
  if (run.changes !== undefined) {
    await adapter.swap(entry.removed, run.changes, []);
    return;
  }
  // Resuming a Route 53 request that may have landed: what is live says which.
  const live = await adapter.read([service]);
  const present = route53Present(
    entry.removed,
    live.foreign.map((f) => f.body),
  );
  if (present.length === 0) return;
  if (present.length !== entry.removed.length) {
    throw new TrafficportError(
      'PROVIDER.CONFLICT',
      `${run.id}: only ${present.length} of the ${entry.removed.length} foreign record sets of ${service} are still there; someone else changed them`,
      { hint: 'look at the records, then `trafficport rollback` or adopt again' },
    );
  }
  await adapter.swap(entry.removed, diffResources(entry.created, ownedAt(live.resources, service)), []);
}

/** The newest adoption left unfinished (in-progress or failed), if it is the newest adoption. */
export async function unfinishedAdoption(io: CliIo, flags: { readonly stateDir?: string }) {
  const journal = await latestAdoption(adoptDir(stateDir(io, flags.stateDir)));
  return journal !== undefined && journal.status !== 'done' ? journal : undefined;
}

/** `apply --resume` of an interrupted adoption: the providers not done, under the zone leases. */
export async function resumeAdoption(
  journal: AdoptJournal,
  file: string,
  flags: LockFlags,
  io: CliIo,
): Promise<readonly string[]> {
  const { policy } = await loadPolicyFile(file, io);
  const ids = Object.keys(journal.providers).filter((id) => journal.providers[id]?.status !== 'done');
  const providers = ids.map((id) => providerOf(policy.providers, id, file));
  const leases = await lockProviders(providers, flags, io, 'adopt--resume');
  try {
    const options = adapterOptions(io, flags);
    const runs = await Promise.all(
      providers.map(async (provider) => ({
        id: provider.id,
        adapter: leases.guard(await (await loadProviderKit(provider.type)).createAdapter(provider, options)),
      })),
    );
    await runAdoptJournal(journal, adoptDir(stateDir(io, flags.stateDir)), runs);
  } finally {
    await leases.release();
  }
  return ids;
}

/**
 * The adoption `rollback` should undo: the newest adopt journal not given back yet, finished or
 * interrupted, when no apply started after it (then `rollback` undoes that apply, as always).
 */
export async function adoptionToRollBack(io: CliIo, flags: AdoptDirFlags): Promise<AdoptJournal | undefined> {
  const journal = await latestAdoption(adoptDir(stateDir(io, flags.stateDir)));
  if (journal === undefined) return undefined;
  const applied = await latestApplyStart(journalDir(io, flags.stateDir));
  return applied !== undefined && applied > journal.startedAt ? undefined : journal;
}

interface AdoptDirFlags {
  readonly stateDir?: string;
}

/**
 * Gives the records back, under the zone leases. Route 53: one atomic request deletes what
 * trafficport owns at the service and recreates the foreign sets that are not there (all of them
 * after a finished adoption; none after one whose request never landed). Azure: the hand-over in
 * reverse (foreign profiles recreated children first, the record set switched back, trafficport's
 * profiles deleted), from whatever point the adoption reached.
 */
export async function rollbackAdoption(
  journal: AdoptJournal,
  file: string,
  flags: LockFlags,
  io: CliIo,
): Promise<{ readonly providers: readonly string[]; readonly restored: number }> {
  const { policy } = await loadPolicyFile(file, io);
  const options = adapterOptions(io, flags);
  const ids = Object.keys(journal.providers);
  const providers = ids.map((id) => providerOf(policy.providers, id, file));
  const leases = await lockProviders(providers, flags, io, 'rollback');
  let restored = 0;
  try {
    for (const provider of providers) {
      const entry = journal.providers[provider.id]!;
      const adapter = leases.guard(await (await loadProviderKit(provider.type)).createAdapter(provider, options));
      restored += await giveBack(journal.service, entry, adapter);
    }
  } finally {
    await leases.release();
  }
  journal.status = 'rolled-back';
  await saveAdoptJournal(adoptDir(stateDir(io, flags.stateDir)), journal);
  return { providers: ids, restored };
}

async function giveBack(service: string, entry: AdoptProviderEntry, adapter: ProviderAdapter): Promise<number> {
  if (entry.handOver !== undefined) {
    if (adapter.handOver === undefined)
      throw new TrafficportError('ADOPT.UNSUPPORTED', `${adapter.id} cannot hand over`);
    const report = await adapter.handOver(entry.handOver, 'give-back');
    return report.changes === 0 ? 0 : 1 + entry.handOver.remove.length;
  }
  if (adapter.swap === undefined) throw new TrafficportError('ADOPT.UNSUPPORTED', `${adapter.id} cannot swap records`);
  const live = await adapter.read([service]);
  const present = new Set(
    route53Present(
      entry.removed,
      live.foreign.map((f) => f.body),
    ).map(setKey),
  );
  const restore = [...entry.removed].reverse().filter((set) => !present.has(setKey(set)));
  const owned = ownedAt(live.resources, service);
  if (restore.length === 0 && owned.length === 0) return 0;
  await adapter.swap([], diffResources([], owned), restore);
  return restore.length;
}

function ownedAt(resources: readonly Resource[], service: string): Resource[] {
  const name = route53Name(service);
  return resources.filter((r) => {
    const set = r.body as unknown as Route53RecordSet;
    return set.Name === name || set.Name.endsWith(`.${name}`);
  });
}

/** The journaled Route 53 sets found live (same name, type and identifier). */
function route53Present(removed: readonly JsonValue[], live: readonly (JsonValue | undefined)[]): JsonValue[] {
  const keys = new Set(live.flatMap((body) => (body === undefined ? [] : [setKey(body)])));
  return removed.filter((set) => keys.has(setKey(set)));
}

function setKey(body: JsonValue): string {
  const set = body as unknown as Route53RecordSet;
  return `${set.Name}|${set.Type}|${set.SetIdentifier ?? ''}`;
}

function providerOf<P extends { readonly id: string }>(providers: readonly P[], id: string, file: string): P {
  const provider = providers.find((p) => p.id === id);
  if (provider === undefined) {
    throw new TrafficportError(
      'APPLY.UNKNOWN_PROVIDER',
      `the adopt journal names provider '${id}', which ${file} does not define`,
    );
  }
  return provider;
}

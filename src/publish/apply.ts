import { hostname } from 'node:os';
import type { Journal, JournalHolder, JournalStore } from '../apply/journal.js';
import { type ProviderOutcome, type ProviderRun, runJournal, type StepEvents } from '../apply/run.js';
import { TrafficportError } from '../errors.js';
import { formatInstant } from '../policy/time.js';
import { isDeadHere, runsInThisProcess } from './lock.js';
import { type Prepared, servicesOf } from './prepare.js';

/**
 * An unfinished apply in the state directory must be resumed or rolled back before a new one.
 * Two exceptions: one still running (its process alive) is said to be running, never
 * "interrupted" (a resume would be a second writer); and one that wrote nothing at all (it lost a
 * race, or its plan was stale) is archived as superseded, so it never blocks the directory.
 */
export async function refuseUnfinished(
  store: JournalStore,
  policyFile: string,
  { archive = true }: { readonly archive?: boolean } = {},
): Promise<string | undefined> {
  const pending = await store.load();
  if (pending === undefined || pending.status === 'done') return undefined;
  if (pending.holder !== undefined && isRunning(pending.holder)) {
    const { command, host, pid, since } = pending.holder;
    throw new TrafficportError(
      'APPLY.RUNNING',
      `${command} ${pending.id} is still running (pid ${pid} on ${host}, since ${formatInstant(since)})`,
      { hint: 'wait for it to finish; nothing was changed' },
    );
  }
  if (wroteNothing(pending)) {
    const superseded = { ...pending, status: 'superseded' as const };
    if (archive) {
      await store.save(superseded);
      await store.archive(superseded);
    }
    return `an earlier apply (${pending.id}) wrote nothing before it stopped; it was superseded`;
  }
  throw new TrafficportError('APPLY.INTERRUPTED', `an earlier apply (${pending.id}) did not finish`, {
    hint: `finish it with \`trafficport apply --resume ${policyFile}\` or undo it with \`trafficport rollback ${policyFile}\``,
  });
}

/** Whether the journal's run is a live process of this host other than this run. */
function isRunning(holder: JournalHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return runsInThisProcess.has(holder.run);
  return !isDeadHere({ ...holder, user: '', expires: 0 });
}

/**
 * Nothing of the journal reached a provider: every provider either never started, or stopped at
 * the check that comes before its first write (the fingerprint is cleared just before writing).
 */
export function wroteNothing(journal: Journal): boolean {
  return Object.values(journal.providers).every(
    (entry) => entry.stepsDone === 0 && (entry.status === 'pending' || entry.expectFingerprint !== undefined),
  );
}

/**
 * For `plan`: the warning that an apply of this plan would be refused because an earlier one did
 * not finish (or its journal cannot be read), with the ways on; undefined when all is clear.
 */
export async function unfinishedWarning(store: JournalStore, policyFile: string): Promise<string | undefined> {
  try {
    // plan only reads: a journal that wrote nothing is archived by the next apply, not here.
    await refuseUnfinished(store, policyFile, { archive: false });
    return undefined;
  } catch (error) {
    if (!(error instanceof TrafficportError)) throw error;
    return `warning: ${error.message}; apply refuses a new plan until then\n  hint: ${error.hint}\n`;
  }
}

export interface JournalProgress {
  readonly events: StepEvents;
  close(failed: readonly string[]): Promise<void>;
}

/**
 * Saves the journal, drives every reachable provider to its end state, and settles the journal:
 * archived when every provider is done, kept as failed (for --resume or rollback) otherwise. The
 * outcomes include the providers that could not be read, as failures.
 */
export async function publishJournal(
  journal: Journal,
  store: JournalStore,
  prepared: Prepared,
  progress: JournalProgress,
): Promise<ProviderOutcome[]> {
  await store.save(journal);
  const published = await runWithProgress(journal, store, runsFor(prepared), progress);
  const outcomes = [...published, ...unreachableOutcomes(prepared)];
  if (outcomes.every((o) => o.status === 'done')) {
    await store.archive(journal);
  } else {
    journal.status = 'failed';
    await store.save(journal);
  }
  return outcomes;
}

/** runJournal with its progress closed however it ends: the terminal is always released. */
export async function runWithProgress(
  journal: Journal,
  store: JournalStore,
  runs: readonly ProviderRun[],
  progress: JournalProgress,
): Promise<ProviderOutcome[]> {
  const failed = (list: readonly ProviderOutcome[]) => list.filter((o) => o.status === 'failed').map((o) => o.provider);
  return runJournal(journal, store, runs, progress.events).then(
    async (list) => {
      await progress.close(failed(list));
      return list;
    },
    async (error: unknown) => {
      await progress.close(runs.map((r) => r.id));
      throw error;
    },
  );
}

function runsFor(prepared: Prepared) {
  return prepared.targets.map((t) => ({
    id: t.provider.id,
    adapter: t.adapter,
    services: servicesOf(prepared.policy, t.provider),
  }));
}

function unreachableOutcomes(prepared: Prepared): ProviderOutcome[] {
  return prepared.unreachable.map(({ provider, error }) => ({
    provider: provider.id,
    status: 'failed' as const,
    calls: 0,
    changes: 0,
    error: { code: error.code, message: error.message },
  }));
}

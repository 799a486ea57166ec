import type { Journal, JournalStore } from '../apply/journal.js';
import { type ProviderOutcome, type ProviderRun, runJournal, type StepEvents } from '../apply/run.js';
import { TrafficportError } from '../errors.js';
import { type Prepared, servicesOf } from './prepare.js';

/** An unfinished apply in the state directory must be resumed or rolled back before a new one. */
export async function refuseUnfinished(store: JournalStore, policyFile: string): Promise<void> {
  const pending = await store.load();
  if (pending !== undefined && pending.status !== 'done') {
    throw new TrafficportError('APPLY.INTERRUPTED', `an earlier apply (${pending.id}) did not finish`, {
      hint: `finish it with \`trafficport apply --resume ${policyFile}\` or undo it with \`trafficport rollback ${policyFile}\``,
    });
  }
}

/**
 * For `plan`: the warning that an apply of this plan would be refused because an earlier one did
 * not finish (or its journal cannot be read), with the ways on; undefined when all is clear.
 */
export async function unfinishedWarning(store: JournalStore, policyFile: string): Promise<string | undefined> {
  try {
    await refuseUnfinished(store, policyFile);
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

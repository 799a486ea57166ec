import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Journal,
  type JournalStatus,
  type JournalStore,
  type ProviderJournal,
  parseJournal,
} from '../apply/journal.js';
import type { ProviderOutcome, ProviderRun } from '../apply/run.js';
import { TrafficportError } from '../errors.js';
import { formatInstant } from '../policy/time.js';
import type { Policy } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import type { AdapterOptions } from '../providers/types.js';
import { type JournalProgress, runWithProgress } from './apply.js';
import { servicesOf } from './prepare.js';
import { journalServices } from './service-filter.js';

/** The unfinished apply in the store, to resume. */
export async function unfinishedJournal(store: JournalStore): Promise<Journal> {
  const journal = await store.load();
  if (journal === undefined || journal.status === 'done') {
    throw new TrafficportError('APPLY.NOTHING_TO_RESUME', 'there is no unfinished apply to resume', {
      hint: 'run trafficport plan to see what differs',
    });
  }
  return journal;
}

/**
 * The journal a rollback runs: the records before the last apply (the unfinished one, or else the
 * last finished one) as every provider's one step. A provider that could not be read before the
 * apply was not changed by it, and is left alone.
 */
export async function rollbackJournal(store: JournalStore, dir: string, now: number): Promise<Journal> {
  const source = (await store.load()) ?? (await lastArchived(dir));
  if (source === undefined) {
    throw new TrafficportError('APPLY.NOTHING_TO_ROLL_BACK', 'no apply journal found', {
      hint: `journals live in ${dir}`,
    });
  }
  return {
    ...source,
    id: `${source.id}-rollback`,
    startedAt: formatInstant(now),
    stepWaitSeconds: 0,
    status: 'in-progress',
    providers: Object.fromEntries(
      Object.entries(source.providers).flatMap(([id, p]): [string, ProviderJournal][] =>
        p.before === null ? [] : [[id, { before: p.before, steps: [p.before], stepsDone: 0, status: 'pending' }]],
      ),
    ),
  };
}

/** The apply the rollback journal undoes (its id without the suffix). */
export function rolledBackId(rollback: Journal): string {
  return rollback.id.replace(/-rollback$/, '');
}

/**
 * Drives a resumed or rollback journal to its end with the providers the policy defines; the
 * journal is archived when every provider is done and kept for another resume otherwise.
 */
export async function runRecovery(
  journal: Journal,
  store: JournalStore,
  target: { readonly policy: Policy; readonly policyFile: string; readonly options: AdapterOptions },
  progress: JournalProgress,
): Promise<{ readonly outcomes: ProviderOutcome[]; readonly finished: boolean }> {
  const runs = await runsFromJournal(journal, target).catch(async (error: unknown) => {
    await progress.close(Object.keys(journal.providers));
    throw error;
  });
  journal.status = 'in-progress';
  await store.save(journal);
  const outcomes = await runWithProgress(journal, store, runs, progress);
  const finished = statusOf(journal) === 'done';
  if (finished) await store.archive(journal);
  return { outcomes, finished };
}

async function runsFromJournal(
  journal: Journal,
  {
    policy,
    policyFile,
    options,
  }: { readonly policy: Policy; readonly policyFile: string; readonly options: AdapterOptions },
): Promise<ProviderRun[]> {
  return Promise.all(
    Object.keys(journal.providers).map(async (id) => {
      const provider = policy.providers.find((p) => p.id === id);
      if (provider === undefined) {
        throw new TrafficportError(
          'APPLY.UNKNOWN_PROVIDER',
          `the journal names provider '${id}', which ${policyFile} no longer defines`,
          {
            hint: 'use the policy the apply was made with',
          },
        );
      }
      const kit = await loadProviderKit(provider.type);
      const services = servicesOf(journalServices(policy, journal.services), provider);
      return { id, adapter: await kit.createAdapter(provider, options), services };
    }),
  );
}

/** The newest finished apply journal (ids start with their UTC time, so names sort by age). */
async function lastArchived(dir: string): Promise<Journal | undefined> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter(
    (n) => n.endsWith('.json') && n !== 'current.json' && !n.includes('rollback'),
  );
  const latest = names.sort().pop();
  if (latest === undefined) return undefined;
  try {
    return parseJournal(await readFile(join(dir, latest), 'utf8'));
  } catch (error) {
    throw new TrafficportError(
      'JOURNAL.UNREADABLE',
      `the apply journal ${join(dir, latest)} is unreadable: ${(error as Error).message}`,
      { hint: 'move it aside if it is damaged; nothing else depends on it' },
    );
  }
}

/** Read through a call: runJournal changes the status, which TypeScript cannot see. */
function statusOf(journal: Journal): JournalStatus {
  return journal.status;
}

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
import { diffResources } from '../plan/diff.js';
import { fingerprintLive } from '../plan/fingerprint.js';
import { didYouMean } from '../policy/suggest.js';
import { formatInstant } from '../policy/time.js';
import type { Policy } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import type { AdapterOptions } from '../providers/types.js';
import { type JournalProgress, runWithProgress } from './apply.js';
import { lastAttempt } from './last-attempt.js';
import type { ZoneLeases } from './lock.js';
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
 * The journal a rollback runs: the records before the apply it undoes, as every provider's one
 * step. That apply is the unfinished one, else the newest finished one that changed something
 * (`--apply ID` names another). It never reaches past a newer apply that changed nothing (refused,
 * or nothing to apply): undoing the one before would be a surprise. A provider that could not be
 * read before the apply was not changed by it, and is left alone.
 */
export async function rollbackJournal(store: JournalStore, dir: string, now: number, id?: string): Promise<Journal> {
  const source = id === undefined ? await lastChange(store, dir) : await namedJournal(dir, id);
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

async function lastChange(store: JournalStore, dir: string): Promise<Journal> {
  const pending = await store.load();
  if (pending !== undefined && pending.status !== 'done') return pending;
  const attempt = await lastAttempt(dir);
  let last: Journal | undefined;
  // Newest first, reading no more journals (megabytes each on a large estate) than needed.
  for (const name of (await archivedNames(dir)).reverse()) {
    const journal = await readJournal(dir, name);
    if (changedSomething(journal)) {
      last = journal;
      break;
    }
  }
  if (attempt !== undefined) {
    const earlier = last === undefined ? '' : `; to undo the apply before it, name it: --apply ${last.id}`;
    throw new TrafficportError(
      'APPLY.NOTHING_TO_ROLL_BACK',
      `the last apply (${attempt.at}) changed nothing (${attempt.outcome}${attempt.code === undefined ? '' : `: ${attempt.code}`}), so there is nothing of it to undo`,
      { hint: `run trafficport plan to see what differs${earlier}` },
    );
  }
  if (last === undefined) {
    throw new TrafficportError('APPLY.NOTHING_TO_ROLL_BACK', 'no apply that changed something was found', {
      hint: `journals live in ${dir}`,
    });
  }
  return last;
}

async function namedJournal(dir: string, id: string): Promise<Journal> {
  const ids = (await archivedNames(dir)).map((name) => name.replace(/\.json$/, ''));
  if (!ids.includes(id)) {
    throw new TrafficportError('USAGE.UNKNOWN_NAME', `--apply: no finished apply '${id}' in ${dir}`, {
      hint: didYouMean(id, ids) ?? `the last ones: ${ids.slice(-5).join(', ') || 'none'}`,
    });
  }
  return readJournal(dir, `${id}.json`);
}

/** Whether an apply's journal changed anything: some provider's end state is not what was before. */
function changedSomething(journal: Journal): boolean {
  if (journal.status === 'superseded') return false;
  return Object.values(journal.providers).some((entry) => {
    if (entry.before === null || entry.stepsDone === 0) return false;
    return diffResources(entry.steps[entry.stepsDone - 1] ?? [], entry.before).length > 0;
  });
}

/** What a resume changes where the records moved on since the plan was reviewed. */
export interface Replanned {
  readonly provider: string;
  readonly create: number;
  readonly update: number;
  readonly delete: number;
}

/**
 * Re-plans the providers a resumed apply has not written yet whose records changed since its plan
 * was reviewed (another run won a race, or someone edited them): the changes from what is live
 * now to the journal's target. Their fingerprint check is dropped, since the resume now aims at
 * the target from the records as they are; what it will change is returned, to be shown and
 * approved. A provider that cannot be read is left as it is (its run will say why).
 */
export async function replanDrifted(journal: Journal, runs: readonly ProviderRun[]): Promise<Replanned[]> {
  const replanned: Replanned[] = [];
  for (const run of runs) {
    const entry = journal.providers[run.id];
    if (entry?.expectFingerprint === undefined) continue;
    const live = await run.adapter.read(run.services).catch(() => undefined);
    if (live === undefined || fingerprintLive(live) === entry.expectFingerprint) continue;
    const changes = diffResources(entry.steps[entry.steps.length - 1] ?? [], live.resources, live.retained);
    delete entry.expectFingerprint;
    replanned.push({
      provider: run.id,
      create: changes.filter((c) => c.action === 'create').length,
      update: changes.filter((c) => c.action === 'update').length,
      delete: changes.filter((c) => c.action === 'delete').length,
    });
  }
  return replanned;
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
  target: {
    readonly policy: Policy;
    readonly policyFile: string;
    readonly options: AdapterOptions;
    readonly leases: ZoneLeases;
  },
  progress: JournalProgress,
  beforeRun: (runs: readonly ProviderRun[]) => Promise<void> = async () => {},
): Promise<{
  readonly outcomes: ProviderOutcome[];
  readonly finished: boolean;
  readonly runs: readonly ProviderRun[];
}> {
  const runs = await runsFromJournal(journal, target)
    .then(async (list) => {
      await beforeRun(list);
      return list;
    })
    .catch(async (error: unknown) => {
      await progress.close(Object.keys(journal.providers));
      throw error;
    });
  const { run, command, host, pid, since } = target.leases.holder;
  Object.assign(journal, { status: 'in-progress', holder: { run, command, host, pid, since } });
  await store.save(journal);
  const outcomes = await runWithProgress(journal, store, runs, progress);
  const finished = statusOf(journal) === 'done';
  if (finished) await store.archive(journal);
  return { outcomes, finished, runs };
}

async function runsFromJournal(
  journal: Journal,
  {
    policy,
    policyFile,
    options,
    leases,
  }: {
    readonly policy: Policy;
    readonly policyFile: string;
    readonly options: AdapterOptions;
    readonly leases: ZoneLeases;
  },
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
      const adapter = leases.guard(await kit.createAdapter(provider, options));
      return { id, adapter, services: servicesOf(journalServices(policy, journal.services), provider) };
    }),
  );
}

/** File names of the finished apply journals, oldest first (ids start with their UTC time). */
async function archivedNames(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => n.endsWith('.json') && n !== 'current.json' && n !== 'last-attempt.json' && !n.includes('rollback'))
    .sort();
}

async function readJournal(dir: string, name: string): Promise<Journal> {
  try {
    return parseJournal(await readFile(join(dir, name), 'utf8'));
  } catch (error) {
    throw new TrafficportError(
      'JOURNAL.UNREADABLE',
      `the apply journal ${join(dir, name)} is unreadable: ${(error as Error).message}`,
      { hint: 'move it aside if it is damaged; nothing else depends on it' },
    );
  }
}

/** Read through a call: runJournal changes the status, which TypeScript cannot see. */
function statusOf(journal: Journal): JournalStatus {
  return journal.status;
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Journal,
  type JournalStatus,
  JournalStore,
  type ProviderJournal,
  parseJournal,
} from '../apply/journal.js';
import { runJournal } from '../apply/run.js';
import type { CliIo } from '../cli/io.js';
import type { CommandResult } from '../cli/result.js';
import { journalDir, mockStateDir } from '../cli/state-dir.js';
import { TrafficportError } from '../errors.js';
import { formatInstant } from '../policy/time.js';
import { loadProviderKit } from '../providers/registry.js';
import { done, progress } from './apply.js';
import { servicesOf } from './publish.js';
import { loadPolicyFile } from './validate.js';

export interface RecoverFlags {
  readonly stateDir?: string;
  readonly json?: boolean;
  readonly autoApprove?: boolean;
}

/** `apply --resume`: drives an interrupted or failed apply to its planned end state. */
export async function runResume(policyFile: string, flags: RecoverFlags, io: CliIo): Promise<CommandResult> {
  const store = new JournalStore(journalDir(io, flags.stateDir));
  const journal = await store.load();
  if (journal === undefined || journal.status === 'done') {
    throw new TrafficportError('APPLY.NOTHING_TO_RESUME', 'there is no unfinished apply to resume', {
      hint: 'run trafficport plan to see what differs',
    });
  }
  journal.status = 'in-progress';
  const outcomes = await runJournal(
    journal,
    store,
    await runsFromJournal(policyFile, journal, flags, io),
    progress(io, flags),
  );
  const finished = statusOf(journal) === 'done';
  if (finished) await store.archive(journal);
  return done(undefined, outcomes, finished ? 'resumed and applied' : 'failed', policyFile);
}

/**
 * `rollback`: restores what trafficport owned before the last apply (the unfinished one, or else
 * the last finished one). The rollback is itself journaled, so it can be resumed too.
 */
export async function runRollback(policyFile: string, flags: RecoverFlags, io: CliIo): Promise<CommandResult> {
  const store = new JournalStore(journalDir(io, flags.stateDir));
  const source = (await store.load()) ?? (await lastArchived(journalDir(io, flags.stateDir)));
  if (source === undefined) {
    throw new TrafficportError('APPLY.NOTHING_TO_ROLL_BACK', 'no apply journal found', {
      hint: `journals live in ${journalDir(io, flags.stateDir)}`,
    });
  }
  if (!flags.autoApprove) {
    if (io.confirm === undefined) {
      throw new TrafficportError('APPLY.NEEDS_APPROVAL', 'rollback needs approval and there is no terminal to ask', {
        hint: 'pass --auto-approve',
      });
    }
    if (!(await io.confirm(`Restore the records as they were before apply ${source.id}?`))) {
      throw new TrafficportError('APPLY.CANCELLED', 'rollback cancelled; nothing was changed');
    }
  }
  const rollback: Journal = {
    ...source,
    id: `${source.id}-rollback`,
    startedAt: formatInstant(io.now()),
    stepWaitSeconds: 0,
    status: 'in-progress',
    // A provider that could not be read before the apply was not changed by it: leave it alone.
    providers: Object.fromEntries(
      Object.entries(source.providers).flatMap(([id, p]): [string, ProviderJournal][] =>
        p.before === null ? [] : [[id, { before: p.before, steps: [p.before], stepsDone: 0, status: 'pending' }]],
      ),
    ),
  };
  await store.save(rollback);
  const outcomes = await runJournal(
    rollback,
    store,
    await runsFromJournal(policyFile, rollback, flags, io),
    progress(io, flags),
  );
  const finished = statusOf(rollback) === 'done';
  if (finished) await store.archive(rollback);
  return done(undefined, outcomes, finished ? 'rolled back' : 'failed', policyFile);
}

async function runsFromJournal(policyFile: string, journal: Journal, flags: RecoverFlags, io: CliIo) {
  const { policy } = await loadPolicyFile(policyFile, io);
  const options = { mockStateDir: mockStateDir(io, flags.stateDir), env: io.env };
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
      return { id, adapter: await kit.createAdapter(provider, options), services: servicesOf(policy, provider) };
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

import { JournalStore } from '../apply/journal.js';
import { loadPolicyFile } from '../inputs/policy-file.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { journalDir } from '../io/state-dir.js';
import { requireApproval } from '../publish/consent.js';
import { adapterOptions } from '../publish/prepare.js';
import { rollbackJournal, rolledBackId, runRecovery, unfinishedJournal } from '../publish/recover.js';
import { narrowRollback, selectServices } from '../publish/service-filter.js';
import { applyResult } from './apply-result.js';
import type { Presenter } from './present.js';

export interface RecoverFlags {
  readonly stateDir?: string;
  readonly json?: boolean;
  readonly autoApprove?: boolean;
  readonly sendCredentialsToEndpoint?: boolean;
  /** `rollback --service`: restore only these services' records. */
  readonly service?: readonly string[];
}

/** `apply --resume`: drives an interrupted or failed apply to its planned end state. */
export async function runResume(
  policyFile: string,
  flags: RecoverFlags,
  io: CliIo,
  present: Presenter,
): Promise<CommandResult> {
  const store = new JournalStore(journalDir(io, flags.stateDir));
  // Nothing unfinished is the good outcome a pipeline checks for before it applies, not an error.
  const pending = await store.load();
  if (pending === undefined || pending.status === 'done') return nothingToResume();
  const journal = await unfinishedJournal(store);
  const { outcomes, finished } = await recover(journal, store, policyFile, flags, io, present);
  return applyResult(undefined, outcomes, finished ? 'resumed and applied' : 'failed', policyFile);
}

function nothingToResume(): CommandResult {
  return {
    exitCode: ExitCode.OK,
    json: () => ({ version: 1, status: 'nothing to resume', providers: [] }),
    human: () => 'Nothing to resume: no apply was interrupted.\n',
  };
}

/**
 * `rollback`: restores what trafficport owned before the last apply (the unfinished one, or else
 * the last finished one). The rollback is itself journaled, so it can be resumed too.
 */
export async function runRollback(
  policyFile: string,
  flags: RecoverFlags,
  io: CliIo,
  present: Presenter,
): Promise<CommandResult> {
  const dir = journalDir(io, flags.stateDir);
  const store = new JournalStore(dir);
  let journal = await rollbackJournal(store, dir, io.now());
  if (flags.service !== undefined && flags.service.length > 0) {
    // Checked before anything is asked or read from a provider.
    const { policy } = await loadPolicyFile(policyFile, io);
    const selected = selectServices(policy, flags.service).services.map((s) => s.name);
    journal = narrowRollback(journal, policy, selected);
  }
  await requireApproval(
    flags,
    io.confirm,
    `Restore the records as they were before apply ${rolledBackId(journal)}?`,
    'rollback',
  );
  const { outcomes, finished } = await recover(journal, store, policyFile, flags, io, present);
  return applyResult(undefined, outcomes, finished ? 'rolled back' : 'failed', policyFile);
}

async function recover(
  journal: Parameters<typeof runRecovery>[0],
  store: JournalStore,
  policyFile: string,
  flags: RecoverFlags,
  io: CliIo,
  present: Presenter,
) {
  const { policy } = await loadPolicyFile(policyFile, io);
  const options = adapterOptions(io, flags);
  const progress = await present.progress(Object.keys(journal.providers));
  return runRecovery(journal, store, { policy, policyFile, options }, progress);
}

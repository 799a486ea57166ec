import { adoptionToRollBack, rollbackAdoption } from '../adopt/adopt.js';
import type { AdoptJournal } from '../adopt/journal.js';
import { JournalStore } from '../apply/journal.js';
import { loadPolicyFile } from '../inputs/policy-file.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { journalDir } from '../io/state-dir.js';
import { requireApproval } from '../publish/consent.js';
import { adapterOptions } from '../publish/prepare.js';
import { rollbackJournal, rolledBackId, runRecovery, unfinishedJournal } from '../publish/recover.js';
import { applyResult } from './apply-result.js';
import type { Presenter } from './present.js';

export interface RecoverFlags {
  readonly stateDir?: string;
  readonly json?: boolean;
  readonly autoApprove?: boolean;
  readonly sendCredentialsToEndpoint?: boolean;
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
  const adoption = await adoptionToRollBack(io, flags);
  if (adoption !== undefined) return rollbackAdopted(adoption, policyFile, flags, io);
  const dir = journalDir(io, flags.stateDir);
  const store = new JournalStore(dir);
  const journal = await rollbackJournal(store, dir, io.now());
  await requireApproval(
    flags,
    io.confirm,
    `Restore the records as they were before apply ${rolledBackId(journal)}?`,
    'rollback',
  );
  const { outcomes, finished } = await recover(journal, store, policyFile, flags, io, present);
  return applyResult(undefined, outcomes, finished ? 'rolled back' : 'failed', policyFile);
}

/** The last thing done was `adopt`: give the foreign records back (src/adopt/adopt.ts). */
async function rollbackAdopted(
  adoption: AdoptJournal,
  policyFile: string,
  flags: RecoverFlags,
  io: CliIo,
): Promise<CommandResult> {
  await requireApproval(
    flags,
    io.confirm,
    `Give ${adoption.service} back to the records trafficport replaced when adopting it?`,
    'rollback',
  );
  const { providers, restored } = await rollbackAdoption(adoption, policyFile, flags, io);
  return {
    exitCode: ExitCode.OK,
    json: () => ({ version: 1, rolledBack: 'adopt', service: adoption.service, providers, restored }),
    human: () =>
      `rolled back the adoption of ${adoption.service}: ${restored} foreign record set(s) restored at ${providers.join(', ')}\n`,
  };
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

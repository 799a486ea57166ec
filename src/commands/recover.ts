import type { AdoptJournal } from '../adopt/journal.js';
import { resumeAdoption, unfinishedAdoption } from '../adopt/recover.js';
import { type Journal, JournalStore } from '../apply/journal.js';
import type { ProviderRun } from '../apply/run.js';
import { loadPolicyFile } from '../inputs/policy-file.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { journalDir } from '../io/state-dir.js';
import { requireApproval } from '../publish/consent.js';
import { clearAttempt } from '../publish/last-attempt.js';
import { adapterOptions } from '../publish/prepare.js';
import { replanDrifted, runRecovery, unfinishedJournal } from '../publish/recover.js';
import { verifyAfterResume } from '../publish/verify-published.js';
import { type LockFlags, lockProviders } from '../publish/zone-leases.js';
import { applyResult, interruptionText } from './apply-result.js';
import type { Presenter } from './present.js';

export interface RecoverFlags extends LockFlags {
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
  const adoption = await unfinishedAdoption(io, flags);
  if (
    adoption !== undefined &&
    (pending === undefined || pending.status === 'done' || pending.startedAt < adoption.startedAt)
  ) {
    return resumeAdopted(adoption, policyFile, flags, io);
  }
  if (pending === undefined || pending.status === 'done') return nothingToResume();
  const journal = await unfinishedJournal(store);
  // The resumed apply is the last one to change something again, whatever was refused meanwhile.
  await clearAttempt(journalDir(io, flags.stateDir));
  await present.show(resuming(journal));
  const approveReplan = async (runs: readonly ProviderRun[]) => {
    const replanned = await replanDrifted(journal, runs);
    if (replanned.length === 0) return;
    const lines = replanned.map(
      (r) =>
        `${r.provider}: the records changed since this apply's plan was made (another run, or an edit); re-planned toward its target: ${r.create} to create, ${r.update} to update, ${r.delete} to delete\n`,
    );
    await present.show({ exitCode: 0, json: () => ({}), human: () => lines.join(''), humanStream: 'stderr' });
    await requireApproval(flags, io.confirm, 'Finish the apply with these changes?', 'resume', policyFile);
  };
  const { outcomes, finished } = await recover(
    journal,
    store,
    policyFile,
    flags,
    io,
    present,
    'apply--resume',
    approveReplan,
    // What was written is read back, as a direct apply does, before the leases are released.
    verifyAfterResume,
  );
  return applyResult(undefined, outcomes, finished ? 'resumed and applied' : 'failed', policyFile);
}

/** What a resume is about to finish, said before it writes: the apply, and where each provider stands. */
function resuming(journal: Journal): CommandResult {
  const lines = Object.entries(journal.providers).map(([id, entry]) => {
    const steps = entry.steps.length;
    const left = steps - entry.stepsDone;
    return entry.status === 'done'
      ? `  ${id}: done`
      : `  ${id}: ${entry.stepsDone} of ${steps} step${steps === 1 ? '' : 's'} applied, ${left} to go${entry.error === undefined ? '' : ` (stopped on ${entry.error.code})`}`;
  });
  const text = `Resuming apply ${journal.id} (started ${journal.startedAt}, planned for ${journal.planAt}):\n${lines.join('\n')}\n`;
  return { exitCode: ExitCode.OK, json: () => journal, human: () => text };
}

/** An adoption was interrupted (src/adopt/recover.ts): finish it. */
async function resumeAdopted(
  adoption: AdoptJournal,
  policyFile: string,
  flags: RecoverFlags,
  io: CliIo,
): Promise<CommandResult> {
  const providers = await resumeAdoption(adoption, policyFile, flags, io);
  return {
    exitCode: ExitCode.OK,
    json: () => ({ version: 1, status: 'resumed adoption', service: adoption.service, providers }),
    human: () =>
      `finished adopting ${adoption.service} at ${providers.join(', ')} (interrupted ${adoption.startedAt}); \`trafficport rollback ${policyFile}\` gives the records back\n`,
  };
}

function nothingToResume(): CommandResult {
  return {
    exitCode: ExitCode.OK,
    json: () => ({ version: 1, status: 'nothing to resume', providers: [] }),
    human: () => 'Nothing to resume: no apply was interrupted.\n',
  };
}

async function recover(
  journal: Parameters<typeof runRecovery>[0],
  store: JournalStore,
  policyFile: string,
  flags: RecoverFlags,
  io: CliIo,
  present: Presenter,
  command: string,
  beforeRun?: (runs: readonly ProviderRun[]) => Promise<void>,
  afterFinish?: (journal: Journal, runs: readonly ProviderRun[]) => Promise<void>,
) {
  const { policy } = await loadPolicyFile(policyFile, io);
  const options = adapterOptions(io, flags);
  const providers = policy.providers.filter((p) => journal.providers[p.id] !== undefined);
  const leases = await lockProviders(providers, flags, io, command);
  const what = journal.id.endsWith('-rollback') ? 'rollback' : 'resumed apply';
  const release = io.onInterrupt?.(() => interruptionText(journal, policyFile, what));
  try {
    const progress = await present.progress(Object.keys(journal.providers));
    const result = await runRecovery(journal, store, { policy, policyFile, options, leases }, progress, beforeRun);
    if (result.finished) await afterFinish?.(journal, result.runs);
    return result;
  } finally {
    release?.();
    await leases.release();
  }
}

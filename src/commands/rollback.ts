import type { AdoptJournal } from '../adopt/journal.js';
import { adoptionToRollBack, rollbackAdoption } from '../adopt/recover.js';
import { JournalStore } from '../apply/journal.js';
import { loadPolicyFile } from '../inputs/policy-file.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { journalDir } from '../io/state-dir.js';
import type { PlanDocument } from '../plan/types.js';
import { requireApproval, requireConsent } from '../publish/consent.js';
import { adapterOptions } from '../publish/prepare.js';
import { rollbackJournal, rolledBackId, runRecovery } from '../publish/recover.js';
import { planRestore } from '../publish/restore-plan.js';
import { narrowRollback, selectServices } from '../publish/service-filter.js';
import { type LockFlags, lockProviders } from '../publish/zone-leases.js';
import { styles } from '../ui/text/colors.js';
import { totals } from '../ui/text/plan.js';
import { applyResult, planShown } from './apply-result.js';
import type { Presenter } from './present.js';
import { type SafetyFlags, safetyLimits } from './safety-flags.js';

export interface RollbackFlags extends LockFlags, SafetyFlags {
  readonly stateDir?: string;
  readonly json?: boolean;
  readonly autoApprove?: boolean;
  readonly sendCredentialsToEndpoint?: boolean;
  readonly force?: boolean;
  /** Undo this apply (a journal id) rather than the last one that changed something. */
  readonly apply?: string;
  /** Restore only these services' records. */
  readonly service?: readonly string[];
}

/**
 * `rollback`: an apply like any other, whose target is the records before the last apply that
 * changed something (see rollbackJournal). It takes the zone leases, shows the plan of what it
 * restores, holds it to the same safety limits (--force past them) and asks on a terminal; the
 * rollback is journaled, so it can be resumed too.
 */
export async function runRollback(
  policyFile: string,
  flags: RollbackFlags,
  io: CliIo,
  present: Presenter,
): Promise<CommandResult> {
  const adoption = await adoptionToRollBack(io, flags);
  if (adoption !== undefined) return rollbackAdopted(adoption, policyFile, flags, io);
  const limits = safetyLimits(flags);
  const dir = journalDir(io, flags.stateDir);
  const store = new JournalStore(dir);
  let journal = await rollbackJournal(store, dir, io.now(), flags.apply);
  if (flags.service !== undefined && flags.service.length > 0) {
    // Checked before anything is asked or read from a provider.
    const { policy } = await loadPolicyFile(policyFile, io);
    const selected = selectServices(policy, flags.service).services.map((s) => s.name);
    journal = narrowRollback(journal, policy, selected);
  }
  const undone = rolledBackId(journal);
  const { policy } = await loadPolicyFile(policyFile, io);
  const providers = policy.providers.filter((p) => journal.providers[p.id] !== undefined);
  const leases = await lockProviders(providers, flags, io, 'rollback');
  try {
    const { plan, splits } = await planRestore(journal, policyFile, flags, io, leases, limits);
    await present.show(planShown(plan, splits));
    if (plan.providers.every((p) => p.changes.length === 0)) {
      return withPlan(
        applyResult(plan, [], `nothing to roll back: the records are as they were before apply ${undone}`),
        plan,
      );
    }
    const question = `${totals(plan, styles(false))} Restore the records as they were before apply ${undone}?`;
    await requireConsent(plan, flags, io.confirm, question, 'rollback');
    const progress = await present.progress(Object.keys(journal.providers));
    const options = adapterOptions(io, flags);
    const { outcomes, finished } = await runRecovery(journal, store, { policy, policyFile, options, leases }, progress);
    return withPlan(applyResult(plan, outcomes, finished ? `rolled back apply ${undone}` : 'failed', policyFile), plan);
  } finally {
    await leases.release();
  }
}

/** `--json` prints the restore plan beside the report: what the rollback changed, not only how it went. */
function withPlan(result: CommandResult, plan: PlanDocument): CommandResult {
  return { ...result, json: () => ({ ...(result.json() as object), plan }) };
}

/** The last thing done was `adopt`: give the foreign records back (src/adopt/adopt.ts). */
async function rollbackAdopted(
  adoption: AdoptJournal,
  policyFile: string,
  flags: RollbackFlags,
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

import { JournalStore } from '../apply/journal.js';
import { ERROR_CODES, type ErrorCode } from '../error-codes.js';
import { isTrafficportError, TrafficportError } from '../errors.js';
import { loadPolicyFile } from '../inputs/policy-file.js';
import { loadSolveInputs } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { journalDir } from '../io/state-dir.js';
import type { PlanDocument } from '../plan/types.js';
import { formatInstant } from '../policy/time.js';
import { publishJournal, refuseUnfinished } from '../publish/apply.js';
import { type ConsentFlags, requireConsent } from '../publish/consent.js';
import { rampFor, rampOptions, startJournal } from '../publish/journal-start.js';
import { clearAttempt, noteAttempt } from '../publish/last-attempt.js';
import type { ZoneLeases } from '../publish/lock.js';
import {
  type PublishFlags,
  planDocument,
  preparePublish,
  publishingProviders,
  requireReachable,
} from '../publish/prepare.js';
import { flagsFromPlan, readSavedPlan, refuseFixedFlags, refuseMismatch, refuseStale } from '../publish/saved-plan.js';
import { verifyAfterApply } from '../publish/verify-published.js';
import { guardPrepared, type LockFlags, lockProviders } from '../publish/zone-leases.js';
import { nextChangeAfter } from '../solve/timeline.js';
import { styles } from '../ui/text/colors.js';
import { rampLine, totals } from '../ui/text/plan.js';
import { applyResult, interruptionText, planShown } from './apply-result.js';
import type { Presenter } from './present.js';
import { type SafetyFlags, safetyLimits } from './safety-flags.js';

export interface ApplyFlags extends PublishFlags, SafetyFlags, ConsentFlags, LockFlags {
  readonly maxShift?: string;
  readonly stepWait?: string;
  readonly color?: boolean;
  readonly json?: boolean;
  /** Flags given on the command line rather than by default (option attribute names). */
  readonly given?: readonly string[];
}

/**
 * `apply POLICY` or `apply plan.json`: lock, check, show, confirm, journal, publish to every
 * provider. The zone leases are taken before anything is read (docs/locking.md), so the plan
 * shown is made against records no other run can change until this one ends.
 */
export async function runApply(
  target: string,
  flags: ApplyFlags,
  io: CliIo,
  present: Presenter,
): Promise<CommandResult> {
  const saved = await readSavedPlan(target, io.cwd);
  if (saved !== undefined) refuseFixedFlags(flags.given ?? [], target);
  const policyFile = saved?.policy.file ?? target;
  // Refused before the providers are read and a whole plan is printed that could not be applied
  // (a journal that wrote nothing is archived here, with a note shown with the plan).
  const store = new JournalStore(journalDir(io, flags.stateDir));
  const superseded = await refuseUnfinished(store, policyFile);
  const merged = saved === undefined ? flags : { ...flags, ...flagsFromPlan(saved) };
  const { policy } = await loadPolicyFile(policyFile, io);
  const dir = journalDir(io, flags.stateDir);
  const progress = { journaled: false };
  let leases: ZoneLeases | undefined;
  try {
    leases = await lockProviders(publishingProviders(policy, merged.provider), flags, io, 'apply');
    const result = await applyLocked(
      { saved, policyFile, target, flags, merged, store, superseded },
      leases,
      io,
      present,
      progress,
    );
    if (!progress.journaled) await noteAttempt(dir, io.now(), 'nothing to apply');
    return result;
  } catch (error) {
    // Refused before anything was written: a rollback must not take it for the apply before it.
    if (isTrafficportError(error) && !progress.journaled && isRefusal(error.code)) {
      await noteAttempt(dir, io.now(), 'refused', error.code);
    }
    throw error;
  } finally {
    await leases?.release();
  }
}

interface ApplyRun {
  readonly saved: PlanDocument | undefined;
  readonly policyFile: string;
  readonly target: string;
  readonly flags: ApplyFlags;
  readonly merged: ApplyFlags;
  readonly store: JournalStore;
  readonly superseded: string | undefined;
}

async function applyLocked(
  { saved, policyFile, target, flags, merged, store, superseded }: ApplyRun,
  leases: ZoneLeases,
  io: CliIo,
  present: Presenter,
  progress: { journaled: boolean },
): Promise<CommandResult> {
  const prepared = guardPrepared(await preparePublish(policyFile, merged, io), leases);
  const options = rampOptions({ ...flags, now: io.now() }, saved);
  const ramp = rampFor(prepared, options);
  // Made now, whatever a saved plan says: its changes must be these, and safety is judged on these.
  const plan = planDocument(prepared, safetyLimits(flags), io.now(), ramp);
  // A saved plan is all-or-nothing; a direct apply publishes where it can and journals the rest.
  if (saved !== undefined) {
    requireReachable(prepared);
    refuseStale(saved, prepared);
    refuseMismatch(saved, plan, target);
  }
  // Made (and --step-wait checked against the TTLs) before the plan is shown: a flag the policy
  // refuses is refused before anything is asked, never after a "yes".
  const journal = { ...startJournal(plan, prepared, saved, options), holder: leases.holder };
  if (superseded !== undefined) {
    await present.show({ exitCode: 0, json: () => ({}), human: () => `note: ${superseded}\n`, humanStream: 'stderr' });
  }
  await present.show(planShown(plan, prepared.splits));
  if (plan.providers.every((p) => p.changes.length === 0) && prepared.unreachable.length === 0) {
    return applyResult(plan, [], 'nothing to apply');
  }
  const rampText = rampLine(plan);
  const question = `${totals(plan, styles(false))}${rampText === undefined ? '' : ` ${rampText[0]!.toUpperCase()}${rampText.slice(1)}.`} Apply it?`;
  await requireConsent(plan, flags, io.confirm, question);
  const shown = await present.progress(prepared.targets.map((t) => t.provider.id));
  await clearAttempt(journalDir(io, flags.stateDir));
  progress.journaled = true;
  const release = io.onInterrupt?.(() => interruptionText(journal, policyFile));
  const outcomes = await publishJournal(journal, store, prepared, shown).finally(() => release?.());
  const finished = outcomes.every((o) => o.status === 'done');
  // What was written is read back and held to the plan, as verify does. A failed apply has
  // already said what failed (and `verify` checks after its resume).
  const unread = finished
    ? await verifyAfterApply(
        prepared,
        outcomes.map((o) => o.provider),
      )
    : undefined;
  if (unread !== undefined) {
    await present.show({ exitCode: 0, json: () => ({}), human: () => `${unread}\n`, humanStream: 'stderr' });
  }
  return applyResult(plan, outcomes, finished ? 'applied' : 'failed', policyFile);
}

/**
 * Whether an apply that failed with `code` before writing was refused for what it would change.
 * Usage errors never started; another run's lease or an unfinished journal say nothing about it.
 */
function isRefusal(code: ErrorCode): boolean {
  return ERROR_CODES[code].exit !== 'usage' && !['APPLY.LOCKED', 'APPLY.RUNNING', 'APPLY.INTERRUPTED'].includes(code);
}

/** Re-checks at least this often, so an edited policy or a health change is picked up. */
const MAX_SLEEP_MS = 15 * 60 * 1000;

/**
 * `apply --watch`: applies what is due now, then sleeps until the next moment a published weight
 * must change (drain start, ramp step, restore) and applies again, until interrupted. Each round
 * is a normal journaled apply at the current time.
 */
export async function runWatch(
  file: string,
  flags: ApplyFlags,
  io: CliIo,
  present: Presenter,
  stop: Promise<void>,
): Promise<CommandResult> {
  if (!flags.autoApprove) {
    throw new TrafficportError('USAGE.WATCH_NEEDS_APPROVAL', '--watch applies unattended and needs --auto-approve', {
      hint: 'review a plan first, then run apply --watch --auto-approve',
    });
  }
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  let rounds = 0;
  let failures = 0;
  while (!stopped) {
    const now = io.now();
    const result = await runApply(file, { ...flags, at: formatInstant(now) }, io, present).catch(
      (error: unknown): CommandResult => {
        if (!(error instanceof TrafficportError)) throw error;
        return { ...note(`error ${error.code} ${error.message}\n`, ExitCode.ERROR), humanStream: 'stderr' };
      },
    );
    rounds++;
    if (result.exitCode !== ExitCode.OK) failures++;
    await present.show(result);
    const { policy } = await loadSolveInputs(file, { at: 'now' }, io);
    const next = nextChangeAfter(policy, now);
    const wake = Math.min(next ?? Number.POSITIVE_INFINITY, now + MAX_SLEEP_MS);
    await present.show(
      note(
        `next check ${formatInstant(wake)}${next !== undefined && next <= wake ? ' (a scheduled change is due)' : ''}\n`,
      ),
    );
    await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, Math.max(0, wake - io.now())))]);
  }
  return {
    exitCode: failures > 0 ? ExitCode.ERROR : ExitCode.OK,
    json: () => ({ version: 1, rounds, failures }),
    human: () => `stopped after ${rounds} round(s), ${failures} with errors\n`,
  };
}

/** One line of the watch log, as a presentation. */
function note(text: string, exitCode: CommandResult['exitCode'] = ExitCode.OK): CommandResult {
  return { exitCode, json: () => ({ text }), human: () => text };
}

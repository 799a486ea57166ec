import { JournalStore } from '../apply/journal.js';
import { TrafficportError } from '../errors.js';
import { loadSolveInputs } from '../inputs/solve-inputs.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { journalDir } from '../io/state-dir.js';
import type { PlanDocument } from '../plan/types.js';
import { formatInstant } from '../policy/time.js';
import { publishJournal, refuseUnfinished } from '../publish/apply.js';
import { type ConsentFlags, requireConsent } from '../publish/consent.js';
import { startJournal } from '../publish/journal-start.js';
import { type PublishFlags, planDocument, preparePublish, requireReachable } from '../publish/prepare.js';
import { flagsFromPlan, readSavedPlan, refuseFixedFlags, refuseMismatch, refuseStale } from '../publish/saved-plan.js';
import { verifyAfterApply } from '../publish/verify-published.js';
import { nextChangeAfter } from '../solve/timeline.js';
import type { SplitPlan } from '../solve/types.js';
import { planView } from '../ui/ink/terminal.js';
import { styles } from '../ui/text/colors.js';
import { formatPlan, totals } from '../ui/text/plan.js';
import { applyResult } from './apply-result.js';
import type { Presenter } from './present.js';
import { type SafetyFlags, safetyLimits } from './safety-flags.js';

export interface ApplyFlags extends PublishFlags, SafetyFlags, ConsentFlags {
  readonly maxShift?: string;
  readonly stepWait?: string;
  readonly color?: boolean;
  readonly json?: boolean;
  /** Flags given on the command line rather than by default (option attribute names). */
  readonly given?: readonly string[];
}

/** `apply POLICY` or `apply plan.json`: check, show, confirm, journal, publish to every provider. */
export async function runApply(
  target: string,
  flags: ApplyFlags,
  io: CliIo,
  present: Presenter,
): Promise<CommandResult> {
  const saved = await readSavedPlan(target, io.cwd);
  if (saved !== undefined) refuseFixedFlags(flags.given ?? [], target);
  const policyFile = saved?.policy.file ?? target;
  const prepared = await preparePublish(
    policyFile,
    saved === undefined ? flags : { ...flags, ...flagsFromPlan(saved) },
    io,
  );
  // Made now, whatever a saved plan says: its changes must be these, and safety is judged on these.
  const plan = planDocument(prepared, safetyLimits(flags), io.now());
  // A saved plan is all-or-nothing; a direct apply publishes where it can and journals the rest.
  if (saved !== undefined) {
    requireReachable(prepared);
    refuseStale(saved, prepared);
    refuseMismatch(saved, plan, target);
  }
  // Made (and --step-wait checked against the TTLs) before the plan is shown: a flag the policy
  // refuses is refused before anything is asked, never after a "yes".
  const journal = startJournal(plan, prepared, saved, { ...flags, now: io.now() });
  await present.show(planShown(plan, prepared.split));
  const store = new JournalStore(journalDir(io, flags.stateDir));
  await refuseUnfinished(store, policyFile);
  if (plan.providers.every((p) => p.changes.length === 0) && prepared.unreachable.length === 0) {
    return applyResult(plan, [], 'nothing to apply');
  }
  await requireConsent(plan, flags, io.confirm, `${totals(plan, styles(false))} Apply it?`);
  const progress = await present.progress(prepared.targets.map((t) => t.provider.id));
  const outcomes = await publishJournal(journal, store, prepared, progress);
  const finished = outcomes.every((o) => o.status === 'done');
  // What was written is read back and held to the plan, as verify does. A failed apply has
  // already said what failed (and `verify` checks after its resume).
  if (finished)
    await verifyAfterApply(
      prepared,
      outcomes.map((o) => o.provider),
    );
  return applyResult(plan, outcomes, finished ? 'applied' : 'failed', policyFile);
}

/** The plan as apply shows it before asking. */
function planShown(plan: PlanDocument, split: SplitPlan): CommandResult {
  return {
    exitCode: 0,
    json: () => plan,
    human: ({ color }) => formatPlan(plan, styles(color)),
    view: planView(plan, split),
  };
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

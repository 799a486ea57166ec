import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { JournalStore } from '../apply/journal.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { journalDir } from '../io/state-dir.js';
import { writeFileAtomic } from '../io/write-file.js';
import type { PlanDocument } from '../plan/types.js';
import { unfinishedWarning } from '../publish/apply.js';
import { rampFor } from '../publish/journal-start.js';
import { lastApplied } from '../publish/last-applied.js';
import { type PublishFlags, planDocument, preparePlan, requireReachable } from '../publish/prepare.js';
import { planView } from '../ui/ink/terminal.js';
import { planMarkdown } from '../ui/markdown/plan.js';
import { styles } from '../ui/text/colors.js';
import { formatPlan } from '../ui/text/plan.js';
import { jsonChunks } from '../util/json-chunks.js';
import { type SafetyFlags, safetyLimits } from './safety-flags.js';

export interface PlanFlags extends PublishFlags, SafetyFlags {
  readonly out?: string;
  readonly markdown?: boolean;
  readonly detailedExitcode?: boolean;
  /** Every change with its values, and the drift since the last apply. */
  readonly all?: boolean;
  /** How apply would ramp: the steps, their waits and when the last is due. */
  readonly maxShift?: string;
  readonly stepWait?: string;
  /** Indent the saved plan (and --json). */
  readonly pretty?: boolean;
}

/** The saved plan, in pieces (compact unless --pretty): at 10,000 services it is too long for one string. */
function* planText(plan: PlanDocument, pretty: boolean): Generator<string> {
  yield* jsonChunks(plan, pretty);
  yield '\n';
}

export function planHasChanges(plan: PlanDocument): boolean {
  return plan.providers.some((p) => p.changes.length > 0);
}

export async function runPlan(file: string, flags: PlanFlags, io: CliIo): Promise<CommandResult> {
  const unfinished = await unfinishedWarning(new JournalStore(journalDir(io, flags.stateDir)), file);
  // Drift is measured from what the last finished apply wrote; only --all reads its journal.
  const applied = flags.all ? await lastApplied(journalDir(io, flags.stateDir)) : undefined;
  const prepared = await preparePlan(file, flags, io, applied?.providers ?? (flags.all ? new Map() : undefined));
  requireReachable(prepared);
  const plan = planDocument(prepared, safetyLimits(flags), io.now(), rampFor(prepared, { ...flags, now: io.now() }));
  if (flags.out !== undefined) {
    // Owner-only: a plan names zones, endpoints and addresses.
    await writeFileAtomic(resolve(io.cwd, flags.out), planText(plan, flags.pretty === true), {
      what: 'the plan',
      overwrite: true,
      mode: 0o600,
    });
  }
  const summaryWarning = await appendSummary(io.env.GITHUB_STEP_SUMMARY, plan);
  const notes = `${unfinished ?? ''}${summaryWarning ?? ''}`;
  const changed = planHasChanges(plan);
  return {
    exitCode: flags.detailedExitcode && changed ? ExitCode.CHANGES : ExitCode.OK,
    // Up front, on stderr: the plan below cannot be applied until the earlier apply is settled.
    ...(notes === '' ? {} : { notes }),
    json: () => plan,
    human: ({ color }) => {
      const all = { all: flags.all === true };
      const text = flags.markdown ? planMarkdown(plan, all) : formatPlan(plan, styles(color), all);
      return flags.out === undefined || flags.markdown
        ? text
        : `${text}\nsaved the plan to ${flags.out}; apply it with: trafficport apply ${flags.out}\n`;
    },
    // Markdown is asked for by name (to paste or to pipe), so it is never replaced by the terminal view.
    ...(flags.markdown ? {} : { view: planView(plan, prepared.splits, flags.out, flags.all === true) }),
  };
}

/**
 * Appends the Markdown summary to $GITHUB_STEP_SUMMARY when set. The summary is a courtesy to the
 * CI page: a file that cannot be written is a warning, and the plan (and its exit code) stand.
 */
async function appendSummary(file: string | undefined, plan: PlanDocument): Promise<string | undefined> {
  if (!file) return undefined;
  try {
    await appendFile(file, planMarkdown(plan));
    return undefined;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return `warning: could not append the plan summary to $GITHUB_STEP_SUMMARY (${file}): ${reason}; the plan is unaffected\n`;
  }
}

import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { journalDir } from '../io/state-dir.js';
import { writeFileAtomic } from '../io/write-file.js';
import type { PlanDocument } from '../plan/types.js';
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
  // Drift is measured from what the last finished apply wrote; only --all reads its journal.
  const applied = flags.all ? await lastApplied(journalDir(io, flags.stateDir)) : undefined;
  const prepared = await preparePlan(file, flags, io, applied?.providers ?? (flags.all ? new Map() : undefined));
  requireReachable(prepared);
  const plan = planDocument(prepared, safetyLimits(flags), io.now());
  if (flags.out !== undefined) {
    // Owner-only: a plan names zones, endpoints and addresses.
    await writeFileAtomic(resolve(io.cwd, flags.out), planText(plan, flags.pretty === true), {
      what: 'the plan',
      overwrite: true,
      mode: 0o600,
    });
  }
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) await appendFile(summaryFile, planMarkdown(plan));
  const changed = planHasChanges(plan);
  return {
    exitCode: flags.detailedExitcode && changed ? ExitCode.CHANGES : ExitCode.OK,
    json: () => plan,
    human: ({ color }) => {
      const all = { all: flags.all === true };
      const text = flags.markdown ? planMarkdown(plan, all) : formatPlan(plan, styles(color), all);
      return flags.out === undefined || flags.markdown
        ? text
        : `${text}\nsaved the plan to ${flags.out}; apply it with: trafficport apply ${flags.out}\n`;
    },
    // Markdown is asked for by name (to paste or to pipe), so it is never replaced by the terminal view.
    ...(flags.markdown ? {} : { view: planView(plan, prepared.split, flags.out, flags.all === true) }),
  };
}

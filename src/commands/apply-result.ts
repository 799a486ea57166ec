import type { Journal } from '../apply/journal.js';
import type { ProviderOutcome } from '../apply/run.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CommandResult } from '../io/result.js';
import type { PlanDocument } from '../plan/types.js';
import type { Splits } from '../solve/types.js';
import { planView } from '../ui/ink/terminal.js';
import { styles } from '../ui/text/colors.js';
import { formatPlan } from '../ui/text/plan.js';
import { counted } from '../util/words.js';

/** The result of apply, resume and rollback: each provider's outcome, and the way on after a failure. */
export function applyResult(
  plan: PlanDocument | undefined,
  outcomes: readonly ProviderOutcome[],
  status: string,
  policyFile?: string,
): CommandResult {
  const failed = outcomes.filter((o) => o.status === 'failed');
  return {
    exitCode: failed.length > 0 ? ExitCode.ERROR : ExitCode.OK,
    json: () => ({ version: 1, status, at: plan?.at, ...(plan?.ramp ? { ramp: plan.ramp } : {}), providers: outcomes }),
    human: ({ color }) => {
      const s = styles(color);
      if (outcomes.length === 0) return `${s.green('No changes.')} ${status}\n`;
      const lines = outcomes.map((o) =>
        o.status === 'done'
          ? `${s.green('✓')} ${o.provider}: ${counted(o.changes, 'change')} applied in ${counted(o.calls, 'API call')}`
          : `${s.red('✗')} ${o.provider}: ${o.error?.code} ${o.error?.message}`,
      );
      if (failed.length > 0 && policyFile !== undefined) {
        lines.push(
          `\nThe journal keeps the state: \`trafficport apply --resume ${policyFile}\` retries, \`trafficport rollback ${policyFile}\` restores the previous records.`,
        );
      }
      return `${lines.join('\n')}\n`;
    },
  };
}

/** What Ctrl-C during a write prints: where each provider stopped, and the two ways on. */
export function interruptionText(journal: Journal, policyFile: string, what = 'apply'): string {
  const lines = Object.entries(journal.providers).map(([id, entry]) => {
    const steps = entry.steps.length;
    const at =
      entry.status === 'done'
        ? 'finished'
        : entry.stepsDone === 0
          ? `stopped before step 1 of ${steps} was applied`
          : `stopped after step ${entry.stepsDone} of ${steps}`;
    return `  ${id}: ${entry.status === 'failed' ? `failed (${entry.error?.code ?? 'error'})` : at}`;
  });
  return [
    `\ninterrupted: the ${what} (journal ${journal.id}) stopped before it finished`,
    ...lines,
    `The journal keeps the state: \`trafficport apply --resume ${policyFile}\` finishes it, \`trafficport rollback ${policyFile}\` restores the previous records.`,
    '',
  ].join('\n');
}

/** The plan as apply (and rollback) shows it before asking. */
export function planShown(plan: PlanDocument, splits: Splits): CommandResult {
  return {
    exitCode: 0,
    json: () => plan,
    human: ({ color }) => formatPlan(plan, styles(color)),
    view: planView(plan, splits),
  };
}

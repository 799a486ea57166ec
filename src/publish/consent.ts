import { TrafficportError } from '../errors.js';
import type { PlanDocument } from '../plan/types.js';

export interface ConsentFlags {
  readonly autoApprove?: boolean;
  readonly force?: boolean;
  readonly acceptDegraded?: boolean;
}

/**
 * The gates every apply passes before it writes: the safety limits (unless --force), exact
 * publishing (unless --accept-degraded), and a person's "yes" (unless --auto-approve).
 */
export async function requireConsent(
  plan: PlanDocument,
  flags: ConsentFlags,
  confirm: ((question: string) => Promise<boolean>) | undefined,
  question: string,
  what: 'apply' | 'rollback' = 'apply',
): Promise<void> {
  if (plan.safety.exceeded.length > 0 && !flags.force) {
    throw new TrafficportError('PLAN.UNSAFE', 'the plan is larger than the safety limits:', {
      items: plan.safety.exceeded,
      // Saved plans from before the hint was derived carry none.
      hint: plan.safety.hint ?? 'review it, then pass --force or raise --max-record-delete/--max-traffic-move',
    });
  }
  const degraded = plan.providers.flatMap((p) => p.degradations.map((d) => `${p.provider}: ${d.message}`));
  if (degraded.length > 0 && !flags.acceptDegraded) {
    throw new TrafficportError('PLAN.DEGRADED', `the plan cannot be published exactly (${degraded.length}):`, {
      items: degraded,
      hint: 'change the policy, or pass --accept-degraded to publish the closest form',
    });
  }
  await requireApproval(flags, confirm, question, what);
}

/** A person's "yes" on the terminal, or --auto-approve; a no changes nothing. */
export async function requireApproval(
  flags: { readonly autoApprove?: boolean },
  confirm: ((question: string) => Promise<boolean>) | undefined,
  question: string,
  what: 'apply' | 'rollback' | 'resume',
  policyFile = 'POLICY',
): Promise<void> {
  if (flags.autoApprove) return;
  if (confirm === undefined) {
    const hints = {
      apply: 'review the plan, then pass --auto-approve (as CI jobs do)',
      rollback: 'review the plan, then pass --auto-approve',
      resume: `review what differs with \`trafficport plan ${policyFile}\`, then finish this apply with \`trafficport apply --resume ${policyFile} --auto-approve\`, or undo it with \`trafficport rollback ${policyFile}\``,
    };
    throw new TrafficportError('APPLY.NEEDS_APPROVAL', `${what} needs approval and there is no terminal to ask`, {
      hint: hints[what],
    });
  }
  if (!(await confirm(question))) {
    throw new TrafficportError('APPLY.CANCELLED', `${what} cancelled; nothing was changed`);
  }
}

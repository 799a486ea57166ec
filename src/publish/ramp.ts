import { rampSplits, rampStepMoves, unrampableMove } from '../plan/ramp.js';
import type { RampEstimate, SafetyLimits, TrafficSteps } from '../plan/types.js';
import { formatInstant } from '../policy/time.js';
import type { PlannedTarget, Prepared } from './prepare.js';

/**
 * How `--max-shift` would ramp this plan: the step count of the longest provider's ramp (the
 * journal's, computed the same way), the waits between steps, when the last one is due if the
 * apply starts at `now`, and the most traffic one step moves.
 */
export function rampEstimate(
  prepared: Prepared<PlannedTarget>,
  maxShiftPercent: number,
  stepWaitSeconds: number,
  now: number,
): RampEstimate {
  const steps = Math.max(
    1,
    ...prepared.targets.map((t) => rampSplits(prepared.splits, t.before, maxShiftPercent).length + 1),
  );
  const durationSeconds = (steps - 1) * stepWaitSeconds;
  return {
    maxShiftPercent,
    steps,
    stepWaitSeconds,
    durationSeconds,
    // Whole seconds: a due time, not a measurement.
    lastStepDueAt: formatInstant(Math.ceil(now / 1000) * 1000 + durationSeconds * 1000),
    stepTrafficMovePercent: round(largestStep(prepared, maxShiftPercent)),
  };
}

/**
 * What the traffic limit is checked against, and, when the plan exceeds it, the largest
 * `--max-shift` whose every step stays within it (halving from what the unramped part leaves).
 * Computed only when it matters: with a ramp, or a plan over the limit.
 */
export function trafficSteps(
  prepared: Prepared<PlannedTarget>,
  limits: SafetyLimits,
  ramp: RampEstimate | undefined,
): TrafficSteps {
  const limit = limits.maxTrafficMovePercent;
  const whole = Math.max(0, ...prepared.targets.map((t) => t.plan.trafficMovedPercent));
  const moved = Math.min(whole, ramp?.stepTrafficMovePercent ?? whole);
  const base = ramp === undefined ? {} : { stepMovePercent: ramp.stepTrafficMovePercent };
  if (moved <= limit) return { ...base, unrampablePercent: 0 };
  const unrampable = Math.max(0, ...prepared.targets.map((t) => unrampableMove(prepared.splits, t.before)));
  for (let shift = Math.floor(limit - unrampable); shift >= 1; shift = Math.floor(shift / 2)) {
    const step = largestStep(prepared, shift);
    if (step <= limit) {
      return {
        ...base,
        unrampablePercent: unrampable,
        suggestedMaxShift: { percent: shift, stepMovePercent: round(step) },
      };
    }
  }
  return { ...base, unrampablePercent: unrampable };
}

function largestStep(prepared: Prepared<PlannedTarget>, maxShiftPercent: number): number {
  return Math.max(0, ...prepared.targets.flatMap((t) => rampStepMoves(prepared.splits, t.before, maxShiftPercent)));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

import { randomBytes } from 'node:crypto';
import type { Journal } from '../apply/journal.js';
import { TrafficportError } from '../errors.js';
import { applyChanges } from '../plan/build.js';
import { rampSplits } from '../plan/ramp.js';
import type { PlanDocument, RampEstimate } from '../plan/types.js';
import { parseDuration } from '../policy/duration.js';
import { formatInstant } from '../policy/time.js';
import type { Resource } from '../render/types.js';
import type { PlannedTarget, Prepared } from './prepare.js';
import { rampEstimate } from './ramp.js';

export interface JournalOptions {
  /** `--max-shift`: the most traffic a geography may move in one step (percent). */
  readonly maxShift?: string;
  /** `--step-wait`: the wait between ramp steps (default: the longest TTL). */
  readonly stepWait?: string;
  readonly force?: boolean;
  readonly now: number;
}

/**
 * The journal of an apply about to start: per provider, the records before it and the steps to
 * its end state (ramp steps, then the plan's). A saved plan's end state is its changes applied to
 * the live records it was made against; a direct apply's is the desired state.
 */
export function startJournal(
  plan: PlanDocument,
  prepared: Prepared,
  saved: PlanDocument | undefined,
  options: JournalOptions,
): Journal {
  const stepWait = stepWaitSeconds(prepared, options);
  const providers: Journal['providers'] = {};
  for (const target of prepared.targets) {
    const planned = plan.providers.find((p) => p.provider === target.provider.id);
    if (planned === undefined) continue;
    const final: readonly Resource[] =
      saved === undefined ? target.desired.resources : applyChanges(target.live.resources, planned.changes);
    const ramp =
      options.maxShift === undefined ? [] : rampSteps(target, prepared, Number(options.maxShift.replace(/%$/, '')));
    providers[target.provider.id] = {
      before: target.live.resources,
      steps: [...ramp, final],
      stepsDone: 0,
      status: 'pending',
      expectFingerprint: planned.fingerprint,
    };
  }
  for (const { provider, desired, error } of prepared.unreachable) {
    providers[provider.id] = {
      before: null,
      steps: [desired.resources],
      stepsDone: 0,
      status: 'failed',
      error: { code: error.code, message: error.message },
    };
  }
  return {
    version: 1,
    kind: 'trafficport-journal',
    id: `${formatInstant(options.now).replace(/[:]/g, '')}-${randomBytes(3).toString('hex')}`,
    startedAt: formatInstant(options.now),
    policySha256: prepared.policySha256,
    planAt: plan.at,
    stepWaitSeconds: stepWait,
    ...(prepared.services === undefined ? {} : { services: prepared.services }),
    status: 'in-progress',
    providers,
  };
}

/**
 * The ramp `--max-shift` makes of a plan (undefined without it): a saved plan's own ramp unless
 * the flags name another.
 */
export function rampFor(
  prepared: Prepared<PlannedTarget>,
  options: JournalOptions,
  saved?: PlanDocument,
): RampEstimate | undefined {
  const chosen = rampOptions(options, saved);
  if (chosen.maxShift === undefined) return undefined;
  const maxShift = Number(chosen.maxShift.replace(/%$/, ''));
  return rampEstimate(prepared, maxShift, stepWaitSeconds(prepared, chosen), options.now);
}

/** --max-shift and --step-wait as given, or else as the saved plan was made with them. */
export function rampOptions(options: JournalOptions, saved?: PlanDocument): JournalOptions {
  const ramp = saved?.ramp;
  if (options.maxShift !== undefined || ramp === undefined) return options;
  return {
    ...options,
    maxShift: String(ramp.maxShiftPercent),
    stepWait: options.stepWait ?? `${ramp.stepWaitSeconds}s`,
  };
}

/** The wait between ramp steps: at least the longest TTL, so resolvers drop the previous step. */
function stepWaitSeconds(prepared: Prepared<PlannedTarget>, options: JournalOptions): number {
  const ttl = Math.max(...prepared.policy.services.map((s) => s.ttl));
  const stepWait = options.stepWait === undefined ? ttl : (parseDuration(options.stepWait) ?? ttl);
  if (stepWait < ttl && options.stepWait !== undefined && !options.force) {
    throw new TrafficportError(
      'USAGE.STEP_WAIT',
      `--step-wait ${options.stepWait} is shorter than the TTL (${ttl}s): resolvers would still hold the previous step`,
      {
        hint: `use at least ${ttl}s, or --force`,
      },
    );
  }
  return stepWait;
}

function rampSteps(target: Prepared['targets'][number], prepared: Prepared, maxShift: number): Resource[][] {
  if (!Number.isFinite(maxShift) || maxShift <= 0 || maxShift > 100) {
    throw new TrafficportError('USAGE.BAD_PERCENT', `--max-shift '${maxShift}' is not a percentage`, {
      hint: 'give a number from 1 to 100',
    });
  }
  return rampSplits(prepared.splits, target.before, maxShift).map(
    (split) =>
      target.kit.render({ policy: prepared.policy, splits: split, provider: target.provider, geoList: target.geoList })
        .resources as Resource[],
  );
}

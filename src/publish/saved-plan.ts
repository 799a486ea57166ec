import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TrafficportError } from '../errors.js';
import { checkSafety } from '../plan/safety.js';
import type { PlanDocument, RampEstimate } from '../plan/types.js';
import type { Prepared, PublishFlags } from './prepare.js';
import { trafficSteps } from './ramp.js';

/** The plan saved in `target` (`plan --out`), or undefined when `target` is a policy. */
export async function readSavedPlan(target: string, cwd: string): Promise<PlanDocument | undefined> {
  if (!target.endsWith('.json')) return undefined;
  const text = await readFile(resolve(cwd, target), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  // Not JSON: a policy written in JSON with a syntax error, whose loader says where it is.
  const value = parseJson(text) as Partial<PlanDocument> | undefined;
  if (value?.kind !== 'trafficport-plan') return undefined;
  if (value.version !== 1)
    throw new TrafficportError('PLAN.VERSION', `${target} is a plan of version ${value.version}`, {
      hint: 'make the plan again with this version of trafficport',
    });
  return value as PlanDocument;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The moment, what-if overrides and providers a saved plan was made with. */
export function flagsFromPlan(plan: PlanDocument): PublishFlags {
  return {
    at: plan.at,
    down: plan.overrides.downEndpoints,
    downRegion: plan.overrides.downRegions,
    downCloud: plan.overrides.downClouds,
    provider: plan.providers.map((p) => p.provider),
  };
}

/** A saved plan applies only to the policy and live state it was made from. */
export function refuseStale(saved: PlanDocument, prepared: Prepared): void {
  if (saved.policy.sha256 !== prepared.policySha256) {
    throw new TrafficportError('PLAN.STALE', `${saved.policy.file} changed since the plan was made`, {
      hint: 'run trafficport plan again and review the new plan',
    });
  }
  for (const provider of saved.providers) {
    const now = prepared.targets.find((t) => t.provider.id === provider.provider);
    if (now === undefined || now.plan.fingerprint !== provider.fingerprint) {
      throw new TrafficportError(
        'PLAN.STALE',
        `the records at ${provider.provider} (${provider.zone}) changed since the plan was made; applying it could undo someone else's change`,
        { hint: 'run trafficport plan again and review the new plan' },
      );
    }
    // Plans saved before geography lists were recorded have none to compare.
    const list = (provider as Partial<typeof provider>).geography;
    if (list !== undefined && list.fingerprint !== now.plan.geography.fingerprint) {
      throw new TrafficportError(
        'PLAN.STALE',
        `${provider.provider}'s geography list changed since the plan was made (${list.fingerprint} → ${now.plan.geography.fingerprint}): records may answer other users now`,
        { hint: 'run trafficport plan again and review the new plan' },
      );
    }
  }
}

/**
 * A saved plan applied with a ramp: the ramp as it is now, and the traffic limit checked against
 * its largest step (the plan's own limits; the rest of the reviewed plan unchanged).
 */
export function withRamp(saved: PlanDocument, prepared: Prepared, ramp: RampEstimate | undefined): PlanDocument {
  if (ramp === undefined) return saved;
  const { limits } = saved.safety;
  return { ...saved, ramp, safety: checkSafety(saved.providers, limits, trafficSteps(prepared, limits, ramp)) };
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TrafficportError } from '../errors.js';
import { savedPlanDifferences } from '../plan/compare-plans.js';
import type { PlanDocument } from '../plan/types.js';
import { PLAN_INPUT_FLAGS } from './plan-flags.js';
import type { Prepared, PublishFlags } from './prepare.js';

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
    ...(plan.services === undefined ? {} : { service: plan.services }),
    // The policy's own latencyFile is read through the policy again (its path is the policy's to resolve).
    ...(plan.latency === undefined || plan.latency.from === 'policy' ? {} : { latency: plan.latency.file }),
  };
}

/** A saved plan applies only to the policy and live state it was made from. */
export function refuseStale(saved: PlanDocument, prepared: Prepared): void {
  if (saved.policy.sha256 !== prepared.policySha256) {
    throw new TrafficportError('PLAN.STALE', `${saved.policy.file} changed since the plan was made`, {
      hint: 'run trafficport plan again and review the new plan',
    });
  }
  if (saved.latency !== undefined && saved.latency.sha256 !== prepared.latency?.sha256) {
    throw new TrafficportError('PLAN.STALE', `${saved.latency.file} changed since the plan was made`, {
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
 * A saved plan approves one exact diff: the changes made now from the same policy, moment,
 * overrides and live records must be the file's, change for change, or nothing is applied.
 * Checked after refuseStale, so a difference here is the file itself (edited by hand or by
 * something else), not the world moving on.
 */
export function refuseMismatch(saved: PlanDocument, now: PlanDocument, file: string): void {
  const differences = savedPlanDifferences(saved, now);
  if (differences.length === 0) return;
  throw new TrafficportError(
    'PLAN.MISMATCH',
    `${file} is not the plan its policy gives (${differences.length} difference${differences.length === 1 ? '' : 's'}); nothing was applied:`,
    {
      items: differences,
      hint: `a saved plan is applied only as \`plan --out\` wrote it; make it again with \`trafficport plan ${saved.policy.file} --out ${file}\` and review it`,
    },
  );
}

/** What a saved plan fixes itself: the moment, the what-if inputs, the providers and the services. */
export const PLAN_FIXED_FLAGS: readonly string[] = PLAN_INPUT_FLAGS;

/**
 * `apply plan.json` takes the moment, overrides and providers from the plan; the same flags on
 * the command line would be ignored, so they are a usage error (before anything is read).
 */
export function refuseFixedFlags(given: readonly string[], file: string): void {
  const fixed = given.filter((flag) => PLAN_FIXED_FLAGS.includes(flag));
  if (fixed.length === 0) return;
  const names = fixed.map((flag) => `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  throw new TrafficportError(
    'USAGE.CONFLICTING_OPTION',
    `${names.join(', ')} cannot be used with a saved plan: ${file} fixes the moment, the what-if inputs, the providers and the services`,
    { hint: `apply ${file} without them, or make a new plan with them and \`plan --out\`` },
  );
}

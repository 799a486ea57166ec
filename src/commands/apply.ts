import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Journal, JournalStore } from '../apply/journal.js';
import { type ProviderOutcome, runJournal } from '../apply/run.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { CliIo } from '../cli/io.js';
import type { CommandResult } from '../cli/result.js';
import { journalDir } from '../cli/state-dir.js';
import { TrafficportError } from '../errors.js';
import { applyChanges } from '../plan/build.js';
import { rampPlans } from '../plan/ramp.js';
import type { PlanDocument } from '../plan/types.js';
import { parseDuration } from '../policy/duration.js';
import { formatInstant } from '../policy/time.js';
import type { Resource } from '../render/types.js';
import { isInteractive, liveProgress, planView, printView, viewOptions } from '../ui/ink/terminal.js';
import { styles } from '../ui/text/colors.js';
import { formatPlan, totals } from '../ui/text/plan.js';
import {
  type Prepared,
  type PublishFlags,
  planDocument,
  preparePublish,
  requireReachable,
  servicesOf,
} from './publish.js';
import { type SafetyFlags, safetyLimits } from './safety-flags.js';

export interface ApplyFlags extends PublishFlags, SafetyFlags {
  readonly autoApprove?: boolean;
  readonly force?: boolean;
  readonly acceptDegraded?: boolean;
  readonly maxShift?: string;
  readonly stepWait?: string;
  readonly color?: boolean;
  readonly json?: boolean;
}

/** `apply POLICY` or `apply plan.json`: check, confirm, journal, publish to every provider. */
export async function runApply(target: string, flags: ApplyFlags, io: CliIo): Promise<CommandResult> {
  const saved = await readPlanFile(target, io);
  const policyFile = saved?.policy.file ?? target;
  const solveFlags: ApplyFlags = saved === undefined ? flags : { ...flags, ...flagsFromPlan(saved) };
  const prepared = await preparePublish(policyFile, solveFlags, io);
  const plan = saved ?? planDocument(prepared, safetyLimits(flags), io.now());
  // A saved plan is all-or-nothing; a direct apply publishes where it can and journals the rest.
  if (saved !== undefined) {
    requireReachable(prepared);
    refuseStale(saved, prepared);
  }
  if (isInteractive(io.stdout, flags)) {
    await printView(io.stdout, planView(plan, prepared.split), viewOptions(io.stdout, io.env, flags));
  } else if (!flags.json) io.stdout.write(formatPlan(plan, styles(flags.color !== false && io.stdout.isTTY === true)));
  const store = new JournalStore(journalDir(io, flags.stateDir));
  const pending = await store.load();
  if (pending !== undefined && pending.status !== 'done') {
    throw new TrafficportError('APPLY.INTERRUPTED', `an earlier apply (${pending.id}) did not finish`, {
      hint: `finish it with \`trafficport apply --resume ${policyFile}\` or undo it with \`trafficport rollback ${policyFile}\``,
    });
  }
  if (plan.providers.every((p) => p.changes.length === 0) && prepared.unreachable.length === 0) {
    return done(plan, [], 'nothing to apply');
  }
  await checkConsent(plan, flags, io);
  const journal = newJournal(plan, prepared, saved, flags, io);
  await store.save(journal);
  const outcomes = [...(await publish(journal, store, prepared, flags, io)), ...unreachableOutcomes(prepared)];
  const finished = outcomes.every((o) => o.status === 'done');
  if (!finished) {
    journal.status = 'failed';
    await store.save(journal);
  } else {
    await store.archive(journal);
  }
  return done(plan, outcomes, finished ? 'applied' : 'failed', policyFile);
}

/** Runs the journal with live progress on a terminal, plain progress lines elsewhere. */
async function publish(journal: Journal, store: JournalStore, prepared: Prepared, flags: ApplyFlags, io: CliIo) {
  const runs = runsFor(prepared);
  const live = await liveProgress(
    io,
    flags,
    runs.map((r) => r.id),
  );
  const outcomes = runJournal(journal, store, runs, live?.events ?? progress(io, flags));
  const failed = (list: readonly ProviderOutcome[]) => list.filter((o) => o.status === 'failed').map((o) => o.provider);
  await outcomes.then(
    (list) => live?.close(failed(list)),
    () => live?.close(runs.map((r) => r.id)),
  );
  return outcomes;
}

async function readPlanFile(target: string, io: CliIo): Promise<PlanDocument | undefined> {
  if (!target.endsWith('.json')) return undefined;
  const text = await readFile(resolve(io.cwd, target), 'utf8').catch(() => undefined);
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

function flagsFromPlan(plan: PlanDocument): PublishFlags {
  return {
    at: plan.at,
    down: plan.overrides.downEndpoints,
    downRegion: plan.overrides.downRegions,
    downCloud: plan.overrides.downClouds,
    provider: plan.providers.map((p) => p.provider),
  };
}

/** A saved plan applies only to the policy and live state it was made from. */
function refuseStale(saved: PlanDocument, prepared: Prepared): void {
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
  }
}

async function checkConsent(plan: PlanDocument, flags: ApplyFlags, io: CliIo): Promise<void> {
  if (plan.safety.exceeded.length > 0 && !flags.force) {
    throw new TrafficportError(
      'PLAN.UNSAFE',
      `the plan is larger than the safety limits: ${plan.safety.exceeded.join('; ')}`,
      {
        hint: 'review it, then pass --force, raise --max-record-delete/--max-traffic-move, or ramp it with --max-shift',
      },
    );
  }
  const degraded = plan.providers.flatMap((p) => p.degradations.map((d) => `${p.provider}: ${d.message}`));
  if (degraded.length > 0 && !flags.acceptDegraded) {
    throw new TrafficportError('PLAN.DEGRADED', `the plan cannot be published exactly: ${degraded.join('; ')}`, {
      hint: 'change the policy, or pass --accept-degraded to publish the closest form',
    });
  }
  if (flags.autoApprove) return;
  if (io.confirm === undefined) {
    throw new TrafficportError('APPLY.NEEDS_APPROVAL', 'apply needs approval and there is no terminal to ask', {
      hint: 'review the plan, then pass --auto-approve (as CI jobs do)',
    });
  }
  if (!(await io.confirm(`${totals(plan, styles(false))} Apply it?`))) {
    throw new TrafficportError('APPLY.CANCELLED', 'apply cancelled; nothing was changed');
  }
}

function newJournal(
  plan: PlanDocument,
  prepared: Prepared,
  saved: PlanDocument | undefined,
  flags: ApplyFlags,
  io: CliIo,
): Journal {
  const ttl = Math.max(...prepared.policy.services.map((s) => s.ttl));
  const stepWait = flags.stepWait === undefined ? ttl : (parseDuration(flags.stepWait) ?? ttl);
  if (stepWait < ttl && flags.stepWait !== undefined && !flags.force) {
    throw new TrafficportError(
      'USAGE.STEP_WAIT',
      `--step-wait ${flags.stepWait} is shorter than the TTL (${ttl}s): resolvers would still hold the previous step`,
      {
        hint: `use at least ${ttl}s, or --force`,
      },
    );
  }
  const providers: Journal['providers'] = {};
  for (const target of prepared.targets) {
    const planned = plan.providers.find((p) => p.provider === target.provider.id);
    if (planned === undefined) continue;
    const final: readonly Resource[] =
      saved === undefined ? target.desired.resources : applyChanges(target.live.resources, planned.changes);
    const ramp =
      flags.maxShift === undefined ? [] : rampSteps(target, prepared, Number(flags.maxShift.replace(/%$/, '')));
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
    id: `${formatInstant(io.now()).replace(/[:]/g, '')}-${randomBytes(3).toString('hex')}`,
    startedAt: formatInstant(io.now()),
    policySha256: prepared.policySha256,
    planAt: plan.at,
    stepWaitSeconds: stepWait,
    status: 'in-progress',
    providers,
  };
}

function rampSteps(target: Prepared['targets'][number], prepared: Prepared, maxShift: number): Resource[][] {
  if (!Number.isFinite(maxShift) || maxShift <= 0 || maxShift > 100) {
    throw new TrafficportError('USAGE.BAD_PERCENT', `--max-shift '${maxShift}' is not a percentage`, {
      hint: 'give a number from 1 to 100',
    });
  }
  const before = target.kit.evaluate(target.live.resources, prepared.policy, target.provider);
  return rampPlans(prepared.split, before, maxShift).map(
    (split) =>
      target.kit.render({ policy: prepared.policy, plan: split, provider: target.provider }).resources as Resource[],
  );
}

function unreachableOutcomes(prepared: Prepared): ProviderOutcome[] {
  return prepared.unreachable.map(({ provider, error }) => ({
    provider: provider.id,
    status: 'failed' as const,
    calls: 0,
    changes: 0,
    error: { code: error.code, message: error.message },
  }));
}

export function runsFor(prepared: Prepared) {
  return prepared.targets.map((t) => ({
    id: t.provider.id,
    adapter: t.adapter,
    services: servicesOf(prepared.policy, t.provider),
  }));
}

export function progress(io: CliIo, flags: { json?: boolean }) {
  if (flags.json) return {};
  return {
    onBatch: (e: { provider: string; done: number; total: number; changes: number }) =>
      io.stderr.write(`  ${e.provider}: batch ${e.done}/${e.total} (${e.changes} changes)\n`),
    onWait: (e: { provider: string; ms: number; reason: string }) =>
      io.stderr.write(`  ${e.provider}: waiting ${Math.round(e.ms)} ms (${e.reason})\n`),
    onStep: (e: { provider: string; step: number; steps: number }) => {
      if (e.steps > 1) io.stderr.write(`  ${e.provider}: step ${e.step}/${e.steps}\n`);
    },
    onStepWait: (e: { provider: string; seconds: number }) =>
      io.stderr.write(`  ${e.provider}: waiting ${e.seconds}s (one TTL) before the next step\n`),
  };
}

export function done(
  plan: PlanDocument | undefined,
  outcomes: readonly ProviderOutcome[],
  status: string,
  policyFile?: string,
): CommandResult {
  const failed = outcomes.filter((o) => o.status === 'failed');
  return {
    exitCode: failed.length > 0 ? ExitCode.ERROR : ExitCode.OK,
    json: () => ({ version: 1, status, at: plan?.at, providers: outcomes }),
    human: ({ color }) => {
      const s = styles(color);
      if (outcomes.length === 0) return `${s.green('No changes.')} ${status}\n`;
      const lines = outcomes.map((o) =>
        o.status === 'done'
          ? `${s.green('✓')} ${o.provider}: ${o.changes} changes applied in ${o.calls} API calls`
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

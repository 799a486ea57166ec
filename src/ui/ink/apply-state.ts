import { counted } from '../../util/words.js';
/** What the live apply view knows, built from the apply's progress events by a pure reducer. */
export interface ApplyProgressState {
  readonly providers: readonly ProviderProgress[];
  /** Finished lines, append-only: the view prints them once (<Static>) above the live part. */
  readonly log: readonly LogLine[];
}

export interface ProviderProgress {
  readonly id: string;
  readonly phase: 'pending' | 'applying' | 'waiting' | 'done' | 'failed';
  readonly step: number;
  readonly steps: number;
  readonly batchesDone: number;
  readonly batchesTotal: number;
  readonly changes: number;
  /** The wait in progress: a rate limit, propagation, a retry, or the TTL between ramp steps. */
  readonly wait?: { readonly reason: WaitReason; readonly until: number };
  /** Time spent waiting so far, ms (rate limits, propagation and retries; not TTL waits). */
  readonly waitedMs: number;
}

export type WaitReason = 'pacing' | 'throttled' | 'propagation' | 'retry' | 'ttl';

export interface LogLine {
  readonly id: number;
  readonly provider: string;
  readonly kind: 'batch' | 'step' | 'done' | 'failed';
  readonly text: string;
}

export type ProgressEvent =
  | {
      readonly type: 'batch';
      readonly provider: string;
      readonly done: number;
      readonly total: number;
      readonly changes: number;
    }
  | {
      readonly type: 'wait';
      readonly provider: string;
      readonly ms: number;
      readonly reason: Exclude<WaitReason, 'ttl'>;
    }
  | { readonly type: 'step'; readonly provider: string; readonly step: number; readonly steps: number }
  | { readonly type: 'step-wait'; readonly provider: string; readonly seconds: number }
  | { readonly type: 'finish'; readonly failed: readonly string[] };

export function initialProgress(providers: readonly string[]): ApplyProgressState {
  return {
    providers: providers.map((id) => ({
      id,
      phase: 'pending',
      step: 0,
      steps: 1,
      batchesDone: 0,
      batchesTotal: 0,
      changes: 0,
      waitedMs: 0,
    })),
    log: [],
  };
}

export function reduceProgress(state: ApplyProgressState, event: ProgressEvent, now: number): ApplyProgressState {
  if (event.type === 'finish') return finish(state, event.failed);
  const current =
    state.providers.find((p) => p.id === event.provider) ?? initialProgress([event.provider]).providers[0]!;
  const { next, line } = advance(current, event, now);
  const providers = state.providers.some((p) => p.id === next.id)
    ? state.providers.map((p) => (p.id === next.id ? next : p))
    : [...state.providers, next];
  return { providers, log: line === undefined ? state.log : [...state.log, { ...line, id: state.log.length }] };
}

/** One provider's next state and, for finished work, the line to log. Any event ends a wait. */
function advance(
  current: ProviderProgress,
  event: Exclude<ProgressEvent, { type: 'finish' }>,
  now: number,
): { next: ProviderProgress; line?: Omit<LogLine, 'id'> } {
  const { wait: _ended, ...base } = current;
  const { provider } = event;
  switch (event.type) {
    case 'step':
      return {
        next: { ...base, phase: 'applying', step: event.step, steps: event.steps, batchesDone: 0, batchesTotal: 0 },
      };
    case 'batch': {
      const step = current.steps > 1 ? ` step ${current.step}/${current.steps}` : '';
      const changes = current.changes + event.changes;
      return {
        next: { ...base, phase: 'applying', batchesDone: event.done, batchesTotal: event.total, changes },
        line: {
          provider,
          kind: 'batch',
          text: `${provider}${step}: batch ${event.done}/${event.total} published (${counted(event.changes, 'change')})`,
        },
      };
    }
    case 'wait': {
      const wait = { reason: event.reason, until: now + event.ms };
      return { next: { ...base, phase: 'waiting', wait, waitedMs: current.waitedMs + event.ms } };
    }
    case 'step-wait':
      return {
        next: { ...base, phase: 'waiting', wait: { reason: 'ttl', until: now + event.seconds * 1000 } },
        line: {
          provider,
          kind: 'step',
          text: `${provider}: step ${current.step}/${current.steps} published; waiting ${event.seconds}s (one TTL) before step ${current.step + 1}`,
        },
      };
  }
}

function finish(state: ApplyProgressState, failed: readonly string[]): ApplyProgressState {
  const log = [...state.log];
  const providers = state.providers.map((p): ProviderProgress => {
    const { wait: _ended, ...base } = p;
    const ok = !failed.includes(p.id);
    const waited = p.waitedMs > 0 ? `, waited ${(p.waitedMs / 1000).toFixed(1)}s for rate limits and propagation` : '';
    log.push({
      id: log.length,
      provider: p.id,
      kind: ok ? 'done' : 'failed',
      text: ok ? `${p.id}: done, ${counted(p.changes, 'change')}${waited}` : `${p.id}: failed (see below)`,
    });
    return { ...base, phase: ok ? 'done' : 'failed' };
  });
  return { providers, log };
}

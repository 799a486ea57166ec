import { seededRandom } from '../../../util/random.js';
import type { OperationName } from './types.js';

/**
 * Fault injection, deterministic for tests: "every n-th call" counters and seeded
 * probabilities. Only calls to the listed operations count (all operations by default).
 */
export interface FaultOptions {
  /** Every n-th call fails with HTTP 400 `Throttling` (the SDK retries it). */
  readonly throttleEvery?: number;
  /** Every n-th call fails with HTTP 500 `InternalFailure` (or 503, see `failStatus`). */
  readonly failEvery?: number;
  /** Every n-th call never gets an answer; the client's request timeout has to fire. */
  readonly timeoutEvery?: number;
  /** Every n-th call has its connection dropped (ECONNRESET in-process). */
  readonly resetEvery?: number;
  /**
   * Every n-th call is answered as a success but its effect is lost: ChangeResourceRecordSets
   * passes its checks and returns a change id, yet no record changes (a write the provider
   * acknowledged and lost, which only reading back can catch). Other operations run normally.
   */
  readonly dropEvery?: number;
  readonly dropRate?: number;
  /** Probabilities (0–1) of the same faults, drawn from a generator seeded with `seed`. */
  readonly throttleRate?: number;
  readonly failRate?: number;
  readonly timeoutRate?: number;
  readonly resetRate?: number;
  readonly seed?: number;
  readonly failStatus?: 500 | 503;
  /**
   * Timeouts and resets happen after the operation ran, so its effect stays although the client
   * saw a failure — the case a journaled apply has to survive. Default: before (nothing applied).
   */
  readonly afterApply?: boolean;
  readonly operations?: readonly OperationName[];
  /** How long a change stays PENDING before GetChange reports INSYNC. Default 0. */
  readonly propagationMs?: number;
  /** How long a timed-out call hangs before the mock gives up on it itself. Default 60 s. */
  readonly hangMs?: number;
}

export type FaultKind = 'throttle' | 'fail' | 'timeout' | 'reset' | 'drop';

export interface FaultInjector {
  /** The fault to inject into this call, if any. Counts the call. */
  next(operation: OperationName): FaultKind | undefined;
}

/** Most disruptive first, so a call that matches several schedules gets the worst one. */
const ORDER: readonly { kind: FaultKind; every: keyof FaultOptions; rate: keyof FaultOptions }[] = [
  { kind: 'reset', every: 'resetEvery', rate: 'resetRate' },
  { kind: 'timeout', every: 'timeoutEvery', rate: 'timeoutRate' },
  { kind: 'fail', every: 'failEvery', rate: 'failRate' },
  { kind: 'throttle', every: 'throttleEvery', rate: 'throttleRate' },
  { kind: 'drop', every: 'dropEvery', rate: 'dropRate' },
];

export function createFaultInjector(options: FaultOptions = {}): FaultInjector {
  const random = seededRandom(options.seed ?? 1);
  let calls = 0;
  return {
    next(operation) {
      if (options.operations && !options.operations.includes(operation)) return undefined;
      calls += 1;
      for (const { kind, every, rate } of ORDER) {
        const period = options[every];
        const probability = options[rate];
        if (typeof period === 'number' && period > 0 && calls % period === 0) return kind;
        if (typeof probability === 'number' && probability > 0 && random() < probability) return kind;
      }
      return undefined;
    },
  };
}

import type { FaultKind } from './faults.js';
import type { OperationName } from './types.js';

/**
 * What the mock saw, per backend instance (in memory, not in the state file): calls per
 * operation, errors per code, injected faults and rate-limit refusals. Benchmarks compare
 * `calls` with the minimum number of calls a plan needs.
 */
export interface Route53MockCounters {
  /** Every routed API call, including ones that then failed. */
  total: number;
  calls: Partial<Record<OperationName, number>>;
  /** Error responses by Route 53 error code (InvalidChangeBatch, Throttling, …). */
  errors: Record<string, number>;
  faults: Record<FaultKind, number>;
  /** Calls refused by the token buckets (also counted under errors.Throttling). */
  rateLimited: number;
}

export function emptyCounters(): Route53MockCounters {
  return {
    total: 0,
    calls: {},
    errors: {},
    faults: { throttle: 0, fail: 0, timeout: 0, reset: 0, drop: 0 },
    rateLimited: 0,
  };
}

export function countCall(counters: Route53MockCounters, operation: OperationName): void {
  counters.total += 1;
  counters.calls[operation] = (counters.calls[operation] ?? 0) + 1;
}

export function countError(counters: Route53MockCounters, code: string): void {
  counters.errors[code] = (counters.errors[code] ?? 0) + 1;
}

import { seededRandom } from '../../../util/random.js';
/**
 * Fault injection for the Azure mock. Rules are checked in order for every recognised request;
 * the first that fires decides. Firing is deterministic (skip the first `after` matches, then fire
 * `times` times) unless `probability` is set, in which case a seeded RNG decides, so a run with
 * the same seed and the same request sequence injects the same faults.
 */

export type FaultKind =
  /** HTTP 429 `ResourceRequestsThrottled` with `Retry-After` (what ARM throttling returns). */
  | { readonly kind: 'throttle'; readonly retryAfterSeconds?: number }
  /** An HTTP 5xx with an ARM error body (`InternalServerError`, `ServiceUnavailable`, ...). */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  /** Answer normally, but only after `delayMs`. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Never answer: the connection is held for `delayMs` (default 30 s) and then dropped. */
  | { readonly kind: 'timeout'; readonly delayMs?: number }
  /** Drop the connection without an answer (ECONNRESET at the client). */
  | { readonly kind: 'reset' };

export type FaultRule = FaultKind & {
  /** Operation ids to match (`RecordSets_CreateOrUpdate`); a trailing `*` matches a prefix. All when absent. */
  readonly operations?: readonly string[];
  /** HTTP methods to match; all when absent. */
  readonly methods?: readonly string[];
  /** Let this many matching requests through before firing. */
  readonly after?: number;
  /** Fire this many times, then stop (default: unlimited). */
  readonly times?: number;
  /** Fire with this probability (0–1) using the seeded RNG instead of always. */
  readonly probability?: number;
};

export interface AzureMockFaults {
  readonly rules?: readonly FaultRule[];
  /** Seed for probabilistic rules (default 1). */
  readonly seed?: number;
}

/** Thrown by the handler when the transport, not an HTTP answer, must carry the fault. */
export class TransportFault extends Error {
  constructor(
    readonly fault: 'reset' | 'timeout',
    readonly delayMs: number,
  ) {
    super(fault === 'reset' ? 'mock connection reset' : 'mock request timeout');
    this.name = 'TransportFault';
  }
}

export interface FaultInjector {
  /** The rule that fires for this request, if any (advances the rule counters). */
  pick(operation: string, method: string): FaultKind | undefined;
}

export function createFaultInjector(faults: AzureMockFaults = {}): FaultInjector {
  const rules = faults.rules ?? [];
  const seen = rules.map(() => 0);
  const fired = rules.map(() => 0);
  const random = seededRandom(faults.seed ?? 1);
  return {
    pick(operation, method) {
      for (const [index, rule] of rules.entries()) {
        if (!ruleMatches(rule, operation, method)) continue;
        const count = (seen[index] ?? 0) + 1;
        seen[index] = count;
        if (count <= (rule.after ?? 0)) continue;
        if ((fired[index] ?? 0) >= (rule.times ?? Number.POSITIVE_INFINITY)) continue;
        if (rule.probability !== undefined && random() >= rule.probability) continue;
        fired[index] = (fired[index] ?? 0) + 1;
        return rule;
      }
      return undefined;
    },
  };
}

function ruleMatches(rule: FaultRule, operation: string, method: string): boolean {
  if (rule.methods && !rule.methods.some((item) => item.toUpperCase() === method.toUpperCase())) return false;
  if (!rule.operations) return true;
  return rule.operations.some((pattern) =>
    pattern.endsWith('*') ? operation.startsWith(pattern.slice(0, -1)) : pattern === operation,
  );
}

const STATUS_CODES: Readonly<Record<number, string>> = {
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function statusFaultCode(status: number): string {
  return STATUS_CODES[status] ?? 'InternalServerError';
}

/** Counters of requests the mock received, so benchmarks can compare calls made with the minimum. */
export interface AzureMockStats {
  /** Requests per REST operation id, including ones that were throttled or faulted. */
  readonly calls: Readonly<Record<string, number>>;
  readonly total: number;
  /** Requests answered 429 by the rate limiter or a throttle fault. */
  readonly throttled: number;
  /** Requests that got an injected fault of any kind. */
  readonly faulted: number;
  /** Requests answered with an HTTP status >= 400 (throttles and faults included). */
  readonly errors: number;
}

export class StatsCounter {
  private calls: Record<string, number> = {};
  private throttled = 0;
  private faulted = 0;
  private errors = 0;

  call(operation: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }

  throttle(): void {
    this.throttled += 1;
  }

  fault(): void {
    this.faulted += 1;
  }

  error(): void {
    this.errors += 1;
  }

  snapshot(): AzureMockStats {
    const total = Object.values(this.calls).reduce((sum, count) => sum + count, 0);
    return { calls: { ...this.calls }, total, throttled: this.throttled, faulted: this.faulted, errors: this.errors };
  }

  reset(): void {
    this.calls = {};
    this.throttled = 0;
    this.faulted = 0;
    this.errors = 0;
  }
}

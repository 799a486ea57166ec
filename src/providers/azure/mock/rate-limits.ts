import type { RateClass } from './wire.js';

/**
 * Per-zone request budgets of Azure DNS, as ARM enforces them. Source: Azure docs "Understand how
 * Azure Resource Manager throttles requests" (request-limits-and-throttling, Network throttling):
 * per DNS zone per minute, 200 create/update/delete, 2,000 gets and 60 lists. Windows are fixed
 * and kept in memory, so two processes sharing a state file each get a full budget.
 */
export interface AzureRateLimits {
  readonly writesPerWindow: number;
  readonly getsPerWindow: number;
  readonly listsPerWindow: number;
  /** Window length (default one minute); tests shorten it to keep retries fast. */
  readonly windowMs: number;
}

export const DOCUMENTED_DNS_RATE_LIMITS: AzureRateLimits = {
  writesPerWindow: 200,
  getsPerWindow: 2_000,
  listsPerWindow: 60,
  windowMs: 60_000,
};

export interface RateDecision {
  readonly limit: number;
  readonly windowMs: number;
  /** Whole seconds until the window reopens (at least 1), for `Retry-After`. */
  readonly retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Spends one request from the bucket; returns the refusal when the budget is used up. */
  take(scope: string, kind: RateClass): RateDecision | undefined;
}

export function createRateLimiter(limits: AzureRateLimits, now: () => number): RateLimiter {
  const windows = new Map<string, { start: number; used: number }>();
  const budget: Readonly<Record<RateClass, number>> = {
    write: limits.writesPerWindow,
    get: limits.getsPerWindow,
    list: limits.listsPerWindow,
  };
  return {
    take(scope, kind) {
      const key = `${kind} ${scope}`;
      const time = now();
      let window = windows.get(key);
      if (!window || time - window.start >= limits.windowMs) {
        window = { start: time, used: 0 };
        windows.set(key, window);
      }
      if (window.used < budget[kind]) {
        window.used += 1;
        return undefined;
      }
      const remainingMs = window.start + limits.windowMs - time;
      return {
        limit: budget[kind],
        windowMs: limits.windowMs,
        retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)),
      };
    },
  };
}

/** `00:01:00` as ARM prints intervals in throttling messages. */
export function formatInterval(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

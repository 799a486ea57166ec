import {
  perWindow,
  TRAFFIC_MANAGER_PER_MINUTE,
  TRAFFIC_MANAGER_WINDOW_MS,
  type TrafficManagerRateClass,
} from '../tm-limits.js';
import { type DnsRateClass, isTrafficManagerClass, type RateClass } from './wire.js';

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
  /** Traffic Manager's per-subscription budgets; absent: Traffic Manager is not throttled. */
  readonly trafficManager?: TrafficManagerRateLimits;
}

export interface TrafficManagerRateLimits {
  readonly windowMs: number;
  readonly perWindow: Readonly<Record<TrafficManagerRateClass, number>>;
}

/**
 * Traffic Manager's per-subscription budgets as documented (tm-limits.ts), in 20-second windows
 * of a third of each per-minute figure: the stricter reading of "per minute, typically over a
 * 20-second interval" (UNCONFIRMED which one Azure applies).
 */
export const DOCUMENTED_TRAFFIC_MANAGER_RATE_LIMITS: TrafficManagerRateLimits = {
  windowMs: TRAFFIC_MANAGER_WINDOW_MS,
  perWindow: Object.fromEntries(
    (Object.keys(TRAFFIC_MANAGER_PER_MINUTE) as TrafficManagerRateClass[]).map((kind) => [kind, perWindow(kind)]),
  ) as Record<TrafficManagerRateClass, number>,
};

export const DOCUMENTED_DNS_RATE_LIMITS: AzureRateLimits = {
  writesPerWindow: 200,
  getsPerWindow: 2_000,
  listsPerWindow: 60,
  windowMs: 60_000,
  trafficManager: DOCUMENTED_TRAFFIC_MANAGER_RATE_LIMITS,
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
  const dns: Readonly<Record<DnsRateClass, number>> = {
    write: limits.writesPerWindow,
    get: limits.getsPerWindow,
    list: limits.listsPerWindow,
  };
  const tm = limits.trafficManager;
  return {
    take(scope, kind) {
      const budget = isTrafficManagerClass(kind) ? tm?.perWindow[kind] : dns[kind];
      if (budget === undefined) return undefined;
      const windowMs = isTrafficManagerClass(kind) ? tm!.windowMs : limits.windowMs;
      const key = `${kind} ${scope}`;
      const time = now();
      let window = windows.get(key);
      if (!window || time - window.start >= windowMs) {
        window = { start: time, used: 0 };
        windows.set(key, window);
      }
      if (window.used < budget) {
        window.used += 1;
        return undefined;
      }
      const remainingMs = window.start + windowMs - time;
      return { limit: budget, windowMs, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
    },
  };
}

/** `00:01:00` as ARM prints intervals in throttling messages. */
export function formatInterval(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { createRequestPacer, type PacingRate, type RequestPacer } from '../route53/pacing.js';
import {
  perWindow,
  TRAFFIC_MANAGER_WINDOW_MS,
  type TrafficManagerRateClass,
  trafficManagerClass,
} from './tm-limits.js';

/**
 * Paces Traffic Manager requests to the subscription's documented budgets (tm-limits.ts) before
 * they are sent, as the Route 53 path paces its account's requests: a large apply slows down by
 * itself instead of collecting 429s. Azure DNS requests are not paced here: their budgets are per
 * zone and the SDK's retries honour `Retry-After`.
 *
 * Each budget is a token bucket sized so that no 20-second interval ever carries more than a
 * third of the per-minute figure (the stricter reading the mock enforces): a burst of two seconds'
 * worth, then the rest of the interval's allowance spread over it. For profile writes (600 a
 * minute): 20 at once, then 9 a second. Pacers are shared process-wide per subscription, so the
 * providers of one policy (one adapter each) draw from one budget, as Azure counts them.
 */

export function trafficManagerRate(kind: TrafficManagerRateClass): PacingRate {
  const allowance = perWindow(kind);
  const seconds = TRAFFIC_MANAGER_WINDOW_MS / 1000;
  const burst = Math.max(1, Math.floor((2 * allowance) / seconds));
  return { burst, ratePerSecond: (allowance - burst) / seconds };
}

export interface PacingClock {
  readonly clock: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

const pacers = new Map<string, RequestPacer>();

/** The one pacer of `account`'s budget `kind` among `held`. */
function pacerOf(
  held: Map<string, RequestPacer>,
  account: string,
  kind: TrafficManagerRateClass,
  time: PacingClock | undefined,
): RequestPacer {
  const key = `${account} ${kind}`;
  let pacer = held.get(key);
  if (pacer === undefined) {
    pacer = createRequestPacer(trafficManagerRate(kind), time?.clock, time?.sleep);
    held.set(key, pacer);
  }
  return pacer;
}

/**
 * A per-retry pipeline policy (retries are paced like first attempts). `account` names the budget
 * (the endpoint and subscription; an in-process mock backend is an account of its own); `onWait`
 * hears of each wait before it starts. `time` replaces the clock in tests.
 */
export function trafficManagerPacing(
  account: string,
  onWait: (ms: number) => void,
  time?: PacingClock,
): PipelinePolicy {
  // A clock of its own (tests) means buckets of its own, never shared with real-clock ones.
  const held = time === undefined ? pacers : new Map<string, RequestPacer>();
  return {
    name: 'trafficportTrafficManagerPacing',
    async sendRequest(request, next) {
      const kind = trafficManagerClass(request.method, new URL(request.url).pathname);
      if (kind !== undefined) await pacerOf(held, account, kind, time).take(onWait);
      return next(request);
    },
  };
}

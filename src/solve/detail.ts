import type { Endpoint } from '../policy/types.js';
import type { Reason } from './types.js';

/**
 * How much of a split to keep. `full`: everything, for `splits`, `explain` and reports.
 * `publish`: what `plan` and `apply` read while they hold a split for the whole run — the shares,
 * demand and latency of every geography, and only the reasons that take an endpoint out of a
 * geography (sovereignty, down, maintenance), which ramping keeps out of every step. At 1,000
 * services × 247 geographies the full split is 169 MB, two thirds of it the other reasons
 * (above all each geography's nearest-endpoint ranking); `publish` keeps 37 MB. `reasons`: every
 * reason but the nearest-endpoint ranking, which `splits` prints only when asked (`--rankings`).
 */
export type SplitDetail = 'full' | 'reasons' | 'publish';

const EXCLUSIONS: ReadonlySet<Reason['kind']> = new Set(['sovereignty', 'sovereignty-override', 'down', 'maintenance']);
/** Shared by the many geographies without exclusions (an empty array each adds up). */
const NO_REASONS: readonly Reason[] = Object.freeze([]);

export function exclusionsOnly(reasons: readonly Reason[]): readonly Reason[] {
  const kept = reasons.filter((reason) => EXCLUSIONS.has(reason.kind));
  return kept.length === 0 ? NO_REASONS : kept;
}

export type SharesMaker = (percent: readonly number[]) => Readonly<Record<string, number>>;

/**
 * Builds each geography's shares (endpoint id → percent, every endpoint listed). With `publish`,
 * geographies of one service with the same split share one read-only object: a service has
 * a handful of distinct splits over its ~250 geographies.
 */
export function sharesMaker(endpoints: readonly Endpoint[], detail: SplitDetail): SharesMaker {
  const make: SharesMaker = (percent) => Object.fromEntries(endpoints.map((endpoint, e) => [endpoint.id, percent[e]!]));
  if (detail === 'full') return make;
  const made = new Map<string, Readonly<Record<string, number>>>();
  return (percent) => {
    const key = percent.join();
    let shares = made.get(key);
    if (shares === undefined) {
      shares = make(percent);
      made.set(key, shares);
    }
    return shares;
  };
}

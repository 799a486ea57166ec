import type { Cloud } from '../policy/types.js';

/**
 * The result of solving a policy at one moment: for every service and geography, the share of
 * traffic each endpoint gets, with the reasons. This is the `splits --json` document (see
 * docs/splits-json.md); field names are a public contract, version 1.
 */
export interface Splits {
  readonly version: 1;
  /** The moment the splits are for (ISO 8601, UTC). */
  readonly at: string;
  readonly services: readonly ServiceSplit[];
  /** The next moment after `at` when some published weight must change, if any is known. */
  readonly nextChangeAt?: string;
  readonly overrides: Overrides;
}

export interface ServiceSplit {
  readonly service: string;
  readonly ttl: number;
  /** Total requests per second, when the policy gives one. */
  readonly demandTotal?: number;
  readonly endpoints: readonly EndpointSummary[];
  /** Share of the service's traffic per cloud, percent. */
  readonly clouds: Readonly<Partial<Record<Cloud, number>>>;
  readonly geographies: readonly GeographySplit[];
  /** Where a soft goal (capacity, balance, spread, latency bound) could not be met. */
  readonly shortfalls: readonly Shortfall[];
  /** Demand-weighted mean latency over all users, ms. */
  readonly meanLatencyMs: number;
}

export type EndpointStatus = 'active' | 'draining' | 'drained' | 'restoring' | 'down';

export interface EndpointSummary {
  readonly id: string;
  readonly cloud: Cloud;
  readonly region?: string;
  readonly status: EndpointStatus;
  /** Share of the service's total traffic, percent. */
  readonly share: number;
  /** Expected requests per second (when demand has a total). */
  readonly load?: number;
  readonly capacity?: number;
  /** load / capacity, percent. */
  readonly utilization?: number;
  /** Maintenance windows affecting the endpoint at this moment. */
  readonly windows: readonly string[];
}

export interface GeographySplit {
  /** `*`, an ISO country code (`DE`) or a US state (`US-CA`). */
  readonly geo: string;
  readonly name: string;
  /** Share of the service's demand coming from here, percent. */
  readonly demand: number;
  /** Percent of this geography's traffic per endpoint; endpoints with 0 are listed too. */
  readonly shares: Readonly<Record<string, number>>;
  readonly latencyMs: number;
  readonly reasons: readonly Reason[];
}

/** Why a geography's split looks the way it does. Every exclusion and bound has one. */
export type Reason =
  | { readonly kind: 'sovereignty'; readonly rule: string; readonly excluded: readonly string[] }
  | { readonly kind: 'sovereignty-override'; readonly rule: string; readonly restored: readonly string[] }
  | {
      readonly kind: 'maintenance';
      readonly window: string;
      readonly endpoint: string;
      readonly phase: EndpointStatus;
      readonly drained: number;
    }
  | { readonly kind: 'down'; readonly endpoint: string; readonly source: string }
  /** A nearer endpoint that would take more of this geography but is at (or over) its capacity. */
  | { readonly kind: 'capacity'; readonly endpoint: string; readonly detail: 'full' | 'overloaded' }
  /**
   * A balance bound in force: `endpoints` are nearer endpoints that would take more of this
   * geography if the rule let the cloud's share past `bound` (its max; or, for `min`, the other
   * cloud's minimum that keeps traffic where it is).
   */
  | {
      readonly kind: 'balance';
      readonly rule: string;
      readonly cloud: Cloud;
      readonly bound: 'min' | 'max';
      readonly endpoints: readonly string[];
    }
  /** Endpoints at the 1/k share minEndpoints k allows, that would take more without it. */
  | { readonly kind: 'spread-cap'; readonly minEndpoints: number; readonly endpoints: readonly string[] }
  /** A draining endpoint kept to its ramp step: it would keep more of this geography otherwise. */
  | { readonly kind: 'ramp'; readonly endpoint: string }
  | { readonly kind: 'spread'; readonly minEndpoints: number; readonly available: number }
  | { readonly kind: 'latency-bound'; readonly maxLatencyMs: number; readonly exceeded: readonly string[] }
  | { readonly kind: 'nearest'; readonly ranking: readonly { readonly endpoint: string; readonly latencyMs: number }[] }
  | { readonly kind: 'default-audience' }
  /** The service pins this geography's split (`services[].pinned`, the entry `record`): kept, not optimized. */
  | { readonly kind: 'pinned'; readonly record: string };

export type Shortfall =
  | {
      readonly kind: 'capacity';
      readonly endpoint: string;
      readonly load: number;
      readonly capacity: number;
      readonly over: number;
    }
  | {
      readonly kind: 'balance';
      readonly rule: string;
      readonly cloud: Cloud;
      readonly share: number;
      readonly bound: number;
      readonly by: number;
    }
  | { readonly kind: 'spread'; readonly geo: string; readonly minEndpoints: number; readonly available: number }
  | { readonly kind: 'latency'; readonly geo: string; readonly maxLatencyMs: number; readonly latencyMs: number };

/** What-if and health inputs: endpoints treated as down at this moment. */
export interface Overrides {
  readonly downEndpoints: readonly string[];
  readonly downRegions: readonly string[];
  readonly downClouds: readonly string[];
}

export const NO_OVERRIDES: Overrides = { downEndpoints: [], downRegions: [], downClouds: [] };

/** Service → geography → endpoint → fraction of the geography's traffic: a split to stay close to. */
export type SplitReference = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>>;

import type { Route53Location } from '../../../geo/provider-lists/route53-locations.js';
import type { StateStore } from '../../mock/state-store.js';
import type { GeoLocator } from './geo-ip.js';
import type { Route53MockLimits } from './limits.js';
import type { BatchRules } from './rules.js';
import type { Route53State } from './types.js';

/** What every operation gets: the state, the clock and the backend's configuration. */
export interface OperationContext {
  readonly store: StateStore<Route53State>;
  readonly now: () => number;
  readonly limits: Route53MockLimits;
  readonly rules: BatchRules;
  readonly propagationMs: number;
  readonly busyWhilePending: boolean;
  /** Draws for TestDNSAnswer's weighted pick; seeded so answers repeat run to run. */
  readonly random: () => number;
  readonly geoLocate: GeoLocator | undefined;
  /** What ListGeoLocations serves, in its order; the same list decides which GeoLocations are accepted. */
  readonly geoLocations: readonly Route53Location[];
}

/** A routed request: the operation's path parameter and the raw query, headers and body. */
export interface OperationRequest {
  /** The `{Id}` path segment, if the route has one. */
  readonly id?: string;
  /** A second path parameter (GetHostedZoneLimit's `{Type}`). */
  readonly sub?: string;
  /**
   * The `drop` fault: a write answers as if it had succeeded, after its checks, but its effect
   * is lost (operations that write nothing ignore it).
   */
  readonly dropWrite?: boolean;
  readonly query: Record<string, string | undefined>;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface OperationResult {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

export type Operation = (context: OperationContext, request: OperationRequest) => Promise<OperationResult>;

export const ENDPOINT = 'https://route53.amazonaws.com';

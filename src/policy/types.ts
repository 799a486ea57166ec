import type { GeoRef } from '../geo/geography.js';

/**
 * The normalized, validated policy that the core works on. Every reference has been checked,
 * times are epoch milliseconds, durations are seconds and every endpoint has a location.
 */
export interface Policy {
  readonly version: 1;
  readonly providers: readonly Provider[];
  readonly endpoints: readonly Endpoint[];
  readonly services: readonly Service[];
  readonly demand: Demand;
  readonly rules: Rules;
  /** `provider`: plan and apply take endpoint health from the providers' own checks (as `--health provider`). */
  readonly health?: 'provider';
}

export type Cloud = 'aws' | 'azure' | 'gcp' | 'onprem';

export type Provider = Route53Provider | AzureProvider;

export interface Route53Provider {
  readonly id: string;
  readonly type: 'route53';
  readonly zone: string;
  readonly hostedZoneId?: string;
  readonly backend: 'aws' | 'mock';
  /** Create a Route 53 health check per endpoint (and settings) and attach it to its records. */
  readonly healthChecks: boolean;
  /** Health checks the account allows (default 200); plan fails before it would need more. */
  readonly healthCheckQuota?: number;
}

export interface AzureProvider {
  readonly id: string;
  readonly type: 'azure';
  readonly zone: string;
  readonly subscription: string;
  readonly resourceGroup: string;
  readonly backend: 'azure' | 'mock';
  readonly trafficManager: {
    readonly resourceGroup: string;
    readonly profilePrefix: string;
    /** Profiles the subscription allows: Azure's default is 200 (raisable through support). */
    readonly profileQuota: number;
    /**
     * Priority-routed backups under each geography's split (docs/failover.md): when every endpoint
     * of the split is down, Traffic Manager answers the nearest live endpoint the geography may use.
     * On by default (issue 13: outside sovereign geographies the DNS service fails over by itself).
     */
    readonly failoverBackups: boolean;
    /**
     * Whether the policy sets `failoverBackups` itself. Only an explicit `true` makes a layout that
     * cannot hold the backups (zone apex, dual-stack: A/AAAA aliases to flat profiles) a
     * degradation; the default leaves them out there, as the layout allows nothing else.
     */
    readonly failoverBackupsExplicit: boolean;
  };
}

export interface Endpoint {
  readonly id: string;
  readonly cloud: Cloud;
  /** Region code for cloud endpoints; absent for onprem. */
  readonly region?: string;
  readonly location: { readonly country: string; readonly lat: number; readonly lon: number };
  /** The country, then the groups (EU, EEA, ...) the endpoint's country belongs to. */
  readonly jurisdictions: readonly string[];
  readonly targets: EndpointTargets;
  /** Requests per second the endpoint can serve; absent means unbounded. */
  readonly capacity?: number;
  /** The endpoint's own health-check settings, over its service's default (see policy/health.ts). */
  readonly healthCheck?: HealthCheckSettings;
}

/** Health-check settings as written (every field optional; `resolveHealthCheck` fills them). */
export interface HealthCheckSettings {
  readonly protocol?: 'http' | 'https' | 'tcp';
  readonly port?: number;
  readonly path?: string;
  readonly host?: string;
  readonly interval?: 10 | 30;
  readonly failureThreshold?: number;
  readonly regions?: readonly string[];
  readonly timeout?: number;
  readonly expectedStatus?: readonly (string | number)[];
  readonly headers?: Readonly<Record<string, string>>;
}

export interface EndpointTargets {
  readonly a: readonly string[];
  readonly aaaa: readonly string[];
  readonly cname?: string;
}

export interface Service {
  /** Lower-case DNS name without the trailing dot. */
  readonly name: string;
  readonly ttl: number;
  readonly endpoints: readonly string[];
  readonly publish: readonly string[];
  /** Health-check settings for the service's endpoints (each endpoint may override fields). */
  readonly healthCheck?: HealthCheckSettings;
  /**
   * Splits to keep, by record geography (`*`, `continent:EU`, `DE`, `US-CA`): endpoint → percent
   * (summing to 100). See policy/pinned.ts for which entry covers a user.
   */
  readonly pinned?: ReadonlyMap<string, Readonly<Record<string, number>>>;
}

/**
 * How much traffic comes from where. `shares` (relative, by geography text) absent means the
 * builtin model (urban population). `total` in requests per second; without it capacities cannot
 * be compared with load and are not enforced.
 */
export interface Demand {
  readonly total?: number;
  readonly shares?: ReadonlyMap<string, number>;
}

export interface Rules {
  readonly geography: GeographyRule;
  readonly sovereignty: readonly SovereigntyRule[];
  readonly balance: readonly BalanceRule[];
  readonly maintenance: readonly MaintenanceWindow[];
  readonly capacity: CapacityRule;
}

export interface GeographyRule {
  readonly prefer: 'nearest';
  readonly maxLatencyMs?: number;
  readonly minEndpoints: number;
  readonly latencyFile?: string;
}

export interface EndpointSelector {
  readonly jurisdictions?: readonly string[];
  readonly clouds?: readonly Cloud[];
  readonly regions?: readonly string[];
  readonly endpoints?: readonly string[];
}

export interface SovereigntyRule {
  readonly name: string;
  readonly users: readonly GeoRef[];
  readonly allow?: EndpointSelector;
  readonly deny?: EndpointSelector;
  readonly whenUnservable: 'fail' | 'ignore-maintenance';
}

export interface BalanceRule {
  readonly name: string;
  /** Service names the rule applies to; empty means every service. */
  readonly services: readonly string[];
  /** Target percentage per cloud, with the tolerance in percentage points. */
  readonly targets?: Readonly<Partial<Record<Cloud, number>>>;
  readonly tolerance: number;
  readonly min: Readonly<Partial<Record<Cloud, number>>>;
  readonly max: Readonly<Partial<Record<Cloud, number>>>;
  readonly whenInfeasible: 'report' | 'fail';
}

export type MaintenanceTarget =
  | { readonly kind: 'endpoint'; readonly endpoint: string }
  | { readonly kind: 'cloud'; readonly cloud: Cloud }
  | { readonly kind: 'region'; readonly region: string; readonly cloud?: Cloud };

export type MaintenanceTiming =
  | { readonly kind: 'once'; readonly start: number; readonly end: number }
  | {
      readonly kind: 'recurring';
      readonly schedule: string;
      readonly durationSeconds: number;
      readonly timezone: string;
    };

export interface MaintenanceWindow {
  readonly name: string;
  readonly target: MaintenanceTarget;
  readonly timing: MaintenanceTiming;
  readonly rampSeconds: number;
  readonly steps: number;
}

export interface CapacityRule {
  readonly whenExceeded: 'report' | 'fail';
  /** Percentage of each capacity kept free. */
  readonly headroom: number;
}

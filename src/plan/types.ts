import type { GeoListSummary } from '../geo/provider-lists/geo-list.js';
import type { WeightedGroups } from '../render/route53-groups.js';
import type { Degradation, GeoFallback, JsonValue, RenderStats, Resource } from '../render/types.js';
import type { Overrides } from '../solve/types.js';
import type { Change } from './diff.js';
import type { PlanShortfall } from './shortfalls.js';

/** Changes for one provider, made against a live state identified by its fingerprint. */
export interface ProviderPlan {
  readonly provider: string;
  readonly type: 'route53' | 'azure';
  readonly zone: string;
  /** Fingerprint of the live owned state the changes were computed against. */
  readonly fingerprint: string;
  readonly changes: readonly Change[];
  readonly counts: { readonly create: number; readonly update: number; readonly delete: number };
  /** Owned resources before and after. */
  readonly liveResources: number;
  readonly desiredResources: number;
  /** Share of the provider's traffic (demand-weighted, percent) that changes endpoint. */
  readonly trafficMovedPercent: number;
  /** Largest move in any one geography, percent of that geography. */
  readonly maxGeoMovePercent: number;
  readonly degradations: readonly Degradation[];
  readonly stats: readonly RenderStats[];
  /** The provider's geography list the plan was rendered against: where it came from, its fingerprint. */
  readonly geography: GeoListSummary;
  /** Plan geographies the list lacks: the record that answers their users instead. */
  readonly fallbacks: readonly GeoFallback[];
  /** Per service and geography: endpoint shares before → after, only where they differ. */
  readonly moves: readonly GeographyMove[];
  /** A quota this provider shares with others of the plan (Azure: Traffic Manager profiles per subscription). */
  readonly quota?: ProviderQuota;
  /** Route 53: the weights of each weighted group a changed geography record points to. */
  readonly groups?: WeightedGroups;
  /**
   * With `plan --all`: what changed at the provider since the last apply wrote it, outside
   * trafficport (each change turns what was applied into what is live now).
   */
  readonly drift?: readonly Change[];
}

export interface ProviderQuota {
  readonly scope: string;
  readonly limit: number;
  /** What the scope will hold once the plan is applied, every provider of the plan and others together. */
  readonly total: number;
  /** What this provider will hold. */
  readonly provider: number;
}

export interface GeographyMove {
  readonly service: string;
  readonly geo: string;
  readonly before: Readonly<Record<string, number>>;
  readonly after: Readonly<Record<string, number>>;
  /** Percent of this geography's traffic that changes endpoint. */
  readonly moved: number;
}

/** The `plan --out` document (version 1). */
export interface PlanDocument {
  readonly version: 1;
  readonly kind: 'trafficport-plan';
  /** When the plan was made (wall clock) and the moment it was solved for. */
  readonly createdAt: string;
  readonly at: string;
  readonly policy: { readonly file: string; readonly sha256: string };
  readonly overrides: Overrides;
  /**
   * The latency file the plan was solved with (`--latency FILE`, or the policy's `latencyFile`
   * with `from: 'policy'`), and the SHA-256 of its text.
   */
  readonly latency?: { readonly file: string; readonly sha256: string; readonly from?: 'policy' };
  /** The services `--service` selected; absent when the plan covers every service. */
  readonly services?: readonly string[];
  readonly nextChangeAt?: string;
  readonly providers: readonly ProviderPlan[];
  /** Every shortfall of the split, then every provider's degradations (see shortfalls.ts). */
  readonly shortfalls: readonly PlanShortfall[];
  readonly safety: SafetyCheck;
  /** With `--max-shift`: the steps, how long they take and when the last is due. */
  readonly ramp?: RampEstimate;
}

export interface SafetyLimits {
  /**
   * Largest share of owned records a plan may remove (percent). Removals, not all changes: a
   * maintenance step legitimately rewrites most routing records, while a wrong policy (a dropped
   * service, another zone) shows up as records disappearing.
   */
  readonly maxRecordDeletePercent: number;
  /** Largest share of traffic a plan may move (percent). */
  readonly maxTrafficMovePercent: number;
}

export interface SafetyCheck {
  readonly limits: SafetyLimits;
  readonly recordDeletePercent: number;
  /** Traffic moved at once: by the whole plan, or with a ramp by its largest step. */
  readonly trafficMovePercent: number;
  /** True when trafficMovePercent is the largest ramp step's (`--max-shift`). */
  readonly ramped?: boolean;
  /** Human sentences for every limit the plan exceeds; empty when it is within them. */
  readonly exceeded: readonly string[];
  /** What would get the plan past the limits it exceeds, derived from which ones and why. */
  readonly hint?: string;
}

/** What the traffic limit is checked against, computed from the split and the live state. */
export interface TrafficSteps {
  /** With a ramp: the largest share of traffic one step moves (percent). */
  readonly stepMovePercent?: number;
  /** The share that moves at once however fine the ramp (endpoints excluded by a rule). */
  readonly unrampablePercent: number;
  /** The largest --max-shift whose every step stays within the limit, when one does. */
  readonly suggestedMaxShift?: { readonly percent: number; readonly stepMovePercent: number };
}

/** `--max-shift`: how an apply would ramp, shown before it asks (and by `plan --max-shift`). */
export interface RampEstimate {
  readonly maxShiftPercent: number;
  /** Steps of the longest provider's ramp, the last being the plan itself. */
  readonly steps: number;
  readonly stepWaitSeconds: number;
  /** From the first step to the last: (steps − 1) waits. */
  readonly durationSeconds: number;
  /** When the last step is due if the apply starts when the plan was made (createdAt). */
  readonly lastStepDueAt: string;
  /** The largest share of traffic (percent) one step moves. */
  readonly stepTrafficMovePercent: number;
}

export const DEFAULT_SAFETY: SafetyLimits = { maxRecordDeletePercent: 50, maxTrafficMovePercent: 30 };

/** A record at a name trafficport manages that trafficport does not own: never touched. */
export interface ForeignRecord {
  readonly name: string;
  readonly type: string;
  /** Route 53 SetIdentifier, when it has one. */
  readonly setIdentifier?: string;
  /**
   * The record exactly as the provider returned it (Route 53: the SDK's ResourceRecordSet as
   * JSON), so that `adopt` can delete it with an exact match and `rollback` recreate it as it was.
   */
  readonly body?: JsonValue;
  /** The same in the canonical form the resolver evaluates (in-zone alias targets as the ZONE placeholder). */
  readonly resource?: Resource;
}

/** What a provider holds now, in the same canonical form the renderer produces. */
export interface LiveState {
  readonly provider: string;
  /** Resources trafficport owns (by its ownership marker), sorted by key. */
  readonly resources: readonly Resource[];
  /** Foreign records at the names of the services, for conflict checks and survival tests. */
  readonly foreign: readonly ForeignRecord[];
  /** Server-side versions (Azure ETags) per resource key, for optimistic concurrency. */
  readonly versions: Readonly<Record<string, string>>;
  /**
   * Keys of owned resources in `resources` that something outside this read also uses (Azure: a
   * shared Traffic Manager profile another service nests). A plan may use them but never deletes
   * them; absent means none.
   */
  readonly retained?: readonly string[];
  /**
   * What the read saw of a quota the provider draws from (Route 53: every health check of the
   * account, owned or not; owned ones by their resource's placeholder). Absent: not listed.
   */
  readonly quotaListed?: { readonly scope: string; readonly ids: readonly string[] };
}

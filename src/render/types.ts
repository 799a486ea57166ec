import type { ErrorCode } from '../error-codes.js';
import type { GeoListSummary } from '../geo/provider-lists/geo-list.js';

/**
 * What a provider should hold, as plain data. Renderers (pure) produce it from a Splits;
 * adapters read the live equivalent; `diffResources` compares the two. Every resource is in a
 * canonical, provider-shaped form so that equal content means equal JSON.
 */
import type { JsonValue } from '../util/json.js';

export type { JsonValue };

export type ResourceKind = 'route53.rrset' | 'route53.healthcheck' | 'azure.recordset' | 'azure.tm-profile';

export interface Resource {
  readonly kind: ResourceKind;
  /**
   * Unique within one provider and stable across runs, e.g.
   * `route53.rrset|www.example.com.|A|tp:geo:DE` or `azure.tm-profile|tp-www-example-com`.
   */
  readonly key: string;
  /** Canonical content: sorted values, no server-assigned fields (etags, ids, timestamps). */
  readonly body: JsonValue;
}

/** The integer weights a provider publishes, per service and geography: what users will get. */
export interface PublishedService {
  readonly service: string;
  /** Record type answered: A, AAAA or CNAME (a service with A and AAAA endpoints has both). */
  readonly types: readonly string[];
  /** Geography (`*`, `DE`, `US-CA`, `continent:EU`) → endpoint id → integer weight (0 = none). */
  readonly geographies: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Something the provider cannot express exactly; the plan refuses unless the user accepts it. */
export interface Degradation {
  readonly code: ErrorCode;
  readonly message: string;
  readonly service?: string;
  readonly geo?: string;
}

export interface RenderStats {
  readonly service: string;
  /** Records (Route 53 record sets, Azure record sets + Traffic Manager endpoints) rendered. */
  readonly records: number;
  /** Geography records after compression (continent records standing in for their countries). */
  readonly geographyRecords: number;
  /** Distinct weighted groups (geographies with identical splits share one). */
  readonly weightedGroups: number;
  /** Geographies before compression, for comparison. */
  readonly geographies: number;
  /**
   * Azure: Traffic Manager profiles the service uses, its own roots and the shared ones (a shared
   * profile counts for every service using it; the provider's total counts it once).
   */
  readonly profiles?: number;
  /** Azure: the service's own profiles (one root per record type). */
  readonly ownProfiles?: number;
}

/**
 * A plan geography the provider cannot target (it is not in the provider's geography list):
 * which record answers its users instead, and what that record gives them.
 */
export interface GeoFallback {
  readonly service: string;
  /** Record type (A, AAAA, CNAME). */
  readonly type: string;
  /** The plan geography (`XK`, `EH`, `US-PR`). */
  readonly geo: string;
  /** The record geography answering instead (`continent:EU`, `GEO-EU`, `*`); absent when nothing answers. */
  readonly answeredBy?: string;
  /** What those users get: endpoint → integer weight (positive only; empty when nothing answers). */
  readonly weights: Readonly<Record<string, number>>;
  /** Whether that is the same split as the geography's own. */
  readonly exact: boolean;
}

export interface DesiredState {
  /** Provider id from the policy. */
  readonly provider: string;
  readonly providerType: 'route53' | 'azure';
  readonly zone: string;
  /** Sorted by key. */
  readonly resources: readonly Resource[];
  readonly published: readonly PublishedService[];
  readonly degradations: readonly Degradation[];
  readonly stats: readonly RenderStats[];
  /** The provider's geography list the state was rendered against. */
  readonly geography: GeoListSummary;
  /** Plan geographies the list lacks, and what answers their users instead. */
  readonly fallbacks: readonly GeoFallback[];
}

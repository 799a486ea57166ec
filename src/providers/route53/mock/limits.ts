/**
 * Route 53 quotas the mock enforces. Defaults are the documented values
 * [Route 53 Developer Guide: "Quotas"]; each can be overridden because some real quotas can be
 * raised per account and tests need small ones.
 */
export interface Route53MockLimits {
  /** ResourceRecord elements per ChangeResourceRecordSets request; UPSERT counts twice. */
  readonly maxRecordElementsPerBatch: number;
  /** Characters in all Value elements of a request; UPSERT counts twice. */
  readonly maxValueCharsPerBatch: number;
  readonly maxWeightedPerNameType: number;
  readonly maxValuesPerSet: number;
  /** Record sets per hosted zone, including the SOA and NS sets Route 53 creates. */
  readonly maxRecordSetsPerZone: number;
  /** ListResourceRecordSets page size ceiling. */
  readonly maxItemsPerPage: number;
  /** Changes kept for GetChange; older ones are forgotten (Route 53 also expires change ids). */
  readonly changeHistory: number;
}

export const DEFAULT_LIMITS: Route53MockLimits = {
  maxRecordElementsPerBatch: 1000,
  maxValueCharsPerBatch: 32_000,
  maxWeightedPerNameType: 100,
  maxValuesPerSet: 400,
  maxRecordSetsPerZone: 10_000,
  maxItemsPerPage: 300,
  changeHistory: 1000,
};

/** Token bucket: `burst` requests at once, refilled at `ratePerSecond`. */
export interface RateLimitOptions {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/**
 * The older documented Route 53 API limit: five requests per second per account. Newer pages
 * describe other figures; exact values are UNCONFIRMED, which is why every bucket is configurable.
 */
export const DOCUMENTED_RATE_LIMIT: RateLimitOptions = { ratePerSecond: 5, burst: 5 };

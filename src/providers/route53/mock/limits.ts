/**
 * Route 53 quotas the mock enforces. Defaults are the documented values
 * [Route 53 Developer Guide: "Quotas"]; each can be overridden because some real quotas can be
 * raised per account and tests need small ones.
 */
export interface Route53MockLimits {
  /** ResourceRecord elements per ChangeResourceRecordSets request; UPSERT counts twice. */
  readonly maxRecordElementsPerBatch: number;
  /**
   * Elements an alias set counts for toward `maxRecordElementsPerBatch`. It carries no
   * ResourceRecord element, and the quota page does not say whether aliases count: 1 is the
   * stricter reading (it also keeps a batch under the 4,000 changes one public report met,
   * external-dns#368); 0 is the literal one.
   */
  readonly aliasElementsPerSet: number;
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
  aliasElementsPerSet: 1,
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
 * Route 53's account-wide request bucket as documented today: burst 50, refilled at 10 requests
 * per second ("Throttling for Amazon Route 53 API requests", Route 53 Developer Guide,
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/throttling-api-requests.html; up
 * from the long-documented 5/s since July 30, 2026, per the AWS blog post "Introducing
 * change-based throttling for Amazon Route 53 APIs"). Per-operation buckets are 50 at 10/s for
 * the record and zone operations trafficport uses, so they never bind before this one, and are
 * not modelled; CreateHostedZone's own (40 at 2/s) is not either. The change-throughput bucket's figures are not confirmed here: changeRateLimit
 * stays off unless given. Kept apart from the client's own copy (pacing.ts) so the mock does not
 * take its limits from the code it tests.
 */
export const DOCUMENTED_RATE_LIMIT: RateLimitOptions = { ratePerSecond: 10, burst: 50 };

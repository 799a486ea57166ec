/** A cloud whose region codes trafficport knows. `onprem` endpoints give their own location. */
export type CatalogCloud = 'aws' | 'azure' | 'gcp';

/**
 * One public region of a cloud provider. Jurisdiction is not stored here: it is derived from
 * `country` through the country catalog, so the two can never disagree.
 */
export interface RegionEntry {
  /** The provider's own region code, exactly as its APIs spell it (e.g. `eu-central-1`, `westeurope`). */
  readonly code: string;
  /** The provider's display name (e.g. `Europe (Frankfurt)`, `West Europe`). */
  readonly name: string;
  /** City (or metro area) of the region, as the provider states it or as reported publicly. */
  readonly city: string;
  /** ISO 3166-1 alpha-2 code of the country the region is in. */
  readonly country: string;
  /** ISO 3166-2 subdivision (e.g. `US-VA`) where known; Route 53 can target US states. */
  readonly subdivision?: string;
  /** Approximate coordinates of the city, decimal degrees. */
  readonly lat: number;
  readonly lon: number;
  /**
   * Partition or sovereign cloud the region belongs to, when it is not the provider's global
   * public cloud (e.g. `aws-cn`, `aws-us-gov`, `aws-eusc`, `azure-china`, `azure-us-gov`).
   */
  readonly partition?: string;
}

import { getCountry } from '../countries.js';
import { AWS_REGIONS } from './aws.js';
import { AZURE_REGIONS } from './azure.js';
import { GCP_REGIONS } from './gcp.js';
import type { CatalogCloud, RegionEntry } from './types.js';

export type { CatalogCloud, RegionEntry } from './types.js';

export const REGION_CATALOGS: Readonly<Record<CatalogCloud, readonly RegionEntry[]>> = {
  aws: AWS_REGIONS,
  azure: AZURE_REGIONS,
  gcp: GCP_REGIONS,
};

const byCloud = new Map<CatalogCloud, ReadonlyMap<string, RegionEntry>>(
  (Object.keys(REGION_CATALOGS) as CatalogCloud[]).map((cloud) => [
    cloud,
    new Map(REGION_CATALOGS[cloud].map((region) => [region.code, region])),
  ]),
);

export function isCatalogCloud(cloud: string): cloud is CatalogCloud {
  return byCloud.has(cloud as CatalogCloud);
}

export function findRegion(cloud: CatalogCloud, code: string): RegionEntry | undefined {
  return byCloud.get(cloud)?.get(code);
}

export function regionCodes(cloud: CatalogCloud): readonly string[] {
  return REGION_CATALOGS[cloud].map((region) => region.code);
}

/** The jurisdictions a region is in: its country, then the groups the country belongs to. */
export function regionJurisdictions(region: RegionEntry): readonly string[] {
  return getCountry(region.country)?.jurisdictions ?? [region.country];
}

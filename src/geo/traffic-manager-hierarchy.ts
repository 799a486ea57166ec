import { COUNTRIES } from './countries.js';
import {
  AZURE_DOCUMENTED_GEO_LIST,
  AZURE_GROUPS,
  azureCoverage,
  azureHierarchyTree,
  type GeoRegionNode,
  WORLD,
} from './provider-lists/azure-hierarchy.js';
import { geoCodes } from './provider-lists/geo-list.js';
import { SUBDIVISIONS } from './subdivisions.js';

/**
 * The hierarchy the mocks serve and enforce (the core reads the provider's own through the adapter): Microsoft's current published one
 * (src/geo/provider-lists/azure-hierarchy.ts, which says how it differs from the 2017 page).
 * Note the groupings differ from continents: GEO-ME (Middle East) and GEO-AP (Australia /
 * Pacific) exist, and e.g. TR and RU sit in GEO-ME and GEO-EU.
 */

export type { GeoRegionNode };
export { WORLD };

export const GEO_REGION_GROUPS: readonly string[] = Object.keys(AZURE_GROUPS);

const codes = geoCodes(AZURE_DOCUMENTED_GEO_LIST);

/** Whether `code` is a value Traffic Manager accepts in `geoMapping`. */
export function isGeoMappingCode(code: string): boolean {
  return code === WORLD || (code !== '*' && codes.has(code));
}

/** The codes that cover a user location, most specific first: `US-CA` → [US-CA, US, GEO-NA, WORLD]. */
export function geoCoverageChain(location: string): readonly string[] {
  return azureCoverage(AZURE_DOCUMENTED_GEO_LIST, location);
}

/** The hierarchy as the `trafficManagerGeographicHierarchies/default` resource returns it. */
export function geographicHierarchy(): GeoRegionNode {
  return azureHierarchyTree((code) => COUNTRIES.get(code)?.name ?? SUBDIVISIONS.get(code)?.name);
}

import type { Region } from '@azure/arm-trafficmanager';
import { TrafficportError } from '../../errors.js';
import { azureGeoList, type GeoRegionNode } from '../../geo/provider-lists/azure-hierarchy.js';
import type { GeoList } from '../../geo/provider-lists/geo-list.js';
import type { AzureClients } from './client.js';
import { azureError } from './errors.js';

/**
 * The Traffic Manager geographic hierarchy, as the service lists it (GET
 * /providers/Microsoft.Network/trafficManagerGeographicHierarchies/default): one call, no
 * paging. A response without a hierarchy, or a node without a code, is refused rather than
 * rendered against.
 */
export async function readGeographicHierarchy(clients: AzureClients, source: string): Promise<GeoList> {
  const response = await clients.tm.geographicHierarchies.getDefault().catch((error: unknown) => {
    throw azureError(error, 'the Traffic Manager geographic hierarchy');
  });
  const root = response.geographicHierarchy;
  if (root === undefined) throw malformed('the response holds no geographicHierarchy');
  return azureGeoList(source, toNode(root, 0));
}

function toNode(region: Region, depth: number): GeoRegionNode {
  if (depth > 6) throw malformed('the hierarchy nests more than 6 levels');
  if (typeof region.code !== 'string' || region.code === '') throw malformed('a region has no code');
  return {
    code: region.code,
    name: region.name ?? region.code,
    regions: (region.regions ?? []).map((child) => toNode(child, depth + 1)),
  };
}

function malformed(problem: string): TrafficportError {
  return new TrafficportError(
    'PROVIDER.BAD_RESPONSE',
    `Traffic Manager's geographic hierarchy is unusable: ${problem}`,
    {
      hint: 'nothing was changed; run the command again, and report it if it repeats',
    },
  );
}

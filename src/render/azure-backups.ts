import { COUNTRIES } from '../geo/countries.js';
import { SUBDIVISIONS } from '../geo/subdivisions.js';
import type { Endpoint, Policy } from '../policy/types.js';
import { greatCircleKm } from '../solve/latency.js';
import type { GeographySplit } from '../solve/types.js';
import { backupsFor } from './route53-failover.js';

/**
 * Which endpoints stand in for a geography's split on Traffic Manager when every endpoint of the
 * split is down (`trafficManager.failoverBackups`, docs/failover.md): those its sovereignty rules
 * allow that the plan neither drains nor holds down and that have no share there (the same set
 * Route 53's zero-weight backups hold), nearest first by great-circle distance from the
 * geography (the default geography's users could be anywhere: by id). Pure.
 */
export function azureBackups(
  policy: Policy,
  members: readonly Endpoint[],
): (geography: GeographySplit, weights: Readonly<Record<string, number>>) => readonly string[] {
  const byId = new Map(members.map((endpoint) => [endpoint.id, endpoint]));
  return (geography, weights) => {
    const ids = backupsFor(policy, geography, byId, weights);
    const at = placeOf(geography.geo);
    if (at === undefined) return ids;
    const distance = (id: string) => {
      const { lat, lon } = byId.get(id)!.location;
      return greatCircleKm(at.lat, at.lon, lat, lon);
    };
    return [...ids].sort((a, b) => distance(a) - distance(b) || (a < b ? -1 : 1));
  };
}

function placeOf(geo: string): { readonly lat: number; readonly lon: number } | undefined {
  return SUBDIVISIONS.get(geo) ?? COUNTRIES.get(geo);
}

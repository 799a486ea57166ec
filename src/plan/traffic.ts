import type { PublishedService } from '../render/types.js';

/** Endpoint → fraction of a geography's answers. */
export type Distribution = ReadonlyMap<string, number>;

/** Service → geography → distribution, as a resolver would see the published records. */
export type ServiceDistributions = ReadonlyMap<string, ReadonlyMap<string, Distribution>>;

/** Distributions from published integer weights: each geography's weights normalized. */
export function distributionsFromPublished(
  published: readonly PublishedService[],
): Map<string, Map<string, Distribution>> {
  return new Map(
    published.map((service) => [
      service.service,
      new Map(
        Object.entries(service.geographies).map(([geo, weights]) => {
          const total = Object.values(weights).reduce((a, b) => a + b, 0);
          return [geo, new Map(Object.entries(weights).map(([id, w]) => [id, total > 0 ? w / total : 0]))];
        }),
      ),
    ]),
  );
}

/**
 * Share of all traffic that changes endpoint between two states: per geography, half the total
 * variation between its distributions, weighted by the geography's demand. Geographies absent
 * before (a first publish) move nothing: nobody was being answered there.
 */
export function trafficMoved(
  before: ReadonlyMap<string, Distribution>,
  after: ReadonlyMap<string, Distribution>,
  demand: (geo: string) => number,
): number {
  let moved = 0;
  for (const [geo, next] of after) {
    const previous = before.get(geo);
    if (previous === undefined) continue;
    const ids = new Set([...previous.keys(), ...next.keys()]);
    let variation = 0;
    for (const id of ids) variation += Math.abs((next.get(id) ?? 0) - (previous.get(id) ?? 0));
    moved += (demand(geo) * variation) / 2;
  }
  return moved;
}

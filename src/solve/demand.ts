import { COUNTRIES } from '../geo/countries.js';
import { DEFAULT_GEO, parseGeoRef } from '../geo/geography.js';
import type { Demand } from '../policy/types.js';
import type { Geography } from './geographies.js';

/**
 * The fraction of all demand that comes from each geography (same order as `geos`), summing to 1.
 *
 * Without explicit shares, demand follows urban population. With shares: a country or state key
 * is that geography's share; `continent:XX` spreads over the continent's countries that have no
 * key of their own, and `*` over every country covered by no key, both by population. The DNS
 * default record gets no demand of its own: every country has a record, so only resolvers whose
 * location is unknown reach it.
 */
export function demandFractions(demand: Demand, geos: readonly Geography[]): Float64Array {
  const weights = new Float64Array(geos.length);
  if (demand.shares === undefined) {
    geos.forEach((geo, i) => {
      weights[i] = geo.population;
    });
  } else {
    assignShares(demand.shares, geos, weights);
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) {
    // Nothing to go on: weigh every geography alike rather than divide by zero.
    geos.forEach((geo, i) => {
      weights[i] = geo.id === DEFAULT_GEO ? 0 : 1;
    });
    return normalize(weights);
  }
  return normalize(weights);
}

function assignShares(shares: ReadonlyMap<string, number>, geos: readonly Geography[], weights: Float64Array): void {
  const explicit = new Set<string>();
  const continentShares = new Map<string, number>();
  let rest = 0;
  for (const [text, share] of shares) {
    const ref = parseGeoRef(text);
    if (ref?.kind === 'country' || ref?.kind === 'subdivision') explicit.add(ref.code);
    else if (ref?.kind === 'continent') continentShares.set(ref.code, share);
    else if (ref?.kind === 'default') rest = share;
  }
  geos.forEach((geo, i) => {
    const share = geo.country === undefined ? undefined : shares.get(geo.id);
    if (share !== undefined) weights[i] = share;
  });
  const spread = (pool: number, members: number[]) => {
    const population = members.reduce((sum, i) => sum + (geos[i]?.population ?? 0), 0);
    for (const i of members) {
      weights[i] = population > 0 ? (pool * (geos[i]?.population ?? 0)) / population : pool / members.length;
    }
  };
  const uncovered: number[] = [];
  const byContinent = new Map<string, number[]>();
  geos.forEach((geo, i) => {
    if (geo.country === undefined || explicit.has(geo.id)) return;
    const continent = COUNTRIES.get(geo.country)?.continent ?? '';
    if (continentShares.has(continent)) byContinent.set(continent, [...(byContinent.get(continent) ?? []), i]);
    else uncovered.push(i);
  });
  for (const [continent, members] of byContinent) spread(continentShares.get(continent) ?? 0, members);
  if (rest > 0 && uncovered.length > 0) spread(rest, uncovered);
}

function normalize(weights: Float64Array): Float64Array {
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

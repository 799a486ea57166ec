import { COUNTRIES } from '../geo/countries.js';
import { DEFAULT_GEO, parseGeoRef } from '../geo/geography.js';
import { SUBDIVISIONS } from '../geo/subdivisions.js';
import type { Policy } from '../policy/types.js';
import { compareText } from '../util/compare.js';

/** A place DNS can target, with where its users are. */
export interface Geography {
  /** `*`, ISO country code, or ISO 3166-2 US state. */
  readonly id: string;
  readonly name: string;
  /** Country the users are in; absent for the default. */
  readonly country?: string;
  readonly subdivision?: string;
  readonly lat: number;
  readonly lon: number;
  /** Urban population (builtin demand); for a country with state records, the rest of it. */
  readonly population: number;
}

/**
 * Every country of the catalog, the US states the policy names (demand or sovereignty), and the
 * default. States are carved out of their country: the `US` entry then stands for the rest.
 * Whether a DNS provider can target a geography is the renderer's question (each provider's own
 * list); a plan covers every user. Sorted: default first, then by id, so plans are deterministic.
 */
export function listGeographies(policy: Policy): Geography[] {
  const states = referencedSubdivisions(policy);
  const carved = new Map<string, number>();
  for (const code of states) {
    const state = SUBDIVISIONS.get(code);
    if (state) carved.set(state.country, (carved.get(state.country) ?? 0) + state.population);
  }
  const geos: Geography[] = [{ id: DEFAULT_GEO, name: 'default (everywhere else)', lat: 0, lon: 0, population: 0 }];
  for (const country of COUNTRIES.values()) {
    geos.push({
      id: country.code,
      name: country.name,
      country: country.code,
      lat: country.lat,
      lon: country.lon,
      population: Math.max(0, country.population - (carved.get(country.code) ?? 0)),
    });
  }
  for (const code of states) {
    const state = SUBDIVISIONS.get(code);
    if (!state) continue;
    geos.push({
      id: code,
      name: state.name,
      country: state.country,
      subdivision: code,
      lat: state.lat,
      lon: state.lon,
      population: state.population,
    });
  }
  return geos.sort((a, b) => (a.id === DEFAULT_GEO ? -1 : b.id === DEFAULT_GEO ? 1 : compareText(a.id, b.id)));
}

function referencedSubdivisions(policy: Policy): string[] {
  const texts = [
    ...(policy.demand.shares?.keys() ?? []),
    ...policy.rules.sovereignty.flatMap((rule) =>
      rule.users.map((ref) => (ref.kind === 'subdivision' ? ref.code : '')),
    ),
    ...policy.services.flatMap((service) => [...(service.pinned?.keys() ?? [])]),
  ];
  return [...new Set(texts.filter((text) => parseGeoRef(text)?.kind === 'subdivision'))].sort();
}

import { COUNTRY_ROWS } from './countries.generated.js';
import { JURISDICTION_GROUPS } from './jurisdictions.js';

export interface Country {
  /** ISO 3166-1 alpha-2 code. */
  readonly code: string;
  readonly name: string;
  /** Continent code as DNS geolocation uses it (AF AN AS EU NA OC SA). */
  readonly continent: string;
  /** Population-weighted centre (geographic centroid where nobody lives). */
  readonly lat: number;
  readonly lon: number;
  /** Urban population (towns of 1,000+), the builtin demand proxy; 0 where nobody lives. */
  readonly population: number;
  /** Jurisdictions the country belongs to: the country itself first, then groups (EU, EEA, EFTA). */
  readonly jurisdictions: readonly string[];
}

function buildCountries(): ReadonlyMap<string, Country> {
  const groupsByCountry = new Map<string, string[]>();
  for (const [group, members] of Object.entries(JURISDICTION_GROUPS)) {
    for (const member of members) {
      const groups = groupsByCountry.get(member) ?? [];
      groups.push(group);
      groupsByCountry.set(member, groups);
    }
  }
  const countries = new Map<string, Country>();
  for (const [code, name, continent, lat, lon, population] of COUNTRY_ROWS) {
    countries.set(code, {
      code,
      name,
      continent,
      lat,
      lon,
      population,
      jurisdictions: [code, ...(groupsByCountry.get(code) ?? [])],
    });
  }
  return countries;
}

export const COUNTRIES: ReadonlyMap<string, Country> = buildCountries();

export function getCountry(code: string): Country | undefined {
  return COUNTRIES.get(code);
}

import { CONTINENTS, isContinent } from './continents.js';
import { COUNTRIES } from './countries.js';
import { isJurisdictionGroup, JURISDICTION_GROUPS } from './jurisdictions.js';
import { SUBDIVISIONS } from './subdivisions.js';

/**
 * A reference to a set of users by where they are, as written in a policy:
 * `*` (everyone not matched otherwise), `continent:EU`, `DE` (ISO country), `US-CA` (subdivision)
 * or a jurisdiction group (`EU`, `EEA`, `EFTA`). Continents carry a prefix because their codes
 * collide with countries (NA is Namibia, AS is American Samoa) and with the EU group.
 */
export type GeoRef =
  | { readonly kind: 'default' }
  | { readonly kind: 'continent'; readonly code: string }
  | { readonly kind: 'country'; readonly code: string }
  | { readonly kind: 'subdivision'; readonly code: string; readonly country: string }
  | { readonly kind: 'group'; readonly code: string };

export const DEFAULT_GEO = '*';
const CONTINENT_PREFIX = 'continent:';

export function parseGeoRef(text: string): GeoRef | undefined {
  if (text === DEFAULT_GEO) return { kind: 'default' };
  if (text.startsWith(CONTINENT_PREFIX)) {
    const code = text.slice(CONTINENT_PREFIX.length);
    return isContinent(code) ? { kind: 'continent', code } : undefined;
  }
  if (isJurisdictionGroup(text)) return { kind: 'group', code: text };
  if (COUNTRIES.has(text)) return { kind: 'country', code: text };
  const subdivision = SUBDIVISIONS.get(text);
  if (subdivision) return { kind: 'subdivision', code: text, country: subdivision.country };
  return undefined;
}

/** The canonical text of a reference (inverse of parseGeoRef). */
export function formatGeoRef(ref: GeoRef): string {
  switch (ref.kind) {
    case 'default':
      return DEFAULT_GEO;
    case 'continent':
      return `${CONTINENT_PREFIX}${ref.code}`;
    default:
      return ref.code;
  }
}

/** Every valid reference text, for suggestions ("did you mean ...?"). */
export function allGeoRefTexts(): readonly string[] {
  return [
    DEFAULT_GEO,
    ...Object.keys(CONTINENTS).map((code) => `${CONTINENT_PREFIX}${code}`),
    ...Object.keys(JURISDICTION_GROUPS),
    ...COUNTRIES.keys(),
    ...SUBDIVISIONS.keys(),
  ];
}

/**
 * Whether a user located in `country` (optionally in `subdivision`) falls under `ref`.
 * The default reference matches nobody here: it is the catch-all of DNS, not a place.
 */
export function geoRefContains(ref: GeoRef, country: string, subdivision?: string): boolean {
  switch (ref.kind) {
    case 'default':
      return false;
    case 'continent':
      return COUNTRIES.get(country)?.continent === ref.code;
    case 'country':
      return country === ref.code;
    case 'subdivision':
      return subdivision === ref.code;
    case 'group':
      return JURISDICTION_GROUPS[ref.code]?.includes(country) ?? false;
  }
}

import { getCountry } from '../../../geo/countries.js';
import {
  ROUTE53_DOCUMENTED_LOCATIONS,
  type Route53Location,
  route53LocationEntry,
} from '../../../geo/provider-lists/route53-locations.js';
import type { GeoLocationData } from './types.js';

/**
 * Which geolocations Route 53 accepts: exactly the ones its ListGeoLocations operation lists
 * (the backend's `geoLocations`, by default the documented list in
 * src/geo/provider-lists/route53-locations.ts). A continent together with a country or a
 * subdivision is refused before this, with InvalidInput (see input.ts).
 */

/** How Route 53 names a location in its "Cannot find location" message. */
export function describeLocation(geo: GeoLocationData): string {
  const parts: string[] = [];
  if (geo.continentCode !== undefined) parts.push(`continent = ${geo.continentCode}`);
  if (geo.countryCode !== undefined) parts.push(`country = ${geo.countryCode}`);
  if (geo.subdivisionCode !== undefined) parts.push(`subdivision = ${geo.subdivisionCode}`);
  return parts.join(' ');
}

/** The codes of a ListGeoLocations list (`continent:EU`, `DE`, `US-CA`, `*`), for lookups. */
export function knownLocations(locations: readonly Route53Location[]): ReadonlySet<string> {
  return new Set(locations.map((location) => route53LocationEntry(location).code));
}

export const DOCUMENTED_LOCATIONS: ReadonlySet<string> = knownLocations(ROUTE53_DOCUMENTED_LOCATIONS);

export function isKnownLocation(geo: GeoLocationData, known: ReadonlySet<string> = DOCUMENTED_LOCATIONS): boolean {
  const { continentCode, countryCode, subdivisionCode } = geo;
  if (continentCode !== undefined) {
    return countryCode === undefined && subdivisionCode === undefined && known.has(`continent:${continentCode}`);
  }
  if (countryCode === undefined) return false;
  return known.has(subdivisionCode === undefined ? countryCode : `${countryCode}-${subdivisionCode}`);
}

/** Same location, so two sets at one name+type would collide. */
export function sameLocation(left: GeoLocationData, right: GeoLocationData): boolean {
  return describeLocation(left) === describeLocation(right);
}

/** Continent of a country, for matching a client to a continent record. */
export function continentOf(countryCode: string): string | undefined {
  return getCountry(countryCode)?.continent;
}

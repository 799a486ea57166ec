import { isContinent } from '../../../geo/continents.js';
import { getCountry } from '../../../geo/countries.js';
import { SUBDIVISIONS } from '../../../geo/subdivisions.js';
import type { GeoLocationData } from './types.js';

/**
 * Which geolocations Route 53 accepts [Developer Guide: "Geolocation routing" and "Values
 * specific for geolocation records"]: a continent (AF AN AS EU NA OC SA) alone; an ISO 3166-1
 * country (not BV CX EH HM); a US state with CountryCode US; or the default `*`.
 */

/** How Route 53 names a location in its "Cannot find location" message. */
export function describeLocation(geo: GeoLocationData): string {
  const parts: string[] = [];
  if (geo.continentCode !== undefined) parts.push(`continent = ${geo.continentCode}`);
  if (geo.countryCode !== undefined) parts.push(`country = ${geo.countryCode}`);
  if (geo.subdivisionCode !== undefined) parts.push(`subdivision = ${geo.subdivisionCode}`);
  return parts.join(' ');
}

export function isKnownLocation(geo: GeoLocationData): boolean {
  const { continentCode, countryCode, subdivisionCode } = geo;
  if (continentCode !== undefined) {
    return countryCode === undefined && subdivisionCode === undefined && isContinent(continentCode);
  }
  if (countryCode === undefined) return false;
  if (countryCode === '*') return subdivisionCode === undefined;
  if (getCountry(countryCode)?.route53 !== true) return false;
  if (subdivisionCode === undefined) return true;
  return countryCode === 'US' && SUBDIVISIONS.has(`US-${subdivisionCode}`);
}

/** Same location, so two sets at one name+type would collide. */
export function sameLocation(left: GeoLocationData, right: GeoLocationData): boolean {
  return describeLocation(left) === describeLocation(right);
}

/** Continent of a country, for matching a client to a continent record. */
export function continentOf(countryCode: string): string | undefined {
  return getCountry(countryCode)?.continent;
}

import { COUNTRIES } from '../geo/countries.js';
import { DEFAULT_GEO } from '../geo/geography.js';
import type { GeoCodes } from '../geo/provider-lists/geo-list.js';
import { compressGeographies } from './compress.js';

/**
 * Which geolocation records a record type needs: `compressGeographies` with continents as the
 * groups, then a pass that drops US-state records whose split equals what the state would get
 * anyway. Both are sound because Route 53 answers the most specific match: subdivision, country,
 * continent, default. Only locations Route 53 lists (`codes`, from ListGeoLocations) get a
 * record; the others are left to the record that answers them (`inheritedRecord`).
 */
export function route53RecordGeographies(
  splitByGeo: ReadonlyMap<string, string>,
  codes: GeoCodes,
): Map<string, string> {
  const listed = new Map([...splitByGeo].filter(([geo]) => codes.has(geo)));
  const records = compressGeographies(listed, (geo) => {
    const group = continentGroup(geo);
    return group !== undefined && codes.has(group) ? group : undefined;
  });
  for (const [geo, split] of [...records]) {
    if (!isSubdivision(geo)) continue;
    const parent = inheritedRecord(geo, records);
    if (parent !== undefined && records.get(parent) === split) records.delete(geo);
  }
  return records;
}

/** `continent:XX` for a country, from the country catalog; nothing else is grouped. */
export function continentGroup(geo: string): string | undefined {
  if (geo === DEFAULT_GEO || isSubdivision(geo)) return undefined;
  const continent = COUNTRIES.get(geo)?.continent;
  return continent === undefined ? undefined : `continent:${continent}`;
}

function isSubdivision(geo: string): boolean {
  return /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(geo);
}

function countryOf(geo: string): string {
  return geo.split('-')[0] ?? geo;
}

/**
 * The record that answers users in `geo` when it has no record of its own: its country's (for a
 * subdivision), its continent's, or the default; undefined when none exists (no answer).
 */
export function inheritedRecord(geo: string, records: ReadonlyMap<string, unknown>): string | undefined {
  const chain: string[] = [];
  if (isSubdivision(geo)) chain.push(countryOf(geo));
  const continent = continentGroup(countryOf(geo));
  if (geo !== DEFAULT_GEO && continent !== undefined) chain.push(continent);
  if (geo !== DEFAULT_GEO) chain.push(DEFAULT_GEO);
  return chain.find((candidate) => records.has(candidate));
}

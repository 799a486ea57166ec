import { DEFAULT_GEO } from '../geo/geography.js';
import { geoCoverageChain, isGeoMappingCode } from '../geo/traffic-manager-hierarchy.js';
import { compressGeographies } from './compress.js';

/**
 * Plan geographies → Traffic Manager `geoMapping` records. Traffic Manager has its own hierarchy
 * (WORLD → GEO-xx regional groups → countries → some states); the mock's geo-hierarchy module
 * mirrors Azure's published list and is pure data, so the renderer and verify use it as the
 * single source of truth. Record geographies use plan ids (`*`, `DE`, `US-CA`) plus the group
 * codes (`GEO-EU`); `*` is written as `WORLD`.
 */

export const WORLD = 'WORLD';

export function geoMappingCode(geo: string): string {
  return geo === DEFAULT_GEO ? WORLD : geo;
}

/** Whether Traffic Manager can map this plan geography itself (else it inherits a wider record). */
export function isMappable(geo: string): boolean {
  return geo === DEFAULT_GEO || isGeoMappingCode(geo);
}

/** Computed once per geography: rendering asks for every record × geography of every service. */
const coverageOf = new Map<string, readonly string[]>();

/** The record geographies that could answer users in `geo`, most specific first, `*` last. */
export function coverage(geo: string): readonly string[] {
  let chain = coverageOf.get(geo);
  if (chain === undefined) {
    chain = Object.freeze(
      geo === DEFAULT_GEO ? [DEFAULT_GEO] : geoCoverageChain(geo).map((code) => (code === WORLD ? DEFAULT_GEO : code)),
    );
    coverageOf.set(geo, chain);
  }
  return chain;
}

/** The split key users in `geo` get from `records` (most specific match), if any. */
export function resolveRecord(records: ReadonlyMap<string, string>, geo: string): string | undefined {
  for (const code of coverage(geo)) {
    const key = records.get(code);
    if (key !== undefined) return key;
  }
  return undefined;
}

/** A country's Traffic Manager region; states are grouped by `pruneRecords` instead. */
function regionOf(geo: string): string | undefined {
  if (geo.includes('-')) return undefined;
  const chain = geoCoverageChain(geo);
  return chain.length === 3 ? chain[1] : undefined;
}

/**
 * Fewest records giving every mappable plan geography its own split: compressGeographies over
 * Traffic Manager regions, then `pruneRecords` for what it keeps conservatively (states, and
 * countries whose continent is ambiguous, which are unambiguous inside Traffic Manager's list).
 */
export function mapGeographies(splits: ReadonlyMap<string, string>): Map<string, string> {
  const mappable = new Map([...splits].filter(([geo]) => isMappable(geo)));
  return pruneRecords(compressGeographies(mappable, regionOf), splits);
}

/**
 * Drops every record (most specific first) whose removal changes no plan geography's answer.
 * Sound because the check replays the resolver's most-specific-match rule for each geography.
 */
export function pruneRecords(records: Map<string, string>, splits: ReadonlyMap<string, string>): Map<string, string> {
  const geos = [...splits.keys()];
  const order = [...records.keys()]
    .filter((geo) => geo !== DEFAULT_GEO)
    .sort((a, b) => specificity(b) - specificity(a));
  for (const record of order) {
    const affected = geos.filter((geo) => coverage(geo).includes(record));
    const before = affected.map((geo) => resolveRecord(records, geo));
    const without = new Map(records);
    without.delete(record);
    if (affected.every((geo, i) => resolveRecord(without, geo) === before[i])) records.delete(record);
  }
  return records;
}

function specificity(geo: string): number {
  if (geo.startsWith('GEO-')) return 1;
  return geo.includes('-') ? 3 : 2;
}

/** Sorted like compressGeographies: `*` first, then by id. */
export function sortRecords(records: ReadonlyMap<string, string>): Map<string, string> {
  return new Map(
    [...records].sort(([a], [b]) => (a === DEFAULT_GEO ? -1 : b === DEFAULT_GEO ? 1 : a < b ? -1 : a > b ? 1 : 0)),
  );
}

import { DEFAULT_GEO } from '../geo/geography.js';
import { AZURE_DOCUMENTED_GEO_LIST, azureCoverage } from '../geo/provider-lists/azure-hierarchy.js';
import { type GeoCodes, type GeoList, geoCodes } from '../geo/provider-lists/geo-list.js';
import { compressGeographies } from './compress.js';

/**
 * Plan geographies → Traffic Manager `geoMapping` records. Traffic Manager has its own hierarchy
 * (WORLD → GEO-xx regional groups → countries → some states), read from the provider
 * (`adapter.geoList()`) and handed in as data. Record geographies use plan ids (`*`, `DE`,
 * `US-CA`) plus the group codes (`GEO-EU`); `*` is written as `WORLD`.
 */

export const WORLD = 'WORLD';

export function geoMappingCode(geo: string): string {
  return geo === DEFAULT_GEO ? WORLD : geo;
}

/** Lookups over one hierarchy; `azureGeography(list)` shares one per list. */
export class AzureGeography {
  private readonly codes: GeoCodes;
  /** Computed once per geography: rendering asks for every record × geography of every service. */
  private readonly coverageOf = new Map<string, readonly string[]>();

  constructor(readonly list: GeoList) {
    this.codes = geoCodes(list);
  }

  /** Whether Traffic Manager can map this plan geography itself (else it inherits a wider record). */
  isMappable(geo: string): boolean {
    return geo === DEFAULT_GEO || this.codes.has(geo);
  }

  /** The geoMapping codes covering a user location, most specific first, in Traffic Manager spelling. */
  mappingChain(location: string): readonly string[] {
    return azureCoverage(this.list, location);
  }

  /** The record geographies that could answer users in `geo`, most specific first, `*` last. */
  coverage(geo: string): readonly string[] {
    let chain = this.coverageOf.get(geo);
    if (chain === undefined) {
      chain = Object.freeze(
        geo === DEFAULT_GEO
          ? [DEFAULT_GEO]
          : this.mappingChain(geo).map((code) => (code === WORLD ? DEFAULT_GEO : code)),
      );
      this.coverageOf.set(geo, chain);
    }
    return chain;
  }

  /** The split key users in `geo` get from `records` (most specific match), if any. */
  resolveRecord(records: ReadonlyMap<string, string>, geo: string): string | undefined {
    return records.get(this.answeringRecord(records, geo) ?? '');
  }

  /** The record geography that answers users in `geo`, if any. */
  answeringRecord(records: ReadonlyMap<string, unknown>, geo: string): string | undefined {
    return this.coverage(geo).find((code) => records.has(code));
  }

  /**
   * Fewest records giving every mappable plan geography its own split: compressGeographies over
   * Traffic Manager regions, then `pruneRecords` for what it keeps conservatively (states, and
   * countries whose continent is ambiguous, which are unambiguous inside Traffic Manager's list).
   */
  mapGeographies(splits: ReadonlyMap<string, string>): Map<string, string> {
    const mappable = new Map([...splits].filter(([geo]) => this.isMappable(geo)));
    return this.pruneRecords(
      compressGeographies(mappable, (geo) => this.regionOf(geo)),
      splits,
    );
  }

  /**
   * Drops every record (most specific first) whose removal changes no plan geography's answer.
   * Sound because the check replays the resolver's most-specific-match rule for each geography.
   */
  pruneRecords(records: Map<string, string>, splits: ReadonlyMap<string, string>): Map<string, string> {
    const geos = [...splits.keys()];
    const order = [...records.keys()]
      .filter((geo) => geo !== DEFAULT_GEO)
      .sort((a, b) => specificity(b) - specificity(a));
    for (const record of order) {
      const affected = geos.filter((geo) => this.coverage(geo).includes(record));
      const before = affected.map((geo) => this.resolveRecord(records, geo));
      const without = new Map(records);
      without.delete(record);
      if (affected.every((geo, i) => this.resolveRecord(without, geo) === before[i])) records.delete(record);
    }
    return records;
  }

  /** A country's Traffic Manager region; states are grouped by `pruneRecords` instead. */
  private regionOf(geo: string): string | undefined {
    if (geo.includes('-')) return undefined;
    const chain = this.mappingChain(geo);
    return chain.length === 3 ? chain[1] : undefined;
  }
}

const geographies = new WeakMap<GeoList, AzureGeography>();

/** The shared lookups of a hierarchy; without one, Microsoft's published hierarchy (what the mock serves). */
export function azureGeography(list: GeoList = AZURE_DOCUMENTED_GEO_LIST): AzureGeography {
  let geography = geographies.get(list);
  if (geography === undefined) {
    geography = new AzureGeography(list);
    geographies.set(list, geography);
  }
  return geography;
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

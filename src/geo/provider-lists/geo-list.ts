import { createHash } from 'node:crypto';

/**
 * The locations a DNS provider can target, as the provider itself lists them (Route 53
 * ListGeoLocations, the Traffic Manager geographic hierarchy), read once per run through the
 * provider's adapter and handed to the renderers and evaluators as data. Nothing in the core
 * keeps its own copy: a country the provider does not list gets no record of its own.
 *
 * Codes use plan spelling: `*` (the default; Traffic Manager's WORLD), `continent:EU` (Route 53
 * continents), `GEO-EU` (Traffic Manager regional groups), `DE` (ISO 3166-1), `US-CA` (a
 * subdivision, ISO 3166-2 style).
 */

export type GeoProvider = 'route53' | 'azure';

export interface GeoListEntry {
  readonly code: string;
  readonly name?: string;
  /**
   * The code the provider places this one under, where the provider says so (the Traffic
   * Manager hierarchy, Route 53 subdivisions under their country). Route 53 does not say which
   * continent a country belongs to; that comes from the country catalog.
   */
  readonly parent?: string;
}

export interface GeoList {
  readonly provider: GeoProvider;
  /** Where the list came from, e.g. `route53 ListGeoLocations (mock)`. */
  readonly source: string;
  /** A hash of the codes and their parents: equal lists have equal fingerprints. */
  readonly fingerprint: string;
  readonly entries: readonly GeoListEntry[];
}

/** What `plan --json` records about the list a plan was rendered with. */
export interface GeoListSummary {
  readonly source: string;
  readonly fingerprint: string;
  readonly codes: number;
}

export const DEFAULT_CODE = '*';

/** A list with its fingerprint computed from its entries (names play no part). */
export function makeGeoList(provider: GeoProvider, source: string, entries: readonly GeoListEntry[]): GeoList {
  return { provider, source, fingerprint: geoListFingerprint(entries), entries };
}

/** sha256 over the sorted `code>parent` lines, 16 hex digits. */
export function geoListFingerprint(entries: readonly GeoListEntry[]): string {
  const lines = entries.map((entry) => `${entry.code}>${entry.parent ?? ''}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

export function summarizeGeoList(list: GeoList): GeoListSummary {
  return { source: list.source, fingerprint: list.fingerprint, codes: list.entries.length };
}

/** Lookups over one list, built once per list (renderers ask for every geography of every service). */
export class GeoCodes {
  private readonly parents = new Map<string, string | undefined>();

  constructor(readonly list: GeoList) {
    for (const entry of list.entries) this.parents.set(entry.code, entry.parent);
  }

  has(code: string): boolean {
    return this.parents.has(code);
  }

  parentOf(code: string): string | undefined {
    return this.parents.get(code);
  }

  /** `code` and the codes above it, most specific first, as the provider lists them. */
  ancestry(code: string): string[] {
    const chain: string[] = [];
    for (let at: string | undefined = code; at !== undefined && this.has(at) && !chain.includes(at); ) {
      chain.push(at);
      at = this.parentOf(at);
    }
    return chain;
  }
}

const indexes = new WeakMap<GeoList, GeoCodes>();

/** The shared index of a list. */
export function geoCodes(list: GeoList): GeoCodes {
  let index = indexes.get(list);
  if (index === undefined) {
    index = new GeoCodes(list);
    indexes.set(list, index);
  }
  return index;
}

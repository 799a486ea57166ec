import { COUNTRIES } from '../geo/countries.js';
import { DEFAULT_GEO, parseGeoRef } from '../geo/geography.js';
import type { Service } from './types.js';

/**
 * Which pinned entry covers a user, the way a geolocation DNS record does: the most specific
 * key wins (US state, then country, then `continent:XX`, then `*`). Keys are record geographies,
 * not groups (EU, EEA): a DNS record cannot target a group, and `import` writes what records say.
 */

/** The pinned keys that can cover a plan geography (`*`, `DE`, `US-CA`), most specific first. */
export function pinnedChain(geo: string): string[] {
  if (geo === DEFAULT_GEO) return [DEFAULT_GEO];
  const [country = geo, subdivision] = geo.split('-');
  const continent = COUNTRIES.get(country)?.continent;
  return [
    ...(subdivision === undefined ? [] : [geo]),
    country,
    ...(continent === undefined ? [] : [`continent:${continent}`]),
    DEFAULT_GEO,
  ];
}

export interface PinnedEntry {
  /** The key that covers the geography. */
  readonly key: string;
  /** Endpoint id → percent. */
  readonly shares: Readonly<Record<string, number>>;
}

/** The entry covering a plan geography, if the service pins one. */
export function pinnedFor(service: Service, geo: string): PinnedEntry | undefined {
  const pinned = service.pinned;
  if (pinned === undefined) return undefined;
  for (const key of pinnedChain(geo)) {
    const shares = pinned.get(key);
    if (shares !== undefined) return { key, shares };
  }
  return undefined;
}

/** Whether a text can be a pinned key: the default, a continent, a country or a US state. */
export function isPinnedKey(text: string): boolean {
  const ref = parseGeoRef(text);
  return ref !== undefined && ref.kind !== 'group';
}

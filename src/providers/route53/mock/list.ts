import { invalidInput } from './errors.js';
import { canonicalName, compareAscii, nameSortKey } from './names.js';
import type { RecordSetData, ZoneData } from './types.js';

/** Pagination as the Route 53 list operations do it: a start key in, the next start key out. */

export interface Page<T> {
  items: T[];
  /** The first item of the next page, when the list was truncated. */
  next: T | undefined;
}

export function takePage<T>(items: readonly T[], start: number, maxItems: number): Page<T> {
  const from = start < 0 ? items.length : start;
  return { items: items.slice(from, from + maxItems), next: items[from + maxItems] };
}

/** `maxitems` as sent; Route 53 silently caps it at the operation's ceiling. */
export function parseMaxItems(text: string | undefined, fallback: number, ceiling: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw invalidInput(`Invalid value for maxitems: ${text}`);
  return Math.min(Number(text), ceiling);
}

export interface RecordSetStart {
  name?: string;
  type?: string;
  identifier?: string;
}

/**
 * Index of the first set at or after the start position, in ListResourceRecordSets order, or -1
 * when every set comes before it. `sets` must be in that order (the mock keeps every zone's sets
 * sorted), so a binary search finds it: a sort key is computed for ~log2(n) sets, not all of them
 * (a scan of a 50,000-set zone computed 50,000 reversed-label keys per page).
 */
export function recordSetStartIndex(sets: readonly RecordSetData[], start: RecordSetStart): number {
  if (start.type !== undefined && start.name === undefined) {
    throw invalidInput('The input is not valid: you must specify name when you specify type');
  }
  if (start.identifier !== undefined && start.type === undefined) {
    throw invalidInput('The input is not valid: you must specify name and type when you specify identifier');
  }
  if (start.name === undefined) return 0;
  const key = nameSortKey(canonicalName(start.name));
  const type = start.type ?? '';
  const identifier = start.identifier ?? '';
  const atOrAfter = (set: RecordSetData) =>
    (compareAscii(nameSortKey(set.name), key) ||
      compareAscii(set.type, type) ||
      compareAscii(set.setIdentifier ?? '', identifier)) >= 0;
  const index = firstIndex(sets, atOrAfter);
  return index === sets.length ? -1 : index;
}

/** The first index whose item satisfies `test`, which must be false then true along `items`. */
function firstIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** ListHostedZonesByName order: reversed-label name, then zone id. */
export function zonesByName(zones: readonly ZoneData[]): ZoneData[] {
  return [...zones].sort(
    (left, right) => compareAscii(nameSortKey(left.name), nameSortKey(right.name)) || compareAscii(left.id, right.id),
  );
}

export function zoneNameStartIndex(sorted: readonly ZoneData[], dnsName?: string, zoneId?: string): number {
  if (zoneId !== undefined && dnsName === undefined) {
    throw invalidInput('The input is not valid: you must specify dnsname when you specify hostedzoneid');
  }
  if (dnsName === undefined) return 0;
  const key = nameSortKey(canonicalName(dnsName));
  return sorted.findIndex(
    (zone) => (compareAscii(nameSortKey(zone.name), key) || compareAscii(zone.id, zoneId ?? '')) >= 0,
  );
}

/** Index of the first item whose id is at or after the marker (ids grow with creation order). */
export function markerStartIndex<T extends { id: string }>(items: readonly T[], marker?: string): number {
  if (marker === undefined) return 0;
  return items.findIndex((item) => compareAscii(item.id, marker) >= 0);
}

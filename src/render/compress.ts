import { DEFAULT_GEO } from '../geo/geography.js';
import { compareText } from '../util/compare.js';

/**
 * Countries whose continent DNS services may place differently from our data (transcontinental
 * or disputed). They always keep their own record, so compression can never hand their users
 * another continent's split.
 */
export const AMBIGUOUS_CONTINENT = new Set(['AM', 'AZ', 'CY', 'EG', 'GE', 'KZ', 'PA', 'RU', 'TR', 'UM']);

/**
 * Fewer records for the same answers. `splits` maps every geography (countries, states, `*`) to
 * a key identifying its split. Within each group (a continent, or a Traffic Manager region), the
 * most common split becomes one group record and only countries that differ keep their own,
 * unless leaving the group to the default record needs fewer records. Returns record geography
 * (`*`, a group code from `groupOf`, or the original id) → split key, sorted by geography.
 *
 * Sound because DNS answers the most specific match: a country with no record gets its group's
 * record, and a group with no record gets the default.
 */
export function compressGeographies(
  splits: ReadonlyMap<string, string>,
  groupOf: (geo: string) => string | undefined,
): Map<string, string> {
  const fallback = splits.get(DEFAULT_GEO);
  const records = new Map<string, string>();
  if (fallback !== undefined) records.set(DEFAULT_GEO, fallback);
  const groups = new Map<string, string[]>();
  for (const geo of splits.keys()) {
    if (geo === DEFAULT_GEO) continue;
    const group = AMBIGUOUS_CONTINENT.has(geo) ? undefined : groupOf(geo);
    if (group === undefined) records.set(geo, splits.get(geo)!);
    else groups.set(group, [...(groups.get(group) ?? []), geo]);
  }
  for (const [group, members] of groups) {
    const groupSplit = bestGroupSplit(
      members.map((geo) => splits.get(geo)!),
      fallback,
    );
    if (groupSplit !== undefined) records.set(group, groupSplit);
    const inherited = groupSplit ?? fallback;
    for (const geo of members) {
      const split = splits.get(geo)!;
      if (split !== inherited) records.set(geo, split);
    }
  }
  return new Map([...records].sort(([a], [b]) => (a === DEFAULT_GEO ? -1 : b === DEFAULT_GEO ? 1 : compareText(a, b))));
}

/**
 * The split a group record should carry, or undefined for no group record: whichever needs the
 * fewest records in all. No record costs one record per member that differs from the default; a
 * record for split s costs one plus one per member that differs from s. Ties favour no record.
 */
function bestGroupSplit(keys: readonly string[], fallback: string | undefined): string | undefined {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const [common, count] = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0]!;
  const withoutRecord = keys.length - (fallback === undefined ? 0 : (counts.get(fallback) ?? 0));
  const withRecord = 1 + keys.length - count;
  return withRecord < withoutRecord ? common : undefined;
}

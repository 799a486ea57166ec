import { CONTINENTS } from '../geo/continents.js';
import { COUNTRIES } from '../geo/countries.js';
import { DEFAULT_GEO } from '../geo/geography.js';
import { pinnedChain } from '../policy/pinned.js';
import { compareText } from '../util/compare.js';

/** Endpoint id → percent (3 decimals, summing to exactly 100). */
export type Percents = Readonly<Record<string, number>>;

/**
 * Fractions (summing to 1) as percents with 3 decimals that sum to exactly 100: thousandths of a
 * percent by largest remainder, ties by endpoint id. So the pin validates (POLICY.PINNED_SUM)
 * and differs from what users get by at most 0.001 points per endpoint.
 */
export function toPercents(fractions: ReadonlyMap<string, number>): Percents {
  const total = [...fractions.values()].reduce((sum, f) => sum + f, 0);
  const entries = [...fractions]
    .filter(([, f]) => f > 0)
    .map(([id, f]) => ({ id, exact: (f / total) * 100_000 }))
    .sort((a, b) => compareText(a.id, b.id));
  const units = entries.map((entry) => Math.floor(entry.exact));
  let left = 100_000 - units.reduce((sum, u) => sum + u, 0);
  const order = entries
    .map((entry, i) => ({ i, rest: entry.exact - units[i]! }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    units[i] = units[i]! + 1;
    left--;
  }
  return Object.fromEntries(entries.map((entry, i) => [entry.id, units[i]! / 1000]).filter(([, p]) => p !== 0));
}

const keyOf = (percents: Percents) => JSON.stringify(Object.entries(percents).sort(([a], [b]) => compareText(a, b)));

/**
 * The fewest pinned entries (policy/pinned.ts) that give every answered geography exactly its
 * split: `*` for the default audience, a continent entry for the split most of its countries
 * share (when it differs from `*`), then each country and state whose split differs from the
 * entry that would cover it. Geographies nothing answers (`answers` lacks them) get no entry of
 * their own; they fall to the entries that cover them, which the caller reports.
 */
export function pinnedEntries(answers: ReadonlyMap<string, Percents>): Record<string, Percents> {
  const pinned = new Map<string, Percents>();
  const all = answers.get(DEFAULT_GEO);
  if (all !== undefined) pinned.set(DEFAULT_GEO, all);
  for (const continent of Object.keys(CONTINENTS).sort()) {
    const countries = [...COUNTRIES.values()].filter((c) => c.continent === continent).map((c) => c.code);
    const common = mostCommon(countries.map((code) => answers.get(code)).filter((p) => p !== undefined));
    if (common !== undefined && (all === undefined || keyOf(common) !== keyOf(all)))
      pinned.set(`continent:${continent}`, common);
  }
  const places = [...answers.keys()]
    .filter((geo) => geo !== DEFAULT_GEO)
    .sort((a, b) => a.length - b.length || compareText(a, b));
  for (const geo of places) {
    const wanted = answers.get(geo)!;
    const covering = pinnedChain(geo)
      .map((key) => pinned.get(key))
      .find((p) => p !== undefined);
    if (covering === undefined || keyOf(covering) !== keyOf(wanted)) pinned.set(geo, wanted);
  }
  const keys = [...pinned.keys()].sort((a, b) => rank(a) - rank(b) || compareText(a, b));
  return Object.fromEntries(keys.map((key) => [key, pinned.get(key)!]));
}

function rank(key: string): number {
  if (key === DEFAULT_GEO) return 0;
  if (key.startsWith('continent:')) return 1;
  return key.includes('-') ? 3 : 2;
}

function mostCommon(splits: readonly Percents[]): Percents | undefined {
  const counts = new Map<string, { split: Percents; count: number }>();
  for (const split of splits) {
    const key = keyOf(split);
    const entry = counts.get(key) ?? { split, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  let best: { split: Percents; count: number; key: string } | undefined;
  for (const [key, entry] of counts) {
    if (best === undefined || entry.count > best.count || (entry.count === best.count && key < best.key))
      best = { ...entry, key };
  }
  return best?.split;
}

import type { Cloud } from '../policy/types.js';
import { compareText } from '../util/compare.js';
import type { ReportModel, ServiceReport } from './model.js';
import { cloudColor, endpointColors } from './palette.js';

/** How one country is painted: one cloud (or endpoint), or two that share its traffic evenly. */
export interface CountryFill {
  /** One key, or two (sorted) when they tie. */
  readonly keys: readonly string[];
  /** Share of the largest key, percent. */
  readonly top: number;
}

/** Two shares closer than this (percentage points) are drawn as a tie: neither "serves most". */
export const TIE_POINTS = 1;

export function countryFills(
  service: ServiceReport,
  colorBy: ReportModel['colorBy'],
): ReadonlyMap<string, CountryFill> {
  const fills = new Map<string, CountryFill>();
  for (const [code, serving] of service.countries) {
    const values: Readonly<Record<string, number | undefined>> =
      colorBy === 'endpoint' ? serving.shares : serving.clouds;
    const ranked = Object.entries(values)
      .map(([key, share]) => [key, share ?? 0] as const)
      .sort(([a, x], [b, y]) => y - x || compareText(a, b));
    const [first, second] = ranked;
    if (first === undefined) continue;
    const tie = second !== undefined && first[1] - second[1] < TIE_POINTS;
    fills.set(code, { keys: tie ? [first[0], second[0]].sort(compareText) : [first[0]], top: first[1] });
  }
  return fills;
}

/** The color of one key: a cloud's color, or the endpoint's shade of its cloud. */
export function keyColors(service: ServiceReport, colorBy: ReportModel['colorBy']): (key: string) => string {
  const endpoints = endpointColors(service.split.endpoints);
  return (key) => (colorBy === 'endpoint' ? (endpoints.get(key) ?? '#999999') : cloudColor(key as Cloud));
}

/** Element id of the stripes pattern for a tie; ids keep only characters safe in url(#...). */
export function mixId(prefix: string, keys: readonly string[]): string {
  return `${prefix}-mix-${keys.join('-').replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The distinct ties on a map, in a stable order, for its patterns and its legend. */
export function tiesOf(fills: ReadonlyMap<string, CountryFill>): (readonly string[])[] {
  const ties = new Map<string, readonly string[]>();
  for (const fill of fills.values()) if (fill.keys.length > 1) ties.set(fill.keys.join('+'), fill.keys);
  return [...ties.entries()].sort(([a], [b]) => compareText(a, b)).map(([, keys]) => keys);
}

import type { Cloud } from '../policy/types.js';
import type { ServiceSplit } from '../solve/types.js';
import { compareText } from '../util/compare.js';

/** Who answers the users of one country, for one service. */
export interface CountryServing {
  readonly code: string;
  /** The geography whose records answer: the country itself, or `*` (the default record). */
  readonly geo: string;
  /** Percent of the country's traffic per endpoint (only endpoints above 0). */
  readonly shares: Readonly<Record<string, number>>;
  /** Percent per cloud. */
  readonly clouds: Readonly<Partial<Record<Cloud, number>>>;
  readonly topCloud: Cloud;
  readonly topEndpoint: string;
}

/**
 * Serving per country code. A country whose US states are separate geographies is the
 * demand-weighted mix of its geographies (the map draws countries, not states); a country with no
 * geography of its own (one DNS cannot target) is answered by the default record.
 */
export function countryServing(
  service: ServiceSplit,
  countryOf: (geo: string) => string | undefined,
  codes: readonly string[],
): ReadonlyMap<string, CountryServing> {
  const cloudOf = new Map(service.endpoints.map((e) => [e.id, e.cloud]));
  const byCountry = new Map<string, ServiceSplit['geographies'][number][]>();
  for (const geo of service.geographies) {
    const country = countryOf(geo.geo);
    if (country !== undefined) byCountry.set(country, [...(byCountry.get(country) ?? []), geo]);
  }
  const fallback = service.geographies.find((g) => g.geo === '*');
  const result = new Map<string, CountryServing>();
  for (const code of new Set(codes)) {
    const geos = byCountry.get(code) ?? (fallback === undefined ? [] : [fallback]);
    if (geos.length === 0) continue;
    const shares = mixShares(geos);
    result.set(code, summarize(code, geos.length === 1 ? geos[0]!.geo : code, shares, cloudOf));
  }
  return result;
}

function mixShares(geos: readonly { demand: number; shares: Readonly<Record<string, number>> }[]) {
  const total = geos.reduce((sum, g) => sum + g.demand, 0);
  const mixed: Record<string, number> = {};
  for (const geo of geos) {
    const weight = total > 0 ? geo.demand / total : 1 / geos.length;
    for (const [id, share] of Object.entries(geo.shares)) mixed[id] = (mixed[id] ?? 0) + share * weight;
  }
  return mixed;
}

function summarize(
  code: string,
  geo: string,
  mixed: Readonly<Record<string, number>>,
  cloudOf: ReadonlyMap<string, Cloud>,
): CountryServing {
  const shares: Record<string, number> = {};
  const clouds: Partial<Record<Cloud, number>> = {};
  for (const [id, share] of Object.entries(mixed)) {
    if (share <= 0) continue;
    shares[id] = Math.round(share * 10) / 10;
    const cloud = cloudOf.get(id);
    if (cloud !== undefined) clouds[cloud] = Math.round(((clouds[cloud] ?? 0) + share) * 10) / 10;
  }
  const topEndpoint = largest(shares) ?? Object.keys(mixed)[0] ?? '';
  const topCloud = (largest(clouds) as Cloud | undefined) ?? cloudOf.get(topEndpoint) ?? 'onprem';
  return { code, geo, shares, clouds, topCloud, topEndpoint };
}

/** The key with the largest value; ties go to the first in code-unit order (deterministic). */
export function largest(values: Readonly<Record<string, number | undefined>>): string | undefined {
  let best: string | undefined;
  for (const key of Object.keys(values).sort(compareText)) {
    if (best === undefined || (values[key] ?? 0) > (values[best] ?? 0)) best = key;
  }
  return best;
}

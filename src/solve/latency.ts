import { DEFAULT_GEO } from '../geo/geography.js';
import type { Endpoint } from '../policy/types.js';
import type { Geography } from './geographies.js';

/**
 * The distance model of round-trip latency, used when no measurement is given:
 *
 *   rtt_ms = BASE_RTT_MS + 2 * distance_km * PATH_INFLATION / FIBER_KM_PER_MS
 *
 * Light in fiber covers about 200 km per ms (refractive index ~1.47); real routes are longer than
 * the great circle, by a factor of about 1.5 on average between well-connected metros (published
 * measurement studies put it between 1.3 and 2); a few ms go to access networks and servers.
 */
export const LATENCY_MODEL = { BASE_RTT_MS: 5, PATH_INFLATION: 1.5, FIBER_KM_PER_MS: 200 } as const;
const EARTH_RADIUS_KM = 6371;

export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function modelRttMs(distanceKm: number): number {
  const { BASE_RTT_MS, PATH_INFLATION, FIBER_KM_PER_MS } = LATENCY_MODEL;
  return BASE_RTT_MS + (2 * distanceKm * PATH_INFLATION) / FIBER_KM_PER_MS;
}

/** Measured latency: geography id (`DE`, `US-CA`, `*`) → endpoint id → ms. */
export type MeasuredLatency = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * Latency from each geography to each endpoint, row-major (geo × endpoint). Measured values win
 * over the model. The default geography's row is the demand-weighted mean of all others: its
 * users could be anywhere.
 */
export function latencyMatrix(
  geos: readonly Geography[],
  endpoints: readonly Endpoint[],
  demand: Float64Array,
  measured?: MeasuredLatency,
): Float64Array {
  const e = endpoints.length;
  const matrix = new Float64Array(geos.length * e);
  let defaultRow = -1;
  geos.forEach((geo, g) => {
    if (geo.id === DEFAULT_GEO) {
      defaultRow = g;
      return;
    }
    const row = measured?.get(geo.id);
    endpoints.forEach((endpoint, j) => {
      const value = row?.get(endpoint.id);
      matrix[g * e + j] =
        value ?? modelRttMs(greatCircleKm(geo.lat, geo.lon, endpoint.location.lat, endpoint.location.lon));
    });
  });
  if (defaultRow >= 0) {
    const row = measured?.get(DEFAULT_GEO);
    for (let j = 0; j < e; j++) {
      let sum = 0;
      for (let g = 0; g < geos.length; g++) if (g !== defaultRow) sum += demand[g]! * matrix[g * e + j]!;
      matrix[defaultRow * e + j] = row?.get(endpoints[j]!.id) ?? sum;
    }
  }
  return matrix;
}

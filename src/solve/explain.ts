import type { Endpoint, Policy } from '../policy/types.js';
import { compareText } from '../util/compare.js';
import { caveats } from './explain-caveats.js';
import { endpointNotes, sentence } from './explain-words.js';
import { listGeographies } from './geographies.js';
import { greatCircleKm, type MeasuredLatency, modelRttMs } from './latency.js';
import { serviceEndpoints } from './services.js';
import type { GeographySplit, ServiceSplit, Shortfall, Splits } from './types.js';

export interface EndpointExplanation {
  readonly endpoint: string;
  readonly share: number;
  readonly latencyMs?: number;
  /** One sentence per thing that shaped this endpoint's share; never empty. */
  readonly notes: readonly string[];
}

export interface GeographyExplanation {
  readonly service: string;
  readonly geography: GeographySplit;
  readonly endpoints: readonly EndpointExplanation[];
  /** Sentences about the whole geography (rules, bounds), in order of precedence. */
  readonly because: readonly string[];
  /** The service's shortfalls that concern this geography: capacity and balance, and its own. */
  readonly shortfalls: readonly Shortfall[];
  /** What DNS cannot guarantee for these users. */
  readonly caveats: readonly string[];
}

/** Why each endpoint got its share in one geography: the reasons in the splits, in words. */
export function explainGeography(
  policy: Policy,
  splits: Splits,
  geo: string,
  measured?: MeasuredLatency,
): GeographyExplanation[] {
  const place = listGeographies(policy).find((g) => g.id === geo);
  return splits.services.flatMap((service) => {
    const geography = service.geographies.find((g) => g.geo === geo);
    const definition = policy.services.find((s) => s.name === service.service);
    if (geography === undefined || definition === undefined) return [];
    const members = serviceEndpoints(policy, definition);
    const latencyOf = (endpoint: Endpoint) =>
      measured?.get(geo)?.get(endpoint.id) ??
      (place?.country === undefined
        ? undefined
        : modelRttMs(greatCircleKm(place.lat, place.lon, endpoint.location.lat, endpoint.location.lon)));
    const rows = members.map((endpoint) => {
      const latency = latencyOf(endpoint);
      return {
        endpoint,
        share: geography.shares[endpoint.id] ?? 0,
        ...(latency === undefined ? {} : { latencyMs: Math.round(latency * 10) / 10 }),
      };
    });
    const context = { policy, service: definition.name, geography, rows };
    const endpoints = rows.map(
      (row): EndpointExplanation => ({
        endpoint: row.endpoint.id,
        share: row.share,
        ...(row.latencyMs === undefined ? {} : { latencyMs: row.latencyMs }),
        notes: endpointNotes(context, row),
      }),
    );
    endpoints.sort(
      (a, b) => b.share - a.share || (a.latencyMs ?? 0) - (b.latencyMs ?? 0) || compareText(a.endpoint, b.endpoint),
    );
    return [
      {
        service: service.service,
        geography,
        endpoints,
        because: geography.reasons.flatMap((reason) => sentence(context, reason)),
        shortfalls: concerning(service, geo),
        caveats: caveats(service, geography),
      },
    ];
  });
}

/** Capacity and balance shortfalls concern every geography; minEndpoints and latency ones, their own. */
function concerning(service: ServiceSplit, geo: string): Shortfall[] {
  return service.shortfalls.filter((s) => s.kind === 'capacity' || s.kind === 'balance' || s.geo === geo);
}

import { DEFAULT_GEO } from '../geo/geography.js';
import type { Policy } from '../policy/types.js';
import { compareText } from '../util/compare.js';
import { listGeographies } from './geographies.js';
import { greatCircleKm, type MeasuredLatency, modelRttMs } from './latency.js';
import { serviceEndpoints } from './services.js';
import type { GeographySplit, Reason, SplitPlan } from './types.js';

export interface EndpointExplanation {
  readonly endpoint: string;
  readonly share: number;
  readonly latencyMs?: number;
  /** One sentence per thing that shaped this endpoint's share. */
  readonly notes: readonly string[];
}

export interface GeographyExplanation {
  readonly service: string;
  readonly geography: GeographySplit;
  readonly endpoints: readonly EndpointExplanation[];
  /** Sentences about the whole geography (rules, bounds), in order of precedence. */
  readonly because: readonly string[];
  /** What DNS cannot guarantee for these users. */
  readonly caveats: readonly string[];
}

/** Why each endpoint got its share in one geography: the reasons of the plan, in words. */
export function explainGeography(
  policy: Policy,
  plan: SplitPlan,
  geo: string,
  measured?: MeasuredLatency,
): GeographyExplanation[] {
  const place = listGeographies(policy).find((g) => g.id === geo);
  return plan.services.flatMap((service) => {
    const geography = service.geographies.find((g) => g.geo === geo);
    const definition = policy.services.find((s) => s.name === service.service);
    if (geography === undefined || definition === undefined) return [];
    const endpoints = serviceEndpoints(policy, definition).map((endpoint): EndpointExplanation => {
      const latencyMs =
        measured?.get(geo)?.get(endpoint.id) ??
        (place?.country === undefined
          ? undefined
          : modelRttMs(greatCircleKm(place.lat, place.lon, endpoint.location.lat, endpoint.location.lon)));
      return {
        endpoint: endpoint.id,
        share: geography.shares[endpoint.id] ?? 0,
        ...(latencyMs === undefined ? {} : { latencyMs: Math.round(latencyMs * 10) / 10 }),
        notes: geography.reasons.flatMap((reason) => endpointNote(reason, endpoint.id)),
      };
    });
    endpoints.sort(
      (a, b) => b.share - a.share || (a.latencyMs ?? 0) - (b.latencyMs ?? 0) || compareText(a.endpoint, b.endpoint),
    );
    return [
      {
        service: service.service,
        geography,
        endpoints,
        because: geography.reasons.flatMap(sentence),
        caveats: caveats(policy, geography),
      },
    ];
  });
}

function endpointNote(reason: Reason, id: string): string[] {
  switch (reason.kind) {
    case 'sovereignty':
      return reason.excluded.includes(id) ? [`excluded by sovereignty rule '${reason.rule}'`] : [];
    case 'sovereignty-override':
      return reason.restored.includes(id)
        ? [`kept serving despite maintenance: rule '${reason.rule}' says ignore-maintenance`]
        : [];
    case 'maintenance':
      return reason.endpoint === id
        ? [`${reason.phase} by window '${reason.window}' (${Math.round(reason.drained * 100)}% drained)`]
        : [];
    case 'down':
      return reason.endpoint === id ? [`down (${reason.source})`] : [];
    case 'capacity':
      return reason.endpoint === id
        ? [
            reason.detail === 'full'
              ? 'at capacity: it would get more otherwise'
              : 'over capacity: no split fits every capacity',
          ]
        : [];
    case 'latency-bound':
      return reason.exceeded.includes(id)
        ? [`beyond maxLatencyMs ${reason.maxLatencyMs} (used because nothing closer could take it)`]
        : [];
    case 'nearest': {
      const rank = reason.ranking.findIndex((r) => r.endpoint === id);
      return rank >= 0 ? [`#${rank + 1} nearest allowed endpoint`] : [];
    }
    default:
      return [];
  }
}

function sentence(reason: Reason): string[] {
  switch (reason.kind) {
    case 'sovereignty':
      return [`sovereignty rule '${reason.rule}' excludes ${reason.excluded.join(', ')}`];
    case 'sovereignty-override':
      return [
        `every allowed endpoint is drained; rule '${reason.rule}' keeps ${reason.restored.join(', ')} serving (ignore-maintenance)`,
      ];
    case 'maintenance':
      return [
        `maintenance window '${reason.window}': ${reason.endpoint} ${reason.phase} (${Math.round(reason.drained * 100)}% drained)`,
      ];
    case 'down':
      return [`${reason.endpoint} is down (${reason.source})`];
    case 'capacity':
      return [
        `${reason.endpoint} is ${reason.detail === 'full' ? 'at capacity' : 'overloaded'}, so some traffic goes to farther endpoints`,
      ];
    case 'balance':
      return [`balance rule '${reason.rule}' holds ${reason.cloud} at its ${reason.bound}imum`];
    case 'spread':
      return [`minEndpoints is ${reason.minEndpoints} but only ${reason.available} endpoint(s) are available here`];
    case 'latency-bound':
      return [
        `${reason.exceeded.join(', ')} exceed maxLatencyMs ${reason.maxLatencyMs}; no closer endpoint could take this traffic`,
      ];
    case 'nearest':
      return [`nearest allowed: ${reason.ranking.map((r) => `${r.endpoint} (${r.latencyMs} ms)`).join(', ')}`];
    case 'default-audience':
      return ['this is the DNS default record: it answers resolvers whose location the DNS service cannot place'];
  }
}

function caveats(policy: Policy, geography: GeographySplit): string[] {
  const list = [
    "DNS steers by the location of the resolver (or the client subnet it forwards), not of the user: clients behind a resolver abroad get that country's answer.",
    'Answers are cached for the TTL and long-lived connections outlive DNS changes: a drain takes effect for new lookups only.',
  ];
  if (geography.geo === DEFAULT_GEO && policy.rules.sovereignty.length > 0) {
    list.push(
      "Sovereignty rules cannot be guaranteed for the default record's audience; enforce them at the endpoint where the law requires it.",
    );
  } else if (geography.reasons.some((r) => r.kind === 'sovereignty')) {
    list.push(
      'The published records never send this geography to an excluded endpoint; pair them with enforcement at the endpoint where the law requires it.',
    );
  }
  return list;
}

import { COUNTRIES } from '../geo/countries.js';
import { findRegion } from '../geo/regions/index.js';
import { SUBDIVISIONS } from '../geo/subdivisions.js';
import { geoOfLocation, type Route53RecordSet } from '../render/route53-body.js';
import { ZONE_PLACEHOLDER } from '../render/route53-names.js';
import { greatCircleKm } from '../solve/latency.js';
import { locationChain } from './route53.js';
import type { Route53SetIndex } from './route53-index.js';

/**
 * What Route 53 answers at a name, for any record layout a zone may hold, not only trafficport's:
 * simple, weighted, geolocation, latency, failover and multivalue sets, aliases within the zone
 * (followed) and outside it (an answer of their own), with health. `verify`'s evaluator
 * (route53.ts) is the fast path for trafficport's own layout; `import` and `adopt` use this one
 * on whatever another tool wrote. Pure.
 *
 * Routing, per the Route 53 Developer Guide ("Choosing a routing policy", "How Amazon Route 53
 * chooses records when health checking is configured"):
 * - weighted: share weight / total among healthy sets; all weights 0 → evenly; all unhealthy →
 *   as if all were healthy;
 * - geolocation: the most specific record covering the user (state > country > continent >
 *   default); an unhealthy one gives way to the next less specific; none → no answer;
 * - latency: the set in the region with the least latency to the user. Real latency is measured
 *   by AWS and not published, so this takes the nearest region by great-circle distance (an
 *   approximation, and `import` says so); unlocated users (`*`) get the first set in listing order;
 * - failover: PRIMARY while healthy, else SECONDARY; both unhealthy → PRIMARY;
 * - multivalue: every healthy set evenly (resolvers get up to eight);
 * - a set is unhealthy when its health check fails, or when it is an alias with
 *   EvaluateTargetHealth whose target answers nothing healthy.
 */

export interface ResolveOptions {
  /** Whether a health check passes (default: every check passes). */
  readonly healthy?: (healthCheckId: string) => boolean;
  /**
   * Names a terminal answer: the values of a set (`type` A, AAAA, CNAME…) or, for an alias out of
   * the zone, its DNS name (`type` ALIAS). Answers with the same name add up.
   */
  readonly identify: (values: readonly string[], type: string) => string;
}

export type RoutingKind = 'simple' | 'weighted' | 'geolocation' | 'latency' | 'failover' | 'multivalue';

/** The routing policy of a set (Route 53 allows one per name and type). */
export function routingOf(set: Route53RecordSet): RoutingKind {
  const extra = set as Route53RecordSet & { Region?: string; Failover?: string; MultiValueAnswer?: boolean };
  if (extra.Weight !== undefined) return 'weighted';
  if (extra.GeoLocation !== undefined) return 'geolocation';
  if (extra.Region !== undefined) return 'latency';
  if (extra.Failover !== undefined) return 'failover';
  if (extra.MultiValueAnswer === true) return 'multivalue';
  return 'simple';
}

interface Resolved {
  /** Answer name → fraction; empty: no answer. */
  readonly shares: Map<string, number>;
  /** Whether the answer includes something healthy (for EvaluateTargetHealth). */
  readonly healthy: boolean;
}

const MAX_DEPTH = 8;
const NO_ANSWER: Resolved = { shares: new Map(), healthy: false };

/** Answer name → fraction for users at `geo` (`*`, `DE`, `US-CA`) asking `name`/`type`; empty: no answer. */
export function resolveRoute53(
  index: Route53SetIndex,
  name: string,
  type: string,
  geo: string,
  options: ResolveOptions,
): Map<string, number> {
  return new Resolver(index, options, geo).name(name, type, 0).shares;
}

class Resolver {
  constructor(
    private readonly index: Route53SetIndex,
    private readonly options: ResolveOptions,
    private readonly geo: string,
  ) {}

  name(name: string, type: string, depth: number): Resolved {
    if (depth > MAX_DEPTH) return NO_ANSWER;
    const sets = this.index.group(name, type);
    const first = sets[0];
    if (first === undefined) return NO_ANSWER;
    switch (routingOf(first)) {
      case 'simple':
        return this.set(first, type, depth);
      case 'weighted':
        return this.weighted(sets, type, depth);
      case 'geolocation':
        return this.geolocation(sets, type, depth);
      case 'latency':
        return this.latency(sets, type, depth);
      case 'failover':
        return this.failover(sets, type, depth);
      case 'multivalue':
        return this.even(sets, type, depth);
    }
  }

  /** One set's own answer: its values, or what its alias answers. */
  private set(set: Route53RecordSet, type: string, depth: number): Resolved {
    const alias = set.AliasTarget;
    const checked = set.HealthCheckId === undefined || (this.options.healthy?.(set.HealthCheckId) ?? true);
    if (alias === undefined) {
      const values = (set.ResourceRecords ?? []).map((record) => record.Value);
      return { shares: new Map([[this.options.identify(values, type), 1]]), healthy: checked };
    }
    if (alias.HostedZoneId !== ZONE_PLACEHOLDER) {
      return { shares: new Map([[this.options.identify([alias.DNSName], 'ALIAS'), 1]]), healthy: checked };
    }
    const target = this.name(alias.DNSName, type, depth + 1);
    return { shares: target.shares, healthy: checked && (!alias.EvaluateTargetHealth || target.healthy) };
  }

  private answers(sets: readonly Route53RecordSet[], type: string, depth: number) {
    return sets.map((set) => ({ set, answer: this.set(set, type, depth) }));
  }

  private weighted(sets: readonly Route53RecordSet[], type: string, depth: number): Resolved {
    const all = this.answers(sets, type, depth);
    const healthy = all.filter((entry) => entry.answer.healthy);
    const live = healthy.length > 0 ? healthy : all;
    const total = live.reduce((sum, entry) => sum + (entry.set.Weight ?? 0), 0);
    return mix(
      live.map((entry) => ({
        share: total > 0 ? (entry.set.Weight ?? 0) / total : 1 / live.length,
        answer: entry.answer,
      })),
      healthy.length > 0,
    );
  }

  private even(sets: readonly Route53RecordSet[], type: string, depth: number): Resolved {
    const all = this.answers(sets, type, depth);
    const healthy = all.filter((entry) => entry.answer.healthy);
    const live = healthy.length > 0 ? healthy : all;
    return mix(
      live.map((entry) => ({ share: 1 / live.length, answer: entry.answer })),
      healthy.length > 0,
    );
  }

  private geolocation(sets: readonly Route53RecordSet[], type: string, depth: number): Resolved {
    const byGeo = new Map<string, Route53RecordSet>();
    for (const set of sets) {
      const key = set.GeoLocation === undefined ? '' : geoOfLocation(set.GeoLocation);
      if (!byGeo.has(key)) byGeo.set(key, set);
    }
    let first: Resolved | undefined;
    for (const key of locationChain(this.geo)) {
      const set = byGeo.get(key);
      if (set === undefined) continue;
      const answer = this.set(set, type, depth);
      if (answer.healthy) return answer;
      first ??= answer;
    }
    return first ?? NO_ANSWER;
  }

  private latency(sets: readonly Route53RecordSet[], type: string, depth: number): Resolved {
    const place = placeOf(this.geo);
    const ranked =
      place === undefined ? [...sets] : [...sets].sort((a, b) => regionDistance(a, place) - regionDistance(b, place));
    let first: Resolved | undefined;
    for (const set of ranked) {
      const answer = this.set(set, type, depth);
      if (answer.healthy) return answer;
      first ??= answer;
    }
    return first ?? NO_ANSWER;
  }

  private failover(sets: readonly Route53RecordSet[], type: string, depth: number): Resolved {
    const role = (wanted: string) =>
      sets.find((set) => (set as Route53RecordSet & { Failover?: string }).Failover === wanted);
    const primary = role('PRIMARY');
    const secondary = role('SECONDARY');
    const first = primary === undefined ? undefined : this.set(primary, type, depth);
    if (first?.healthy) return first;
    const second = secondary === undefined ? undefined : this.set(secondary, type, depth);
    if (second?.healthy) return second;
    return first ?? second ?? NO_ANSWER;
  }
}

function mix(parts: readonly { share: number; answer: Resolved }[], healthy: boolean): Resolved {
  const shares = new Map<string, number>();
  for (const { share, answer } of parts) {
    for (const [key, fraction] of answer.shares) shares.set(key, (shares.get(key) ?? 0) + share * fraction);
  }
  return { shares, healthy };
}

function placeOf(geo: string): { lat: number; lon: number } | undefined {
  return SUBDIVISIONS.get(geo) ?? COUNTRIES.get(geo);
}

function regionDistance(set: Route53RecordSet, place: { lat: number; lon: number }): number {
  const code = (set as Route53RecordSet & { Region?: string }).Region ?? '';
  const region = findRegion('aws', code);
  return region === undefined ? Number.POSITIVE_INFINITY : greatCircleKm(place.lat, place.lon, region.lat, region.lon);
}

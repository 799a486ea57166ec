import { TrafficportError } from '../errors.js';
import { DEFAULT_GEO, geoRefContains } from '../geo/geography.js';
import type { Endpoint, Policy } from '../policy/types.js';
import { ruleForbids } from '../solve/availability.js';
import { compareText } from '../util/compare.js';
import type { GeoFallback } from './types.js';

/**
 * A plan geography the provider does not list gets no record of its own: its users are answered
 * by a less specific record (a continent, a Traffic Manager region, the default), which the plan
 * shows. If that answer gives a share to an endpoint a sovereignty rule forbids there, the plan
 * fails: DNS would send those users where the policy says they must not go, and no record can
 * prevent it (never a silent fallback).
 */

export interface FallbackInput {
  readonly service: string;
  readonly type: string;
  readonly geo: string;
  readonly answeredBy: string | undefined;
  /** Endpoint → integer weight of the answering record (empty when nothing answers). */
  readonly weights: Readonly<Record<string, number>>;
  /** The geography's own weights, as it would have been published with a record of its own. */
  readonly own: Readonly<Record<string, number>> | undefined;
}

export function fallbackOf(input: FallbackInput): GeoFallback {
  const weights = positive(input.weights);
  const own = input.own === undefined ? undefined : positive(input.own);
  return {
    service: input.service,
    type: input.type,
    geo: input.geo,
    ...(input.answeredBy === undefined ? {} : { answeredBy: input.answeredBy }),
    weights,
    exact: own !== undefined && sameShares(weights, own),
  };
}

/** Throws PLAN.SOVEREIGNTY_FALLBACK naming every fallback that crosses a sovereignty rule. */
export function checkFallbackSovereignty(
  policy: Policy,
  providerName: string,
  fallbacks: readonly GeoFallback[],
): void {
  const endpoints = new Map(policy.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const problems = fallbacks.flatMap((fallback) => crossings(policy, endpoints, fallback));
  if (problems.length === 0) return;
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1, 4).join('; ')})` : '';
  throw new TrafficportError('PLAN.SOVEREIGNTY_FALLBACK', `${providerName}: ${first}${more}`, {
    hint:
      'the provider cannot target that geography on its own, so its users get a wider record; make the wider ' +
      "geography's split acceptable to the rule (the same rule for its users, or fewer endpoints for the service), " +
      'or publish the service through a provider that lists the geography',
  });
}

function crossings(policy: Policy, endpoints: ReadonlyMap<string, Endpoint>, fallback: GeoFallback): string[] {
  if (fallback.geo === DEFAULT_GEO || fallback.answeredBy === undefined) return [];
  const [country = fallback.geo, suffix] = fallback.geo.split('-');
  const subdivision = suffix === undefined ? undefined : fallback.geo;
  const rules = policy.rules.sovereignty.filter((rule) =>
    rule.users.some((ref) => geoRefContains(ref, country, subdivision)),
  );
  const problems: string[] = [];
  for (const id of Object.keys(fallback.weights).sort(compareText)) {
    const endpoint = endpoints.get(id);
    if (endpoint === undefined) continue;
    for (const rule of rules.filter((candidate) => ruleForbids(candidate, endpoint))) {
      problems.push(
        `'${fallback.geo}' is not in the provider's geography list, so ${fallback.service} ${fallback.type} users there are answered by the '${fallback.answeredBy}' record, which sends part of them to ${id}, forbidden for '${fallback.geo}' by sovereignty rule '${rule.name}'`,
      );
    }
  }
  return problems;
}

function positive(weights: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(weights)
      .filter(([, weight]) => weight > 0)
      .sort(([a], [b]) => compareText(a, b)),
  );
}

/** Equal shares (weight / total), whatever the totals: 2:1 and 4:2 answer alike. */
function sameShares(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const ids = new Set([...Object.keys(a), ...Object.keys(b)]);
  const totalA = Object.values(a).reduce((sum, w) => sum + w, 0);
  const totalB = Object.values(b).reduce((sum, w) => sum + w, 0);
  if (totalA === 0 || totalB === 0) return totalA === totalB;
  return [...ids].every((id) => (a[id] ?? 0) * totalB === (b[id] ?? 0) * totalA);
}

import { DEFAULT_GEO } from '../geo/geography.js';
import type { Endpoint, Policy } from '../policy/types.js';
import { ruleForbids, rulesFor } from '../solve/availability.js';
import type { GeographySplit } from '../solve/types.js';
import { continentGroup } from './route53-geo.js';

/**
 * How Route 53 fails over, and how trafficport renders so that no health state sends a sovereign
 * geography outside its rule (docs/failover.md). The documented rules [Developer Guide: "How
 * Amazon Route 53 chooses records when health checking is configured"; "Values specific for
 * geolocation alias records", EvaluateTargetHealth]:
 *
 * 1. In a weighted group, a record whose health check fails is skipped; zero-weight records answer
 *    only when every nonzero one is unhealthy; when every record is unhealthy, the group answers
 *    as if all were healthy.
 * 2. A geolocation alias with `EvaluateTargetHealth: true` is unhealthy when no record of its
 *    target group is healthy, and Route 53 then answers with the next less specific geolocation
 *    record (state, country, continent, default `*`). With `false` the alias counts as healthy.
 *
 * So each weighted group also holds **backups**: zero-weight records for every endpoint the
 * group's users may use (not forbidden to them by sovereignty, not drained or down in the plan)
 * that has no weight there; they answer only when every weighted endpoint is down. And an alias
 * keeps `EvaluateTargetHealth: true` only when every record its users could fall back to (up to
 * the first that does not fall back further) gives nothing that their sovereignty rules forbid;
 * otherwise it is `false` and the geography fails closed inside its jurisdiction: its own group
 * keeps answering (with its endpoints, dead or not) instead of a foreign one.
 */

export interface FailoverInput {
  readonly policy: Policy;
  /** Endpoints of the record type (with values of it), by id. */
  readonly endpoints: ReadonlyMap<string, Endpoint>;
  /** Record geography → weighted group name. */
  readonly records: ReadonlyMap<string, string>;
  /** Group name → endpoint ids that can answer from it (positive weights and backups). */
  readonly reach: ReadonlyMap<string, readonly string[]>;
  /** Plan geographies the type serves. */
  readonly geographies: readonly string[];
}

/** Record geography → EvaluateTargetHealth. */
export function evaluateTargetHealth(input: FailoverInput): Map<string, boolean> {
  const { records } = input;
  const users = new Map<string, string[]>();
  for (const geo of input.geographies) {
    const first = recordChain(geo, records)[0];
    if (first !== undefined) users.set(first, [...(users.get(first) ?? []), geo]);
  }
  const eth = new Map<string, boolean>();
  // Least specific first: whether a record falls back further is known before anyone uses it.
  for (const record of [...records.keys()].sort((a, b) => specificity(a) - specificity(b))) {
    const safe = (users.get(record) ?? []).every((geo) => {
      const forbidden = forbiddenFor(input.policy, geo, input.endpoints);
      if (forbidden.size === 0) return true;
      for (const next of recordChain(geo, records).slice(1)) {
        const group = records.get(next);
        const reach = group === undefined ? [] : (input.reach.get(group) ?? []);
        if (reach.some((id) => forbidden.has(id))) return false;
        if (eth.get(next) === false) break;
      }
      return true;
    });
    eth.set(record, safe);
  }
  return eth;
}

/** The records that can answer users in `geo`, most specific first (Route 53's order). */
export function recordChain(geo: string, records: ReadonlyMap<string, unknown>): string[] {
  const chain: string[] = [];
  if (geo !== DEFAULT_GEO) {
    const country = geo.split('-')[0] ?? geo;
    if (country !== geo) chain.push(geo);
    chain.push(country);
    const continent = continentGroup(country);
    if (continent !== undefined) chain.push(continent);
  }
  chain.push(DEFAULT_GEO);
  return chain.filter((candidate) => records.has(candidate));
}

function specificity(geo: string): number {
  if (geo === DEFAULT_GEO) return 0;
  if (geo.startsWith('continent:')) return 1;
  return geo.includes('-') ? 3 : 2;
}

/** Endpoint ids a sovereignty rule forbids for users in `geo` (`*`: the default record's audience). */
export function forbiddenFor(policy: Policy, geo: string, endpoints: ReadonlyMap<string, Endpoint>): Set<string> {
  const country = geo === DEFAULT_GEO ? undefined : (geo.split('-')[0] ?? geo);
  const geography = {
    id: geo,
    name: geo,
    ...(country === undefined ? {} : { country }),
    ...(geo.includes('-') ? { subdivision: geo } : {}),
  };
  const rules = rulesFor(geography as Parameters<typeof rulesFor>[0], policy.rules.sovereignty);
  const forbidden = new Set<string>();
  for (const endpoint of endpoints.values()) {
    if (rules.some((rule) => ruleForbids(rule, endpoint))) forbidden.add(endpoint.id);
  }
  return forbidden;
}

/**
 * The endpoints that may stand in for a geography's weighted ones when all of those are down:
 * every endpoint of the type with no weight there that sovereignty allows and the plan neither
 * drains (maintenance) nor holds down. Sorted by id.
 */
export function backupsFor(
  policy: Policy,
  geography: GeographySplit,
  endpoints: ReadonlyMap<string, Endpoint>,
  weights: Readonly<Record<string, number>>,
): string[] {
  const held = new Set<string>();
  for (const reason of geography.reasons) {
    if (reason.kind === 'down' || reason.kind === 'maintenance') held.add(reason.endpoint);
  }
  const forbidden = forbiddenFor(policy, geography.geo, endpoints);
  return [...endpoints.keys()]
    .filter((id) => (weights[id] ?? 0) === 0 && !held.has(id) && !forbidden.has(id))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

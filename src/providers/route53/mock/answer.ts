import { continentOf } from './geo-codes.js';
import { isCheckHealthy } from './health-calculated.js';
import { canonicalName, isWithinZone, wildcardCandidates } from './names.js';
import type { RecordSetData, Route53State, ZoneData } from './types.js';

/**
 * What Route 53 answers for a name, type and client location, as a probability distribution:
 * geolocation (most specific match wins) → alias → weighted (share = weight / sum of the
 * group). Health rules follow the Developer Guide ("How Amazon Route 53 chooses records when
 * health checking is configured"): unhealthy sets are skipped; a weighted group answers from
 * zero-weight sets only when every nonzero one is unhealthy, and answers as if all were healthy
 * when all are unhealthy; an all-zero group answers evenly.
 */

export interface ClientLocation {
  /** ISO 3166-1 alpha-2; absent when the client cannot be located (only `*` matches). */
  countryCode?: string;
  /** US state code (e.g. `CA`) when the client is in the US. */
  subdivisionCode?: string;
}

export interface AnswerStep {
  name: string;
  type: string;
  setIdentifier?: string;
}

export interface AnswerOutcome {
  /** The answer's values (for an alias to a resource outside the mock: the alias DNS name). */
  recordData: string[];
  /** Type of `recordData` (CNAME when a CNAME answered an A query). */
  recordType: string;
  /** Probability of this outcome for one query, 0–1; outcomes of a distribution sum to 1. */
  share: number;
  /** The record sets chosen on the way, outermost first (geolocation set, alias target, …). */
  path: AnswerStep[];
}

export interface AnswerDistribution {
  responseCode: 'NOERROR' | 'NXDOMAIN';
  outcomes: AnswerOutcome[];
}

export interface AnswerQuery {
  name: string;
  type: string;
  location?: ClientLocation;
}

/** Alias chains longer than this are treated as broken rather than followed forever. */
const MAX_DEPTH = 8;

/** Each zone's record sets by name, in the zone's order; built on first use. */
type NameIndex = Map<ZoneData, Map<string, RecordSetData[]>>;

interface Resolver {
  readonly state: Route53State;
  readonly location: ClientLocation;
  readonly index: NameIndex;
}

export function answerDistribution(state: Route53State, zone: ZoneData, query: AnswerQuery): AnswerDistribution {
  return answerer(state)(zone, query);
}

/**
 * Answers any number of queries against one state, indexing each zone's record sets by name
 * once (a resolver's view of a large zone for every geography). The state must not change while
 * the answerer is in use: the index is not refreshed.
 */
export function answerer(state: Route53State): (zone: ZoneData, query: AnswerQuery) => AnswerDistribution {
  const index: NameIndex = new Map();
  return (zone, query) => {
    const resolver: Resolver = { state, location: query.location ?? {}, index };
    const outcomes = resolve(resolver, zone, canonicalName(query.name), query.type, 0);
    if (outcomes === 'NXDOMAIN') return { responseCode: 'NXDOMAIN', outcomes: [] };
    return { responseCode: 'NOERROR', outcomes };
  };
}

/** The outcome a query lands on for a uniform `random` in [0, 1). */
export function pickOutcome(distribution: AnswerDistribution, random: number): AnswerOutcome | undefined {
  let cumulative = 0;
  for (const outcome of distribution.outcomes) {
    cumulative += outcome.share;
    if (random < cumulative) return outcome;
  }
  return distribution.outcomes.at(-1);
}

/** Sets at a name, falling back to the nearest enclosing wildcard (RFC 4592). */
function setsAt(resolver: Resolver, zone: ZoneData, name: string): RecordSetData[] {
  let byName = resolver.index.get(zone);
  if (byName === undefined) {
    byName = new Map();
    for (const set of zone.recordSets) {
      const sets = byName.get(set.name);
      if (sets === undefined) byName.set(set.name, [set]);
      else sets.push(set);
    }
    resolver.index.set(zone, byName);
  }
  for (const candidate of [name, ...wildcardCandidates(name, zone.name)]) {
    const sets = byName.get(candidate);
    if (sets !== undefined) return sets;
  }
  return [];
}

function resolve(
  resolver: Resolver,
  zone: ZoneData,
  name: string,
  type: string,
  depth: number,
): AnswerOutcome[] | 'NXDOMAIN' {
  const atName = setsAt(resolver, zone, name);
  if (atName.length === 0) {
    // A name with nothing of its own but names below it exists (empty non-terminal).
    const hasDescendants = zone.recordSets.some((set) => set.name.endsWith(`.${name}`));
    return hasDescendants || !isWithinZone(name, zone.name) ? [] : 'NXDOMAIN';
  }
  const typed = atName.filter((set) => set.type === type);
  const group = typed.length > 0 ? typed : atName.filter((set) => set.type === 'CNAME');
  return choose(resolver, zone, group, depth).flatMap(({ set, share }) => expand(resolver, zone, set, share, depth));
}

interface Choice {
  set: RecordSetData;
  share: number;
}

function choose(resolver: Resolver, zone: ZoneData, group: readonly RecordSetData[], depth: number): Choice[] {
  const first = group[0];
  if (!first) return [];
  if (first.geoLocation) return chooseGeolocation(resolver, zone, group, depth);
  if (first.weight !== undefined) return chooseWeighted(resolver, zone, group, depth);
  return [{ set: first, share: 1 }];
}

function chooseGeolocation(
  resolver: Resolver,
  zone: ZoneData,
  group: readonly RecordSetData[],
  depth: number,
): Choice[] {
  const { countryCode, subdivisionCode } = resolver.location;
  const continent = countryCode === undefined ? undefined : continentOf(countryCode);
  const matches = (geo: RecordSetData['geoLocation'], level: number): boolean => {
    if (!geo) return false;
    if (level === 0) return countryCode === 'US' && geo.countryCode === 'US' && geo.subdivisionCode === subdivisionCode;
    if (level === 1)
      return countryCode !== undefined && geo.countryCode === countryCode && geo.subdivisionCode === undefined;
    if (level === 2) return continent !== undefined && geo.continentCode === continent;
    return geo.countryCode === '*';
  };
  const candidates = [0, 1, 2, 3].flatMap((level) => group.filter((set) => matches(set.geoLocation, level)));
  const chosen = candidates.find((set) => isHealthy(resolver, zone, set, depth)) ?? candidates[0];
  return chosen ? [{ set: chosen, share: 1 }] : [];
}

function chooseWeighted(resolver: Resolver, zone: ZoneData, group: readonly RecordSetData[], depth: number): Choice[] {
  const healthy = group.filter((set) => isHealthy(resolver, zone, set, depth));
  const pool = healthy.length > 0 ? healthy : group;
  const nonzero = pool.filter((set) => (set.weight ?? 0) > 0);
  if (nonzero.length > 0) {
    const total = nonzero.reduce((sum, set) => sum + (set.weight ?? 0), 0);
    return nonzero.map((set) => ({ set, share: (set.weight ?? 0) / total }));
  }
  return pool.map((set) => ({ set, share: 1 / pool.length }));
}

function isHealthy(resolver: Resolver, zone: ZoneData, set: RecordSetData, depth: number): boolean {
  const check = set.healthCheckId === undefined ? undefined : resolver.state.healthChecks[set.healthCheckId];
  if (check && !isCheckHealthy(resolver.state, check)) return false;
  const alias = set.aliasTarget;
  if (!alias?.evaluateTargetHealth || depth >= MAX_DEPTH) return true;
  const target = targetZone(resolver, zone, alias.hostedZoneId);
  if (!target) return true;
  const targets = setsAt(resolver, target, alias.dnsName).filter((candidate) => candidate.type === set.type);
  return targets.some((candidate) => isHealthy(resolver, target, candidate, depth + 1));
}

function targetZone(resolver: Resolver, zone: ZoneData, id: string): ZoneData | undefined {
  return id === zone.id ? zone : resolver.state.zones[id];
}

function expand(resolver: Resolver, zone: ZoneData, set: RecordSetData, share: number, depth: number): AnswerOutcome[] {
  const step: AnswerStep = { name: set.name, type: set.type };
  if (set.setIdentifier !== undefined) step.setIdentifier = set.setIdentifier;
  const alias = set.aliasTarget;
  if (!alias) return [{ recordData: [...(set.resourceRecords ?? [])], recordType: set.type, share, path: [step] }];
  const target = targetZone(resolver, zone, alias.hostedZoneId);
  if (!target) return [{ recordData: [alias.dnsName], recordType: set.type, share, path: [step] }];
  if (depth >= MAX_DEPTH) return [];
  const inner = resolve(resolver, target, alias.dnsName, set.type, depth + 1);
  if (inner === 'NXDOMAIN') return [];
  return inner.map((outcome) => ({ ...outcome, share: outcome.share * share, path: [step, ...outcome.path] }));
}

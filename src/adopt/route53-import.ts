import { TrafficportError } from '../errors.js';
import { COUNTRIES } from '../geo/countries.js';
import { DEFAULT_GEO } from '../geo/geography.js';
import type { ForeignRecord } from '../plan/types.js';
import type { RawHealthCheck } from '../policy/health-schema.js';
import { type Route53RecordSet, recordSetOf } from '../render/route53-body.js';
import { route53Name, ZONE_PLACEHOLDER } from '../render/route53-names.js';
import type { Resource } from '../render/types.js';
import { Route53SetIndex } from '../resolver/route53-index.js';
import { resolveRoute53, routingOf } from '../resolver/route53-resolve.js';
import { type Answer, answerKey, parseAnswerKey } from './endpoints.js';
import type { Percents } from './split.js';
import { toPercents } from './split.js';

/**
 * What Route 53 publishes at one service name, as trafficport would describe it: the answers
 * users get per geography (the general resolver, every health check passing), the record sets
 * that make them up (what `adopt` replaces), and what trafficport cannot express. Pure.
 */
export interface PublishedLayout {
  readonly service: string;
  /** The record type evaluated (CNAME, A or AAAA: the first present, in that order). */
  readonly type: string;
  readonly ttl: number;
  /** Plan geography → answer key (endpoints.ts) → fraction; geographies with no answer are absent. */
  readonly answers: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Per answer key: a label for its endpoint id and what the records tell about where it runs. */
  readonly sources: ReadonlyMap<string, AnswerSource>;
  /** The foreign record sets of the layout (at the name and every in-zone alias target they reach). */
  readonly records: readonly ForeignRecord[];
  /** Things the import had to approximate or cannot carry over, in plain words. */
  readonly notes: readonly string[];
}

export interface AnswerSource {
  readonly answer: Answer;
  readonly label?: string;
  /** AWS region of a latency record. */
  readonly region?: string;
  /** Route 53 health checks attached to the record sets giving this answer. */
  readonly healthCheckIds?: readonly string[];
  /** Another tool's health check settings, as the endpoint's `healthCheck` (adopt/health.ts). */
  readonly healthCheck?: RawHealthCheck;
}

const TYPES = ['CNAME', 'A', 'AAAA'] as const;

export function readRoute53Layout(service: string, foreign: readonly ForeignRecord[]): PublishedLayout {
  const byKey = new Map<string, ForeignRecord>();
  for (const record of foreign) if (record.resource !== undefined) byKey.set(record.resource.key, record);
  const resources = [...byKey.values()].map((record) => record.resource as Resource);
  const index = new Route53SetIndex(resources);
  const name = route53Name(service);
  const present = TYPES.filter((type) => index.group(name, type).length > 0);
  const type = present[0];
  if (type === undefined) {
    throw new TrafficportError('IMPORT.NOT_FOUND', `Route 53 publishes no CNAME, A or AAAA records at ${service}`, {
      hint: 'check the name and the provider (zone, hosted zone id)',
    });
  }
  const notes: string[] = present
    .slice(1)
    .map((other) => `${other} records at ${service} are not imported (one record type per service); adopt leaves them`);
  const reached = reachable(index, name, type);
  const geos = [DEFAULT_GEO, ...COUNTRIES.keys(), ...statesOf(reached)];
  const answers = new Map<string, ReadonlyMap<string, number>>();
  for (const geo of geos) {
    const shares = resolveRoute53(index, name, type, geo, { identify: answerKey });
    if (shares.size > 0) answers.set(geo, shares);
  }
  notes.push(...layoutNotes(service, reached, answers));
  return {
    service,
    type,
    ttl: Math.max(60, ...reached.map((set) => set.TTL ?? 0)),
    answers,
    sources: sourcesOf(reached, type),
    records: reached.map((set) => byKey.get(resourceKeyOf(set))!).filter((r) => r !== undefined),
    notes,
  };
}

/** Sets at the name and, transitively, at every in-zone alias target of the same type. */
function reachable(index: Route53SetIndex, name: string, type: string): Route53RecordSet[] {
  const seen = new Set<string>();
  const out: Route53RecordSet[] = [];
  const queue = [name];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const set of index.group(next, type)) {
      out.push(set);
      if (set.AliasTarget !== undefined && set.AliasTarget.HostedZoneId === ZONE_PLACEHOLDER)
        queue.push(set.AliasTarget.DNSName);
    }
  }
  return out;
}

function resourceKeyOf(set: Route53RecordSet): string {
  return `route53.rrset|${set.Name}|${set.Type}|${set.SetIdentifier ?? ''}`;
}

function statesOf(sets: readonly Route53RecordSet[]): string[] {
  const states = new Set<string>();
  for (const set of sets) {
    const location = set.GeoLocation;
    if (location?.SubdivisionCode !== undefined) states.add(`${location.CountryCode}-${location.SubdivisionCode}`);
  }
  return [...states].sort();
}

function sourcesOf(sets: readonly Route53RecordSet[], type: string): Map<string, AnswerSource> {
  const sources = new Map<string, AnswerSource>();
  for (const set of sets) {
    const alias = set.AliasTarget;
    if (alias !== undefined && alias.HostedZoneId === ZONE_PLACEHOLDER) continue;
    const key =
      alias === undefined
        ? answerKey(
            (set.ResourceRecords ?? []).map((r) => r.Value),
            type,
          )
        : answerKey([alias.DNSName], 'ALIAS');
    const known = sources.get(key);
    if (known !== undefined) {
      if (set.HealthCheckId !== undefined && !(known.healthCheckIds ?? []).includes(set.HealthCheckId))
        sources.set(key, { ...known, healthCheckIds: [...(known.healthCheckIds ?? []), set.HealthCheckId] });
      continue;
    }
    const region = (set as Route53RecordSet & { Region?: string }).Region;
    sources.set(key, {
      answer: parseAnswerKey(key),
      ...(set.SetIdentifier === undefined ? {} : { label: set.SetIdentifier }),
      ...(region === undefined ? {} : { region }),
      ...(set.HealthCheckId === undefined ? {} : { healthCheckIds: [set.HealthCheckId] }),
    });
  }
  return sources;
}

function layoutNotes(
  service: string,
  sets: readonly Route53RecordSet[],
  answers: ReadonlyMap<string, ReadonlyMap<string, number>>,
): string[] {
  const notes: string[] = [];
  const kinds = new Set(sets.map(routingOf));
  if (kinds.has('latency'))
    notes.push(
      'latency records: trafficport cannot publish latency routing; each country is pinned to the region nearest it by distance (AWS measures real latency, so some users get another region today) and trafficport publishes that as geolocation records',
    );
  if (kinds.has('failover'))
    notes.push(
      "failover records: pinned to the PRIMARY's answer (what users get while it is healthy); trafficport publishes no failover pair: set healthChecks: true on the provider for its own health checks",
    );
  if (kinds.has('multivalue'))
    notes.push('multivalue answer records: pinned as an even split; trafficport publishes them as a weighted group');
  const checked = sets.filter((set) => set.HealthCheckId !== undefined);
  if (checked.length > 0)
    notes.push(
      `${checked.length} record set(s) carry health checks of another tool (${[...new Set(checked.map((s) => s.HealthCheckId))].slice(0, 3).join(', ')}${checked.length > 3 ? ', …' : ''}): the split assumes they pass; their settings are written as the endpoints' healthCheck where they carry over, and trafficport creates its own checks from them (healthChecks: true) instead of reusing these`,
    );
  const outside = sets.filter(
    (set) => set.AliasTarget !== undefined && set.AliasTarget.HostedZoneId !== ZONE_PLACEHOLDER,
  );
  for (const set of outside)
    notes.push(
      `${set.Name} ${set.SetIdentifier ?? ''} is an alias to ${set.AliasTarget?.DNSName} outside the zone: imported as a CNAME target, which is what trafficport publishes instead`.replace(
        '  ',
        ' ',
      ),
    );
  if (!answers.has(DEFAULT_GEO)) {
    const unanswered = [...COUNTRIES.keys()].filter((code) => !answers.has(code));
    notes.push(
      `no default record: ${unanswered.length} countr${unanswered.length === 1 ? 'y gets' : 'ies get'} no answer at ${service} today${unanswered.length > 0 ? ` (${unanswered.slice(0, 5).join(', ')}${unanswered.length > 5 ? ', …' : ''})` : ''}; trafficport will answer them (solved as usual)`,
    );
  }
  return notes;
}

/** Plan geography → endpoint id → percent, from a layout and the id given to each answer. */
export function percentsByGeo(layout: PublishedLayout, idOf: (answerKey: string) => string): Map<string, Percents> {
  const out = new Map<string, Percents>();
  for (const [geo, shares] of layout.answers) {
    const byId = new Map<string, number>();
    for (const [key, fraction] of shares) byId.set(idOf(key), (byId.get(idOf(key)) ?? 0) + fraction);
    out.set(geo, toPercents(byId));
  }
  return out;
}

export function recordSetOfResource(resource: Resource): Route53RecordSet {
  return recordSetOf(resource);
}

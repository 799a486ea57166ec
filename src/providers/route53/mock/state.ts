import { compareAscii, nameSortKey } from './names.js';
import type { ChangeData, RecordSetData, Route53State, ZoneData } from './types.js';

export function emptyRoute53State(): Route53State {
  return { version: 1, sequence: 0, zones: {}, changes: {}, healthChecks: {} };
}

/**
 * Ids come from a counter in the state (not from randomness) so that runs are reproducible and
 * two processes sharing a state file never hand out the same id.
 */
export function nextId(state: Route53State, prefix: 'Z' | 'C'): string {
  state.sequence += 1;
  return `${prefix}${state.sequence.toString(36).toUpperCase().padStart(13, '0')}`;
}

/** Health check ids are UUIDs on the real service. */
export function nextHealthCheckId(state: Route53State): string {
  state.sequence += 1;
  return `00000000-0000-4000-8000-${state.sequence.toString(16).padStart(12, '0')}`;
}

/** Identity of a set within a zone: Route 53 never holds two sets with the same key. */
export function recordSetKey(set: Pick<RecordSetData, 'name' | 'type' | 'setIdentifier'>): string {
  return `${set.name}|${set.type}|${set.setIdentifier ?? ''}`;
}

/** ListResourceRecordSets order: reversed-label name, then type, then SetIdentifier. */
export function compareRecordSets(left: RecordSetData, right: RecordSetData): number {
  return (
    compareAscii(nameSortKey(left.name), nameSortKey(right.name)) ||
    compareAscii(left.type, right.type) ||
    compareAscii(left.setIdentifier ?? '', right.setIdentifier ?? '')
  );
}

export function sortRecordSets(sets: RecordSetData[]): RecordSetData[] {
  return sets.sort(compareRecordSets);
}

/**
 * Whether a DELETE names exactly this set. Route 53 requires "all the same values that you
 * specified when you created it"; value order is not significant in DNS, so it is ignored.
 */
export function sameRecordSet(left: RecordSetData, right: RecordSetData): boolean {
  return JSON.stringify(comparable(left)) === JSON.stringify(comparable(right));
}

function comparable(set: RecordSetData): unknown[] {
  const geo = set.geoLocation;
  const alias = set.aliasTarget;
  return [
    set.name,
    set.type,
    set.setIdentifier ?? null,
    set.weight ?? null,
    geo ? [geo.continentCode ?? null, geo.countryCode ?? null, geo.subdivisionCode ?? null] : null,
    set.ttl ?? null,
    set.resourceRecords ? [...set.resourceRecords].sort() : null,
    alias ? [alias.hostedZoneId, alias.dnsName, alias.evaluateTargetHealth] : null,
    set.healthCheckId ?? null,
  ];
}

/** The SOA and NS sets Route 53 creates with every public hosted zone. */
export function apexRecordSets(zoneName: string, nameServers: readonly string[]): RecordSetData[] {
  const primary = nameServers[0] ?? 'ns-1.awsdns-01.org.';
  return [
    { name: zoneName, type: 'NS', ttl: 172_800, resourceRecords: [...nameServers] },
    {
      name: zoneName,
      type: 'SOA',
      ttl: 900,
      resourceRecords: [`${primary} awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`],
    },
  ];
}

/** Four name servers in the shape Route 53 assigns (one per TLD), derived from the zone's number. */
export function assignNameServers(sequence: number): string[] {
  const tlds = ['com', 'net', 'org', 'co.uk'];
  return tlds.map((tld, index) => {
    const n = (sequence * 4 + index) % 2048;
    return `ns-${n}.awsdns-${String(n % 64).padStart(2, '0')}.${tld}.`;
  });
}

/** Records a change and keeps the history bounded. */
export function recordChange(
  state: Route53State,
  now: number,
  propagationMs: number,
  historyLimit: number,
  comment?: string,
): ChangeData {
  const change: ChangeData = {
    id: nextId(state, 'C'),
    submittedAt: new Date(now).toISOString(),
    insyncAt: now + propagationMs,
    ...(comment === undefined ? {} : { comment }),
  };
  state.changes[change.id] = change;
  const ids = Object.keys(state.changes);
  for (const stale of ids.slice(0, Math.max(0, ids.length - historyLimit))) delete state.changes[stale];
  return change;
}

export function changeStatus(change: ChangeData, now: number): 'PENDING' | 'INSYNC' {
  return now >= change.insyncAt ? 'INSYNC' : 'PENDING';
}

/** Looks a zone up by id, accepting the `/hostedzone/` prefix that raw callers may send. */
export function findZone(state: Route53State, id: string): ZoneData | undefined {
  return state.zones[stripPrefix(id)];
}

export function stripPrefix(id: string): string {
  return id.replace(/^\/?(hostedzone|change|healthcheck)\//, '');
}

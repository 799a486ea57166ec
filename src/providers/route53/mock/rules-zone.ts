import { describeLocation, sameLocation } from './geo-codes.js';
import { isWithinZone } from './names.js';
import type { BatchRules } from './rules.js';
import { recordSetKey } from './state.js';
import type { RecordSetData, Route53State, ZoneData } from './types.js';

/**
 * Rules about the zone as it would be after a batch: which sets may live together at one name
 * and type, alias targets, and zone quotas. Checked on the result rather than change by change
 * because Route 53 validates the batch as a whole (DELETE then CREATE of a conflicting set is
 * fine; the order inside the batch does not matter for these rules).
 */

export interface ZoneCheck {
  readonly state: Route53State;
  readonly zone: ZoneData;
  readonly sets: ReadonlyMap<string, RecordSetData>;
  /** Keys of sets the batch changed; problems are reported against these. */
  readonly touched: ReadonlySet<string>;
  readonly rules: BatchRules;
}

export function checkZoneInvariants(check: ZoneCheck): string[] {
  // The name and type rules report only against touched sets still in the zone, so only their
  // names are grouped (one pass, no grouping of the whole zone).
  const names = new Set([...check.touched].map((key) => check.sets.get(key)?.name));
  const byName = groupBy(
    [...check.sets.values()].filter((set) => names.has(set.name)),
    (set) => set.name,
  );
  const problems: string[] = [];
  for (const [name, sets] of byName) {
    problems.push(...cnameProblems(check, name, sets));
    for (const group of groupBy(sets, (set) => set.type).values()) problems.push(...groupProblems(check, group));
  }
  problems.push(...aliasProblems(check), ...apexProblems(check), ...quotaProblems(check));
  return problems;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function isTouched(check: ZoneCheck, set: RecordSetData): boolean {
  return check.touched.has(recordSetKey(set));
}

/** A CNAME owns its name: no other type may exist there (RFC 1034 §3.6.2). */
function cnameProblems(check: ZoneCheck, name: string, sets: readonly RecordSetData[]): string[] {
  const others = sets.filter((set) => set.type !== 'CNAME');
  if (others.length === sets.length || others.length === 0) return [];
  const zone = check.zone.name;
  const problems: string[] = [];
  for (const set of sets.filter((candidate) => isTouched(check, candidate))) {
    problems.push(
      set.type === 'CNAME'
        ? `RRSet of type CNAME with DNS name ${name} is not permitted as it conflicts with other records with the same DNS name in zone ${zone}`
        : `RRSet of type ${set.type} with DNS name ${name} is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone ${zone}`,
    );
  }
  return problems;
}

function policyOf(set: RecordSetData): 'simple' | 'weighted' | 'geolocation' {
  if (set.weight !== undefined) return 'weighted';
  return set.geoLocation === undefined ? 'simple' : 'geolocation';
}

/** Rules for the sets sharing one name and type. */
function groupProblems(check: ZoneCheck, group: readonly RecordSetData[]): string[] {
  const changed = group.filter((set) => isTouched(check, set));
  if (changed.length === 0) return [];
  const policies = new Set(group.map(policyOf));
  if (policies.size > 1) return changed.map((set) => mixedPolicyProblem(set));
  const first = group[0];
  if (!first) return [];
  const problems: string[] = [];
  if (policyOf(first) === 'weighted') problems.push(...weightedProblems(check, group, changed));
  if (policyOf(first) === 'geolocation') problems.push(...geolocationProblems(group, changed));
  return problems;
}

function mixedPolicyProblem(set: RecordSetData): string {
  const where = `RRSet with DNS name ${set.name}, type ${set.type}`;
  if (set.setIdentifier === undefined)
    return `${where} cannot be created as other RRSets exist with the same name and type.`;
  return `${where}, SetIdentifier ${set.setIdentifier} cannot be created as a non-${policyOf(set)} set exists with the same name and type.`;
}

function weightedProblems(
  check: ZoneCheck,
  group: readonly RecordSetData[],
  changed: readonly RecordSetData[],
): string[] {
  const first = group[0];
  if (!first) return [];
  const problems: string[] = [];
  if (group.length > check.rules.limits.maxWeightedPerNameType) {
    problems.push(`Exceeded limit on number of weighted RRSets for ${first.name}, type ${first.type} in this zone.`);
  }
  const ttls = new Set(group.filter((set) => set.ttl !== undefined).map((set) => set.ttl));
  if (check.rules.requireSameWeightedTtl && ttls.size > 1) {
    for (const set of changed) {
      // Wording observed in aws/aws-sdk-go-v2#518.
      problems.push(
        `RRSet with DNS name ${set.name} and type ${set.type}, SetIdentifier ${set.setIdentifier} cannot be created as weighted sets must contain the same TTL.`,
      );
    }
  }
  return problems;
}

function geolocationProblems(group: readonly RecordSetData[], changed: readonly RecordSetData[]): string[] {
  const problems: string[] = [];
  for (const set of changed) {
    const location = set.geoLocation ?? {};
    const clash = group.find((other) => other !== set && sameLocation(other.geoLocation ?? {}, location));
    if (clash) {
      problems.push(
        `RRSet with DNS name ${set.name}, type ${set.type}, SetIdentifier ${set.setIdentifier} cannot be created as a geolocation RRSet for location '${describeLocation(location)}' already exists (SetIdentifier ${clash.setIdentifier})`,
      );
    }
  }
  return problems;
}

/** Aliases into a zone the mock knows must point at an existing name+type inside that zone. */
function aliasProblems(check: ZoneCheck): string[] {
  const problems: string[] = [];
  // Each zone's (name, type) pairs, indexed once per check: a scan per alias made a change
  // request cost aliases × record sets (36 million comparisons in a 6,000-set zone).
  const indexes = new Map<string, Set<string>>();
  const pairsOf = (zoneId: string, sets: Iterable<RecordSetData>) => {
    let index = indexes.get(zoneId);
    if (index === undefined) {
      index = new Set();
      for (const target of sets) index.add(`${target.name}\u0000${target.type}`);
      indexes.set(zoneId, index);
    }
    return index;
  };
  for (const set of check.sets.values()) {
    const alias = set.aliasTarget;
    if (!alias) continue;
    const targetZone = alias.hostedZoneId === check.zone.id ? check.zone : check.state.zones[alias.hostedZoneId];
    if (!targetZone) continue; // an AWS resource's zone (CloudFront, ELB, …): not modelled
    const targets = alias.hostedZoneId === check.zone.id ? check.sets.values() : targetZone.recordSets;
    const found = pairsOf(alias.hostedZoneId, targets).has(`${alias.dnsName}\u0000${set.type}`);
    const prefix = `Tried to create an alias that targets ${alias.dnsName}, type ${set.type} in zone ${alias.hostedZoneId}, but`;
    if (isTouched(check, set) && !isWithinZone(alias.dnsName, targetZone.name)) {
      problems.push(`${prefix} the alias target name does not lie within the target zone`);
    } else if (isTouched(check, set) && !found) {
      problems.push(`${prefix} that target was not found`);
    } else if (!found && check.rules.protectAliasTargets) {
      problems.push(
        `Tried to delete resource record set [name='${alias.dnsName}', type='${set.type}'] but it is the target of alias resource record set [name='${set.name}', type='${set.type}']`,
      );
    }
  }
  return problems;
}

/** The SOA and the apex NS set are the zone itself; Route 53 refuses to delete them. */
function apexProblems(check: ZoneCheck): string[] {
  const apex = check.zone.name;
  const has = (type: string) => check.sets.has(recordSetKey({ name: apex, type }));
  const problems: string[] = [];
  if (!has('SOA')) problems.push('A HostedZone must contain exactly one SOA record.');
  if (!has('NS')) problems.push('A HostedZone must contain at least one NS record for the zone itself.');
  return problems;
}

/** Only growth is refused, so a zone over a lowered quota can still be cleaned up. */
function quotaProblems(check: ZoneCheck): string[] {
  const limit = check.rules.limits.maxRecordSetsPerZone;
  const count = check.sets.size;
  if (count <= limit || count <= check.zone.recordSets.length) return [];
  return [`Exceeded limit MAX_RRSETS_BY_ZONE for zone: ${check.zone.id}`];
}

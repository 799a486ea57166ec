import { isIPv4, isIPv6, SocketAddress } from 'node:net';
import { invalidChangeBatch, noSuchHealthCheck } from './errors.js';
import { describeLocation, isKnownLocation } from './geo-codes.js';
import type { ChangeAction, ParsedChange } from './input.js';
import type { Route53MockLimits } from './limits.js';
import { isWithinZone, nameProblem } from './names.js';
import { checkZoneInvariants } from './rules-zone.js';
import { compareRecordSets, recordSetKey, sameRecordSet } from './state.js';
import type { RecordSetData, Route53State, ZoneData } from './types.js';

/**
 * ChangeResourceRecordSets semantics: the whole batch is validated against the zone and either
 * applied completely or not at all [API Reference: ChangeResourceRecordSets, "Change batches
 * and transactional changes"]. Every problem found becomes one InvalidChangeBatch message.
 */

export interface BatchRules {
  readonly limits: Route53MockLimits;
  /** All sets of a weighted group share one TTL (UNCONFIRMED whether Route 53 enforces it). */
  readonly requireSameWeightedTtl: boolean;
  /** Refuse to delete a set that an alias in the zone points at (UNCONFIRMED). */
  readonly protectAliasTargets: boolean;
  /** The locations ListGeoLocations lists (`continent:EU`, `DE`, `US-CA`, `*`): no other is accepted. */
  readonly knownLocations: ReadonlySet<string>;
  /**
   * An alias created or upserted must find its target in the zone as the batch has it at that
   * point, with every DELETE and UPSERT of the batch applied first (octodns/octodns#366: an alias
   * created before an UPSERT of its existing target is refused). Default true.
   */
  readonly aliasTargetsInBatchOrder: boolean;
}

/** Returns the zone's record sets after the batch, in list order; throws if Route 53 would refuse. */
export function applyChangeBatch(
  state: Route53State,
  zone: ZoneData,
  changes: readonly ParsedChange[],
  rules: BatchRules,
): RecordSetData[] {
  checkBatchSize(changes, rules.limits);
  for (const { recordSet } of changes) {
    const id = recordSet.healthCheckId;
    if (id !== undefined && state.healthChecks[id] === undefined) throw noSuchHealthCheck(id);
  }
  const upfront = [...changes.flatMap((change) => changeProblems(change, zone, rules)), ...duplicateProblems(changes)];
  if (upfront.length > 0) throw invalidChangeBatch(upfront);
  const { sets, touched, problems, appended } = applyInOrder(zone.recordSets, changes);
  if (rules.aliasTargetsInBatchOrder) problems.push(...aliasOrderProblems(zone, changes));
  problems.push(...checkZoneInvariants({ state, zone, sets, touched, rules }));
  // The same refusal can come from the batch-order and the final-state checks: report it once.
  if (problems.length > 0) throw invalidChangeBatch([...new Set(problems)]);
  const { after, keys } = inListOrder(sets, appended);
  listKeys.set(after, keys);
  return after;
}

/**
 * Each record array the mock stored → the keys of its sets, in its order. Arrays in the state
 * are frozen, so the keys stay true; the next batch against the zone builds its map from them
 * instead of making a string per set.
 */
const listKeys = new WeakMap<readonly RecordSetData[], readonly string[]>();

/** The zone's sets by key, in list order (a map keeps its insertion order). */
function keyIndex(current: readonly RecordSetData[]): Map<string, RecordSetData> {
  const keys = listKeys.get(current);
  const sets = new Map<string, RecordSetData>();
  current.forEach((set, index) => {
    sets.set(keys?.[index] ?? recordSetKey(set), set);
  });
  return sets;
}

/**
 * The sets after the batch in list order, and their keys. Stored arrays are in list order (every
 * write keeps them so); the map holds the old sets in that order (an UPSERT keeps its set's
 * place) and the keys it did not hold at its end: only those are placed, each by binary search,
 * instead of sorting the whole zone.
 */
function inListOrder(
  sets: ReadonlyMap<string, RecordSetData>,
  appended: number,
): { after: RecordSetData[]; keys: string[] } {
  const after = [...sets.values()];
  const keys = [...sets.keys()];
  const kept = after.length - appended;
  const added = after.splice(kept);
  const addedKeys = keys.splice(kept);
  added.forEach((set, index) => {
    const at = insertionPoint(after, set);
    after.splice(at, 0, set);
    keys.splice(at, 0, addedKeys[index] as string);
  });
  return { after, keys };
}

function insertionPoint(sorted: readonly RecordSetData[], set: RecordSetData): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareRecordSets(sorted[middle] as RecordSetData, set) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Aliases into the zone itself, checked in batch order after every DELETE and UPSERT of the
 * batch has removed its set (the model that explains octodns/octodns#366). Aliases into other
 * zones are left to the final-state check.
 */
function aliasOrderProblems(zone: ZoneData, changes: readonly ParsedChange[]): string[] {
  // Only a batch that creates or upserts an alias into the zone needs the zone's names.
  if (!changes.some((c) => c.action !== 'DELETE' && c.recordSet.aliasTarget?.hostedZoneId === zone.id)) return [];
  const removed = new Set(changes.filter((c) => c.action !== 'CREATE').map((c) => recordSetKey(c.recordSet)));
  const present = new Set(
    zone.recordSets.filter((set) => !removed.has(recordSetKey(set))).map((set) => `${set.name} ${set.type}`),
  );
  const problems: string[] = [];
  for (const { action, recordSet: set } of changes) {
    if (action === 'DELETE') continue;
    const alias = set.aliasTarget;
    if (alias !== undefined && alias.hostedZoneId === zone.id && !present.has(`${alias.dnsName} ${set.type}`)) {
      problems.push(
        `Tried to create an alias that targets ${alias.dnsName}, type ${set.type} in zone ${zone.id}, but that target was not found`,
      );
    }
    present.add(`${set.name} ${set.type}`);
  }
  return problems;
}

/** Request-size limits; UPSERT counts twice because Route 53 processes it as DELETE + CREATE. */
function checkBatchSize(changes: readonly ParsedChange[], limits: Route53MockLimits): void {
  let elements = 0;
  let characters = 0;
  for (const { action, recordSet } of changes) {
    const factor = action === 'UPSERT' ? 2 : 1;
    const values = recordSet.resourceRecords ?? [];
    const aliasElements = recordSet.aliasTarget === undefined ? 0 : limits.aliasElementsPerSet;
    elements += (values.length + aliasElements) * factor;
    characters += values.reduce((sum, value) => sum + value.length, 0) * factor;
  }
  if (elements > limits.maxRecordElementsPerBatch) {
    throw invalidChangeBatch([`Number of records limit of ${limits.maxRecordElementsPerBatch} exceeded.`]);
  }
  if (characters > limits.maxValueCharsPerBatch) {
    throw invalidChangeBatch([`RDATA character limit of ${limits.maxValueCharsPerBatch} exceeded.`]);
  }
}

/**
 * A set holds each value once: every repeat is refused as `Duplicate Resource Record: '…'`
 * (observed: kubernetes-sigs/external-dns#1929 and #6019, one message per repeat). AAAA values
 * are compared as addresses (`2001:DB8::A` repeats `2001:db8:0::a`): whether Route 53 does so is
 * UNCONFIRMED (it keeps the spelling it was sent, cookpad/roadworker#100), so the stricter reading.
 */
function duplicateValues(type: string, values: readonly string[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const value of values) {
    const key =
      type === 'AAAA' && isIPv6(value) ? new SocketAddress({ address: value, family: 'ipv6' }).address : value;
    if (seen.has(key)) problems.push(`Duplicate Resource Record: '${value}'`);
    seen.add(key);
  }
  return problems;
}

/** `[name='www.example.com.', type='A', set-identifier='x']`, as Route 53 names a set. */
export function describeSet(set: Pick<RecordSetData, 'name' | 'type' | 'setIdentifier'>): string {
  const identifier = set.setIdentifier === undefined ? '' : `, set-identifier='${set.setIdentifier}'`;
  return `[name='${set.name}', type='${set.type}'${identifier}]`;
}

/** Problems visible in one change on its own (the zone only supplies its name). */
function changeProblems({ recordSet: set }: ParsedChange, zone: ZoneData, rules: BatchRules): string[] {
  const problems: string[] = [];
  const nameIssue = nameProblem(set.name);
  if (nameIssue) problems.push(`FATAL problem: ${nameIssue} encountered with '${set.name}'`);
  if (!isWithinZone(set.name, zone.name)) {
    problems.push(`RRSet with DNS name ${set.name} is not permitted in zone ${zone.name}`);
  }
  if (set.type === 'CNAME' && set.name === zone.name) {
    problems.push(`RRSet of type CNAME with DNS name ${set.name} is not permitted at apex in zone ${zone.name}`);
  }
  if (set.geoLocation && !isKnownLocation(set.geoLocation, rules.knownLocations)) {
    problems.push(`Cannot find location: '${describeLocation(set.geoLocation)}'.  No changes made.`);
  }
  problems.push(...valueProblems(set, rules.limits));
  return problems;
}

function valueProblems(set: RecordSetData, limits: Route53MockLimits): string[] {
  const values = set.resourceRecords ?? [];
  const problems: string[] = [...duplicateValues(set.type, values)];
  if (values.length > limits.maxValuesPerSet) {
    problems.push(`Cannot have more than ${limits.maxValuesPerSet} records in a RRSet.`);
  }
  if (set.type === 'CNAME' && values.length > 1) {
    problems.push(`RRSet of type CNAME with DNS name ${set.name} has more than one value`);
  }
  for (const value of values) {
    if (set.type === 'A' && !isIPv4(value)) {
      problems.push(
        `Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '${value}''`,
      );
    }
    if (set.type === 'AAAA' && !isIPv6(value)) {
      problems.push(
        `Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '${value}''`,
      );
    }
  }
  return problems;
}

/**
 * A set may appear once per batch, except DELETE followed by CREATE (the documented way to
 * replace a set atomically). Anything else, e.g. two DELETEs, is refused.
 */
function duplicateProblems(changes: readonly ParsedChange[]): string[] {
  const actionsByKey = new Map<string, { set: RecordSetData; actions: ChangeAction[] }>();
  for (const { action, recordSet } of changes) {
    const key = recordSetKey(recordSet);
    const entry = actionsByKey.get(key) ?? { set: recordSet, actions: [] };
    entry.actions.push(action);
    actionsByKey.set(key, entry);
  }
  const problems: string[] = [];
  for (const { set, actions } of actionsByKey.values()) {
    const allowed =
      actions.length === 1 || (actions.length === 2 && actions[0] === 'DELETE' && actions[1] === 'CREATE');
    if (!allowed) {
      problems.push(
        `The request contains an invalid set of changes for a resource record set '${set.type} ${set.name}'`,
      );
    }
  }
  return problems;
}

interface Applied {
  sets: Map<string, RecordSetData>;
  /** Keys the map did not hold when the batch set them: they are at its end. */
  appended: number;
  touched: Set<string>;
  problems: string[];
}

function applyInOrder(current: readonly RecordSetData[], changes: readonly ParsedChange[]): Applied {
  const sets = keyIndex(current);
  const touched = new Set<string>();
  const problems: string[] = [];
  let appended = 0;
  for (const { action, recordSet } of changes) {
    const key = recordSetKey(recordSet);
    const existing = sets.get(key);
    touched.add(key);
    if (action === 'CREATE' && existing) {
      problems.push(`Tried to create resource record set ${describeSet(recordSet)} but it already exists`);
    } else if (action === 'DELETE' && !existing) {
      problems.push(`Tried to delete resource record set ${describeSet(recordSet)} but it was not found`);
    } else if (action === 'DELETE' && existing && !sameRecordSet(existing, recordSet)) {
      problems.push(
        `Tried to delete resource record set ${describeSet(recordSet)} but the values provided do not match the current values`,
      );
    } else if (action === 'DELETE') {
      sets.delete(key);
    } else {
      if (!sets.has(key)) appended += 1;
      sets.set(key, recordSet);
    }
  }
  return { sets, touched, problems, appended };
}

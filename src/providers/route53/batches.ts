import type { ResourceRecordSet, Change as SdkChange } from '@aws-sdk/client-route-53';
import { TrafficportError } from '../../errors.js';
import type { Change } from '../../plan/diff.js';
import { type Route53RecordSet, recordSetOf } from '../../render/route53-body.js';
import { compareText, ZONE_PLACEHOLDER } from '../../render/route53-names.js';
import type { Resource } from '../../render/types.js';

/**
 * Turning a diff into ChangeResourceRecordSets requests.
 *
 * Order (each step only after the previous one, because requests are applied one by one):
 *   1. weighted groups are created or changed (nothing points at a new group yet);
 *   2. geolocation aliases are created or changed, most specific location first;
 *   3. aliases no longer wanted are deleted, least specific first, then unused groups.
 * (A name switching between CNAME and A/AAAA has all its alias changes in one unit, in step 2.)
 * With that order every prefix of the change list leaves each user location answered by its old
 * or its new split, never a mix (see docs/route53-rendering.md for the argument), so requests
 * can be cut anywhere between units, and greedy packing gives the fewest requests.
 *
 * An update is DELETE(the set exactly as read) + CREATE(the new set) in one unit: Route 53's
 * exact-match DELETE then refuses the whole request if someone changed the set since it was read.
 */

export interface BatchLimits {
  /** ResourceRecord elements per request (UPSERT would count twice; it is never used). */
  readonly maxElements: number;
  /** Characters of all Value elements per request. */
  readonly maxValueChars: number;
  /**
   * Elements an alias set counts for. An alias has no ResourceRecord element, but whether Route
   * 53 counts it toward the 1,000 is undocumented: 1 is the reading that can never be refused
   * (the mock enforces it by default, docs/mock-route53.md); 0 packs tighter.
   */
  readonly aliasElements?: number;
}

export const ROUTE53_BATCH_LIMITS: BatchLimits = { maxElements: 1000, maxValueChars: 32_000, aliasElements: 1 };

/** Changes that must land in the same request. */
export interface ChangeUnit {
  /** The unit in the SDK's shape (made on each read: read it when sending). */
  readonly changes: readonly SdkChange[];
  /** Plan changes this unit carries. */
  readonly planChanges: number;
  readonly elements: number;
  readonly valueChars: number;
}

export interface Batch {
  readonly units: ChangeUnit[];
  planChanges: number;
  elements: number;
  valueChars: number;
}

/** Orders a diff into units (see the phases above). */
export function orderChanges(
  changes: readonly Change[],
  zoneId: string,
  limits: BatchLimits = ROUTE53_BATCH_LIMITS,
): ChangeUnit[] {
  const isAlias = (change: Change) => recordOf(change).AliasTarget !== undefined;
  const switching = typeSwitches(changes.filter(isAlias));
  const aliases = changes.filter((change) => isAlias(change) && !switching.has(recordOf(change).Name));
  const weighted = changes.filter((change) => !isAlias(change));
  const groups = groupByNameAndType(weighted.filter((change) => change.action !== 'delete'));
  const aliasWrites = aliases.filter((change) => change.action !== 'delete').sort(bySpecificity(1));
  const aliasDeletes = aliases.filter((change) => change.action === 'delete').sort(bySpecificity(-1));
  const groupDeletes = groupByNameAndType(weighted.filter((change) => change.action === 'delete'));
  const unit = (members: readonly Change[]) => unitOf(members, zoneId, limits.aliasElements ?? 0);
  return [
    ...groups.map(unit),
    ...[...switching.values()].map(unit),
    ...aliasWrites.map((change) => unit([change])),
    ...aliasDeletes.map((change) => unit([change])),
    ...groupDeletes.map(unit),
  ];
}

/**
 * Names whose aliases change between CNAME and A/AAAA. A CNAME cannot share its name with other
 * types, so the old aliases must go in the same request that creates the new ones: Route 53
 * checks a request as a whole, and the switch is then atomic for every location at once.
 */
function typeSwitches(aliasChanges: readonly Change[]): Map<string, Change[]> {
  const byName = new Map<string, Change[]>();
  for (const change of aliasChanges) {
    const name = recordOf(change).Name;
    byName.set(name, [...(byName.get(name) ?? []), change]);
  }
  const switching = new Map<string, Change[]>();
  for (const [name, members] of byName) {
    const types = new Set(members.map((change) => recordOf(change).Type));
    if (types.size > 1 && types.has('CNAME')) {
      const deletesFirst = (change: Change) => (change.action === 'delete' ? 0 : change.action === 'update' ? 1 : 2);
      switching.set(
        name,
        [...members].sort((a, b) => deletesFirst(a) - deletesFirst(b) || compareText(a.key, b.key)),
      );
    }
  }
  return switching;
}

/** Next-fit packing: optimal for an order that must be kept (each request is filled before the next). */
export function packBatches(units: readonly ChangeUnit[], limits: BatchLimits = ROUTE53_BATCH_LIMITS): Batch[] {
  const batches: Batch[] = [];
  let current: Batch | undefined;
  for (const unit of units) {
    if (unit.elements > limits.maxElements || unit.valueChars > limits.maxValueChars) {
      throw new TrafficportError('PROVIDER.BATCH_TOO_LARGE', 'one record set change exceeds a Route 53 request limit', {
        hint: 'a record set has too many values for one request; give the endpoint fewer addresses',
      });
    }
    const fits =
      current !== undefined &&
      current.elements + unit.elements <= limits.maxElements &&
      current.valueChars + unit.valueChars <= limits.maxValueChars;
    if (!fits) {
      current = { units: [], planChanges: 0, elements: 0, valueChars: 0 };
      batches.push(current);
    }
    const target = current as Batch;
    target.units.push(unit);
    target.planChanges += unit.planChanges;
    target.elements += unit.elements;
    target.valueChars += unit.valueChars;
  }
  return batches;
}

/** A batch's request body: its units in the SDK's shape, in order. */
export function batchChanges(batch: Batch): SdkChange[] {
  return batch.units.flatMap((unit) => unit.changes);
}

function recordOf(change: Change): Route53RecordSet {
  return recordSetOf(change.action === 'delete' ? change.before : change.after);
}

/** A weighted group changes in one request, so its records never disagree (e.g. on TTL). */
function groupByNameAndType(changes: readonly Change[]): Change[][] {
  const groups = new Map<string, Change[]>();
  for (const change of [...changes].sort((a, b) => compareText(a.key, b.key))) {
    const record = recordOf(change);
    const key = `${record.Name}|${record.Type}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return [...groups.values()];
}

/** 0 subdivision, 1 country, 2 continent, 3 default: the order Route 53 matches in. */
function specificity(record: Route53RecordSet): number {
  const geo = record.GeoLocation;
  if (geo === undefined) return 4;
  if (geo.SubdivisionCode !== undefined) return 0;
  if (geo.ContinentCode !== undefined) return 2;
  return geo.CountryCode === '*' ? 3 : 1;
}

function bySpecificity(direction: 1 | -1): (a: Change, b: Change) => number {
  return (a, b) => direction * (specificity(recordOf(a)) - specificity(recordOf(b))) || compareText(a.key, b.key);
}

function unitOf(changes: readonly Change[], zoneId: string, aliasElements: number): ChangeUnit {
  let values = 0;
  let valueChars = 0;
  let aliases = 0;
  for (const change of changes) {
    // An update is sent as DELETE(before) + CREATE(after): both count.
    for (const resource of change.action === 'update' ? [change.before, change.after] : [resourceOf(change)]) {
      const record = resource.body as unknown as Route53RecordSet;
      if (record.AliasTarget !== undefined) aliases += 1;
      for (const value of record.ResourceRecords ?? []) {
        values += 1;
        valueChars += value.Value?.length ?? 0;
      }
    }
  }
  return {
    // Built when the request is sent, not when the units are planned: a zone's whole diff in the
    // SDK's shape, for every provider applied at once, was a copy of every record held at a time.
    get changes() {
      return sdkChanges(changes, zoneId);
    },
    planChanges: changes.length,
    elements: values + aliases * aliasElements,
    valueChars,
  };
}

function resourceOf(change: Change): Resource {
  return change.action === 'delete' ? change.before : change.after;
}

function sdkChanges(changes: readonly Change[], zoneId: string): SdkChange[] {
  return changes.flatMap((change): SdkChange[] => {
    if (change.action === 'create') return [{ Action: 'CREATE', ResourceRecordSet: toSdk(change.after.body, zoneId) }];
    if (change.action === 'delete') return [{ Action: 'DELETE', ResourceRecordSet: toSdk(change.before.body, zoneId) }];
    return [
      { Action: 'DELETE', ResourceRecordSet: toSdk(change.before.body, zoneId) },
      { Action: 'CREATE', ResourceRecordSet: toSdk(change.after.body, zoneId) },
    ];
  });
}

/** A Resource body as the SDK sends it: the ZONE placeholder becomes the real zone id. */
export function toSdk(body: unknown, zoneId: string): ResourceRecordSet {
  const record = structuredClone(body) as Route53RecordSet;
  const alias = record.AliasTarget;
  if (alias === undefined || alias.HostedZoneId !== ZONE_PLACEHOLDER) return record as unknown as ResourceRecordSet;
  return { ...record, AliasTarget: { ...alias, HostedZoneId: zoneId } } as unknown as ResourceRecordSet;
}

import { TrafficportError } from '../../errors.js';
import type { Change } from '../../plan/diff.js';
import type { LiveState } from '../../plan/types.js';
import { relativeRecordName } from '../../render/azure-names.js';
import type { Resource } from '../../render/types.js';

/**
 * The order of an Azure apply, chosen so every intermediate state answers each geography with
 * its old or its new split, never a mix or nothing:
 *
 * 1. Weighted profiles are created/updated first: nothing points at a new one yet.
 * 2. Priority profiles (failoverBackups), which nest Weighted ones, next.
 * 3. The Geographic profile then switches its geographies to them, each nested endpoint at once.
 * 4. DNS record sets are written once the trees they point to exist.
 * 5. Deletes come last, from the top down (record sets, Geographic, Priority, Weighted), so nothing is
 *    deleted while something still points at it.
 *
 * One exception: DNS allows no CNAME beside another record set at a name, so when a service
 * changes between CNAME and A/AAAA the old record set must go before the new one can be written.
 */

export interface Phase {
  readonly name: string;
  readonly changes: readonly Change[];
}

export function orderChanges(changes: readonly Change[]): Phase[] {
  const writes = changes.filter((c) => c.action !== 'delete');
  const deletes = changes.filter((c) => c.action === 'delete');
  const clearing = deletes.filter((d) => d.before.kind === 'azure.recordset' && blocksWrite(d.before, writes));
  const later = deletes.filter((d) => !clearing.includes(d));
  const phases: Phase[] = [
    { name: 'weighted profiles', changes: writes.filter((c) => routing(resourceOf(c)) === 'Weighted') },
    { name: 'priority profiles', changes: writes.filter((c) => routing(resourceOf(c)) === 'Priority') },
    { name: 'geographic profiles', changes: writes.filter((c) => routing(resourceOf(c)) === 'Geographic') },
    { name: 'record sets replaced by another type', changes: clearing },
    { name: 'record sets', changes: writes.filter((c) => resourceOf(c).kind === 'azure.recordset') },
    { name: 'delete record sets', changes: later.filter((c) => c.before.kind === 'azure.recordset') },
    { name: 'delete geographic profiles', changes: later.filter((c) => routing(c.before) === 'Geographic') },
    { name: 'delete priority profiles', changes: later.filter((c) => routing(c.before) === 'Priority') },
    { name: 'delete weighted profiles', changes: later.filter((c) => routing(c.before) === 'Weighted') },
  ];
  const placed = phases.reduce((sum, phase) => sum + phase.changes.length, 0);
  if (placed !== changes.length) throw new Error('orderChanges: a change fits no phase (unknown resource kind?)');
  return phases.filter((phase) => phase.changes.length > 0);
}

function resourceOf(change: Change): Resource {
  return change.action === 'delete' ? change.before : change.after;
}

/** The routing method of a profile resource, `undefined` for record sets. */
export function routing(resource: Resource): string | undefined {
  if (resource.kind !== 'azure.tm-profile') return undefined;
  const body = resource.body as { readonly properties?: { readonly trafficRoutingMethod?: string } };
  const method = body.properties?.trafficRoutingMethod;
  return method === 'Geographic' || method === 'Priority' ? method : 'Weighted';
}

export function recordSetTarget(key: string): { readonly name: string; readonly type: string } {
  const [, name = '', type = ''] = key.split('|');
  return { name, type };
}

function blocksWrite(old: Resource, writes: readonly Change[]): boolean {
  const gone = recordSetTarget(old.key);
  return writes.some((w) => {
    if (w.action === 'delete' || w.after.kind !== 'azure.recordset') return false;
    const next = recordSetTarget(w.after.key);
    return next.name === gone.name && next.type !== gone.type && (next.type === 'CNAME' || gone.type === 'CNAME');
  });
}

/**
 * Refuses, before anything is written, to write a record set where a record set trafficport does
 * not own would conflict: the same name and type, or a CNAME on either side.
 */
export function checkForeignConflicts(changes: readonly Change[], live: LiveState, zone: string): void {
  for (const change of changes) {
    if (change.action === 'delete' || change.after.kind !== 'azure.recordset') continue;
    const wanted = recordSetTarget(change.after.key);
    const clash = live.foreign.find(
      (f) =>
        relativeRecordName(f.name, zone) === wanted.name &&
        (f.type === wanted.type || f.type === 'CNAME' || wanted.type === 'CNAME'),
    );
    if (clash === undefined) continue;
    throw new TrafficportError(
      'PROVIDER.FOREIGN_RECORD',
      `${clash.type} record set at ${clash.name} is not owned by trafficport; publishing ${wanted.type} there would conflict`,
      {
        hint: `remove it, or hand it over by setting the metadata trafficport=owned on it (Azure DNS zone ${zone})`,
      },
    );
  }
}

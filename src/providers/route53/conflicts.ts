import { TrafficportError } from '../../errors.js';
import type { Change } from '../../plan/diff.js';
import type { ForeignRecord } from '../../plan/types.js';
import { recordSetOf } from '../../render/route53-body.js';
import { isOwnedIdentifier } from '../../render/route53-names.js';

export interface ForeignConflict {
  readonly foreign: ForeignRecord;
  /** The name and type trafficport wants to write there. */
  readonly name: string;
  readonly type: string;
}

/**
 * Foreign records that cannot live beside what the changes write. trafficport must own every
 * set of a name and type it publishes: Route 53 refuses mixed routing policies on one name and
 * type (a simple A beside geolocation A), and a foreign geolocation or weighted set that it
 * accepted would still take answers from the split. A CNAME cannot share its name with anything.
 * Foreign records at other names, or of other types at the same name, are no conflict.
 */
export function findForeignConflicts(changes: readonly Change[], foreign: readonly ForeignRecord[]): ForeignConflict[] {
  const written = new Map<string, { name: string; type: string }>();
  for (const change of changes) {
    if (change.action === 'delete') continue;
    const record = recordSetOf(change.after);
    written.set(`${record.Name}|${record.Type}`, { name: record.Name, type: record.Type });
  }
  const conflicts: ForeignConflict[] = [];
  for (const { name, type } of written.values()) {
    for (const record of foreign) {
      if (record.name !== name) continue;
      if (record.type === type || record.type === 'CNAME' || type === 'CNAME') {
        conflicts.push({ foreign: record, name, type });
      }
    }
  }
  return conflicts;
}

export function foreignConflictError(conflicts: readonly ForeignConflict[]): TrafficportError {
  const described = conflicts.map(
    ({ foreign, type }) =>
      `${foreign.type} ${foreign.name}${foreign.setIdentifier === undefined ? '' : ` (SetIdentifier ${foreign.setIdentifier})`} blocks ${type}`,
  );
  return new TrafficportError(
    'PROVIDER.FOREIGN_RECORD',
    `records trafficport does not own are in the way: ${described.join('; ')}`,
    {
      hint: 'nothing was changed; delete or rename those records yourself (trafficport never touches records it does not own), or publish the service under another name',
    },
  );
}

/**
 * Defence in depth: a change list (perhaps from a plan file edited by hand) may only touch Route 53
 * sets trafficport owns. Checked before anything is written.
 */
export function checkOwnedChanges(changes: readonly Change[]): void {
  for (const change of changes) {
    const resource = change.action === 'delete' ? change.before : change.after;
    const record = recordSetOf(resource);
    const owned =
      resource.kind === 'route53.rrset' &&
      isOwnedIdentifier(record.SetIdentifier) &&
      (change.action !== 'update' || isOwnedIdentifier(recordSetOf(change.before).SetIdentifier));
    if (!owned) {
      throw new TrafficportError(
        'PROVIDER.NOT_OWNED',
        `refusing to change ${change.key}: trafficport does not own it`,
        {
          hint: 'only Route 53 record sets whose SetIdentifier starts with tp: are written; regenerate the plan',
        },
      );
    }
  }
}

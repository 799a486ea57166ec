import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import type { ForeignRecord } from '../../plan/types.js';
import { isLockName } from '../../render/lock-name.js';
import {
  canonicalRecordSet,
  type Route53RecordSet,
  recordSetResource,
  withoutUndefined,
} from '../../render/route53-body.js';
import { compareText, isOwnedIdentifier, route53Name, ZONE_PLACEHOLDER } from '../../render/route53-names.js';
import type { Resource } from '../../render/types.js';

export interface SortedSets {
  readonly resources: Resource[];
  readonly foreign: ForeignRecord[];
}

/**
 * Owned sets (SetIdentifier `tp:…`) become Resources in exactly the renderer's form: the alias
 * target of the zone itself reads back as the ZONE placeholder. Everything else is foreign.
 */
export function sortSets(sets: readonly ResourceRecordSet[], zoneId: string): SortedSets {
  const sorter = new SetSorter(zoneId);
  sorter.add(sets);
  return sorter.sorted();
}

/** `sortSets` a batch at a time, as a zone is read, converting each set as it arrives. */
export class SetSorter {
  private readonly resources = new Map<string, Resource>();
  private readonly foreign = new Map<string, ForeignRecord>();

  constructor(
    private readonly zoneId: string,
    private readonly reuse: (resource: Resource) => Resource = (resource) => resource,
    /** The zone, whose lease record (an apex service's subtree holds it) is neither owned nor foreign. */
    private readonly zone?: string,
  ) {}

  add(sets: readonly ResourceRecordSet[]): void {
    for (const set of sets) {
      if (this.zone !== undefined && set.Type === 'TXT' && isLockName(set.Name ?? '', this.zone)) continue;
      if (isOwnedIdentifier(set.SetIdentifier)) {
        const resource = this.reuse(recordSetResource(fromSdk(set, this.zoneId)));
        this.resources.set(resource.key, resource);
      } else {
        const name = route53Name(set.Name ?? '');
        const record: ForeignRecord = {
          name,
          type: String(set.Type),
          ...(set.SetIdentifier === undefined ? {} : { setIdentifier: set.SetIdentifier }),
          body: withoutUndefined(set),
          resource: recordSetResource(fromSdk(set, this.zoneId)),
        };
        this.foreign.set(`${name}|${record.type}|${set.SetIdentifier ?? ''}`, record);
      }
    }
  }

  sorted(): SortedSets {
    return {
      resources: [...this.resources.values()].sort((a, b) => compareText(a.key, b.key)),
      foreign: [...this.foreign].sort(([a], [b]) => compareText(a, b)).map(([, record]) => record),
    };
  }
}

function fromSdk(set: ResourceRecordSet, zoneId: string): Route53RecordSet {
  const plain = canonicalRecordSet(withoutUndefined(set) as Route53RecordSet);
  const alias = plain.AliasTarget;
  if (alias === undefined || alias.HostedZoneId !== zoneId) return plain;
  return { ...plain, AliasTarget: { ...alias, HostedZoneId: ZONE_PLACEHOLDER } };
}

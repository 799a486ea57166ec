import { type Route53RecordSet, recordSetOf } from '../render/route53-body.js';
import type { Resource } from '../render/types.js';

/**
 * A provider's record sets grouped by name, each group in the resources' order. Evaluating
 * answers looks sets up by name (a service's geolocation records, the weighted group an alias
 * names) once per service and geography: scanning every set for each lookup made a plan of
 * 1,000 services × 247 geographies over 50,000 sets spend ~20 s there. Built once per provider.
 */
export class Route53SetIndex {
  private readonly byName = new Map<string, Route53RecordSet[]>();

  constructor(resources: readonly Resource[]) {
    for (const resource of resources) {
      if (resource.kind !== 'route53.rrset') continue;
      const set = recordSetOf(resource);
      const same = this.byName.get(set.Name);
      if (same === undefined) this.byName.set(set.Name, [set]);
      else same.push(set);
    }
  }

  /** Every set named exactly `name` (names compare as strings, as Route 53 returns them). */
  at(name: string): readonly Route53RecordSet[] {
    return this.byName.get(name) ?? [];
  }

  /** The sets of one type at `name`: the weighted group an alias to that name answers from. */
  group(name: string, type: string): Route53RecordSet[] {
    return this.at(name).filter((set) => set.Type === type);
  }
}

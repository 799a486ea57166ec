import type { ServiceSplit } from './types.js';

/**
 * Finding a service's split by name. Renderers and the plan look one up per service and provider,
 * and a linear search of the splits made that quadratic in the services (10,000 services over 100
 * providers: 50 million comparisons per pass). The index is built once per splits array (the
 * solver's arrays are read-only afterwards) and kept while the array lives.
 */
const indexes = new WeakMap<readonly ServiceSplit[], ReadonlyMap<string, ServiceSplit>>();

/** The split of the service named, as `splits.find((s) => s.service === name)` finds it. */
export function splitOfService(splits: readonly ServiceSplit[], name: string): ServiceSplit | undefined {
  let index = indexes.get(splits);
  if (index === undefined) {
    const built = new Map<string, ServiceSplit>();
    // The first split of a name wins, as with `find`.
    for (const split of splits) if (!built.has(split.service)) built.set(split.service, split);
    index = built;
    indexes.set(splits, index);
  }
  // A name the index lacks is searched for (a split added after indexing; otherwise a miss).
  return index.get(name) ?? splits.find((s) => s.service === name);
}

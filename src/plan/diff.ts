import type { Resource } from '../render/types.js';
import { jsonEqual } from '../util/json.js';

export type Change =
  | { readonly action: 'create'; readonly key: string; readonly after: Resource }
  | { readonly action: 'update'; readonly key: string; readonly before: Resource; readonly after: Resource }
  | { readonly action: 'delete'; readonly key: string; readonly before: Resource };

/**
 * The changes that turn `live` into `desired`, sorted by key. Pure. Both sides must hold only
 * resources trafficport owns: foreign records are never an input here, so they can never be
 * changed or deleted by a plan. Live resources whose keys are `retained` (others use them too)
 * are never deleted.
 */
export function diffResources(
  desired: readonly Resource[],
  live: readonly Resource[],
  retained: readonly string[] = [],
): Change[] {
  const liveByKey = new Map(live.map((r) => [r.key, r]));
  const desiredKeys = new Set([...desired.map((r) => r.key), ...retained]);
  const changes: Change[] = [];
  for (const after of desired) {
    const before = liveByKey.get(after.key);
    if (before === undefined) changes.push({ action: 'create', key: after.key, after });
    else if (!jsonEqual(before.body, after.body)) changes.push({ action: 'update', key: after.key, before, after });
  }
  for (const before of live) {
    if (!desiredKeys.has(before.key)) changes.push({ action: 'delete', key: before.key, before });
  }
  return changes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

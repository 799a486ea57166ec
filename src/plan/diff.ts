import type { JsonValue, Resource } from '../render/types.js';

export type Change =
  | { readonly action: 'create'; readonly key: string; readonly after: Resource }
  | { readonly action: 'update'; readonly key: string; readonly before: Resource; readonly after: Resource }
  | { readonly action: 'delete'; readonly key: string; readonly before: Resource };

/**
 * The changes that turn `live` into `desired`, sorted by key. Pure. Both sides must hold only
 * resources trafficport owns: foreign records are never an input here, so they can never be
 * changed or deleted by a plan.
 */
export function diffResources(desired: readonly Resource[], live: readonly Resource[]): Change[] {
  const liveByKey = new Map(live.map((r) => [r.key, r]));
  const desiredKeys = new Set(desired.map((r) => r.key));
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

/** Structural equality of JSON values; object key order does not matter. */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as readonly JsonValue[];
    return a.length === other.length && a.every((value, i) => jsonEqual(value, other[i]!));
  }
  const left = a as { readonly [key: string]: JsonValue };
  const right = b as { readonly [key: string]: JsonValue };
  const keys = Object.keys(left).filter((k) => left[k] !== undefined);
  if (keys.length !== Object.keys(right).filter((k) => right[k] !== undefined).length) return false;
  return keys.every((k) => Object.hasOwn(right, k) && jsonEqual(left[k]!, right[k]!));
}

/** Canonical JSON text (sorted keys), for hashing and fingerprints. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as { readonly [key: string]: JsonValue };
  return `{${Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k]!)}`)
    .join(',')}}`;
}

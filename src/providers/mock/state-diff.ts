/**
 * What one update of a mock's state changed, as a short list of operations, and those operations
 * replayed on another copy of the state. The file store logs them (state-log.ts) instead of
 * writing the whole state after every change request.
 *
 * Updates share every part of the state they did not change (snapshot.ts: `===` to the part it
 * was), so finding the changes follows only the changed paths. Plain objects are compared key by
 * key; arrays whose items are objects (a zone's record sets) by item identity, so that an update
 * adding one set to a zone of 5,000 logs that set and two ranges of the old array, not the zone.
 */

import { isObject, isPlainObject } from './snapshot.js';

export type Key = string;

/** One change: set a value, delete a key, or rebuild an array from ranges of the old one and new items. */
export type StateOp =
  | { readonly set: readonly Key[]; readonly value: unknown }
  | { readonly delete: readonly Key[] }
  | { readonly array: readonly Key[]; readonly parts: readonly ArrayPart[] };

/** `[start, end)` of the old array, or new items. */
export type ArrayPart = readonly [number, number] | { readonly items: readonly unknown[] };

type Dict = Record<Key, unknown>;

/** The operations that turn `before` into `after` (both JSON states; `after` shares what did not change). */
export function diffStates(before: unknown, after: unknown): StateOp[] {
  const ops: StateOp[] = [];
  diffValue(before, after, [], ops);
  return ops;
}

function diffValue(before: unknown, after: unknown, path: Key[], ops: StateOp[]): void {
  if (Object.is(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after) && sameKeyOrder(before, after)) {
    diffObject(before, after, path, ops);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    ops.push(arrayOp(before, after, path));
  } else {
    ops.push({ set: path, value: after });
  }
}

function diffObject(before: Dict, after: Dict, path: Key[], ops: StateOp[]): void {
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) ops.push({ set: [...path, key], value: after[key] });
    else diffValue(before[key], after[key], [...path, key], ops);
  }
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key)) ops.push({ delete: [...path, key] });
  }
}

/**
 * Whether replaying per-key changes keeps `after`'s key order: keys kept from `before` in their
 * old order, then the new ones (assignment appends a new key, deletion removes one). Otherwise
 * the object is set whole, because key order is part of the state (the oldest changes are the
 * first keys of Route 53's change history).
 */
function sameKeyOrder(before: Dict, after: Dict): boolean {
  const old = Object.keys(before);
  let cursor = 0;
  let added = false;
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) {
      added = true;
      continue;
    }
    if (added) return false;
    while (cursor < old.length && old[cursor] !== key) cursor++;
    if (cursor === old.length) return false;
    cursor++;
  }
  return true;
}

/** The array as ranges of the old one and new items; the whole array when that is no shorter. */
function arrayOp(before: readonly unknown[], after: readonly unknown[], path: Key[]): StateOp {
  const whole: StateOp = { set: path, value: after };
  if (!after.every(isObject)) return whole;
  const index = new Map<unknown, number>();
  before.forEach((item, position) => {
    if (isObject(item) && !index.has(item)) index.set(item, position);
  });
  const parts: (readonly [number, number] | { items: unknown[] })[] = [];
  let fresh = 0;
  for (const item of after) {
    const position = index.get(item);
    const last = parts.at(-1);
    if (position === undefined) {
      fresh += 1;
      if (last !== undefined && !Array.isArray(last)) (last as { items: unknown[] }).items.push(item);
      else parts.push({ items: [item] });
    } else if (Array.isArray(last) && last[1] === position) {
      parts[parts.length - 1] = [last[0], position + 1];
    } else {
      parts.push([position, position + 1]);
    }
  }
  return fresh * 2 >= after.length ? whole : { array: path, parts };
}

/**
 * `base` (deep-frozen) with `ops` applied, deep-frozen, sharing every part the operations do not
 * reach. Values in `ops` are taken over (and frozen), not copied. Throws (TypeError) on an
 * operation whose path does not lead through objects, which a log of this state never holds.
 */
export function applyOps<T>(base: T, ops: readonly StateOp[]): T {
  const fresh = new Set<object>();
  const holder: Dict = { root: base };
  fresh.add(holder);
  for (const op of ops) {
    const path = 'set' in op ? op.set : 'delete' in op ? op.delete : op.array;
    const [parent, key] = walk(holder, ['root', ...path], fresh);
    if ('set' in op) define(parent, key, freezeDeep(op.value));
    else if ('delete' in op) delete parent[key];
    else define(parent, key, rebuild(parent[key], op.parts));
  }
  for (const object of fresh) Object.freeze(object);
  return holder.root as T;
}

/** The object holding the last key of `path`, made writable (copied once per replay) on the way. */
function walk(holder: Dict, path: readonly Key[], fresh: Set<object>): [Dict, Key] {
  let node = holder;
  for (let depth = 0; depth < path.length - 1; depth++) {
    const key = path[depth] as Key;
    const child = node[key];
    if (!isObject(child)) throw new TypeError(`no object at ${path.slice(1, depth + 2).join('.')}`);
    if (fresh.has(child)) {
      node = child as Dict;
      continue;
    }
    const copy = (Array.isArray(child) ? [...child] : copyObject(child as Dict)) as Dict;
    fresh.add(copy);
    define(node, key, copy);
    node = copy;
  }
  return [node, path.at(-1) as Key];
}

function rebuild(old: unknown, parts: readonly ArrayPart[]): unknown[] {
  if (!Array.isArray(old)) throw new TypeError('an array operation on a value that is not an array');
  const items: unknown[] = [];
  for (const part of parts) {
    if (Array.isArray(part)) {
      const [start, end] = part as readonly [number, number];
      for (let index = start; index < end; index++) items.push(old[index]);
    } else {
      for (const item of (part as { items: readonly unknown[] }).items) items.push(freezeDeep(item));
    }
  }
  return Object.freeze(items) as unknown[];
}

function copyObject(object: Dict): Dict {
  const copy: Dict = Object.getPrototypeOf(object) === null ? Object.create(null) : {};
  for (const key of Object.keys(object)) define(copy, key, object[key]);
  return copy;
}

/** Assignment that treats `__proto__` as the plain key JSON.parse makes of it. */
function define(object: Dict, key: Key, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

function freezeDeep<T>(value: T): T {
  if (!isObject(value) || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const item of Object.values(value)) freezeDeep(item);
  return value;
}

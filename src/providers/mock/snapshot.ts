/**
 * Immutable snapshots of a mock's JSON state, and copy-on-write updates of them.
 *
 * The stores hand every reader the same deep-frozen state instead of a copy per request (a
 * copy of 50,000 Route 53 records takes longer than Route 53's rate limit allows between calls);
 * strict-mode code that writes to it gets a TypeError. `produce` gives an update a draft that
 * copies only what the update reaches: plain objects are proxies that copy themselves (shallowly)
 * on the first write, and arrays are cloned when first read, so code working on them runs at
 * native speed. A ChangeResourceRecordSets call then copies the zone it changes, not all zones.
 */

type Dict = Record<PropertyKey, unknown>;

interface Session {
  open: boolean;
  /** Draft proxy → its node. */
  readonly nodes: WeakMap<object, DraftNode>;
  /** Copy made for the draft → the frozen value it copies (arrays are copied whole on read). */
  readonly origins: WeakMap<object, object>;
}

interface DraftNode {
  readonly base: Dict;
  /** A shallow copy of `base`, made on the first write; holds child drafts and new values. */
  copy: Dict | undefined;
  /** Child drafts handed out before `copy` existed, moved into it when it is made. */
  readonly children: Map<PropertyKey, object>;
  readonly parent: DraftNode | undefined;
  readonly session: Session;
  proxy: Dict;
  /** The state this node became, once finalized. */
  result?: Dict;
}

/** Every draft proxy → its node, whichever update made it (for `original`). */
const allDrafts = new WeakMap<object, DraftNode>();

/** Any object (arrays included); shared with state-diff.ts. */
export function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** An object literal's shape: what the JSON state is made of. */
export function isPlainObject(value: unknown): value is Dict {
  if (!isObject(value) || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Freezes `value` and everything reachable from it that is not frozen yet. */
export function deepFreeze<T>(value: T): T {
  if (!isObject(value) || Object.isFrozen(value)) return value;
  Object.freeze(value);
  forEachValue(value, (item) => deepFreeze(item));
  return value;
}

/**
 * Calls `visit` with each own value. Arrays go by index: listing their keys as strings costs far
 * more on large arrays, and a JSON array has no other properties.
 */
function forEachValue(object: object, visit: (value: unknown, key: PropertyKey) => void): void {
  if (Array.isArray(object)) {
    for (let index = 0; index < object.length; index++) visit(object[index], index);
    return;
  }
  for (const key of Reflect.ownKeys(object)) visit((object as Dict)[key], key);
}

export interface Produced<T, R> {
  /** The new deep-frozen state: `base` itself where nothing changed, sharing untouched parts. */
  readonly state: T;
  readonly result: R;
}

/**
 * Runs `change` on a draft of the deep-frozen `base` and returns the new state. If `change`
 * throws, `base` is untouched (it is frozen) and the draft is discarded. Drafts stay readable
 * after the update (they show the new state) but refuse writes.
 */
export async function produce<T, R>(base: T, change: (draft: T) => R | Promise<R>): Promise<Produced<T, R>> {
  if (!isPlainObject(base)) {
    const draft = structuredClone(base);
    const result = await change(draft);
    return { state: deepFreeze(draft), result };
  }
  const session: Session = { open: true, nodes: new WeakMap(), origins: new WeakMap() };
  const root = createNode(base, undefined, session);
  try {
    const result = await change(root.proxy as T);
    const state = finalize(root) as T;
    return { state, result: settle(result, session) };
  } finally {
    session.open = false;
  }
}

/**
 * The deep-frozen state a draft started from, for read-only work that must not copy what it
 * reads (reading an array through a draft clones it whole). Only meaningful before the update
 * writes to that part of the draft; a value that is not a draft is returned as it is.
 */
export function original<T>(draft: T): T {
  if (!isObject(draft)) return draft;
  const node = allDrafts.get(draft);
  return node === undefined ? draft : (node.base as T);
}

function createNode(base: Dict, parent: DraftNode | undefined, session: Session): DraftNode {
  // The target is a stand-in: a frozen target would forbid the get trap to answer with drafts.
  const target: Dict = Object.create(Object.getPrototypeOf(base));
  const node: DraftNode = { base, copy: undefined, children: new Map(), parent, session, proxy: target };
  node.proxy = new Proxy(target, handler(node));
  session.nodes.set(node.proxy, node);
  allDrafts.set(node.proxy, node);
  return node;
}

function current(node: DraftNode): Dict {
  return node.copy ?? node.base;
}

/** Makes `node` (and its ancestors) writable copies; only while the update runs. */
function writable(node: DraftNode): Dict {
  if (!node.session.open) throw new TypeError('mock state draft used after its update finished');
  if (node.copy !== undefined) return node.copy;
  const copy = shallowCopy(node.base);
  for (const [key, child] of node.children) copy[key] = child;
  node.children.clear();
  node.copy = copy;
  if (node.parent !== undefined) writable(node.parent);
  return copy;
}

function read(node: DraftNode, key: PropertyKey): unknown {
  const source = current(node);
  const value = source[key];
  if (!Object.hasOwn(source, key) || !isObject(value) || !Object.isFrozen(value) || !node.session.open) return value;
  if (node.session.nodes.has(value)) return value;
  if (isPlainObject(value)) {
    const known = node.children.get(key);
    if (known !== undefined) return known;
    const child = createNode(value, node, node.session).proxy;
    if (node.copy !== undefined) node.copy[key] = child;
    else node.children.set(key, child);
    return child;
  }
  // Arrays (and anything else) are cloned whole on first read: array code then runs natively.
  const clone = cloneDeep(value, node.session.origins);
  writable(node)[key] = clone;
  return clone;
}

/** `{ ...base }`, keeping a null prototype (spread defines keys, so `__proto__` stays a key). */
function shallowCopy(base: Dict): Dict {
  return Object.getPrototypeOf(base) === null ? Object.assign(Object.create(null), base) : { ...base };
}

/**
 * A deep copy of JSON-shaped data, several times faster than structuredClone on large arrays of
 * small objects (the Route 53 mock's record sets); anything else goes to structuredClone. Each
 * copy of an array or plain object is remembered in `origins`, so that the copies an update
 * left as they were become their frozen originals again when it finishes (see `resolve`).
 */
function cloneDeep<T>(value: T, origins: WeakMap<object, object>): T {
  if (!isObject(value)) return value;
  let copy: object;
  if (Array.isArray(value)) copy = value.map((item: unknown) => cloneDeep(item, origins));
  else if (!isPlainObject(value)) return structuredClone(value);
  else {
    const object = shallowCopy(value);
    for (const key of Reflect.ownKeys(object)) {
      const item = object[key];
      if (isObject(item)) object[key] = cloneDeep(item, origins);
    }
    copy = object;
  }
  if (Object.isFrozen(value)) origins.set(copy, value);
  return copy as T;
}

function handler(node: DraftNode): ProxyHandler<Dict> {
  return {
    get: (_, key) => read(node, key),
    set(_, key, value) {
      writable(node)[key] = value;
      node.children.delete(key);
      return true;
    },
    deleteProperty(_, key) {
      delete writable(node)[key];
      node.children.delete(key);
      return true;
    },
    has: (_, key) => key in current(node),
    ownKeys: () => Reflect.ownKeys(current(node)),
    getOwnPropertyDescriptor(_, key) {
      // Object.keys and spreads ask for this for every key; the raw value keeps that from cloning
      // every array (the value read through the draft comes from `get`).
      const own = Reflect.getOwnPropertyDescriptor(current(node), key);
      if (own === undefined) return undefined;
      return { value: own.value, writable: true, enumerable: own.enumerable ?? true, configurable: true };
    },
    defineProperty(_, key, descriptor) {
      writable(node)[key] = descriptor.value;
      node.children.delete(key);
      return true;
    },
  };
}

/**
 * The frozen state a node became: its base if never written or written back to what it was
 * (same keys in the same order, the same values), else its copy with drafts resolved. Keeping the
 * base keeps what an update did not change identical to what it was (`===`), which is how the
 * file store finds what to log (state-diff.ts).
 */
function finalize(node: DraftNode): Dict {
  if (node.result !== undefined) return node.result;
  const copy = node.copy;
  if (copy === undefined) {
    node.result = node.base;
    return node.base;
  }
  node.result = copy;
  for (const key of Reflect.ownKeys(copy)) copy[key] = resolve(copy[key], node.session);
  if (sameShallow(copy, node.base)) node.result = node.base;
  else Object.freeze(copy);
  return node.result;
}

/**
 * A value written into the draft (or an array cloned for it): drafts inside it become their
 * final state, and it is frozen; a copy left equal to its original becomes the original. A JSON
 * state has no cycles; an update that makes one fails here (RangeError: the stack overflows)
 * and, like any failed update, leaves the state as it was.
 */
function resolve(value: unknown, session: Session): unknown {
  if (!isObject(value)) return value;
  const node = session.nodes.get(value);
  if (node !== undefined) return finalize(node);
  if (Object.isFrozen(value)) return value;
  forEachValue(value, (item, key) => {
    if (!isObject(item)) return;
    const final = resolve(item, session);
    if (final !== item) (value as Dict)[key] = final;
  });
  const origin = session.origins.get(value);
  if (origin !== undefined && sameShallow(value, origin)) return origin;
  return Object.freeze(value);
}

/** Whether two objects (or arrays) hold the same keys in the same order with identical values. */
function sameShallow(left: object, right: object): boolean {
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Object.getPrototypeOf(left) !== Object.getPrototypeOf(right)) return false;
  if (Array.isArray(left)) {
    const other = right as unknown[];
    return left.length === other.length && left.every((item, index) => Object.is(item, other[index]));
  }
  const keys = Reflect.ownKeys(left);
  const otherKeys = Reflect.ownKeys(right);
  if (keys.length !== otherKeys.length) return false;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as PropertyKey;
    if (key !== otherKeys[index] || !Object.is((left as Dict)[key], (right as Dict)[key])) return false;
  }
  return true;
}

/** What the update returned, with drafts at its top level replaced by their final state. */
function settle<R>(result: R, session: Session): R {
  if (!isObject(result)) return result;
  const node = session.nodes.get(result);
  if (node !== undefined) return finalize(node) as R;
  if (Object.isFrozen(result)) return result;
  for (const key of Reflect.ownKeys(result)) {
    const value = (result as Dict)[key];
    const inner = isObject(value) ? session.nodes.get(value) : undefined;
    if (inner !== undefined) (result as Dict)[key] = finalize(inner);
  }
  return result;
}

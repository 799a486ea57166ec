import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepFreeze, original, produce } from '../../../src/providers/mock/snapshot.js';

/**
 * produce() must behave exactly like mutating a private deep copy, while sharing what the update
 * did not reach and never touching the frozen base. Checked against that deep copy for random
 * JSON states and random sequences of writes, deletes, pushes, sorts and moved subtrees.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'zones', 'sets', '__proto__'), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const root = fc.dictionary(fc.constantFrom('zones', 'changes', 'sequence', 'x', 'y'), json, { minKeys: 1 });

interface Op {
  readonly kind: 'set' | 'delete' | 'push' | 'sort' | 'move' | 'read';
  readonly path: readonly number[];
  readonly from: readonly number[];
  readonly value: Json;
}

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('set', 'delete', 'push', 'sort', 'move', 'read'),
  path: fc.array(fc.nat(), { maxLength: 4 }),
  from: fc.array(fc.nat(), { maxLength: 4 }),
  value: json,
});

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** Follows `path` (each step picks a key modulo the count) down containers; the last container reached. */
function locate(start: Container, path: readonly number[]): { container: Container; key: string | undefined } {
  let container = start;
  let key: string | undefined;
  for (const step of path) {
    const keys = Object.keys(container);
    if (keys.length === 0) return { container, key: undefined };
    key = keys[step % keys.length]!;
    const child = (container as Record<string, Json>)[key];
    if (!isContainer(child)) return { container, key };
    container = child;
    key = undefined;
  }
  return { container, key };
}

/** One operation, written once, run on the draft and on the reference copy alike. */
function apply(state: Container, { kind, path, from, value }: Op): void {
  const { container, key } = locate(state, path);
  const slot = container as Record<string, Json>;
  const fresh = structuredClone(value);
  if (kind === 'read') JSON.stringify(container);
  else if (kind === 'set' && key === undefined && Array.isArray(container)) container.push(fresh);
  else if (kind === 'set') slot[key ?? 'new'] = fresh;
  else if (kind === 'delete' && key !== undefined) {
    if (Array.isArray(container)) container.splice(Number(key), 1);
    else delete slot[key];
  } else if (kind === 'push') {
    if (Array.isArray(container)) container.push(fresh);
    else slot[`k${Object.keys(container).length}`] = fresh;
  } else if (kind === 'sort' && Array.isArray(container)) container.reverse();
  else if (kind === 'move' && key !== undefined) {
    // A subtree (maybe a draft) hung somewhere else, and taken from where it was.
    const source = locate(state, from).container;
    if (!contains(source, container)) slot[key] = source as Json;
  }
}

/** Whether `target` is `tree` or inside it (hanging it there would make a cycle). */
function contains(tree: unknown, target: unknown): boolean {
  return tree === target || (isContainer(tree) && Object.values(tree).some((child) => contains(child, target)));
}

/** The top-level keys an operation may reach: sharing of all the others is checked. */
function reached(base: Container, { kind, path, from }: Op): string[] {
  const keys = Object.keys(base);
  // A read, and the cycle check of a move, walk a whole subtree: the root's reaches every key.
  if (kind === 'read' && locate(base, path).container === base) return keys;
  if (kind === 'move' && locate(base, from).container === base) return keys;
  return [path, from].filter((p) => p.length > 0 && keys.length > 0).map((p) => keys[p[0]! % keys.length]!);
}

function isDeepFrozen(value: unknown): boolean {
  if (!isContainer(value)) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

describe('produce (copy-on-write drafts of a frozen state)', () => {
  it('gives what mutating a deep copy gives, leaves the base alone, freezes the result, shares the rest', async () => {
    await fc.assert(
      fc.asyncProperty(root, fc.array(op, { maxLength: 8 }), async (initial, ops) => {
        const base = deepFreeze(structuredClone(initial));
        const before = JSON.stringify(base);
        const reference = structuredClone(initial) as Container;
        const touched = new Set<string>();
        for (const step of ops) {
          for (const key of reached(reference, step)) touched.add(key);
          apply(reference, step);
        }
        const { state } = await produce(base, (draft) => {
          for (const step of ops) apply(draft as Container, step);
        });
        expect(JSON.stringify(state)).toBe(JSON.stringify(reference));
        expect(JSON.stringify(base)).toBe(before);
        expect(isDeepFrozen(state)).toBe(true);
        if (ops.length === 0) expect(state).toBe(base);
        for (const key of Object.keys(base).filter((k) => !touched.has(k))) {
          expect((state as Record<string, Json>)[key]).toBe((base as Record<string, Json>)[key]);
        }
      }),
      { numRuns: 1_500 },
    );
  });

  it('refuses an update that makes a cycle (no JSON state has one) and keeps the state', async () => {
    const base = deepFreeze({ a: { b: 1 } });
    const cyclic = produce(base, (draft) => {
      const loop: Record<string, unknown> = {};
      loop.self = loop;
      (draft.a as Record<string, unknown>).loop = loop;
    });
    await expect(cyclic).rejects.toThrow(RangeError);
    expect(base).toEqual({ a: { b: 1 } });
  });

  it('returns the final state for drafts the update hands back', async () => {
    const base = deepFreeze({ zones: { z: { name: 'a', sets: [1] } } });
    const { state, result } = await produce(base, (draft) => {
      draft.zones.z.name = 'b';
      return { zone: draft.zones.z };
    });
    expect(result.zone).toBe(state.zones.z);
    expect(Object.isFrozen(result.zone)).toBe(true);
    expect(base.zones.z.name).toBe('a');
  });
});

describe('original', () => {
  it('gives the frozen value a draft started from, so reading it copies nothing', async () => {
    const base = deepFreeze({ zones: { z: { sets: [{ n: 1 }, { n: 2 }] } }, other: 1 });
    const { state } = await produce(base, (draft) => {
      const zone = draft.zones.z;
      // The frozen array itself, not the clone reading `zone.sets` through the draft would make.
      expect(original(zone).sets).toBe(base.zones.z.sets);
      expect(original(draft)).toBe(base);
      zone.sets = [...original(zone).sets, { n: 3 }];
    });
    expect(state.zones.z.sets[0]).toBe(base.zones.z.sets[0]);
    expect(state.zones.z.sets[1]).toBe(base.zones.z.sets[1]);
    expect(state.zones.z.sets[2]).toEqual({ n: 3 });
    expect(Object.isFrozen(state.zones.z.sets)).toBe(true);
    expect(base.zones.z.sets).toHaveLength(2);
  });

  it('returns a value that is not a draft as it is', () => {
    const value = { a: 1 };
    expect(original(value)).toBe(value);
    expect(original(3)).toBe(3);
  });
});

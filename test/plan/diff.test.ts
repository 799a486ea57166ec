import { describe, expect, it } from 'vitest';
import { diffResources } from '../../src/plan/diff.js';
import type { Resource } from '../../src/render/types.js';
import { canonicalJson, jsonEqual } from '../../src/util/json.js';

const r = (key: string, body: Resource['body']): Resource => ({ kind: 'route53.rrset', key, body });

describe('diffResources', () => {
  it('creates, updates and deletes by key, ignoring key order inside bodies', () => {
    const live = [r('a', { x: 1, y: [1, 2] }), r('b', { w: 10 }), r('c', { gone: true })];
    const desired = [r('a', { y: [1, 2], x: 1 }), r('b', { w: 20 }), r('d', { fresh: true })];
    expect(diffResources(desired, live).map((c) => [c.action, c.key])).toEqual([
      ['update', 'b'],
      ['delete', 'c'],
      ['create', 'd'],
    ]);
  });

  it('finds nothing to do when live equals desired', () => {
    const state = [r('a', { n: null, list: [{ k: 'v' }] })];
    expect(diffResources(state, structuredClone(state))).toEqual([]);
  });

  it('treats list order as meaningful and canonical JSON as key-order free', () => {
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });
});

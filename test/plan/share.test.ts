import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintLive, sha256 } from '../../src/plan/fingerprint.js';
import { reuseResources, sameJson, sameResources, shareUnchanged } from '../../src/plan/share.js';
import type { LiveState } from '../../src/plan/types.js';
import type { JsonValue, Resource } from '../../src/render/types.js';
import { canonicalJson } from '../../src/util/json.js';

const r = (key: string, body: Resource['body'], kind: Resource['kind'] = 'route53.rrset'): Resource => ({
  kind,
  key,
  body,
});
const liveOf = (resources: Resource[], versions: Record<string, string> = {}): LiveState => ({
  provider: 'p',
  resources,
  foreign: [{ name: 'x.example.com.', type: 'TXT' }],
  versions,
});

describe('shareUnchanged', () => {
  it('uses the desired object only where the JSON text would be the same', () => {
    const desired = [r('a', { x: 1, y: [1, 2] }), r('b', { x: 1, y: 2 }), r('c', { w: 1 }), r('d', { v: 1 })];
    const live = liveOf(
      [
        r('a', { x: 1, y: [1, 2] }), // the same: shared
        r('b', { y: 2, x: 1 }), // equal, other member order: kept
        r('c', { w: 2 }), // changed: kept
        r('d', { v: 1 }, 'azure.recordset'), // another kind: kept
        r('e', { only: 'live' }),
      ],
      { a: 'etag' },
    );
    const shared = shareUnchanged(live, reuseResources(desired));
    expect(shared.resources.map((res, i) => res === (desired[i] ?? null))).toEqual([true, false, false, false, false]);
    expect(shared.resources.slice(1)).toEqual(live.resources.slice(1));
    expect(JSON.stringify(shared)).toBe(JSON.stringify(live));
    expect([shared.foreign, shared.versions]).toEqual([live.foreign, live.versions]);
  });

  it('returns the live state itself when nothing is alike', () => {
    const live = liveOf([r('a', { x: 1 })]);
    expect(shareUnchanged(live, reuseResources([r('a', { x: 2 })]))).toBe(live);
  });
});

describe('reuseResources and sameResources', () => {
  it('hand back a held object only for the same kind, key and JSON text', () => {
    const held = [r('a', { x: 1 }), r('b', { x: 1, y: 2 }), r('c', { x: 1 }, 'azure.recordset')];
    const reuse = reuseResources(held);
    const same = r('a', { x: 1 });
    expect(reuse(same)).toBe(held[0]);
    for (const other of [r('a', { x: 2 }), r('b', { y: 2, x: 1 }), r('c', { x: 1 }), r('z', { x: 1 })]) {
      expect(reuse(other)).toBe(other);
    }
  });

  it('says the same only when they hold the very same objects in the same order', () => {
    const a = r('a', { x: 1 });
    const b = r('b', { x: 1 });
    expect(sameResources([a, b], [a, b])).toBe(true);
    expect(sameResources([a, b], [a, r('b', { x: 1 })])).toBe(false);
    expect(sameResources([a, b], [b, a])).toBe(false);
    expect(sameResources([a], [a, b])).toBe(false);
    expect(sameResources([], [])).toBe(true);
  });
});

const jsonArb = fc.jsonValue() as fc.Arbitrary<JsonValue>;

describe('sameJson', () => {
  it('is true exactly when the JSON texts are equal', () => {
    fc.assert(
      fc.property(jsonArb, jsonArb, fc.boolean(), (a, b, copy) => {
        const other = copy ? (JSON.parse(JSON.stringify(a)) as JsonValue) : b;
        expect(sameJson(a, other)).toBe(JSON.stringify(a) === JSON.stringify(other));
      }),
    );
  });
});

describe('fingerprintLive', () => {
  const reference = (live: LiveState) =>
    sha256(
      canonicalJson({
        resources: live.resources.map((res) => ({ key: res.key, body: res.body })),
        versions: live.versions as { readonly [key: string]: JsonValue },
      }),
    ).slice(0, 32);

  it('hashes the same text as the canonical JSON of resources and versions, piece by piece', () => {
    const resourceArb = fc.record({ key: fc.string({ unit: 'grapheme' }), body: jsonArb }).map((x) => r(x.key, x.body));
    fc.assert(
      fc.property(
        fc.array(resourceArb, { maxLength: 6 }),
        fc.dictionary(fc.string(), fc.string({ unit: 'grapheme' })),
        (resources, versions) => {
          const live = liveOf(resources, versions);
          expect(fingerprintLive(live)).toBe(reference(live));
        },
      ),
    );
    expect(fingerprintLive(liveOf([]))).toBe(reference(liveOf([])));
  });
});

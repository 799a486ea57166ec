import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frozenJson } from '../../src/providers/mock/frozen-json.js';
import { deepFreeze, produce } from '../../src/providers/mock/snapshot.js';

/** A state shaped like the mocks': zones of record lists, and loose JSON beside them. */
const stateArb = fc.record({
  version: fc.constant(1),
  zones: fc.dictionary(
    fc.string({ maxLength: 3 }),
    fc.record({ name: fc.string(), recordSets: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }) }),
    { maxKeys: 4 },
  ),
  other: fc.jsonValue({ maxDepth: 4 }),
});

describe('frozenJson', () => {
  it('is JSON.stringify of every state, before and after copy-on-write changes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        stateArb,
        fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 }),
        async (initial, edits) => {
          let state = deepFreeze(structuredClone(initial));
          expect(frozenJson(state)).toBe(JSON.stringify(state));
          for (const [zone, record] of edits) {
            state = (
              await produce(state, (draft) => {
                const target = draft.zones[zone];
                if (target === undefined) draft.zones[zone] = { name: zone, recordSets: [record] };
                else if (target.recordSets.length > 3) delete draft.zones[zone];
                else target.recordSets.push(record);
              })
            ).state;
            expect(frozenJson(state)).toBe(JSON.stringify(state));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reuses the text of what a change did not touch', async () => {
    const big = deepFreeze({ zones: { a: { recordSets: [{ v: 1 }] }, b: { recordSets: [{ v: 2 }] } } });
    frozenJson(big);
    const next = (await produce(big, (draft) => void draft.zones.a.recordSets.push({ v: 3 }))).state;
    expect(next.zones.b).toBe(big.zones.b);
    expect(frozenJson(next)).toBe('{"zones":{"a":{"recordSets":[{"v":1},{"v":3}]},"b":{"recordSets":[{"v":2}]}}}');
  });
});

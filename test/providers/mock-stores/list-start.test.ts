import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RecordSetStart, recordSetStartIndex } from '../../../src/providers/route53/mock/list.js';
import { canonicalName, compareAscii, nameSortKey } from '../../../src/providers/route53/mock/names.js';
import { sortRecordSets } from '../../../src/providers/route53/mock/state.js';
import type { RecordSetData } from '../../../src/providers/route53/mock/types.js';

/** The linear scan recordSetStartIndex used to be: the reference the binary search must agree with. */
function linearStartIndex(sets: readonly RecordSetData[], start: RecordSetStart): number {
  if (start.name === undefined) return 0;
  const key = nameSortKey(canonicalName(start.name));
  return sets.findIndex(
    (set) =>
      (compareAscii(nameSortKey(set.name), key) ||
        compareAscii(set.type, start.type ?? '') ||
        compareAscii(set.setIdentifier ?? '', start.identifier ?? '')) >= 0,
  );
}

// Few distinct labels, so sets share names, parents and prefixes; `*`, `-` and `_` sort around
// the dot, which is where a wrong comparison would show.
const label = fc.constantFrom('a', 'b', 'ab', 'a-b', 'a_b', 'z', '*', 'www', '0');
const name = fc
  .array(label, { minLength: 0, maxLength: 3 })
  .map((labels) => canonicalName([...labels, 'example', 'com'].join('.')));
const type = fc.constantFrom('A', 'AAAA', 'CNAME', 'TXT');
const identifier = fc.option(fc.constantFrom('tp:a', 'tp:b', 'x', 'TP:a', ''), { nil: undefined });

const recordSets = fc
  .uniqueArray(fc.record({ name, type, identifier }), {
    maxLength: 60,
    selector: (s) => `${s.name}|${s.type}|${s.identifier ?? ''}`,
  })
  .map((items) =>
    sortRecordSets(
      items.map(({ name, type, identifier }) => ({
        name,
        type,
        ttl: 60,
        resourceRecords: ['192.0.2.1'],
        ...(identifier === undefined ? {} : { setIdentifier: identifier }),
      })),
    ),
  );

/** Starts as callers send them: any case, with or without the trailing dot, escaped or not. */
const start: fc.Arbitrary<RecordSetStart> = fc.oneof(
  fc.constant({}),
  fc.record({ name: name.map((n) => n.replace('\\052', '*').toUpperCase()) }),
  fc.record({ name: name.map((n) => n.replace(/\.$/, '')), type }),
  fc.record({ name, type, identifier: fc.constantFrom('tp:a', 'tp:b', 'x', '', 'zzz') }),
);

describe('recordSetStartIndex', () => {
  it('binary search finds the same start as a linear scan, for any sorted zone and any start', () => {
    fc.assert(
      fc.property(recordSets, start, (sets, from) => {
        expect(recordSetStartIndex(sets, from)).toBe(linearStartIndex(sets, from));
      }),
      { numRuns: 2_000 },
    );
  });

  it('starts at or past the last set: -1, as the scan answered', () => {
    const sets = sortRecordSets([{ name: 'a.example.com.', type: 'A', ttl: 60, resourceRecords: ['192.0.2.1'] }]);
    expect(recordSetStartIndex(sets, { name: 'zzz.example.com', type: 'A' })).toBe(-1);
    expect(recordSetStartIndex(sets, { name: 'a.example.com', type: 'A' })).toBe(0);
    expect(recordSetStartIndex([], { name: 'a.example.com' })).toBe(-1);
  });
});

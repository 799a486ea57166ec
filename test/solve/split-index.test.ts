import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitOfService } from '../../src/solve/split-index.js';
import type { ServiceSplit } from '../../src/solve/types.js';

/** A split with only what the index reads; the rest of the shape does not matter here. */
function split(service: string, tag: number): ServiceSplit {
  return { service, tag } as unknown as ServiceSplit;
}

describe('splitOfService', () => {
  it('finds what a linear search finds, the first of a repeated name included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 1, maxLength: 10 }),
        (names, queries) => {
          const splits = names.map((n, index) => split(`svc-${n}`, index));
          for (const q of queries) {
            const name = `svc-${q}`;
            expect(splitOfService(splits, name)).toBe(splits.find((s) => s.service === name));
          }
        },
      ),
    );
  });

  it('finds a split added to the array after it was indexed', () => {
    const splits = [split('a', 0)];
    expect(splitOfService(splits, 'b')).toBeUndefined();
    const added = split('b', 1);
    splits.push(added);
    expect(splitOfService(splits, 'b')).toBe(added);
  });
});

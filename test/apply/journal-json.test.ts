import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Journal, journalJson, type ProviderJournal, parseJournal } from '../../src/apply/journal.js';
import type { Resource } from '../../src/render/types.js';

/** Journal files: the same JSON as JSON.stringify, with record states serialized once. */

const resource: fc.Arbitrary<Resource> = fc.record({
  kind: fc.constantFrom('route53.rrset' as const, 'azure.recordset' as const),
  key: fc.string(),
  body: fc.jsonValue() as fc.Arbitrary<Resource['body']>,
});
const resources = fc.array(resource, { maxLength: 4 });
const entry: fc.Arbitrary<ProviderJournal> = fc.record(
  {
    before: fc.option(resources, { nil: null }),
    expectFingerprint: fc.string(),
    steps: fc.array(resources, { minLength: 1, maxLength: 3 }),
    stepsDone: fc.nat({ max: 3 }),
    status: fc.constantFrom('pending' as const, 'applying' as const, 'done' as const, 'failed' as const),
    error: fc.record({ code: fc.string(), message: fc.string() }),
  },
  { requiredKeys: ['before', 'steps', 'stepsDone', 'status'] },
);
const journal: fc.Arbitrary<Journal> = fc.record({
  version: fc.constant(1 as const),
  kind: fc.constant('trafficport-journal' as const),
  id: fc.string(),
  startedAt: fc.string(),
  policySha256: fc.string(),
  planAt: fc.string(),
  stepWaitSeconds: fc.nat(),
  status: fc.constantFrom('in-progress' as const, 'done' as const, 'failed' as const, 'rolled-back' as const),
  providers: fc.dictionary(fc.string(), entry, { maxKeys: 4 }),
});

describe('journalJson', () => {
  it('writes exactly what JSON.stringify writes, and follows progress across saves (property)', () => {
    fc.assert(
      fc.property(journal, fc.array(fc.tuple(fc.nat({ max: 3 }), fc.boolean()), { maxLength: 5 }), (j, moves) => {
        expect(journalJson(j)).toBe(JSON.stringify(j));
        expect(parseJournal(journalJson(j))).toEqual(JSON.parse(JSON.stringify(j)));
        // Progress changes between saves; the record states are reused, the rest is new.
        for (const [done, failed] of moves) {
          for (const provider of Object.values(j.providers)) {
            provider.stepsDone = done;
            provider.status = failed ? 'failed' : 'done';
            if (failed) provider.error = { code: 'X.Y', message: 'no' };
            else delete provider.error;
          }
          expect(journalJson(j)).toBe(JSON.stringify(j));
        }
      }),
      { numRuns: 300 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { savedPlanDifferences } from '../../src/plan/compare-plans.js';
import type { Change } from '../../src/plan/diff.js';
import type { PlanDocument } from '../../src/plan/types.js';

/** A plan with one provider and generated changes: only the fields the comparison reads matter. */
function planWith(changes: Change[]): PlanDocument {
  return {
    version: 1,
    kind: 'trafficport-plan',
    createdAt: '2026-12-01T00:00Z',
    at: '2026-12-01T00:00Z',
    policy: { file: 'policy.yaml', sha256: 'x' },
    overrides: { downEndpoints: [], downRegions: [], downClouds: [] },
    providers: [{ provider: 'r53', changes } as unknown as PlanDocument['providers'][number]],
    shortfalls: [],
    safety: {
      limits: { maxRecordDeletePercent: 50, maxTrafficMovePercent: 30 },
      recordDeletePercent: 0,
      trafficMovePercent: 12.5,
      exceeded: [],
    },
  };
}

const value = fc.oneof(fc.ipV4(), fc.integer({ min: 0, max: 255 }).map(String));
const change: fc.Arbitrary<Change> = fc
  .record({
    name: fc.stringMatching(/^[a-z]{1,8}$/),
    values: fc.array(value, { minLength: 1, maxLength: 3 }),
    weight: fc.nat(255),
  })
  .map(({ name, values, weight }) => {
    const key = `route53.rrset|${name}.example.com.|A|tp:${name}`;
    const body = { Name: `${name}.example.com.`, Weight: weight, ResourceRecords: values.map((Value) => ({ Value })) };
    return { action: 'create', key, after: { kind: 'route53.rrset', key, body } } as Change;
  });
const changes = fc.uniqueArray(change, { minLength: 1, maxLength: 8, selector: (c) => c.key });
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('savedPlanDifferences', () => {
  it('finds nothing in a faithful copy of the plan', () => {
    fc.assert(fc.property(changes, (list) => savedPlanDifferences(clone(planWith(list)), planWith(list)).length === 0));
  });

  it('names the record and both values of any edited value, and only that record', () => {
    fc.assert(
      fc.property(changes, fc.nat(), value, (list, pick, replacement) => {
        const saved = clone(planWith(list));
        const target = saved.providers[0]!.changes[pick % list.length]! as unknown as {
          key: string;
          after: { body: { ResourceRecords: { Value: string }[] } };
        };
        const original = target.after.body.ResourceRecords[0]!.Value;
        fc.pre(original !== replacement);
        target.after.body.ResourceRecords[0]!.Value = replacement;
        const differences = savedPlanDifferences(saved, planWith(list));
        expect(differences).toEqual([
          `r53: create ${target.key} differs: after.body.ResourceRecords[0].Value ${JSON.stringify(replacement)} in the file, ${JSON.stringify(original)} from the policy`,
        ]);
      }),
    );
  });

  it('names a record added to the file, one dropped from it, and a removed or altered safety section', () => {
    fc.assert(
      fc.property(changes, change, (list, extra) => {
        fc.pre(!list.some((c) => c.key === extra.key));
        const { safety: _removed, ...saved } = clone(planWith([...list.slice(1), extra]));
        const differences = savedPlanDifferences(saved as PlanDocument, planWith(list));
        expect(differences).toContain(`r53: create ${extra.key} is in the file only (the policy does not ask for it)`);
        expect(differences).toContain(`r53: create ${list[0]!.key} is missing from the file`);
        expect(differences).toContain('the safety section was removed');
      }),
    );
    const altered = clone(planWith([]));
    (altered.safety as { trafficMovePercent: number }).trafficMovePercent = 0;
    expect(savedPlanDifferences(altered, planWith([]))).toEqual([
      'safety.trafficMovePercent is 0 in the file, 12.5 recomputed',
    ]);
  });
});

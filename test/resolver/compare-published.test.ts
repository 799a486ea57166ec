import { describe, expect, it } from 'vitest';
import type { ServiceDistributions } from '../../src/plan/traffic.js';
import type { Policy } from '../../src/policy/types.js';
import type { DesiredState, Resource } from '../../src/render/types.js';
import { comparePublished, type PublishedEvaluator } from '../../src/resolver/compare-published.js';
import type { Splits } from '../../src/solve/types.js';

/**
 * The comparison of published records with the plan evaluates the rendered records once when
 * the live records are those very records (apply's read-back, after a read that found them as
 * rendered), and both sides otherwise: a live record that differs is still found.
 */

const policy = { endpoints: [{ id: 'a' }, { id: 'b' }] } as unknown as Policy;
const splits = {
  services: [{ service: 'shop.example.com', geographies: [{ geo: 'DE', shares: { a: 70, b: 30 } }] }],
} as unknown as Splits;
const record = (weight: number): Resource =>
  ({ key: `w${weight}`, kind: 'test', body: { weight } }) as unknown as Resource;
const rendered = [record(70)];
const desired = { resources: rendered, fallbacks: [], degradations: [] } as unknown as DesiredState;

/** Answers DE with the weight the one record holds, for endpoint a (the rest to b); counts evaluations. */
function counting(): PublishedEvaluator & { calls: number } {
  const evaluator = {
    calls: 0,
    tolerance: 0.005,
    answersWith: () => true,
    evaluate: (resources: readonly Resource[]): ServiceDistributions => {
      evaluator.calls++;
      const weight = (resources[0]!.body as { weight: number }).weight / 100;
      return new Map([
        [
          'shop.example.com',
          new Map([
            [
              'DE',
              new Map([
                ['a', weight],
                ['b', 1 - weight],
              ]),
            ],
          ]),
        ],
      ]);
    },
  };
  return evaluator;
}

const input = { policy, splits, services: ['shop.example.com'], desired };

describe('comparePublished', () => {
  it('evaluates the rendered records once when they are the live ones', () => {
    const evaluator = counting();
    const result = comparePublished({ ...input, live: rendered, evaluator });
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBe(3);
    // One evaluation per record type, not two.
    expect(evaluator.calls).toBe(3);
  });

  it('evaluates both sides when the live records are others, and finds the one that differs', () => {
    const evaluator = counting();
    const result = comparePublished({ ...input, live: [record(40)], evaluator });
    expect(evaluator.calls).toBe(6);
    expect(result.mismatches.map((m) => [m.type, m.geo, m.published, m.expected])).toEqual([
      ['A', 'DE', { a: 40, b: 60 }, { a: 70, b: 30 }],
      ['AAAA', 'DE', { a: 40, b: 60 }, { a: 70, b: 30 }],
      ['CNAME', 'DE', { a: 40, b: 60 }, { a: 70, b: 30 }],
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkQuotas, countQuotas, type QuotaUsage } from '../../src/plan/quota.js';

const usage = (provider: string, parts: Partial<QuotaUsage>): QuotaUsage => ({
  provider,
  scope: 'profiles in subscription s',
  limit: 200,
  desired: [],
  owned: [],
  listed: [],
  ...parts,
});

describe('countQuotas / checkQuotas', () => {
  it('counts what the providers will hold once, plus what they saw and none of them manages', () => {
    const [count] = countQuotas([
      // a and b share a resource group: b's current profiles are in a's listing, and the other way round.
      usage('a', {
        desired: ['rg/x', 'rg/shared'],
        owned: ['rg/x', 'rg/old'],
        listed: ['rg/x', 'rg/old', 'rg/y', 'rg/foreign'],
      }),
      usage('b', { desired: ['rg/y', 'rg/shared'], owned: ['rg/y'], listed: ['rg/x', 'rg/old', 'rg/y', 'rg/foreign'] }),
    ]);
    // x, shared, y will be held; old goes; foreign stays.
    expect(count).toEqual({
      scope: 'profiles in subscription s',
      limit: 200,
      total: 4,
      byProvider: { a: 2, b: 2 },
      others: 1,
    });
  });

  it('keeps scopes apart and takes the smallest limit declared in a scope', () => {
    const counts = countQuotas([
      usage('a', { scope: 's1', limit: 300, desired: ['1'] }),
      usage('b', { scope: 's1', limit: 250, desired: ['2'] }),
      usage('c', { scope: 's2', limit: 5, desired: ['1'] }),
    ]);
    expect(counts.map((c) => [c.scope, c.limit, c.total])).toEqual([
      ['s1', 250, 2],
      ['s2', 5, 1],
    ]);
  });

  it('refuses a scope over its limit, naming the scope, the overflow and each provider', () => {
    const counts = countQuotas([
      usage('az-00', { limit: 3, desired: ['a', 'b'], listed: ['z'] }),
      usage('az-01', { limit: 3, desired: ['c'] }),
    ]);
    expect(() => checkQuotas(counts)).toThrow(
      expect.objectContaining({
        code: 'PROVIDER.QUOTA',
        message:
          'profiles in subscription s: the plan needs 4 (az-00: 2, az-01: 1, others already there: 1), 1 over the quota of 3',
      }),
    );
    expect(() => checkQuotas(countQuotas([usage('a', { limit: 3, desired: ['a', 'b', 'c'] })]))).not.toThrow();
  });

  it('total equals a brute-force count of the final set, on generated usages', () => {
    const id = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6');
    const ids = fc.uniqueArray(id, { maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ desired: ids, owned: ids, listed: ids }), { minLength: 1, maxLength: 3 }),
        (parts) => {
          const usages = parts.map((p, i) => usage(`p${i}`, { ...p, listed: [...new Set([...p.listed, ...p.owned])] }));
          const [count] = countQuotas(usages);
          // The final state: start from everything listed, remove what any provider owns, add what any desires.
          const final = new Set(usages.flatMap((u) => u.listed));
          for (const u of usages) for (const x of u.owned) final.delete(x);
          for (const u of usages) for (const x of u.desired) final.add(x);
          expect(count!.total).toBe(final.size);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

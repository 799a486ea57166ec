import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { solve } from '../../src/solve/solve.js';
import { momentArb, policyArb } from '../support/policy-arb.js';

/** The policy with a copy of every service under another name (rules that name a service do not name its copy). */
function withCopies(policy: Policy): Policy {
  return {
    ...policy,
    services: [...policy.services, ...policy.services.map((s) => ({ ...s, name: `copy.${s.name}` }))],
  };
}

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('services with the same problem share one solve', () => {
  it('gives exactly the split solving each service on its own gives', () => {
    fc.assert(
      fc.property(policyArb, momentArb, (base, at) => {
        const policy = withCopies(base);
        const shared = outcome(() => solve(policy, at));
        const alone = outcome(() => solve(policy, at, { shareSolves: false }));
        expect(shared).toEqual(alone);
      }),
      { numRuns: 60 },
    );
  });

  it('shares the parts of a split between services with the same problem, not between others', () => {
    const loaded = loadPolicy(readFileSync('examples/eu-sovereignty.yaml', 'utf8'), 'eu-sovereignty.yaml');
    if (!loaded.ok) throw new Error('the example does not load');
    // Without a demand total, capacity (which copies divide between them) is not enforced.
    const { total: _total, ...demand } = loaded.policy.demand;
    const one = { ...loaded.policy, demand, services: loaded.policy.services.slice(0, 1) };
    const at = Date.parse('2026-12-06T00:00:00Z');
    const [first, copy] = solve(withCopies(one), at).services;
    expect(copy!.service).toBe(`copy.${first!.service}`);
    expect(copy!.geographies).toBe(first!.geographies);
    const longer = { ...one, services: [...one.services, { ...one.services[0]!, name: 'other.example', ttl: 600 }] };
    const [a, b] = solve(longer, at).services;
    expect(b!.geographies).not.toBe(a!.geographies);
  });
});

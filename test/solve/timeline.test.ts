import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrafficportError } from '../../src/errors.js';
import { occurrenceDrain, occurrencesBetween } from '../../src/solve/maintenance.js';
import { solve } from '../../src/solve/solve.js';
import { changeMoments } from '../../src/solve/timeline.js';
import { runs } from '../support/depth.js';
import { BASE_TIME, policyArb } from '../support/policy-arb.js';

const DAY = 24 * 3600 * 1000;

/** 1,000 and 200 policies in the deep tier, a quarter in the standard one (test/support/depth.ts). */
const RUNS = runs(1000);
const DRAIN_RUNS = runs(200);

describe('maintenance timeline', () => {
  it(`starts every drain at least TTL + ramp before its window and drains fully before it (${RUNS} policies)`, () => {
    let windows = 0;
    fc.assert(
      fc.property(
        policyArb.filter((p) => p.rules.maintenance.length > 0),
        (policy) => {
          const ttl = policy.services[0]!.ttl;
          const moments = changeMoments(policy, BASE_TIME - DAY, BASE_TIME + DAY);
          for (const window of policy.rules.maintenance) {
            if (window.timing.kind !== 'once') continue;
            windows++;
            const { start, end } = window.timing;
            const lead = (ttl + window.rampSeconds) * 1000;
            const [occurrence] = occurrencesBetween(window, ttl, start, start);
            // Nothing drains earlier than the lead; something does at exactly the lead.
            expect(occurrenceDrain(occurrence!, ttl, start - lead - 1).fraction).toBe(0);
            expect(occurrenceDrain(occurrence!, ttl, start - lead).fraction).toBeGreaterThan(0);
            expect(moments).toContain(start - lead);
            // Fully drained one TTL before the window, and until its end.
            expect(occurrenceDrain(occurrence!, ttl, start - ttl * 1000).fraction).toBe(1);
            expect(occurrenceDrain(occurrence!, ttl, end - 1).fraction).toBe(1);
            // Restored after the ramp back up.
            expect(occurrenceDrain(occurrence!, ttl, end + window.rampSeconds * 1000).fraction).toBe(0);
            // Fractions never go backwards while draining.
            let previous = 0;
            for (const m of moments.filter((t) => t >= start - lead && t < end)) {
              const f = occurrenceDrain(occurrence!, ttl, m).fraction;
              expect(f).toBeGreaterThanOrEqual(previous);
              previous = f;
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect(windows).toBeGreaterThan(RUNS);
  });

  it('publishes a zero weight for the drained endpoint from one TTL before the window', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        policyArb.filter(
          (p) => p.rules.maintenance.length > 0 && p.endpoints.length > 1 && p.rules.sovereignty.length === 0,
        ),
        (policy) => {
          const window = policy.rules.maintenance[0]!;
          if (window.timing.kind !== 'once' || window.target.kind !== 'endpoint') return;
          const target = window.target.endpoint;
          const at = window.timing.start - policy.services[0]!.ttl * 1000;
          let plan: ReturnType<typeof solve>;
          try {
            plan = solve(policy, at, { skipNextChange: true });
          } catch (error) {
            if (isTrafficportError(error)) return;
            throw error;
          }
          for (const geo of plan.services[0]!.geographies) expect(geo.shares[target]).toBe(0);
          checked++;
        },
      ),
      { numRuns: DRAIN_RUNS },
    );
    // Recurring windows, region targets and unservable moments are skipped; most must be checked.
    expect(checked).toBeGreaterThan(DRAIN_RUNS / 2);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/geo/countries.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { solve } from '../../src/solve/solve.js';

const BASE = `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
endpoints:
  use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
  fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  weu: { cloud: azure, region: westeurope, a: [203.0.113.30] }
`;

function policyWith(services: string, rules = ''): string {
  return `${BASE}services:\n${services}${rules}`;
}

function load(text: string): Policy {
  const result = loadPolicy(text, 'p.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.policy;
}

function codes(text: string): string[] {
  const result = loadPolicy(text, 'p.yaml');
  return result.ok ? [] : result.diagnostics.map((d) => d.code);
}

const PINNED = `  - name: www.example.com
    endpoints: [use1, fra, weu]
    publish: [r53]
    pinned:
      '*': { use1: 70, fra: 30 }
      continent:EU: { fra: 50, weu: 50 }
      DE: { fra: 100 }
`;

const AT = Date.parse('2026-12-01T00:00Z');

describe('pinned splits: validation', () => {
  it('accepts a pin that sums to 100 over the service endpoints', () => {
    expect(codes(policyWith(PINNED))).toEqual([]);
  });

  it('refuses a sum other than 100, an endpoint of no service, a group as key', () => {
    const text = policyWith(`  - name: www.example.com
    endpoints: [use1, fra]
    publish: [r53]
    pinned:
      '*': { use1: 70, fra: 20 }
      DE: { weu: 100 }
      EU: { fra: 100 }
`);
    expect(codes(text).sort()).toEqual(['POLICY.PINNED_ENDPOINT', 'POLICY.PINNED_GEOGRAPHY', 'POLICY.PINNED_SUM']);
  });

  it('refuses a pin that sends protected users to an endpoint their rule forbids', () => {
    const rules = `rules:
  sovereignty:
    - { name: gdpr, users: [EU], allow: { jurisdiction: EU } }
`;
    // continent:EU covers the EU members, and gives use1 (US) a share.
    const text = policyWith(
      `  - name: www.example.com
    endpoints: [use1, fra]
    publish: [r53]
    pinned:
      continent:EU: { use1: 10, fra: 90 }
`,
      rules,
    );
    const result = loadPolicy(text, 'p.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const sovereignty = result.diagnostics.filter((d) => d.code === 'POLICY.PINNED_SOVEREIGNTY');
    expect(sovereignty).toHaveLength(1);
    expect(sovereignty[0]!.path).toBe('services[0].pinned.continent:EU.use1');
    // The same pin without the share to use1 is fine.
    expect(codes(text.replace('{ use1: 10, fra: 90 }', '{ fra: 100 }'))).toEqual([]);
  });
});

describe('pinned splits: the solver keeps them', () => {
  it('gives each geography the most specific pin that covers it, whatever latency prefers', () => {
    const plan = solve(load(policyWith(PINNED)), AT);
    const geo = (id: string) => plan.services[0]!.geographies.find((g) => g.geo === id)!;
    expect(geo('DE').shares).toMatchObject({ fra: 100, use1: 0, weu: 0 });
    expect(geo('FR').shares).toMatchObject({ fra: 50, weu: 50, use1: 0 });
    expect(geo('JP').shares).toMatchObject({ use1: 70, fra: 30, weu: 0 });
    expect(geo('*').shares).toMatchObject({ use1: 70, fra: 30, weu: 0 });
    expect(geo('JP').reasons).toContainEqual({ kind: 'pinned', record: '*' });
  });

  it('moves a down endpoint’s pinned share to the other pinned endpoints, in proportion', () => {
    const plan = solve(load(policyWith(PINNED)), AT, {
      overrides: { downEndpoints: ['fra'], downRegions: [], downClouds: [] },
    });
    const geo = (id: string) => plan.services[0]!.geographies.find((g) => g.geo === id)!;
    expect(geo('JP').shares).toMatchObject({ use1: 100, fra: 0 });
    expect(geo('FR').shares).toMatchObject({ weu: 100, fra: 0 });
    // DE pinned only fra: the solver's choice takes it (never fra, which is down).
    expect(geo('DE').shares.fra).toBe(0);
    expect(Object.values(geo('DE').shares).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
  });

  it('drains a pinned endpoint under the maintenance ramp, step by step', () => {
    const rules = `rules:
  maintenance:
    - { name: fra-patch, target: fra, start: "2026-12-06T02:00Z", end: "2026-12-06T04:00Z", ramp: 40m, steps: 4 }
`;
    const policy = load(policyWith(PINNED, rules));
    const jp = (at: string) =>
      solve(policy, Date.parse(at)).services[0]!.geographies.find((g) => g.geo === 'JP')!.shares.fra!;
    const before = jp('2026-12-06T00:00Z');
    const midRamp = jp('2026-12-06T01:40Z');
    const during = jp('2026-12-06T03:00Z');
    expect(before).toBe(30);
    expect(midRamp).toBeGreaterThan(0);
    expect(midRamp).toBeLessThan(30);
    expect(during).toBe(0);
  });

  it('property: with nothing down or drained, every pinned geography gets exactly its pin', () => {
    const pinArb = fc
      .tuple(fc.nat(100), fc.nat(100), fc.nat(100))
      .filter(([a, b, c]) => a + b + c > 0)
      .map(([a, b, c]) => {
        // Work in whole tenths so the three pins always sum to exactly 100 and none is negative
        // (rounding each of two shares up could otherwise leave -0.1 for the third).
        const total = a + b + c;
        const use1 = Math.round((a / total) * 1000);
        const fra = Math.min(Math.round((b / total) * 1000), 1000 - use1);
        return { use1: use1 / 10, fra: fra / 10, weu: (1000 - use1 - fra) / 10 };
      });
    fc.assert(
      fc.property(pinArb, pinArb, (all, eu) => {
        const text = policyWith(`  - name: www.example.com
    endpoints: [use1, fra, weu]
    publish: [r53]
    pinned:
      '*': ${JSON.stringify(all)}
      continent:EU: ${JSON.stringify(eu)}
`);
        const plan = solve(load(text), AT);
        for (const geography of plan.services[0]!.geographies) {
          const pin = COUNTRIES.get(geography.geo)?.continent === 'EU' ? eu : all;
          for (const [id, share] of Object.entries(pin)) expect(geography.shares[id]).toBeCloseTo(share, 2);
        }
      }),
      { numRuns: 30 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { explainGeography } from '../../src/solve/explain.js';
import { solve } from '../../src/solve/solve.js';

const AT = Date.parse('2026-12-01T00:00:00Z');

function policyWith(users: string, demand = 'builtin'): Policy {
  const text = `
version: 1
providers: { r53: { type: route53, zone: example.com, backend: mock } }
endpoints:
  aws-use1: { cloud: aws, region: us-east-1, a: [192.0.2.1] }
  aws-fra: { cloud: aws, region: eu-central-1, a: [192.0.2.2] }
  az-zrh: { cloud: azure, region: switzerlandnorth, a: [192.0.2.3] }
services: [{ name: www.example.com, endpoints: [aws-use1, aws-fra, az-zrh], publish: [r53] }]
demand: ${demand}
rules:
  sovereignty:
    - { name: gdpr, users: ${users}, allow: { jurisdiction: EU } }
`;
  const loaded = loadPolicy(text, 'policy.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.policy;
}

function servingOf(policy: Policy, geo: string): string[] {
  const split = solve(policy, AT).services[0]!.geographies.find((g) => g.geo === geo)!;
  return Object.entries(split.shares)
    .filter(([, share]) => share > 0)
    .map(([id]) => id)
    .sort();
}

describe('EU and EEA cover every territory where EU law applies', () => {
  const policy = policyWith('[EEA]');

  it.each(['RE', 'GF', 'GP', 'MQ', 'YT', 'MF', 'AX'])('%s users stay on EU endpoints', (geo) => {
    expect(servingOf(policy, geo)).toEqual(['aws-fra']);
  });

  it.each(['GL', 'FO', 'NC', 'GI', 'SJ'])('%s, where EU law does not apply, is not held by the rule', (geo) => {
    const split = solve(policy, AT).services[0]!.geographies.find((g) => g.geo === geo)!;
    expect(split.reasons.some((r) => r.kind === 'sovereignty')).toBe(false);
  });
});

describe("'*' in a sovereignty rule's users", () => {
  it('validates, and names the default record only: its audience stays on allowed endpoints', () => {
    const policy = policyWith("['*']");
    expect(servingOf(policy, '*')).toEqual(['aws-fra']);
    const defaultSplit = solve(policy, AT).services[0]!.geographies.find((g) => g.geo === '*')!;
    expect(defaultSplit.reasons).toContainEqual({
      kind: 'sovereignty',
      rule: 'gdpr',
      excluded: ['aws-use1', 'az-zrh'],
    });
    // Countries are not the default record's audience: the US keeps its nearest endpoint.
    expect(servingOf(policy, 'US')).toEqual(['aws-use1']);
    expect(servingOf(policy, 'CH')).toEqual(['az-zrh']);
  });

  it('combines with places: EEA and * together hold both', () => {
    const policy = policyWith("[EEA, '*']");
    expect(servingOf(policy, '*')).toEqual(['aws-fra']);
    expect(servingOf(policy, 'RE')).toEqual(['aws-fra']);
    expect(servingOf(policy, 'US')).toEqual(['aws-use1']);
  });

  it('without it, the default record is not held by a rule for places', () => {
    const policy = policyWith('[EEA]');
    const defaultSplit = solve(policy, AT).services[0]!.geographies.find((g) => g.geo === '*')!;
    expect(defaultSplit.reasons.some((r) => r.kind === 'sovereignty')).toBe(false);
  });

  it('an unknown user geography is still refused with a position', () => {
    const loaded = loadPolicy(
      `version: 1
providers: { r53: { type: route53, zone: example.com, backend: mock } }
endpoints: { a: { cloud: aws, region: us-east-1, a: [192.0.2.1] } }
services: [{ name: www.example.com, endpoints: [a], publish: [r53] }]
rules: { sovereignty: [{ name: r, users: ['**'], allow: { clouds: [aws] } }] }
`,
      'p.yaml',
    );
    expect(loaded.ok).toBe(false);
    if (!loaded.ok)
      expect(loaded.diagnostics[0]).toMatchObject({
        code: 'POLICY.UNKNOWN_GEOGRAPHY',
        path: 'rules.sovereignty[0].users[0]',
      });
  });
});

describe('what explain says DNS cannot promise for a sovereign geography', () => {
  it('names the excluded endpoints the default record answers with, and how to hold it', () => {
    // Most users are in the US, so the default record (nearest for the world's demand) is US East.
    const policy = policyWith('[EEA]', '{ shares: { US: 90, DE: 10 } }');
    const [x] = explainGeography(policy, solve(policy, AT), 'RE');
    const text = x!.caveats.join('\n');
    expect(text).toMatch(/resolver abroad gets that country's answer, which rule 'gdpr' does not govern/);
    expect(text).toMatch(
      /default record's answer, which includes aws-use1 \(excluded here\): add \* to the users of rule 'gdpr'/,
    );
  });

  it("says the default record is held when '*' is among the rule's users", () => {
    const policy = policyWith("[EEA, '*']");
    const [x] = explainGeography(policy, solve(policy, AT), '*');
    expect(x!.caveats.join('\n')).toContain("Sovereignty rule 'gdpr' holds this record to its allowed endpoints");
    const [re] = explainGeography(policy, solve(policy, AT), 'RE');
    expect(re!.caveats.join('\n')).toMatch(/default record's answer \(aws-fra\), inside what rule 'gdpr' allows\./);
  });
});

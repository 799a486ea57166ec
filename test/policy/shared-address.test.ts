import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';

/**
 * Two different endpoints listing one address (or CNAME target): a warning naming both, at the
 * second entry's line, since capacity and shares are counted for each; an error where a service
 * publishes both to Azure, whose Traffic Manager profile would hold one target twice (the mock
 * refuses it, the stricter reading: docs/mock-azure.md). Route 53 takes one value in weighted sets
 * of different SetIdentifiers, so there it stays a warning.
 */
function policy(endpoints: string, publish = '[r53]'): string {
  return `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock }
  az: { type: azure, zone: example.com, resourceGroup: dns, subscription: "00000000-0000-0000-0000-000000000000", backend: mock }
endpoints:
${endpoints}
services:
  - { name: www.example.com, endpoints: [one, two], publish: ${publish} }
`;
}

function findings(text: string) {
  const loaded = loadPolicy(text, 'p.yaml');
  const all = loaded.ok ? loaded.warnings : loaded.diagnostics;
  return all.filter((d) => d.code === 'POLICY.SHARED_ADDRESS' || d.code === 'POLICY.SHARED_TARGET');
}

describe('two endpoints sharing one address', () => {
  it('Route 53 only: a warning naming both endpoints, at the second entry', () => {
    const found = findings(
      policy(`  one: { cloud: aws, region: us-east-1, a: [192.0.2.1, 192.0.2.2] }
  two: { cloud: azure, region: eastus, a: [192.0.2.9, 192.0.2.2] }`),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      code: 'POLICY.SHARED_ADDRESS',
      path: 'endpoints.two.a[1]',
      location: { file: 'p.yaml', line: 7 },
    });
    expect(found[0]!.message).toContain(
      "endpoints 'one' and 'two' both list 192.0.2.2 (endpoints.one.a[1] and endpoints.two.a[1])",
    );
    expect(found[0]!.message).toMatch(/capacity, shares and cloud balance are counted for each endpoint/);
  });

  it('compares IPv6 as addresses and CNAME targets without case or trailing dot', () => {
    expect(
      findings(
        policy(`  one: { cloud: aws, region: us-east-1, aaaa: ["2001:db8::a"] }
  two: { cloud: azure, region: eastus, aaaa: ["2001:DB8:0:0::A"] }`),
      ).map((d) => d.path),
    ).toEqual(['endpoints.two.aaaa[0]']);
    expect(
      findings(
        policy(`  one: { cloud: aws, region: us-east-1, cname: App.Example.net. }
  two: { cloud: azure, region: eastus, cname: app.example.net }`),
      ).map((d) => d.path),
    ).toEqual(['endpoints.two.cname']);
  });

  it('published to Azure: an error (Traffic Manager would hold one target twice)', () => {
    const text = policy(
      `  one: { cloud: aws, region: us-east-1, a: [192.0.2.1] }
  two: { cloud: azure, region: eastus, a: [192.0.2.1] }`,
      '[r53, az]',
    );
    const found = findings(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', code: 'POLICY.SHARED_TARGET', path: 'endpoints.two.a[0]' });
    expect(found[0]!.message).toMatch(/service www\.example\.com publishes both to Azure \(provider az\)/);
    expect(loadPolicy(text, 'p.yaml').ok).toBe(false);
  });

  it('says nothing for distinct addresses, or for one endpoint listing its address twice (DUPLICATE_ADDRESS)', () => {
    expect(
      findings(
        policy(`  one: { cloud: aws, region: us-east-1, a: [192.0.2.1] }
  two: { cloud: azure, region: eastus, a: [192.0.2.2], aaaa: ["2001:db8::1"] }`),
      ),
    ).toEqual([]);
    const twice = loadPolicy(
      policy(`  one: { cloud: aws, region: us-east-1, a: [192.0.2.1, 192.0.2.1] }
  two: { cloud: azure, region: eastus, a: [192.0.2.2] }`),
      'p.yaml',
    );
    expect(twice.ok ? [] : twice.diagnostics.map((d) => d.code)).toEqual(['POLICY.DUPLICATE_ADDRESS']);
  });
});

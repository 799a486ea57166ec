import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { renderAzure } from '../../src/render/azure.js';
import { renderRoute53 } from '../../src/render/route53.js';
import { solve } from '../../src/solve/solve.js';

/**
 * No health option is accepted and ignored: each one, set to a value other than its default,
 * changes what some provider is told to hold (Route 53 health checks, Traffic Manager monitors),
 * or the policy is refused. `healthChecks: true` is what creates Route 53 checks at all.
 */

const BASE = (r53: string, check: string) => `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock${r53} }
  az: { type: azure, zone: example.com, subscription: sub-1, resourceGroup: dns, backend: mock }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20] }
  az-weu: { cloud: azure, region: westeurope, a: [198.51.100.20] }
services:
  - name: www.example.com
    endpoints: [aws-fra, az-weu]
    publish: [r53, az]
    healthCheck: { protocol: https${check} }
`;

function published(text: string): string {
  const result = loadPolicy(text, 'p.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const policy: Policy = result.policy;
  const splits = solve(policy, Date.parse('2026-12-06T03:00:00Z'));
  const [r53, az] = policy.providers;
  return JSON.stringify([
    renderRoute53({ policy, splits, provider: r53! }).resources,
    renderAzure({ policy, splits, provider: az! }).resources,
  ]);
}

const CHECKS = ', healthChecks: true';

describe('no health option is accepted and ignored', () => {
  it('healthChecks: true creates Route 53 checks, and false creates none', () => {
    expect(published(BASE(CHECKS, ''))).toContain('route53.healthcheck|tp-hc:');
    expect(published(BASE('', ''))).not.toContain('route53.healthcheck');
  });

  it.each([
    ['protocol', ', protocol: http'],
    ['port', ', port: 8443'],
    ['path', ', path: /healthz'],
    ['host', ', host: www.example.com'],
    ['interval', ', interval: 10'],
    ['failureThreshold', ', failureThreshold: 5'],
    ['regions', ', regions: [us-east-1, eu-west-1, ap-southeast-1]'],
    ['timeout', ', timeout: 6'],
    ['expectedStatus', ', expectedStatus: [200-399]'],
    ['headers', ', headers: { X-Probe: tp }'],
  ])('%s changes what is published', (_field, setting) => {
    const base = published(BASE(CHECKS, ''));
    const changed = setting.includes('protocol') ? setting.replace(', protocol: http', '') : setting;
    const text = setting.includes('protocol')
      ? BASE(CHECKS, '').replace('protocol: https', 'protocol: http')
      : BASE(CHECKS, changed);
    expect(published(text)).not.toEqual(base);
  });

  it('healthCheckQuota is enforced (see route53-checks.test.ts) and health: provider needs a checking provider', () => {
    const text = BASE('', '')
      .replace('  az: {', '  azz: {')
      .replace('publish: [r53, az]', 'publish: [r53]')
      .replace('    healthCheck: { protocol: https }\n', '');
    const result = loadPolicy(`${text}health: provider\n`, 'p.yaml');
    expect(result.ok ? [] : result.diagnostics.map((d) => d.code)).toEqual(['POLICY.HEALTH_CHECK_UNUSED']);
  });
});

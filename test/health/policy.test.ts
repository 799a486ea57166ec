import { describe, expect, it } from 'vitest';
import { resolveHealthCheck } from '../../src/policy/health.js';
import { loadPolicy } from '../../src/policy/load.js';
import { monitorFor } from '../../src/render/azure-monitor.js';

/** A policy with a Route 53 provider (`healthChecks` as given) and, optionally, an Azure one. */
function policyText(options: { r53Checks?: boolean; azure?: boolean; service?: string; endpoint?: string }): string {
  const publish = options.azure === true ? '[r53, az]' : '[r53]';
  return `version: 1
providers:
  r53: { type: route53, zone: example.com, backend: mock, healthChecks: ${options.r53Checks === true} }
  az: { type: azure, zone: example.com, subscription: sub-1, resourceGroup: dns, backend: mock }
endpoints:
  aws-fra: { cloud: aws, region: eu-central-1, a: [203.0.113.20]${options.endpoint === undefined ? '' : `, healthCheck: ${options.endpoint}`} }
  aws-use1: { cloud: aws, region: us-east-1, a: [203.0.113.10] }
services:
  - name: www.example.com
    endpoints: [aws-fra, aws-use1]
    publish: ${publish}
${options.service === undefined ? '' : `    healthCheck: ${options.service}\n`}`;
}

function codes(text: string): string[] {
  const result = loadPolicy(text, 'policy.yaml');
  return result.ok ? [] : result.diagnostics.map((d) => `${d.code} ${d.path}`);
}

describe('health checks in the policy', () => {
  it('merges the service default with the endpoint override, field by field', () => {
    const result = loadPolicy(
      policyText({
        r53Checks: true,
        service: '{ protocol: https, path: /healthz, interval: 10, failureThreshold: 2 }',
        endpoint: '{ port: 8443, host: api.example.com }',
      }),
      'p.yaml',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const service = result.policy.services[0]!;
    const fra = result.policy.endpoints.find((e) => e.id === 'aws-fra')!;
    const use1 = result.policy.endpoints.find((e) => e.id === 'aws-use1')!;
    expect(resolveHealthCheck(service, fra)).toEqual({
      protocol: 'https',
      port: 8443,
      path: '/healthz',
      host: 'api.example.com',
      interval: 10,
      failureThreshold: 2,
      timeout: 9,
      headers: [],
    });
    expect(resolveHealthCheck(service, use1)).toMatchObject({ port: 443, path: '/healthz', interval: 10 });
    expect(resolveHealthCheck(undefined, use1)).toEqual({
      protocol: 'tcp',
      port: 443,
      interval: 30,
      timeout: 10,
      headers: [],
    });
  });

  it('Traffic Manager gets the same settings in its own terms', () => {
    expect(
      monitorFor(
        {
          healthCheck: {
            protocol: 'http',
            failureThreshold: 5,
            expectedStatus: ['200-299', '301'],
            headers: { 'X-Probe': 'tp' },
          },
        },
        { healthCheck: { host: 'app.example.com', timeout: 7 } },
      ),
    ).toEqual({
      protocol: 'HTTP',
      port: 80,
      path: '/',
      intervalInSeconds: 30,
      timeoutInSeconds: 7,
      toleratedNumberOfFailures: 4,
      customHeaders: [
        { name: 'Host', value: 'app.example.com' },
        { name: 'X-Probe', value: 'tp' },
      ],
      expectedStatusCodeRanges: [
        { min: 200, max: 299 },
        { min: 301, max: 301 },
      ],
    });
  });

  it.each([
    ['interval: 15', 'POLICY.INVALID'],
    ['failureThreshold: 11', 'POLICY.INVALID'],
    ['failureThreshold: 0', 'POLICY.INVALID'],
    ['regions: [us-east-1, eu-west-1]', 'POLICY.INVALID'],
    ['regions: [us-east-1, eu-west-1, eu-central-1]', 'POLICY.INVALID'],
    ['port: 70000', 'POLICY.INVALID'],
    ['path: healthz', 'POLICY.INVALID'],
  ])('refuses %s with the providers’ ranges', (field, code) => {
    expect(codes(policyText({ r53Checks: true, azure: true, endpoint: `{ ${field} }` }))[0]).toMatch(code);
  });

  it.each([
    ['timeout: 4', 'POLICY.INVALID'],
    ['timeout: 11', 'POLICY.INVALID'],
    ['interval: 10, timeout: 10', 'POLICY.HEALTH_CHECK_INVALID endpoints.aws-fra.healthCheck.timeout'],
    ['protocol: tcp, path: /x', 'POLICY.HEALTH_CHECK_INVALID endpoints.aws-fra.healthCheck.path'],
    ['expectedStatus: [299-200]', 'POLICY.INVALID'],
    ['expectedStatus: [99]', 'POLICY.INVALID'],
    ['host: a.example.com, headers: { host: b }', 'POLICY.HEALTH_CHECK_INVALID endpoints.aws-fra.healthCheck.headers'],
  ])('refuses %s with Traffic Manager’s ranges', (field, code) => {
    expect(codes(policyText({ r53Checks: true, azure: true, endpoint: `{ ${field} }` }))[0]).toMatch(code);
  });

  it('accepts nothing it would ignore', () => {
    // A check on an endpoint only a Route 53 provider without healthChecks publishes.
    expect(codes(policyText({ endpoint: '{ protocol: http }' }))).toEqual([
      'POLICY.HEALTH_CHECK_UNUSED endpoints.aws-fra.healthCheck',
    ]);
    expect(codes(policyText({ service: '{ protocol: http }' }))).toEqual([
      'POLICY.HEALTH_CHECK_UNUSED services[0].healthCheck',
    ]);
    // Traffic Manager-only fields without an Azure provider; Route 53-only ones without checks.
    expect(codes(policyText({ r53Checks: true, endpoint: '{ timeout: 5, headers: { X-A: b } }' }))).toEqual([
      'POLICY.HEALTH_CHECK_UNUSED endpoints.aws-fra.healthCheck.timeout',
      'POLICY.HEALTH_CHECK_UNUSED endpoints.aws-fra.healthCheck.headers',
    ]);
    expect(codes(policyText({ azure: true, endpoint: '{ regions: [us-east-1, us-west-1, eu-west-1] }' }))).toEqual([
      'POLICY.HEALTH_CHECK_UNUSED endpoints.aws-fra.healthCheck.regions',
    ]);
    expect(
      codes(
        policyText({
          r53Checks: true,
          azure: true,
          endpoint: '{ regions: [us-east-1, us-west-1, eu-west-1], timeout: 6 }',
        }),
      ),
    ).toEqual([]);
  });
});
